"""Recover stage: one extractor per kind of web-page citation metadata.

Each extractor takes a :class:`Page` (the parsed lxml document, its meta tags, its JSON-LD
objects) and returns CSL-JSON fields, with ``type`` as that source's vote for the item type:
Highwire ``citation_*``, Dublin Core / PRISM, schema.org JSON-LD, Open Graph, COinS (only
when the page holds one description, not a reference list), and the page's plain ``<title>``.
:mod:`citekit.sources.webmeta` merges them, decides the type from all the votes and cleans
the result (site suffixes, site names as authors, URLs).

Values are read as a careful librarian would: HTML entities decoded, white space collapsed,
names split into people (URLs, handles and "By" dropped), dates parsed (a date that cannot be
read is left out, never copied as written), DOIs reduced to ``10.…/…``.
"""
from __future__ import annotations

import html
import itertools
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urljoin, urlsplit

from lxml import html as lxml_html

from ..errors import ParseError
from ..model.dateparse import MONTHS, parse_date
from ..model.nameparse import is_corporate, parse_name, split_names
from ..model.safeload import load_json

Meta = dict[str, list[str]]  # lower-cased meta name/property -> contents in document order
Fields = dict[str, Any]

#: bounds on the JSON-LD walk: nesting depth and objects looked at per page
LD_DEPTH = 12
LD_OBJECTS = 5000


# -- text, names, dates, identifiers ---------------------------------------------------------------
def clean(text: Any) -> str:
    """Entities decoded (also when escaped twice), white space collapsed, no-break spaces too."""
    value = str(text)
    for _ in range(2):
        decoded = html.unescape(value)
        if decoded == value:
            break
        value = decoded
    value = _SURROGATE.sub("\ufffd", value)  # JSON's "\ud800" is no text: it cannot be written
    return re.sub(r"[\s\u00a0\u2009\u202f]+", " ", value).strip()


_SURROGATE = re.compile("[\ud800-\udfff]")


def is_link(text: str) -> bool:
    """A URL, a bare domain path or a social handle: not a name."""
    text = text.strip()
    return bool(re.match(r"(?:https?:)?//|www\.|[\w-]+\.(?:com|org|net)/|/|@", text, re.IGNORECASE))


def person(text: str) -> dict[str, str] | None:
    """A name as written on a page (read by :mod:`citekit.model.nameparse`), or None."""
    text = re.sub(r"^by\s+|\s*\([^)]*\)", "", clean(text), flags=re.IGNORECASE).strip(" ,;")
    if not text or is_link(text) or not any(c.isalpha() for c in text):
        return None
    try:
        return parse_name(text).to_json()
    except ParseError:
        return None


def people(texts: list[str]) -> list[dict[str, str]]:
    """Every person in ``texts``; one text may list several ("A B, C D", "A and B")."""
    out: list[dict[str, str]] = []
    for text in texts:
        text = clean(text)
        commas = [p.strip() for p in text.split(",")]
        if len(commas) > 2 and " " in commas[0] and any(is_corporate(p) for p in commas[1:]):
            pieces = commas[:1]  # "Andy Powell, UKOLN, University of Bath": name, affiliation
        else:
            pieces = split_names(text) if not is_link(text) else [text]
        for piece in pieces:
            name = person(piece)
            if name and name not in out:
                out.append(name)
    return out


_TIME = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?"
                   r"(?:\s*(?:z|utc|gmt|[a-z]{2,4}t)?\s*(?:[+-]\d{2}:?\d{2})?)?(?:\s*\([^)]*\))?",
                   re.IGNORECASE)
_WEEKDAY = re.compile(r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|"
                      r"urday)?\b\.?,?", re.IGNORECASE)


