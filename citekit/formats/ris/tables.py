"""Recover/Share stage: the RIS <-> CSL-JSON tables (reference types and tags).

Data only; :mod:`citekit.formats.ris.read` reads with them and :mod:`citekit.formats.ris.write`
writes with their reverse. Tags follow the RIS specification (Research Information Systems, 2011)
as exported by Zotero, EndNote, Mendeley and the common databases.
"""
from __future__ import annotations

#: RIS TY -> CSL type
TYPES: dict[str, str] = {
    "JOUR": "article-journal", "EJOUR": "article-journal", "ABST": "article-journal",
    "INPR": "article-journal", "JFULL": "periodical", "MGZN": "article-magazine",
    "NEWS": "article-newspaper", "PRESS": "article-newspaper", "BOOK": "book", "EBOOK": "book",
    "EDBOOK": "book", "SER": "book", "CTLG": "book", "CHAP": "chapter", "ECHAP": "chapter",
    "CONF": "paper-conference", "CPAPER": "paper-conference", "RPRT": "report",
    "GOVDOC": "report", "THES": "thesis", "ELEC": "webpage", "WEB": "webpage",
    "BLOG": "post-weblog", "DATA": "dataset", "AGGR": "dataset", "COMP": "software",
    "PAT": "patent", "CASE": "legal_case", "STAT": "legislation", "LEGAL": "legislation",
    "BILL": "bill", "HEAR": "hearing", "MAP": "map", "ART": "graphic", "FIGURE": "figure",
    "MPCT": "motion_picture", "VIDEO": "motion_picture", "SOUND": "song",
    "MUSIC": "musical_score", "PCOMM": "personal_communication", "UNPB": "manuscript",
    "MANSCPT": "manuscript", "GEN": "document", "STAND": "standard",
    "ENCYC": "entry-encyclopedia", "DICT": "entry-dictionary", "PAMP": "pamphlet",
    "ANCIENT": "classic", "CLSWK": "classic", "MULTI": "webpage", "ADVS": "document",
    "SLIDE": "speech", "INTV": "interview",
}

#: CSL type -> RIS TY written
TYPES_OUT: dict[str, str] = {
    "article-journal": "JOUR", "article": "JOUR", "periodical": "JFULL",
    "article-magazine": "MGZN", "article-newspaper": "NEWS", "book": "BOOK", "collection": "BOOK",
    "chapter": "CHAP", "paper-conference": "CPAPER", "report": "RPRT", "thesis": "THES",
    "webpage": "ELEC", "post": "BLOG", "post-weblog": "BLOG", "dataset": "DATA",
    "software": "COMP", "patent": "PAT", "legal_case": "CASE", "legislation": "STAT",
    "bill": "BILL", "hearing": "HEAR", "map": "MAP", "graphic": "ART", "figure": "FIGURE",
    "motion_picture": "MPCT", "song": "SOUND", "musical_score": "MUSIC",
    "personal_communication": "PCOMM", "manuscript": "UNPB", "document": "GEN",
    "standard": "STAND", "entry-encyclopedia": "ENCYC", "entry-dictionary": "DICT",
    "entry": "ENCYC", "pamphlet": "PAMP", "classic": "CLSWK", "speech": "SLIDE",
    "interview": "INTV",
}

#: name tags -> CSL name variable
NAME_TAGS: dict[str, str] = {"AU": "author", "A1": "author", "A2": "editor", "ED": "editor",
                             "A3": "collection-editor", "A4": "translator"}

#: text tags -> CSL variable; several tags may feed one variable (the first one met wins,
#: later ones are kept in custom["ris-tags"])
TEXT_TAGS: dict[str, str] = {
    "TI": "title", "T1": "title", "CT": "title", "T2": "container-title",
    "JF": "container-title", "JO": "container-title", "BT": "container-title",
    "J2": "container-title-short", "JA": "container-title-short", "T3": "collection-title",
    "ST": "title-short", "VL": "volume", "IS": "issue", "PB": "publisher",
    "CY": "publisher-place", "PP": "publisher-place", "DO": "DOI", "UR": "URL",
    "AB": "abstract", "N2": "abstract", "N1": "note", "ET": "edition", "LA": "language",
    "M3": "genre", "AN": "archive_location", "DB": "archive", "DP": "source",
    "CN": "call-number", "NV": "number-of-volumes", "SE": "section", "M1": "number",
    "ID": "citation-key", "OP": "original-title", "RN": "annote", "LB": "citation-label",
    "H1": "source", "H2": "call-number",  # holdings (library, call number), as Citavi writes
}

#: tags written for each CSL variable (the reverse of TEXT_TAGS, one tag each)
TEXT_OUT: dict[str, str] = {
    "title": "TI", "container-title": "T2", "container-title-short": "J2",
    "collection-title": "T3", "title-short": "ST", "volume": "VL", "issue": "IS",
    "publisher": "PB", "publisher-place": "CY", "DOI": "DO", "URL": "UR", "abstract": "AB",
    "note": "N1", "edition": "ET", "language": "LA", "genre": "M3", "archive_location": "AN",
    "source": "DP", "archive": "DB", "call-number": "CN", "number-of-volumes": "NV",
    "section": "SE", "number": "M1", "citation-key": "ID", "original-title": "OP",
    "annote": "RN", "citation-label": "LB",
}
NAME_OUT: dict[str, str] = {"author": "AU", "editor": "A2", "collection-editor": "A3",
                            "translator": "A4"}

#: DB is the name of the database (Zotero: archive), DP its provider (Zotero: library
#: catalog, CSL source), as Zotero reads and writes them.
#: types whose SN is an ISBN (others: ISSN) when its form does not tell
ISBN_TYPES = frozenset({"book", "chapter", "report", "thesis", "entry-encyclopedia",
                        "entry-dictionary", "paper-conference", "collection", "pamphlet"})

SEASONS = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}

#: the order tags are written in (others after, alphabetically)
ORDER = ("TY", "ID", "AU", "A2", "A3", "A4", "TI", "ST", "T2", "J2", "T3", "PY", "DA", "Y2",
         "VL", "IS", "SP", "EP", "ET", "PB", "CY", "SN", "DO", "UR", "KW", "AB", "N1", "LA")
