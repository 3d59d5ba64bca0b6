"""Recover/Share stage: the RIS <-> CSL-JSON tables (reference types and tags).

Data only; :mod:`citekit.formats.ris.read` reads with them and :mod:`citekit.formats.ris.write`
writes with their reverse. RIS gives most tags a meaning that depends on the reference type
(``T2`` is a chapter's book, a book's series, a conference paper's conference; ``SN`` is a
report's number; ``M1`` a bill's number, a book's series number). Each ``TY`` is read as one
*kind*, named for the Zotero item type Zotero's RIS translator reads it as, and each kind
says what its tags mean as CSL variables (Zotero's field, turned into CSL as Zotero's own CSL
export does). A tag a kind gives no meaning keeps its value in ``custom["ris-tags"]``, from
where the writer puts it back. Where pandoc's RIS reader and Zotero's read a ``TY`` as
the same type, citekit does too (``CLSWK`` a book, ``JFULL`` a journal article, ``LEGAL`` a
case, ``STAND`` a report); where they differ, citekit takes the CSL type that names the work
(``ANCIENT`` -> classic, ``FIGURE`` -> figure, ``GEN`` -> document) or the one of the two
that is a CSL type (``CTLG``: pandoc's "catalog" is none, so Zotero's magazine article).
"""
from __future__ import annotations

#: RIS TY -> (CSL type, kind)
TYPES_AND_KINDS: dict[str, tuple[str, str]] = {
    "JOUR": ("article-journal", "journalArticle"),
    "EJOUR": ("article-journal", "journalArticle"),
    "ABST": ("article-journal", "journalArticle"),
    "INPR": ("article-journal", "journalArticle"),  # Zotero: a manuscript
    "JFULL": ("article-journal", "journalArticle"),  # pandoc and Zotero alike
    "GEN": ("document", "generic"),  # Zotero: a journal article
    "GRANT": ("document", "journalArticle"),
    "GRNT": ("document", "document"),
    "EQUA": ("document", "document"),
    "AGGR": ("dataset", "document"),  # an aggregated database; Zotero: a document
    "ANCIENT": ("classic", "document"),
    "CLSWK": ("book", "book"),  # pandoc and Zotero alike
    "MGZN": ("article-magazine", "magazineArticle"),
    "NEWS": ("article-newspaper", "newspaperArticle"),
    "PRESS": ("article-newspaper", "newspaperArticle"),
    "BOOK": ("book", "book"), "EBOOK": ("book", "book"), "SER": ("book", "book"),
    "CTLG": ("article-magazine", "magazineArticle"),  # pandoc: "catalog" (no CSL type)
    "EDBOOK": ("book", "editedBook"),
    "CHAP": ("chapter", "bookSection"), "ECHAP": ("chapter", "bookSection"),
    "CONF": ("paper-conference", "conferencePaper"),
    "CPAPER": ("paper-conference", "conferencePaper"),
    "RPRT": ("report", "report"), "GOVDOC": ("report", "report"),
    "STAND": ("report", "report"),  # pandoc and Zotero alike
    "THES": ("thesis", "thesis"),
    "ELEC": ("webpage", "webpage"), "WEB": ("webpage", "webpage"),
    "BLOG": ("post-weblog", "blogPost"),
    "DATA": ("dataset", "dataset"), "DBASE": ("dataset", "dataset"),
    "COMP": ("software", "computerProgram"),
    "PAT": ("patent", "patent"),
    "CASE": ("legal_case", "case"),
    "STAT": ("legislation", "statute"),
    "LEGAL": ("legal_case", "case"),  # pandoc and Zotero alike
    "BILL": ("bill", "bill"), "UNBILL": ("manuscript", "manuscript"),
    "HEAR": ("hearing", "hearing"),
    "MAP": ("map", "map"),
    "ART": ("graphic", "artwork"), "CHART": ("graphic", "artwork"),
    "FIGURE": ("figure", "artwork"),
    "MPCT": ("motion_picture", "film"), "ADVS": ("motion_picture", "film"),
    "VIDEO": ("motion_picture", "videoRecording"), "MULTI": ("motion_picture", "videoRecording"),
    "SOUND": ("song", "audioRecording"), "MUSIC": ("musical_score", "audioRecording"),
    "PCOMM": ("personal_communication", "letter"),
    "ICOMM": ("personal_communication", "email"),
    "UNPB": ("manuscript", "journalArticle"),  # Zotero: a journal article, T2 its journal
    "UNPD": ("manuscript", "manuscript"),
    "MANSCPT": ("manuscript", "manuscript"),
    "PAMP": ("pamphlet", "manuscript"),
    "ENCYC": ("entry-encyclopedia", "encyclopediaArticle"),
    "DICT": ("entry-dictionary", "dictionaryEntry"),
    "SLIDE": ("speech", "presentation"),
    "INTV": ("interview", "interview"),
}
#: a TY nobody knows (or none): a document, its tags read with their generic meanings
DEFAULT_TYPE, DEFAULT_KIND = "document", "generic"