def date(text: Any) -> dict[str, Any] | None:
    """A CSL date from what pages write: ISO 8601 with or without a time, ``2021/6``,
    ``4/6/2016`` (month first, as US sites write it), ``Mon, Jan 7 2019 15:37:00 EST``,
    ``Apr 22, 2019``; None when no year, month and day can be read (never a literal)."""
    raw = clean(text) if text is not None else ""
    match = re.match(r"(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?(?:$|[T\s])", raw)
    if match:
        parts = [int(p) for p in match.groups() if p]
        return {"date-parts": [parts]} if _valid(parts) else None
    rest = _WEEKDAY.sub(" ", _TIME.sub(" ", raw))
    rest = re.sub(r"\s+", " ", rest).strip(" ,")
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", rest)
    if match:
        month, day, year = (int(p) for p in match.groups())
        parts = [year, month, day]
        return {"date-parts": [parts]} if _valid(parts) else None
    match = re.fullmatch(r"([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})", rest)
    if match and match.group(1).lower() in MONTHS:
        parts = [int(match.group(3)), MONTHS[match.group(1).lower()], int(match.group(2))]
        return {"date-parts": [parts]} if _valid(parts) else None
    if not rest or not re.search(r"\d{4}", rest):
        return None
    try:
        parsed = parse_date(rest).to_json()
    except ParseError:
        return None
    return parsed if "date-parts" in parsed else None


def earliest(dates: Iterable[dict[str, Any] | None]) -> dict[str, Any] | None:
    """The first of several stated publication dates (a page that was updated states the
    update too, sometimes as "datePublished"); only dates as precise as the most precise."""
    known = [d for d in dates if d]
    if not known:
        return None
    most = max(len(d["date-parts"][0]) for d in known)
    return min((d for d in known if len(d["date-parts"][0]) == most),
               key=lambda d: d["date-parts"][0])


def _valid(parts: list[int]) -> bool:
    return (1000 <= parts[0] <= 2999 and (len(parts) < 2 or 1 <= parts[1] <= 12)
            and (len(parts) < 3 or 1 <= parts[2] <= 31))


_DOI = re.compile(r"10\.\d{4,9}/[^\s\"'<>]+")


def doi(text: Any) -> str | None:
    """The DOI in an identifier (``doi:10.…``, ``https://doi.org/10.…``, ``10.…``), or None."""
    if not isinstance(text, str):
        return None
    match = _DOI.search(clean(text))
    return match.group(0).rstrip(".,;)]") if match else None


def _pages(first: str | None, last: str | None) -> str | None:
    if first and last and first != last and "-" not in first:
        return f"{first}-{last}"
    return first or None


def absolute(url: str, base_url: str | None) -> str | None:
    """``url`` resolved against ``base_url``; None for a URL that stays relative."""
    url = clean(url)
    if base_url:
        url = urljoin(base_url, url)
    parts = urlsplit(url)
    return url if parts.scheme in ("http", "https") and parts.netloc else None


# -- the page --------------------------------------------------------------------------------------
@dataclass
class Page:
    """One parsed page: the document, its meta tags and its JSON-LD objects (read once)."""

    doc: lxml_html.HtmlElement
    meta: Meta = field(default_factory=dict)
    ld: list[dict[str, Any]] = field(default_factory=list)
    ld_ids: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: lxml_html.HtmlElement) -> Page:
        page = cls(doc, meta_tags(doc))
        for script in doc.iter("script"):
            if (script.get("type") or "").strip().lower() != "application/ld+json":
                continue
            text = re.sub(r"^\s*(?://)?\s*<!\[CDATA\[|(?://)?\s*\]\]>\s*$", "",
                          script.text or "")
            try:  # (lone surrogates become U+FFFD; too deep a block is skipped)
                data, _ = load_json(text, "JSON-LD")
            except ParseError:
                continue
            for obj in _walk(data):
                if len(page.ld) >= LD_OBJECTS:
                    break
                page.ld.append(obj)
                ident = obj.get("@id")
                if isinstance(ident, str) and len(obj) > len(page.ld_ids.get(ident, {"": 0})):
                    page.ld_ids[ident] = obj  # the fullest description of that @id
        return page

    def first(self, *keys: str) -> str | None:
        return next((self.meta[k][0] for k in keys if self.meta.get(k)), None)

    def resolve(self, value: Any) -> Any:
        """A JSON-LD ``{"@id": …}`` reference replaced by the object it names."""
        if isinstance(value, dict) and set(value) <= {"@id", "@type"} and "@id" in value:
            return self.ld_ids.get(str(value["@id"]), value)
        return value


