"""Recover/Share stage: the BibTeX/BibLaTeX <-> CSL-JSON tables (types, fields, roles, months).

Data only; :mod:`citekit.sources.bibtex` reads with them and :mod:`citekit.export.bibtex`
writes with their reverse. BibLaTeX's data model (biblatex manual §2) is the reference.
"""
from __future__ import annotations

#: BibTeX/BibLaTeX entry type -> CSL type
TYPES: dict[str, str] = {
    "article": "article-journal", "book": "book", "mvbook": "book", "inbook": "chapter",
    "bookinbook": "chapter", "suppbook": "chapter", "booklet": "pamphlet",
    "collection": "book", "mvcollection": "book", "incollection": "chapter",
    "suppcollection": "chapter", "dataset": "dataset", "manual": "report", "misc": "document",
    "online": "webpage", "www": "webpage", "electronic": "webpage", "patent": "patent",
    "periodical": "periodical", "suppperiodical": "article-journal", "proceedings": "book",
    "mvproceedings": "book", "inproceedings": "paper-conference", "conference":
    "paper-conference", "reference": "book", "mvreference": "book", "inreference":
    "entry-encyclopedia", "report": "report", "techreport": "report", "software": "software",
    "thesis": "thesis", "phdthesis": "thesis", "mastersthesis": "thesis", "unpublished":
    "manuscript", "artwork": "graphic", "audio": "song", "image": "graphic", "jurisdiction":
    "legal_case", "legislation": "legislation", "legal": "treaty", "letter":
    "personal_communication", "movie": "motion_picture", "video": "motion_picture", "music":
    "song", "performance": "performance", "review": "review", "standard": "standard",
}

#: article entrysubtype -> CSL type
ARTICLE_SUBTYPES = {"magazine": "article-magazine", "newspaper": "article-newspaper"}

#: entry types that are not items of their own
NON_ITEMS = frozenset({"set", "xdata"})

#: how a field's LaTeX is decoded: title (rich text, braces kept as nocase), text (rich text),
#: plain (no markup), verbatim (not decoded), names, date, pages, lang, genre
KINDS = ("title", "text", "plain", "verbatim", "names", "date", "pages", "lang", "genre")

#: BibLaTeX/BibTeX field -> (CSL variable, kind). Several fields may share a variable: the
#: first one met wins and the others are kept in ``custom``.
FIELDS: dict[str, tuple[str, str]] = {
    "title": ("title", "title"), "shorttitle": ("title-short", "title"),
    "journaltitle": ("container-title", "title"), "journal": ("container-title", "title"),
    "booktitle": ("container-title", "title"), "shortjournal": ("container-title-short", "title"),
    "series": ("collection-title", "title"), "eventtitle": ("event-title", "title"),
    "origtitle": ("original-title", "title"), "issuetitle": ("volume-title", "title"),
    "author": ("author", "names"), "editor": ("editor", "names"),
    "translator": ("translator", "names"), "bookauthor": ("container-author", "names"),
    "date": ("issued", "date"), "urldate": ("accessed", "date"),
    "eventdate": ("event-date", "date"), "origdate": ("original-date", "date"),
    "volume": ("volume", "plain"), "volumes": ("number-of-volumes", "plain"),
    "issue": ("issue", "plain"), "pages": ("page", "pages"), "pagetotal":
    ("number-of-pages", "plain"), "chapter": ("chapter-number", "plain"),
    "edition": ("edition", "plain"), "version": ("version", "plain"), "part": ("part", "plain"),
    "publisher": ("publisher", "text"), "institution": ("publisher", "text"),
    "school": ("publisher", "text"), "organization": ("publisher", "text"),
    "howpublished": ("publisher", "text"), "location": ("publisher-place", "text"),
    "address": ("publisher-place", "text"), "venue": ("event-place", "text"),
    "origlocation": ("original-publisher-place", "text"),
    "origpublisher": ("original-publisher", "text"),
    "doi": ("DOI", "verbatim"), "isbn": ("ISBN", "plain"), "issn": ("ISSN", "plain"),
    "url": ("URL", "verbatim"), "pmid": ("PMID", "plain"), "pmcid": ("PMCID", "plain"),
    "note": ("note", "text"), "annotation": ("annote", "text"), "annote": ("annote", "text"),
    "abstract": ("abstract", "text"), "keywords": ("keyword", "plain"),
    "langid": ("language", "lang"), "language": ("language", "lang"),
    "type": ("genre", "genre"), "pubstate": ("status", "plain"), "library": ("archive", "text"),
    "eid": ("number", "plain"), "shorthand": ("citation-label", "plain"),
}