#: CSL type -> RIS TY written
TYPES_OUT: dict[str, str] = {
    "article-journal": "JOUR", "article": "JOUR", "periodical": "JFULL",
    "article-magazine": "MGZN", "article-newspaper": "NEWS", "book": "BOOK", "collection": "BOOK",
    "chapter": "CHAP", "paper-conference": "CPAPER", "report": "RPRT", "thesis": "THES",
    "webpage": "ELEC", "post": "BLOG", "post-weblog": "BLOG", "dataset": "DATA",
    "software": "COMP", "patent": "PAT", "legal_case": "CASE", "legislation": "STAT",
    "bill": "BILL", "hearing": "HEAR", "map": "MAP", "graphic": "ART", "figure": "FIGURE",
    "motion_picture": "MPCT", "song": "SOUND", "musical_score": "MUSIC",
    "personal_communication": "PCOMM", "manuscript": "MANSCPT", "document": "GEN",
    "standard": "STAND", "entry-encyclopedia": "ENCYC", "entry-dictionary": "DICT",
    "entry": "ENCYC", "pamphlet": "PAMP", "classic": "CLSWK", "speech": "SLIDE",
    "interview": "INTV",
}

#: tags every kind reads alike. Where several tags feed one variable the first listed (in
#: a kind's table: these, then the kind's own) wins and the others stay in custom.
COMMON: dict[str, str] = {
    "TI": "title", "T1": "title", "CT": "title",
    "AU": "author", "A1": "author",
    "DA": "issued", "PY": "issued", "Y1": "issued", "Y2": "accessed",
    "AB": "abstract", "N2": "abstract", "ST": "title-short", "UR": "URL", "LA": "language",
    "DO": "DOI", "KW": "keyword", "N1": "note", "RN": "annote", "ID": "citation-key",
    "LB": "citation-label", "OP": "original-title",
}
#: where a library holds the work (Zotero: archive, loc. in archive, library catalog, call
#: number); H1/H2 are Citavi's library and call number
HOLDINGS: dict[str, str] = {
    "DB": "archive", "AN": "archive_location", "AV": "archive_location", "DP": "source",
    "CN": "call-number", "H1": "source", "H2": "call-number",
}
#: kinds whose works sit in no library (Zotero has no archive fields for them)
UNHELD = frozenset({"bill", "blogPost", "case", "email", "hearing", "patent", "presentation",
                    "statute", "webpage"})

_PUBLISHED = {"PB": "publisher", "CY": "publisher-place", "PP": "publisher-place"}
#: J2 abbreviates the container's title where there is one (Zotero keeps it for journals
#: only; CSL for every container); alone it also names the container. JO is a journal's
#: abbreviation to Zotero (its name to pandoc): alone, the container's name to both
_ABBREVIATED = {"J2": "container-title-short", "JA": "container-title-short",
                "JO": "container-title-short"}
_BOOKISH = {"A4": "translator", "VL": "volume", "SN": "ISBN", "ET": "edition", **_PUBLISHED}
_IN_BOOK = {"T2": "container-title", "BT": "container-title", **_ABBREVIATED, "A2": "editor",
            "A3": "collection-editor", "NV": "number-of-volumes", "SP": "page", **_BOOKISH}
_BOOK = {"T2": "collection-title", "T3": "collection-title", "BT": "title",
         "A2": "collection-editor", "A3": "editor", "M1": "collection-number",
         "NV": "number-of-volumes", "SP": "number-of-pages", **_BOOKISH}
_PERIODICAL = {"T2": "container-title", "JF": "container-title", "BT": "container-title",
               **_ABBREVIATED, "A4": "translator", "VL": "volume",
               "IS": "issue", "SP": "page", "SN": "ISSN", **_PUBLISHED}