def meta_tags(doc: lxml_html.HtmlElement) -> Meta:
    out: Meta = {}
    for el in doc.iter("meta"):
        key = (el.get("name") or el.get("property") or el.get("itemprop") or "").strip().lower()
        value = clean(el.get("content") or "")
        if key and value:
            out.setdefault(key, []).append(value)
    return out


def _walk(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object in ``data`` (in document order, nested ones too, bounded)."""
    if depth > LD_DEPTH:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for value in data.values():
            if isinstance(value, (dict, list)):
                yield from _walk(value, depth + 1)


def get(obj: dict[str, Any], key: str) -> Any:
    """``obj[key]``, also when a page writes the key capitalised ("Headline")."""
    if key in obj:
        return obj[key]
    lower = key.lower()
    return next((v for k, v in obj.items() if isinstance(k, str) and k.lower() == lower), None)


def ld_types(obj: Any) -> list[str]:
    if not isinstance(obj, dict):
        return []
    kinds = get(obj, "@type") or []
    return [str(k).rsplit("/", 1)[-1] for k in (kinds if isinstance(kinds, list) else [kinds])]


# -- Highwire Press citation_* ---------------------------------------------------------------------
HIGHWIRE: dict[str, str] = {
    "citation_title": "title", "citation_journal_title": "container-title",
    "citation_conference_title": "container-title", "citation_book_title": "container-title",
    "citation_inbook_title": "container-title", "citation_journal_abbrev":
    "container-title-short", "citation_series_title": "collection-title",
    "citation_volume": "volume", "citation_issue": "issue", "citation_issn": "ISSN",
    "citation_isbn": "ISBN", "citation_publisher": "publisher",
    "citation_technical_report_institution": "publisher",
    "citation_dissertation_institution": "publisher", "citation_technical_report_number":
    "number", "citation_language": "language", "citation_pmid": "PMID",
    "citation_edition": "edition",
}
HIGHWIRE_URLS = ("citation_abstract_html_url", "citation_public_url")
HIGHWIRE_DATES = ("citation_publication_date", "citation_date", "citation_cover_date",
                  "citation_online_date", "citation_year")
HIGHWIRE_TYPES = (("citation_dissertation_institution", "thesis"),
                  ("citation_technical_report_institution", "report"),
                  ("citation_technical_report_number", "report"),
                  ("citation_conference_title", "paper-conference"),
                  ("citation_journal_title", "article-journal"),
                  ("citation_inbook_title", "chapter"), ("citation_book_title", "chapter"),
                  ("citation_isbn", "book"))


def highwire(page: Page) -> Fields:
    meta = page.meta
    out: Fields = {var: meta[key][0] for key, var in HIGHWIRE.items() if meta.get(key)}
    if not out.get("title"):
        return {}
    authors = meta.get("citation_author") or [
        a for v in meta.get("citation_authors", []) for a in v.split(";") if a.strip()]
    out["author"] = [n for n in (person(a) for a in authors) if n]
    out["editor"] = [n for n in (person(a) for a in meta.get("citation_editor", [])) if n]
    out["issued"] = next((d for d in (date(page.first(k)) for k in HIGHWIRE_DATES) if d), None)
    out["page"] = _pages(page.first("citation_firstpage"), page.first("citation_lastpage"))
    out["DOI"] = doi(page.first("citation_doi"))
    out["URL"] = page.first(*HIGHWIRE_URLS)
    out["abstract"] = page.first("citation_abstract")
    out["keyword"] = ", ".join(k.strip() for v in meta.get("citation_keywords", [])
                               for k in v.split(";") if k.strip()) or None
    out["type"] = next((t for k, t in HIGHWIRE_TYPES if meta.get(k)), None)
    return out


# -- Dublin Core and PRISM -------------------------------------------------------------------------
DUBLIN_CORE: dict[str, str] = {
    "title": "title", "publisher": "publisher", "description": "abstract", "abstract":
    "abstract", "language": "language", "ispartof": "container-title",
    "relation.ispartof": "container-title", "publicationname": "container-title",
    "volume": "volume", "citation.volume": "volume", "number": "issue", "citation.issue":
    "issue", "issueidentifier": "issue", "issn": "ISSN", "eissn": "ISSN", "source.issn": "ISSN",
    "isbn": "ISBN",
}
DC_DATES = ("issued", "date.issued", "dateissued", "publicationdate", "date", "created",
            "date.created", "coverdate")
#: Dublin Core type codes (and HAL's) that say what the work is; others ("Text", "Article",
#: which news sites write too) say nothing
DC_TYPES = {"journal": "article-journal", "text.serial.journal": "article-journal",
            "journalarticle": "article-journal", "thesis": "thesis", "phdthesis": "thesis",
            "mastersthesis": "thesis", "dissertation": "thesis", "report": "report", "book": "book",
            "bookpart": "chapter", "chapter": "chapter", "conferencepaper": "paper-conference",
            "conferenceobject": "paper-conference", "dataset": "dataset",
            "preprint": "article", "workingpaper": "report"}
_DC_PREFIX = re.compile(r"^(?:dc|dcterms|dct|prism)[.:]")


def dublin_core(page: Page) -> Fields:
    terms: Meta = {}
    for key, values in page.meta.items():
        if _DC_PREFIX.match(key):
            terms.setdefault(_DC_PREFIX.sub("", key), []).extend(values)
    if not terms:
        return {}
    out: Fields = {var: terms[key][0] for key, var in DUBLIN_CORE.items() if terms.get(key)}
    creators = terms.get("creator") or terms.get("creator.personalname") or []
    out["author"] = people(creators)
    if not out["author"] and terms.get("contributor"):
        out["author"] = people(terms["contributor"])
    out["issued"] = next((d for d in (date(terms[k][0]) for k in DC_DATES if terms.get(k)) if d),
                         None)
    out["page"] = _pages(*(terms.get(k, [None])[0] for k in ("startingpage", "endingpage")))
    idents = [*terms.get("doi", []), *terms.get("identifier.doi", []),
              *terms.get("identifier", [])]
    out["DOI"] = next((d for d in map(doi, idents) if d), None)
    out["URL"] = next((u for u in [*terms.get("identifier.uri", []), *terms.get("url", []),
                                   *terms.get("identifier", [])]
                       if u.startswith("http") and not doi(u) and not u.endswith(".pdf")), None)
    source = terms.get("source", [""])[0]
    if source and not source.startswith("http") and "container-title" not in out:
        # Springer writes "Journal 2010 18:3": the journal's name, then year, volume, issue
        out["container-title"] = re.sub(r"\s+\d{4}(?:\s+\d+(?::\d+)?)?$", "", source)
    kinds = [DC_TYPES.get(re.sub(r"[\s_-]", "", t).lower()) for t in terms.get("type", [])]
    out["type"] = next((k for k in kinds if k), None)
    if not out["type"] and out["DOI"] and (out.get("container-title") or out.get("publisher")):
        out["type"] = "article-journal"  # a publisher's landing page of a DOI-registered work
    return out


# -- schema.org JSON-LD ----------------------------------------------------------------------------
NEWS = frozenset({"NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle",
                  "OpinionNewsArticle", "ReviewNewsArticle", "BackgroundNewsArticle",
                  "AskPublicNewsArticle", "SatiricalArticle", "LiveBlogPosting"})
SCHEMA_TYPES: dict[str, str] = {
    **{kind: "article-newspaper" for kind in NEWS},
    "ScholarlyArticle": "article-journal", "MedicalScholarlyArticle": "article-journal",
    "BlogPosting": "post-weblog", "SocialMediaPosting": "post", "DiscussionForumPosting":
    "post", "Report": "report", "Thesis": "thesis", "Book": "book", "Chapter": "chapter",
    "Dataset": "dataset", "Article": "webpage", "TechArticle": "webpage", "WebPage":
    "webpage", "AboutPage": "webpage", "ItemPage": "webpage", "CreativeWork": "webpage",
}
#: how sure each schema.org type makes us that the object is the work the page shows
_RANK = {**{kind: 0 for kind in NEWS}, "ScholarlyArticle": 0, "MedicalScholarlyArticle": 0,
         "BlogPosting": 0, "Report": 0, "Thesis": 0, "Book": 0, "Chapter": 0, "Dataset": 1,
         "SocialMediaPosting": 1, "DiscussionForumPosting": 1, "Article": 1, "TechArticle": 1,
         "CreativeWork": 2, "WebPage": 3, "AboutPage": 3, "ItemPage": 3}
ORGANIZATIONS = frozenset({"Organization", "NewsMediaOrganization", "Corporation",
                           "EducationalOrganization", "GovernmentOrganization", "NGO",
                           "CollegeOrUniversity", "Library", "ResearchOrganization"})


def main_entity(page: Page) -> dict[str, Any] | None:
    """The JSON-LD object describing the page's work (a WebPage's ``mainEntity`` preferred)."""
    ranked: list[tuple[int, int, dict[str, Any]]] = []
    for order, obj in enumerate(page.ld):
        ranks = [_RANK[t] for t in ld_types(obj) if t in _RANK]
        if ranks and (get(obj, "headline") or get(obj, "name")):
            ranked.append((min(ranks), order, obj))
    if not ranked:
        return None
    best = min(ranked, key=lambda r: (r[0], r[1]))[2]
    inner = page.resolve(get(best, "mainEntity"))
    if isinstance(inner, dict) and any(t in _RANK and _RANK[t] < 2 for t in ld_types(inner)):
        return inner
    return best


def _agents(page: Page, value: Any) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for agent in value if isinstance(value, list) else [value]:
        agent = page.resolve(agent)
        if isinstance(agent, str):
            out += people([agent])
        elif isinstance(agent, dict):
            names = get(agent, "name")
            if get(agent, "familyName") and not isinstance(names, list):
                given = get(agent, "givenName")
                out.append({"family": clean(get(agent, "familyName")),
                            **({"given": clean(given)} if given else {})})
            elif any(t in ORGANIZATIONS for t in ld_types(agent)) and isinstance(names, str):
                out.append({"literal": clean(names)})
            elif names:
                out += people([str(n) for n in (names if isinstance(names, list) else [names])])
    return out


def _name(page: Page, value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    value = page.resolve(value)
    if isinstance(value, dict):
        value = get(value, "name") or get(value, "@value")
        if isinstance(value, list):
            value = value[0] if value else None
    return clean(value) if isinstance(value, (str, int)) and str(value).strip() else None


def _container(page: Page, obj: dict[str, Any], out: Fields) -> None:
    """Walk isPartOf: PublicationIssue -> PublicationVolume -> Periodical."""
    part, depth = page.resolve(get(obj, "isPartOf")), 0
    while isinstance(part, dict) and depth < 4:
        kinds = ld_types(part)
        if "PublicationIssue" in kinds and get(part, "issueNumber"):
            out.setdefault("issue", clean(get(part, "issueNumber")))
        elif "PublicationVolume" in kinds and get(part, "volumeNumber"):
            out.setdefault("volume", clean(get(part, "volumeNumber")))
        elif any(t in ("Periodical", "Newspaper", "Blog", "Book", "CreativeWorkSeries")
                 for t in kinds) and _name(page, part):
            out.setdefault("container-title", _name(page, part))
        part, depth = page.resolve(get(part, "isPartOf")), depth + 1


def json_ld(page: Page) -> Fields:
    obj = main_entity(page)
    if obj is None:
        return {}
    kinds = ld_types(obj)
    out: Fields = {"type": next((SCHEMA_TYPES[t] for t in kinds if t in SCHEMA_TYPES), None)}
    out["title"] = _name(page, get(obj, "headline")) or _name(page, get(obj, "name"))
    for key, var in (("description", "abstract"), ("inLanguage", "language"), ("isbn", "ISBN"),
                     ("issn", "ISSN"), ("bookEdition", "edition"), ("reportNumber", "number"),
                     ("pagination", "page"), ("volumeNumber", "volume"),
                     ("issueNumber", "issue"), ("numberOfPages", "number-of-pages")):
        out[var] = _name(page, get(obj, key))
    keywords = get(obj, "keywords")
    if isinstance(keywords, (list, str)):
        out["keyword"] = clean(", ".join(map(str, keywords)) if isinstance(keywords, list)
                               else keywords) or None
    out["author"] = _agents(page, get(obj, "author")) or _agents(page, get(obj, "creator"))
    out["editor"] = _agents(page, get(obj, "editor"))
    out["issued"] = date(_name(page, get(obj, "datePublished")))
    publisher = page.resolve(get(obj, "publisher"))
    out["publisher"] = _name(page, publisher)
    out["page"] = out["page"] or _pages(_name(page, get(obj, "pageStart")),
                                        _name(page, get(obj, "pageEnd")))
    idents = (get(obj, "identifier"), get(obj, "sameAs"), get(obj, "@id"))
    out["DOI"] = next((d for d in (doi(json.dumps(i)) for i in idents if i) if d), None)
    url = get(obj, "url")
    entity = page.resolve(get(obj, "mainEntityOfPage"))
    if not isinstance(url, str):
        url = entity if isinstance(entity, str) else get(entity, "@id") if isinstance(
            entity, dict) else None
    out["URL"] = url if isinstance(url, str) and url.startswith("http") else None
    _container(page, obj, out)
    if out["type"] == "webpage" and out.get("volume"):
        out["type"] = "article-journal"
    return out


def site_names(page: Page) -> tuple[list[str], list[str]]:
    """What the page calls its site (og:site_name, application-name, the JSON-LD WebSite),
    and the organisations it names (JSON-LD organisations, the Dublin Core publisher)."""
    site = [*page.meta.get("og:site_name", []), *page.meta.get("application-name", [])]
    orgs = [*page.meta.get("dc.publisher", []), *page.meta.get("publisher", [])]
    for obj in page.ld:
        kinds = ld_types(obj)
        name = _name(page, get(obj, "name"))
        if name and "WebSite" in kinds:
            site.append(name)
        elif name and any(t in ORGANIZATIONS for t in kinds):
            orgs.append(name)
    return site, orgs


# -- Open Graph and the other meta tags news sites write -------------------------------------------
OG_TYPES = {"book": "book", "books.book": "book", "blog": "post-weblog", "website": "webpage",
            "article": "webpage", "video.movie": "motion_picture", "video.other":
            "motion_picture", "video.episode": "broadcast", "video.tv_show": "broadcast",
            "music.song": "song", "music.album": "song"}
#: publication dates in meta tags (Open Graph's, then the bare and analytics tags news sites use)
PUBLISHED_META = ("article:published_time", "og:article:published_time", "book:release_date",
            "og:published_time", "article:published", "datepublished", "date", "pubdate",
            "publish_date", "parsely-pub-date", "sailthru.date")


AUTHOR_META = ("article:author", "og:article:author", "book:author", "author", "parsely-author",
               "sailthru.author")


def open_graph(page: Page) -> Fields:
    """Open Graph's fields, and dates and authors from the other meta tags (profile URLs and
    handles in ``article:author`` are no names); ``og:type=article`` votes for a web page."""
    meta = page.meta
    out: Fields = {"title": page.first("og:title"), "URL": page.first("og:url"),
                   "abstract": page.first("og:description"), "ISBN": page.first("book:isbn")}
    out["issued"] = earliest([date(v) for k in PUBLISHED_META for v in meta.get(k, [])])
    authors = [a for k in AUTHOR_META for a in meta.get(k, [])]
    out["author"] = people(authors)
    if meta.get("og:locale"):
        out["language"] = meta["og:locale"][0].replace("_", "-")
    out["type"] = OG_TYPES.get((page.first("og:type") or "").lower())
    return out


# -- COinS -----------------------------------------------------------------------------------------
COINS: dict[str, str] = {
    "rft.atitle": "title", "rft.btitle": "title", "rft.title": "title",
    "rft.jtitle": "container-title", "rft.stitle": "container-title-short",
    "rft.volume": "volume", "rft.issue": "issue", "rft.pages": "page", "rft.issn": "ISSN",
    "rft.isbn": "ISBN", "rft.pub": "publisher", "rft.publisher": "publisher",
    "rft.place": "publisher-place", "rft.edition": "edition", "rft.series": "collection-title",
    "rft.inst": "publisher", "rft.language": "language",
}
COINS_TYPES = {"article": "article-journal", "journal": "article-journal", "book": "book",
               "bookitem": "chapter", "proceeding": "paper-conference", "conference":
               "paper-conference", "report": "report", "dissertation": "thesis",
               "preprint": "article"}


def coins(page: Page) -> Fields:
    """The page's COinS, when it holds exactly one description; a page with several (a
    reference list, Wikipedia's one per cited work) describes other works with them."""
    titles = {el.get("title") for el in page.doc.iter("span")
              if "Z3988" in (el.get("class") or "").split() and el.get("title")}
    if len(titles) != 1:
        return {}
    kev: Meta = {}
    for key, value in parse_qsl(titles.pop(), keep_blank_values=False):
        kev.setdefault(key, []).append(clean(value))
    out: Fields = {}
    if kev.get("rft.atitle") and kev.get("rft.title"):
        kev.setdefault("rft.jtitle", kev["rft.title"])
    for key, var in COINS.items():
        if kev.get(key):
            out.setdefault(var, kev[key][0])
    authors = people(kev.get("rft.au", []))
    if not authors and kev.get("rft.aulast"):
        first = kev.get("rft.aufirst", [""])[0]
        authors = [{"family": kev["rft.aulast"][0], **({"given": first} if first else {})}]
    out["author"] = authors
    out["issued"] = date(kev["rft.date"][0]) if kev.get("rft.date") else None
    if "page" not in out and kev.get("rft.spage"):
        out["page"] = _pages(kev["rft.spage"][0], kev.get("rft.epage", [None])[0])
    for ident in kev.get("rft_id", []):
        if doi(ident) and "doi" in ident.lower():
            out.setdefault("DOI", doi(ident))
        elif ident.startswith("http"):
            out.setdefault("URL", ident)
    genre = kev.get("rft.genre", [""])[0].lower()
    out["type"] = COINS_TYPES.get(genre, "article-journal" if "rft.jtitle" in kev else None)
    return out