#: the "number" field by CSL type (default: number)
NUMBER_BY_TYPE = {"article-journal": "issue", "article-magazine": "issue",
                  "article-newspaper": "issue", "periodical": "issue", "book": "collection-number",
                  "chapter": "collection-number", "paper-conference": "collection-number"}

#: subtitle fields joined to their title field with ": "
SUBTITLES = {"subtitle": "title", "booksubtitle": "booktitle",
             "journalsubtitle": "journaltitle", "issuesubtitle": "issuetitle"}

#: editortype (editora/b/c + editoratype) -> CSL name variable
EDITOR_ROLES: dict[str, str] = {
    "editor": "editor", "compiler": "compiler", "director": "director", "organizer":
    "organizer", "collaborator": "contributor", "producer": "producer", "curator": "curator",
    "translator": "translator", "illustrator": "illustrator", "chair": "chair", "narrator":
    "narrator", "executiveproducer": "executive-producer", "scriptwriter": "script-writer",
    "host": "host", "guest": "guest", "interviewer": "interviewer", "performer": "performer",
    "composer": "composer", "redactor": "editorial-director",
}

#: fields never inherited through crossref/xdata (biblatex manual §4.11.3)
NO_INHERIT = frozenset("""
ids crossref xref xdata entryset entrysubtype execute label options presort related
relatedoptions relatedstring relatedtype shorthand shorthandintro sortkey
""".split())

_TITLES = ("title", "subtitle", "titleaddon", "shorttitle", "sorttitle", "indextitle",
           "indexsorttitle")
_AS_BOOK = {"title": "booktitle", "subtitle": "booksubtitle", "titleaddon": "booktitleaddon"}
_AS_MAIN = {"title": "maintitle", "subtitle": "mainsubtitle", "titleaddon": "maintitleaddon"}
_AS_JOURNAL = {"title": "journaltitle", "subtitle": "journalsubtitle"}

#: (parent type, child type) -> renamed fields; title fields not listed are not inherited
INHERIT_RULES: dict[tuple[str, str], dict[str, str]] = {}
for _parents, _children, _rename in (
    (("mvbook", "book"), ("inbook", "bookinbook", "suppbook"),
     {**_AS_BOOK, "author": "bookauthor"}),
    (("mvbook",), ("book",), _AS_MAIN),
    (("mvcollection", "collection", "mvreference", "reference"),
     ("incollection", "suppcollection", "inreference"), _AS_BOOK),
    (("mvcollection",), ("collection",), _AS_MAIN),
    (("mvreference",), ("reference",), _AS_MAIN),
    (("mvproceedings", "proceedings"), ("inproceedings",), _AS_BOOK),
    (("mvproceedings",), ("proceedings",), _AS_MAIN),
    (("periodical",), ("article", "suppperiodical"), _AS_JOURNAL),
):
    for _p in _parents:
        for _c in _children:
            INHERIT_RULES[(_p, _c)] = _rename
TITLE_FIELDS = frozenset(_TITLES)

#: month macro / name -> number
MONTHS: dict[str, int] = {}
for _i, _m in enumerate("january february march april may june july august september october "
                        "november december".split(), 1):
    MONTHS[_m] = MONTHS[_m[:3]] = _i
MONTHS["sept"] = 9
MONTH_MACROS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                "dec")