#: kind -> {tag: CSL variable}, on top of COMMON (and HOLDINGS unless the kind is UNHELD)
KINDS: dict[str, dict[str, str]] = {
    "journalArticle": {**_PERIODICAL, "M1": "issue", "T3": "collection-title",
                       "A2": "editor", "SE": "section"},
    # GEN (and a TY nobody knows): a journal article's tags, its M3 the type of work
    "generic": {**_PERIODICAL, "M1": "issue", "T3": "collection-title", "A2": "editor",
                "SE": "section", "M3": "genre"},
    "magazineArticle": _PERIODICAL,
    "newspaperArticle": {**_PERIODICAL, "SE": "section", "ET": "edition"},
    "book": _BOOK,
    "editedBook": {**_BOOK, "AU": "editor", "A1": "editor"},  # EndNote's edited book
    "bookSection": {**{t: v for t, v in _IN_BOOK.items() if t != "NV"},  # IS/M1 say it
                    "T3": "collection-title", "C2": "container-author",
                    "IS": "number-of-volumes", "M1": "number-of-volumes",
                    "SV": "collection-number"},
    "encyclopediaArticle": _IN_BOOK,
    "dictionaryEntry": _IN_BOOK,
    "conferencePaper": {"T2": "event-title", "C3": "container-title", "BT": "container-title",
                        **_ABBREVIATED, "JO": "event-title",  # Zotero: the conference
                        "T3": "collection-title", "A2": "editor", "A3": "collection-editor",
                        "A4": "contributor", "VL": "volume", "IS": "issue",
                        "NV": "number-of-volumes", "SP": "page", "SN": "ISBN",
                        "PB": "publisher", "C1": "publisher-place", "CY": "publisher-place"},
    "document": {"A2": "editor", "A4": "translator", **_PUBLISHED},
    "report": {"T2": "collection-title", "A2": "collection-editor", "A4": "translator",
               "SN": "number", "M1": "number", "M3": "genre", "SP": "page", "VL": "volume",
               **_PUBLISHED},
    "thesis": {"A3": "contributor", "M3": "genre", "SP": "number-of-pages", **_PUBLISHED},
    "manuscript": {"A4": "translator", "M3": "genre", "SP": "number-of-pages", **_PUBLISHED},
    "letter": {"A2": "recipient", "M3": "genre"},
    "email": {"A2": "recipient"},
    "webpage": {"T2": "container-title", **_ABBREVIATED, "A4": "translator", "M3": "genre",
                **_PUBLISHED},
    "blogPost": {"T2": "container-title", **_ABBREVIATED, "A4": "translator", "M3": "genre"},
    "case": {"A2": "container-title", "PB": "authority", "VL": "volume", "SP": "page",
             "SV": "number", "OP": "references"},  # A2: the reporter, PB: the court
    "statute": {"T2": "container-title", "VL": "volume", "M1": "number",
                "ET": "chapter-number", "SE": "section", "SP": "page", "OP": "references"},
    "bill": {"A2": "author", "T2": "container-title", "T3": "authority", "VL": "volume",
             "M1": "number", "ET": "chapter-number", "SE": "section", "SP": "page",
             "OP": "references"},  # A2: the sponsor, T3: the legislative body
    "hearing": {"T2": "section", "T3": "authority", "M1": "number",
                "NV": "number-of-volumes", "ET": "chapter-number", "SP": "page",
                "OP": "references", **_PUBLISHED},  # T2: the committee
    # Zotero's CSL export: application number -> call-number, priority numbers -> issue
    "patent": {"A2": "authority", "C1": "submitted", "C2": "issued", "C5": "references",
               "C6": "status", "SN": "number", "M1": "call-number", "OP": "issue",
               "SP": "page", "CY": "publisher-place"},
    "computerProgram": {"T2": "collection-title", "ET": "version", "LA": "genre",
                        "M1": "medium", "SN": "ISBN", **_PUBLISHED},
    "dataset": {"A4": "contributor", "ET": "version", "IS": "version", "NV": "number",
                **_PUBLISHED},
    "artwork": {"M3": "medium", "C3": "dimensions"},
    "audioRecording": {"AU": "composer", "A1": "composer", "A2": "author", "A4": "translator",
                       "T3": "collection-title", "VL": "volume", "NV": "number-of-volumes",
                       "SN": "ISBN", "C5": "medium", **_PUBLISHED},  # A2: the performers
    "film": {"A3": "producer", "A4": "contributor", "C4": "genre", "C5": "medium",
             "SP": "dimensions", **_PUBLISHED},  # AU: the director, SP: running time
    "videoRecording": {"AU": "director", "A1": "director", "C1": "performer",
                       "A3": "producer", "C5": "medium", "SN": "ISBN", "VL": "volume",
                       "NV": "number-of-volumes", **_PUBLISHED},
    "map": {"T2": "collection-title", "A3": "collection-editor", "C1": "scale",
            "M3": "genre", "ET": "edition", "SN": "ISBN", **_PUBLISHED},
    "presentation": {"A2": "author", "T2": "event-title", "M3": "genre",
                     "CY": "publisher-place"},  # A2: the presenter
    "interview": {"A2": "interviewer", "M3": "medium", **_PUBLISHED},
}