# -- plain HTML ------------------------------------------------------------------------------------
#: a <title> of more parts than this is not searched for its heading (bounded work)
MAX_TITLE_PARTS = 12
#: generators that make blogs (WordPress makes news sites too, so it says nothing)
BLOG_ENGINES = frozenset({"blogger", "pelican", "jekyll", "hugo", "ghost", "hexo", "tumblr",
                          "octopress", "typepad", "movable"})
_TITLE_SEPARATOR = re.compile(r"(\s+[|\-–—•:·»]\s+|\s*\|\s*)")


def plain_html(page: Page) -> Fields:
    """The ``<title>`` (only its part that is the page's heading, when one is), microdata
    dates, and the JSON-LD creation date as a last resort."""
    out: Fields = {}
    title = page.doc.find(".//title")
    if title is not None:
        out["title"], out["site"] = heading_part(clean(title.text_content() or ""), page)
    out["abstract"] = page.first("description")
    generator = (page.first("generator") or "").lower()
    out["type"] = "post-weblog" if generator.split(" ")[0] in BLOG_ENGINES else None
    stamp = next((el for el in page.doc.iter("time", "abbr", "span")
                  if (el.get("itemprop") or "").lower() == "datepublished"), None)
    if stamp is not None:
        out["issued"] = date(stamp.get("datetime") or stamp.get("title") or stamp.text_content())
    out["issued"] = out.get("issued") or _shown_date(page)
    out["author"] = _byline(page)
    entity = main_entity(page)
    if not out.get("issued") and entity is not None:
        out["issued"] = next((d for d in (date(_name(page, get(entity, k))) for k in
                                          ("dateCreated", "uploadDate")) if d), None)
    lang = page.doc.get("lang") or page.doc.get("xml:lang")
    out["language"] = lang.strip() if lang else None
    return out