#: babel language name (langid) <-> BCP 47 code
LANGUAGES: dict[str, str] = {
    "english": "en", "american": "en-US", "USenglish": "en-US", "british": "en-GB",
    "UKenglish": "en-GB", "australian": "en-AU", "canadian": "en-CA", "newzealand": "en-NZ",
    "german": "de", "ngerman": "de", "austrian": "de-AT", "naustrian": "de-AT", "swissgerman":
    "de-CH", "nswissgerman": "de-CH", "french": "fr", "italian": "it", "spanish": "es",
    "portuguese": "pt", "brazilian": "pt-BR", "dutch": "nl", "latin": "la", "greek": "el",
    "russian": "ru", "polish": "pl", "czech": "cs", "slovak": "sk", "swedish": "sv",
    "norwegian": "nb", "nynorsk": "nn", "danish": "da", "finnish": "fi", "icelandic": "is",
    "hungarian": "hu", "turkish": "tr", "croatian": "hr", "serbian": "sr", "slovene": "sl",
    "romanian": "ro", "bulgarian": "bg", "ukrainian": "uk", "catalan": "ca", "basque": "eu",
    "galician": "gl", "irish": "ga", "welsh": "cy", "hebrew": "he", "arabic": "ar",
    "japanese": "ja", "chinese": "zh", "korean": "ko", "estonian": "et", "latvian": "lv",
    "lithuanian": "lt",
}
#: langidopts variant -> region-specific babel name
LANGUAGE_VARIANTS = {("english", "american"): "american", ("english", "british"): "british"}

#: thesis/report ``type`` keys -> CSL genre text
GENRES: dict[str, str] = {
    "phdthesis": "PhD thesis", "mathesis": "Master's thesis", "mastersthesis": "Master's thesis",
    "candthesis": "Candidate thesis", "techreport": "Technical report", "resreport":
    "Research report", "software": "Computer software", "datacd": "CD-ROM", "audiocd":
    "Audio CD", "patent": "Patent", "patentus": "U.S. patent", "patentde": "German patent",
    "patenteu": "European patent", "patentuk": "British patent", "patentfr": "French patent",
    "patentjp": "Japanese patent",
}

#: eprinttype -> CSL archive name (eprint goes to archive_location)
EPRINT_ARCHIVES = {"arxiv": "arXiv", "jstor": "JSTOR", "hdl": "Handle", "googlebooks":
                   "Google Books", "hal": "HAL", "ssrn": "SSRN", "biorxiv": "bioRxiv"}
#: eprinttype that maps to a CSL identifier variable
EPRINT_IDS = {"pubmed": "PMID", "pmid": "PMID", "pmcid": "PMCID", "doi": "DOI"}

#: CSL type -> BibLaTeX entry types, the first being the one written
BIBLATEX_TYPES_OUT: dict[str, tuple[str, ...]] = {
    "article-journal": ("article",), "article-magazine": ("article",),
    "article-newspaper": ("article",), "book": ("book",), "chapter": ("incollection", "inbook"),
    "pamphlet": ("booklet",), "dataset": ("dataset",), "report": ("report",),
    "document": ("misc",), "webpage": ("online",), "post": ("online",),
    "post-weblog": ("online",), "patent": ("patent",), "periodical": ("periodical",),
    "paper-conference": ("inproceedings",), "entry-encyclopedia": ("inreference",),
    "entry-dictionary": ("inreference",), "entry": ("inreference",), "software": ("software",),
    "thesis": ("thesis",), "manuscript": ("unpublished",), "graphic": ("artwork",),
    "song": ("audio",), "legal_case": ("jurisdiction",), "legislation": ("legislation",),
    "treaty": ("legal",), "personal_communication": ("letter",),
    "motion_picture": ("movie",), "performance": ("performance",), "review": ("review",),
    "review-book": ("review",), "standard": ("standard",),
}

#: CSL type -> classic BibTeX entry type (others: misc)
BIBTEX_TYPES_OUT: dict[str, str] = {
    "article-journal": "article", "article-magazine": "article", "article-newspaper": "article",
    "book": "book", "chapter": "incollection", "pamphlet": "booklet", "report": "techreport",
    "thesis": "phdthesis", "paper-conference": "inproceedings", "manuscript": "unpublished",
    "entry-encyclopedia": "incollection", "entry-dictionary": "incollection",
    "entry": "incollection",
}
BIBTEX_CLASSIC_TYPES = frozenset("""
article book booklet conference inbook incollection inproceedings manual mastersthesis misc
phdthesis proceedings techreport unpublished
""".split())