def _table(kind: str) -> dict[str, str]:
    table = dict(COMMON)
    if kind not in UNHELD:
        table.update(HOLDINGS)
    table.update(KINDS[kind])
    return table


#: kind -> {tag: CSL variable}, in the order that decides between tags
TAGS: dict[str, dict[str, str]] = {kind: _table(kind) for kind in KINDS}

#: kind -> {CSL variable: the tag written for it} (the first tag that reads it back)
TAGS_OUT: dict[str, dict[str, str]] = {
    kind: {var: tag for tag, var in reversed(table.items())}
    for kind, table in TAGS.items()}

#: ProCite writes fields RIS has no tag for as notes, ``N1  - Call Number: QA76``: the
#: label -> the CSL variable (read through the kind's tag for it, when the kind has one)
PROCITE_NOTES: dict[str, str] = {
    "Call Number": "call-number", "Edition": "edition", "ISBN": "ISBN", "Language": "language",
    "Publisher Name": "publisher", "Series Title": "collection-title",
    "Proceedings Title": "container-title", "Page(s)": "page", "Volume ID": "volume",
    "Issue ID": "issue", "Issue Identification": "issue", "Series Volume ID": "collection-number",
    "Scale": "scale", "Place of Publication": "publisher-place",
    "Histroy": "references",  # sic: ProCite's export filter spells it so
    "Record ID": "citation-key", "Record Number": "citation-key", "Notes": "note",
}
#: labels only some kinds read (ProCite's "Size" is an artwork's; a film's SP is its length)
PROCITE_KIND_NOTES: dict[str, dict[str, str]] = {"artwork": {"Size": "dimensions"}}
#: TY -> tags ProCite gives other meanings, once its notes show a file is ProCite's (by
#: the TY ProCite wrote, as Zotero reads them: a SER is a book whose VL is still its volume)
PROCITE_TAGS: dict[str, dict[str, str]] = {
    "BOOK": {"VL": "ET", "IS": "VL"}, "CHAP": {"VL": "ET"}, "COMP": {"IS": "ET"},
    "ART": {"M1": "M3"}, "BILL": {"CY": "T2", "VL": "M1", "SP": "SE"},
}
#: ProCite's notes naming a further author (``N1  - Author, Subsidiary: Jane Doe``), given
#: name first: the first of A1, A2, A3 the record does not use yet, as Zotero reads them
PROCITE_AUTHORS = ("Author, Subsidiary", "Author, Monographic")

SEASONS = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}

#: the order tags are written in (others after, alphabetically)
ORDER = ("TY", "ID", "AU", "A2", "A3", "A4", "TI", "ST", "T2", "J2", "T3", "PY", "DA", "Y2",
         "VL", "IS", "SP", "EP", "ET", "PB", "CY", "SN", "DO", "UR", "KW", "AB", "N1", "LA")


def type_and_kind(ty: str) -> tuple[str, str]:
    """The CSL type and the kind a ``TY`` value is read as."""
    return TYPES_AND_KINDS.get(ty.strip().upper(), (DEFAULT_TYPE, DEFAULT_KIND))


def kind_of_type(ctype: str) -> tuple[str, str]:
    """The ``TY`` written for a CSL type and the kind its tags are written with."""
    ty = TYPES_OUT.get(ctype, "GEN")
    return ty, TYPES_AND_KINDS[ty][1]