_BYLINE = re.compile(r"by\s+([A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3})", re.IGNORECASE)


def _byline(page: Page) -> list[dict[str, str]]:
    """"By Jane Doe" written alone in an element of the page (upper case made readable)."""
    for count, el in enumerate(page.doc.iter("p", "div", "span", "td", "address")):
        if count > 3000:
            break
        match = _BYLINE.fullmatch(_short_text(el, 80))
        if match:
            name = match.group(1)
            return people([name.title() if name.isupper() else name])
    return []


def _short_text(el: lxml_html.HtmlElement, limit: int) -> str:
    """The text of a small element (a few descendants, at most ``limit`` characters), else
    "": a page's big containers are never read whole for a byline (bounded work)."""
    if next(itertools.islice(el.iterdescendants(), 6, None), None) is not None:
        return ""
    text = el.text_content()
    return clean(text) if len(text) <= 4 * limit else ""


def _shown_date(page: Page) -> dict[str, Any] | None:
    """A full date the page shows in an element marked as a date, or as a sub-heading."""
    for count, el in enumerate(page.doc.iter("div", "span", "p", "h2", "h3", "h4")):
        if count > 3000:
            break
        marked = re.search(r"date|publish|posted", el.get("class") or "", re.IGNORECASE)
        if marked or el.tag in ("h2", "h3", "h4"):
            text = _short_text(el, 40)
            found = date(text) if text else None
            if found and len(found["date-parts"][0]) == 3:
                return found
    return None


