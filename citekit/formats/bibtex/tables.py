"""Recover/Share stage: the BibTeX/BibLaTeX <-> CSL-JSON tables (types, fields, roles, months).

Data only; :mod:`citekit.formats.bibtex.read` reads with them and
:mod:`citekit.formats.bibtex.write` writes with their reverse. BibLaTeX's data model (biblatex
manual §2) is the reference.
"""
from __future__ import annotations

from .biblatexkeys import ENGLISH as _KEY_TEXTS

#: BibTeX/BibLaTeX entry type -> CSL type
TYPES: dict[str, str] = {
    "article": "article-journal", "book": "book", "mvbook": "book", "inbook": "chapter",
    "bookinbook": "book", "suppbook": "chapter", "booklet": "pamphlet",
    "collection": "book", "mvcollection": "book", "incollection": "chapter",
    "suppcollection": "chapter", "dataset": "dataset", "manual": "book", "misc": "document",
    "online": "webpage", "www": "webpage", "electronic": "webpage", "patent": "patent",
    "periodical": "article-journal", "suppperiodical": "article-journal", "proceedings": "book",
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
    "copyright": ("license", "text"),  # as Zotero reads it (its Rights, CSL's license)
    "langid": ("language", "lang"), "language": ("language", "lang"),
    "type": ("genre", "genre"), "pubstate": ("status", "plain"),
    "library": ("call-number", "plain"),
    "eid": ("number", "plain"), "shorthand": ("citation-label", "plain"),
}

#: entry types whose ``number`` is the number in a series (CSL collection-number)
COLLECTION_NUMBER_TYPES = frozenset("""
book collection proceedings reference mvbook mvcollection mvproceedings mvreference bookinbook
inbook incollection inproceedings inreference suppbook suppcollection
""".split())

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
    (("mvbook",), ("book",), {**_AS_MAIN, "author": "bookauthor"}),
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

#: babel language name (langid, hyphenation; lower case) -> BCP 47 code, with the region CSL's
#: locales exist for (``english`` is en-US, ``german`` de-DE), as pandoc reads them
LANGUAGES: dict[str, str] = {
    "english": "en-US", "american": "en-US", "usenglish": "en-US", "british": "en-GB",
    "ukenglish": "en-GB", "canadian": "en-US", "australian": "en-GB", "newzealand": "en-GB",
    "german": "de-DE", "ngerman": "de-DE", "germanb": "de-DE", "austrian": "de-AT",
    "naustrian": "de-AT", "swissgerman": "de-CH", "nswissgerman": "de-CH", "french": "fr-FR",
    "francais": "fr-FR", "canadien": "fr-CA", "acadian": "fr-CA", "italian": "it-IT",
    "spanish": "es-ES", "portuguese": "pt-PT", "portuges": "pt-PT", "brazilian": "pt-BR",
    "brazil": "pt-BR", "dutch": "nl-NL", "latin": "la", "greek": "el-GR",
    "polutonikogreek": "el-GR", "russian": "ru-RU", "polish": "pl-PL", "czech": "cs-CZ",
    "slovak": "sk-SK", "swedish": "sv-SE", "norsk": "nb-NO", "norwegian": "nb-NO",
    "nynorsk": "nn-NO", "danish": "da-DK", "finnish": "fi-FI", "icelandic": "is-IS",
    "hungarian": "hu-HU", "magyar": "hu-HU", "turkish": "tr-TR", "croatian": "hr-HR",
    "serbian": "sr-RS", "slovene": "sl-SI", "romanian": "ro-RO", "bulgarian": "bg-BG",
    "ukrainian": "uk-UA", "catalan": "ca-AD", "basque": "eu", "galician": "gl-ES",
    "irish": "ga-IE", "welsh": "cy-GB", "hebrew": "he-IL", "arabic": "ar", "farsi": "fa-IR",
    "japanese": "ja-JP", "chinese": "zh-CN", "korean": "ko-KR", "estonian": "et-EE",
    "latvian": "lv-LV", "lithuanian": "lt-LT", "mongolian": "mn-MN", "thai": "th-TH",
    "vietnamese": "vi-VN", "afrikaans": "af-ZA",
}
#: (langid, langidopts variant) -> babel name of the region
LANGUAGE_VARIANTS = {("english", "american"): "american", ("english", "us"): "american",
                     ("english", "usmax"): "american", ("english", "british"): "british",
                     ("english", "uk"): "british", ("english", "australian"): "australian",
                     ("english", "newzealand"): "newzealand"}

#: entry type / ``type`` key -> the genre text the reader gives (biblatex's English strings)
GENRES: dict[str, str] = {key: _KEY_TEXTS[key] for key in (
    "phdthesis", "mathesis", "candthesis", "techreport", "resreport", "software", "datacd",
    "audiocd", "patent", "patentus", "patentde", "patenteu", "patentuk", "patentfr")}
GENRES["mastersthesis"] = GENRES["mathesis"]

#: eprinttype -> CSL archive name (eprint goes to archive_location)
EPRINT_ARCHIVES = {"arxiv": "arXiv", "jstor": "JSTOR", "hdl": "Handle", "googlebooks":
                   "Google Books", "hal": "HAL", "ssrn": "SSRN", "biorxiv": "bioRxiv"}
#: eprinttype that maps to a CSL identifier variable
EPRINT_IDS = {"pubmed": "PMID", "pmid": "PMID", "pmcid": "PMCID", "doi": "DOI"}
#: eprinttype -> the URL its identifier is appended to (when the entry has no url)
EPRINT_URLS = {"arxiv": "https://arxiv.org/abs/", "jstor": "https://www.jstor.org/stable/",
               "pubmed": "https://www.ncbi.nlm.nih.gov/pubmed/",
               "googlebooks": "https://books.google.com?id=", "hdl": "https://hdl.handle.net/"}

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
    "review-book": ("review",), "standard": ("standard",), "article": ("online",),
}

#: CSL type -> classic BibTeX entry type (others: misc)
BIBTEX_TYPES_OUT: dict[str, str] = {
    "article-journal": "article", "article-magazine": "article", "article-newspaper": "article",
    "book": "book", "chapter": "incollection", "pamphlet": "booklet", "report": "techreport",
    "thesis": "phdthesis", "paper-conference": "inproceedings", "manuscript": "unpublished",
    "entry-encyclopedia": "incollection", "entry-dictionary": "incollection",
    "entry": "incollection", "article": "misc",
}
BIBTEX_CLASSIC_TYPES = frozenset("""
article book booklet conference inbook incollection inproceedings manual mastersthesis misc
phdthesis proceedings techreport unpublished
""".split())