def split_title(title: str) -> list[str]:
    """A title cut at its separators (" | ", " - ", " • ", ...): parts and separators in turn,
    so ``"".join`` of any run of them is the title's own text."""
    return _TITLE_SEPARATOR.split(title)


def heading_part(title: str, page: Page) -> tuple[str, str | None]:
    """Of a ``<title>`` made of parts ("Blog name - Post title"), the run of parts that is
    the text of one of the page's ``<h1>`` headings, and the rest (the site's name) when it
    is one part; the whole title and None otherwise."""
    parts = split_title(title)
    count = len(parts) // 2 + 1
    if not 2 <= count <= MAX_TITLE_PARTS:
        return title, None
    headings = {clean(h.text_content()).lower() for h in page.doc.iter("h1")
                if not any(re.fullmatch(r"(?:https?://[^/]+)?/?", (a.get("href") or "x").strip())
                           for a in h.iter("a"))}  # not the site's name linking home
    for first in range(count):
        for last in range(count - 1, first - 1, -1):
            text = "".join(parts[2 * first:2 * last + 1])
            if text.lower() in headings and (first, last) != (0, count - 1):
                rest = parts[:2 * first:2] + parts[2 * last + 2::2]
                return text, rest[0] if len(rest) == 1 else None
    return title, None


def canonical(page: Page) -> str | None:
    link = next((el for el in page.doc.iter("link")
                 if "canonical" in (el.get("rel") or "").lower().split() and el.get("href")),
                None)
    return link.get("href").strip() if link is not None else None


#: the extractors in order of trust: an earlier one's field wins over a later one's
EXTRACTORS: tuple[Callable[[Page], Fields], ...] = (
    highwire, dublin_core, json_ld, open_graph, coins, plain_html)
