"""Format stage: parse number-like variables (page, locator, volume, …) as citeproc-js does.

A value is split at its joiners ("-", "–", ", ", "; ", "&", "and") into pieces, each carrying
an (embedded or default) label, a particle ("N" in "N110"), its joining suffix, and whether it
is numeric, plural and collapsible. The pieces drive cs:number / cs:text rendering, cs:label
plurals and the is-numeric condition. Page ranges are mangled by :func:`mangle_page_range`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..locale import Locale
from .memo import OwnedMemo

SUBDIV: dict[str, str] = {
    "vrs.": "verse", "sv.": "sub-verbo", "subpara.": "subparagraph", "op.": "opus",
    "subch.": "subchapter", "add.": "addendum", "amend.": "amendment",
    "annot.": "annotation", "app.": "appendix", "art.": "article", "bibliog.": "bibliography",
    "bk.": "book", "ch.": "chapter", "cl.": "clause", "col.": "column", "cmt.": "comment",
    "dec.": "decision", "dept.": "department", "ex.": "example", "fig.": "figure",
    "fld.": "field", "fol.": "folio", "n.": "note", "hypo.": "hypothetical",
    "illus.": "illustration", "intro.": "introduction", "l.": "line", "no.": "issue",
    "p.": "page", "pp.": "page", "para.": "paragraph", "pt.": "part", "pmbl.": "preamble",
    "princ.": "principle", "pub.": "publication", "r.": "rule", "rn.": "randnummer",
    "sched.": "schedule", "sec.": "section", "ser.": "series,", "subdiv.": "subdivision",
    "subsec.": "subsection", "supp.": "supplement", "tbl.": "table", "tit.": "title",
    "vol.": "volume",
}
SUBDIV_REVERSE: dict[str, str] = {v: k for k, v in SUBDIV.items() if k != "pp."}
SUBDIV_REVERSE["sub verbo"] = "sv."

NUMERIC_VARIABLES = frozenset((
    "call-number", "chapter-number", "collection-number", "division", "edition", "page",
    "issue", "locator", "locator-extra", "number", "number-of-pages", "number-of-volumes",
    "part-number", "printing-number", "section", "supplement-number", "version", "volume"))
RANGE_VARIABLES = frozenset((
    "page", "chapter-number", "collection-number", "edition", "issue", "number",
    "number-of-pages", "number-of-volumes", "volume", "locator", "locator-extra"))
_LABELLED = ("locator", "number", "locator-extra", "page")

_LABEL_WORD = (r"(?:^| )(?:[a-z]|[a-z][a-z]|[a-z][a-z][a-z]|[a-z][a-z][a-z][a-z]|subpara|"
               r"subch|amend|bibliog|annot|illus|princ|intro|sched|subdiv|subsec)(?:\.| ) *")
_LABEL_RE = re.compile(_LABEL_WORD)
_ROMAN = re.compile(r"^[ivxlcmIVXLCM]+$")


_NUMERIC = re.compile(
    r"^\s*[A-Za-z]?\d+[A-Za-z]*(?:\s*(?:[-\u2013,&]|and)\s*[A-Za-z]?\d+[A-Za-z]*)*\s*$")


def is_numeric(text: str) -> bool:
    """Whether a plain value reads as a number (or numbers: "2-4", "1, 3 & 5", "A1")."""
    return bool(_NUMERIC.match(text))


@dataclass
class NumPiece:
    """One piece of a parsed number variable."""

    label: str
    orig_label: str
    label_suffix: str
    particle: str
    value: str
    joining_suffix: str
    plural: int = 0
    numeric: bool = False
    collapsible: bool | None = None
    label_visible: bool = False
    sleepy: bool = False  # "gotosleepability": page value opening with a non-page label


@dataclass
class NumInfo:
    """A parsed variable: its pieces and the values taken from the first piece."""

    pieces: list[NumPiece]
    numeric: bool = False
    plural: int = 0
    label: str | None = None  # a locator term name ("page", "volume", …) when embedded
    label_form: str | None = None


def _js_int(text: str) -> int | None:
    m = re.match(r"\s*([+-]?\d+)", text)
    return int(m.group(1)) if m else None


def _term(locale: Locale, name: str | None) -> str | None:
    return locale.term(name) if name else None


class _Parser:
    """Splits a value into :class:`NumPiece` objects (citeproc-js ``parseString``)."""

    def __init__(self, variable: str, real_variable: str, locale: Locale,
                 cite_label: str | None) -> None:
        self.variable = variable
        self.real_variable = real_variable
        self.locale = locale
        self.cite_label = cite_label
        and_term = locale.term("and") or "and"
        full_and = r",\s+and\s+|\s+and\s+"
        if not locale.lang.lower().startswith("en"):
            a = re.escape(and_term)
            full_and += rf"|,\s+{a}\s+|\s+{a}\s+"
        self.joiner = rf"\s*&\s*|{full_and}|;\s+|,\s+|\s*\\*[\-\u2013]+\s*"
        symbol = locale.term("and", "symbol") or "&"
        self.ampersand = "&" if symbol == and_term else symbol

    def normalize(self, text: str) -> str:
        text = text.strip()
        m = re.match(r"^([^ ]+)", text)
        if m and m.group(1) not in SUBDIV:
            if self.variable in ("locator", "locator-extra", "page"):
                embedded = SUBDIV_REVERSE.get(self.cite_label) if self.cite_label else "p."
            else:
                embedded = SUBDIV_REVERSE.get(self.variable)
            if embedded:
                text = f"{embedded} {text}"
        return text

    def split(self, text: str) -> list[str]:
        joiner = self.joiner
        if "\\-" in text:
            joiner = joiner.replace(r"\-", "", 1)
            parts = [p.replace("-", "\u2013") for p in text.split("\\-")]
            text = "\\-".join(parts).replace("\\", "")
        pieces = re.split(f"({joiner})", text)
        for i in range(1, len(pieces), 2):
            if re.fullmatch(r"\s*&\s*", pieces[i]):
                before = pieces[i - 1]
                if re.search(r"[a-zA-Z]$", before) and re.match(r"[a-zA-Z]", before):
                    pieces[i] = self.ampersand
                else:
                    pieces[i] = f" {self.ampersand} "
        return _fixup_subsections(pieces) if len(pieces) > 1 else pieces

    def compose(self, orig_label: str, label: str, value: str, joining: str | None,
                position: int | None) -> NumPiece:
        if not label and self.variable not in SUBDIV_REVERSE:
            label = "var:" + self.variable
        name, suffix, sleepy, visible = "", "", False, False
        if label:
            m = re.search(r"(\s*)([^\s]+)(\s*)", label)
            name, suffix = (m.group(2), m.group(3)) if m else (label, "")
            if self.real_variable == "page" and position == 0 and name not in ("p.", "pp."):
                sleepy = visible = True
        m = re.match(r"^([0-9]*[a-zA-Z]+0*)?([0-9]+(?:[a-zA-Z]*|[-,a-zA-Z]+))$", value)
        particle, val = (m.group(1) or "", m.group(2)) if m else ("", value)
        joining = re.sub(r"\s*-\s*", "-", joining or "", count=1)
        return NumPiece(name, orig_label, suffix, particle, val, joining,
                        label_visible=visible, sleepy=sleepy)

    def parse(self, text: str) -> list[NumPiece]:
        default = SUBDIV_REVERSE.get(self.variable, "")
        text = self.normalize(text)
        if self.variable == "page":
            text = text.replace("\u2013", "-")
        elems = self.split(text)
        values: list[NumPiece] = []
        label, orig = default, ""
        for i in range(0, len(elems), 2):
            joining = elems[i + 1] if i + 1 < len(elems) else None
            found = _LABEL_RE.findall(elems[i])
            if not found:
                values.append(self.compose("" if orig == label.strip() else orig, label,
                                           elems[i], joining, None))
                continue
            lst = _LABEL_RE.split(elems[i])
            for j in range(len(lst) - 1, 0, -1):  # labels on non-numbers join the content
                num = r"^[0-9]+([-;,:a-zA-Z]*)$"
                if lst[j - 1] and (not re.match(num, lst[j]) or not re.match(num, lst[j - 1])):
                    lst[j - 1] = lst[j - 1] + found[j - 1] + lst[j]
                    del lst[j]
                    del found[j - 1]
            if found:
                slug = found[0].strip()
                name = SUBDIV.get(slug)
                not_label = (name is None or _term(self.locale, name) is None
                             or (self.variable not in _LABELLED and name != self.variable))
                if not not_label:
                    orig = slug
                elif i == 0 and len(lst) > 1:
                    found = found[1:]
                    lst = [f"{lst[0]} {slug} {lst[1]}"] + lst[2:]
            for j, part in enumerate(lst):
                last = j == len(lst) - 1
                if not part and not last:
                    continue
                if j > 0 and j - 1 < len(found) and found[j - 1]:
                    label = found[j - 1]
                values.append(self.compose("" if orig == label.strip() else orig, label,
                                           part.strip(), joining if last else None, i))
        return values


def _fixup_subsections(elems: list[str]) -> list[str]:
    """Rejoin "12a-c" style sub-sections split at their hyphen."""
    i = len(elems) - 2
    while i > -1:
        if (i > 0 and elems[i] == "-"
                and re.match(r"^(?:(?:[a-z]|[a-z][a-z]|[a-z][a-z][a-z]|[a-z][a-z][a-z][a-z])\. "
                             r" *)*[0-9]+[,a-zA-Z]+$", elems[i - 1])
                and re.match(r"^[,a-zA-Z]+$", elems[i + 1])):
            elems[i - 1] = "".join(elems[i - 1:i + 2])
            elems = elems[:i] + elems[i + 2:]
        i -= 2
    return elems


def _fix_numeric_and_count(values: list[NumPiece], pos: int, count: int) -> None:
    master = values[pos]
    val = master.value
    numeric = True
    if not val or not re.match(r"^(?:[0-9]+|[ixv]+)([-,:a-zA-Z]*|\-[\-0-9]+)$", val):
        numeric = False
    for j in range(pos, pos + count):
        v = values[j].value
        values[j].collapsible = _js_int(v) is not None or bool(_ROMAN.match(v))
    collapsible = values[pos].collapsible
    for j in range(pos, pos + count):
        if count > 1 and collapsible:
            values[j].plural = 1
        values[j].numeric = numeric
        values[j].collapsible = collapsible


def _fix_label_visibility(values: list[NumPiece], pos: int, variable: str,
                          locale: Locale) -> None:
    label = values[pos].label
    if label.startswith("var:"):
        return
    if pos == 0:
        if variable in _LABELLED and _term(locale, SUBDIV.get(label)) is None:
            values[pos].label_visible = True
        if variable not in _LABELLED and SUBDIV.get(label) != variable:
            values[0].label_visible = True
    else:
        values[pos].label_visible = True


def _plurals_and_numerics(values: list[NumPiece], variable: str, raw: str,
                          locale: Locale) -> None:
    if not values:
        return
    start, count = 0, 1
    for i in range(1, len(values)):
        if values[i - 1].label == values[i].label:
            count += 1
            continue
        _fix_numeric_and_count(values, start, count)
        _fix_label_visibility(values, start, variable, locale)
        start, count = i, 1
    _fix_numeric_and_count(values, start, count)
    _fix_label_visibility(values, start, variable, locale)
    if values[0].numeric and variable.startswith("number-of-"):
        n = _js_int(raw)
        if n is not None and n > 1:
            values[0].plural = 1


_PARSED: OwnedMemo[NumInfo] = OwnedMemo(1 << 13)


def parsed_number(raw: object, variable: str, locale: Locale,
                  cite_label: str | None = None) -> NumInfo:
    """:func:`parse_number`, worked out once per value: for callers that only read the
    result (its label, plural and numeric flags), never change its pieces."""
    key = (raw.__class__, str(raw), variable, cite_label, id(locale))
    hit = _PARSED.get(key, (locale,))
    if hit is not None:
        return hit
    return _PARSED.put(key, (locale,), parse_number(raw, variable, locale, cite_label))


def parse_number(raw: object, variable: str, locale: Locale,
                 cite_label: str | None = None) -> NumInfo:
    """Parse a variable's value into pieces (no range formatting)."""
    real = variable
    variable = "page" if variable == "page-first" else variable
    text = str(raw)
    values = _Parser(variable, real, locale, cite_label).parse(text)
    for i in range(len(values) - 1):
        if not values[i].joining_suffix and values[i + 1].label:
            values[i].joining_suffix = " "
    _plurals_and_numerics(values, variable, text, locale)
    for v in values:
        if not v.numeric:
            v.plural = 0
    info = NumInfo(values)
    if values:
        info.numeric, info.plural = values[0].numeric, values[0].plural
        info.label = SUBDIV.get(values[0].label)
        if variable == "number" and info.label == "issue" and locale.term("number"):
            info.label = "number"
    if len(values) == 1:
        v = values[0]
        if variable == "number" and "|" in v.value:
            v.value = v.value.replace("|", ", ")
            v.numeric, v.plural, v.collapsible = True, 1, False
            info.numeric, info.plural = True, 1
        elif re.match(r"^[0-9]+(?:/[0-9]+)+$", v.value):
            v.numeric, v.plural, v.collapsible = True, 0, False
            info.numeric, info.plural = True, 0
    if variable == "page" and values and values[0].sleepy:
        info.label_form = "short"
    return info


# -- range fixing (rendering only) ------------------------------------------------------------

class _Ranger:
    """Joins collapsible neighbours into ranges (citeproc-js ``fixRanges``)."""

    def __init__(self, variable: str, locale: Locale, fmt: str | None) -> None:
        self.variable = variable
        self.locale = locale
        self.fmt = fmt
        self.delim = locale.term("page-range-delimiter") or "\u2013"

    def _is_page(self, v: NumPiece) -> bool:
        return self.variable == "page" or (
            self.variable in ("locator", "locator-extra") and "p." in (v.label, v.orig_label))

    def _has_term(self, v: NumPiece) -> bool:
        if self.variable not in ("locator", "locator-extra", "page"):
            return True
        return bool(_term(self.locale, SUBDIV.get(v.orig_label or v.label)))

    def delimiter(self, v: NumPiece, delim: str, numeric: bool) -> str:
        if self._has_term(v) and delim == "-" and numeric:
            if self._is_page(v) or self.variable in ("locator", "locator-extra", "issue",
                                                     "volume", "edition", "number"):
                return self.delim
            if self.variable == "collection-number":
                return self.locale.term("year-range-delimiter") or "\u2013"
        return delim

    def mangle(self, values: list[NumPiece], i: int) -> bool:
        """Join values[i-1] and values[i] into a range; False when left as they are."""
        prev, cur = values[i - 1], values[i]
        a, b = _js_int(prev.value), _js_int(cur.value)
        if not self.fmt and a is not None and b is not None and a > b:
            prev.joining_suffix = self.delimiter(cur, prev.joining_suffix, True)
            return False
        if self._is_page(cur) and _js_int(prev.value) is not None \
                and _js_int(cur.value) is not None:
            text = mangle_page_range(f"{prev.particle}{prev.value} - {cur.particle}{cur.value}",
                                     self.fmt, self.delim)
        else:
            num = r"^([0-9]+|[ivxlcmIVXLCM]+)$"
            if re.match(num, prev.value) and re.match(num, cur.value):
                prev.joining_suffix = self.delim
            text = prev.value + prev.joining_suffix.replace("\\-", "-", 1) + cur.value
        m = re.match(r"^((?:[0-9]*[a-zA-Z]+0*))?([0-9]+[a-z]*)(\s*[^0-9]+\s*)([-,a-zA-Z]?0*)"
                     r"([0-9]+[a-z]*)$", text)
        if m:
            prev.particle, prev.value = m.group(1) or "", m.group(2)
            prev.joining_suffix = self.delimiter(cur, m.group(3), cur.numeric)
            cur.particle, cur.value = m.group(4), m.group(5)
        return True

    def run(self, values: list[NumPiece]) -> None:
        count, label = 0, None
        for i, v in enumerate(values):
            if not v.collapsible:
                count, label = 0, None
                v.joining_suffix = self.delimiter(v, v.joining_suffix, v.numeric)
            elif label == v.label and v.joining_suffix == "-":
                count = 1
            elif label == v.label:
                count += 1
                if count == 2:
                    count = self._try(values, i)
            else:
                label, count = v.label, 1
        if count == 2:
            self._try(values, len(values) - 1)

    def _try(self, values: list[NumPiece], i: int) -> int:
        if i < 1:
            return 2
        if values[i - 1].particle != values[i].particle:
            return 2
        if values[i - 1].joining_suffix != "-":
            return 1
        return 0 if self.mangle(values, i) else 2


def fix_ranges(info: NumInfo, variable: str, locale: Locale, fmt: str | None) -> None:
    """Join ranges for rendering (cs:number, or cs:text of a number variable)."""
    variable = "page" if variable == "page-first" else variable
    if variable in RANGE_VARIABLES:
        _Ranger(variable, locale, fmt).run(info.pieces)


# -- page-range-format --------------------------------------------------------------------------

_RANGE_RE = re.compile(r"([0-9]*[a-zA-Z]+0*)?([0-9]+[a-z]*)\s*(?:\u2013|-)\s*"
                       r"([0-9]*[a-zA-Z]+0*)?([0-9]+[a-z]*)")
_SIDE = r"(?:[0-9]*[a-zA-Z]+0*)?[0-9]+[a-z]*"


def _listify(text: str, delim: str) -> list[object]:
    own = "" if delim == "-" else re.escape(delim)
    text = re.sub(rf"([^\\])[-{own}\u2013]", r"\1 - ", text)
    text = re.sub(r"\s+-\s+", " - ", text)
    rex = rf"{_SIDE}\s+\-\s+{_SIDE}"
    found = re.findall(rex, text)
    rest = re.split(rex, text)
    out: list[object] = [rest[0]]
    for k in range(1, len(rest)):
        out.append(re.sub(r"\s*\-\s*", "-", found[k - 1]))
        out.append(rest[k])
    return out


def _expand(text: str, delim: str) -> list[object]:
    lst = _listify(text, delim)
    for pos in range(1, len(lst), 2):
        m = _RANGE_RE.search(str(lst[pos]))
        if m:
            g = [m.group(0), m.group(1), m.group(2), m.group(3), m.group(4)]
            if not g[3] or g[1] == g[3]:
                if len(g[4]) < len(g[2]):
                    g[4] = g[2][: len(g[2]) - len(g[4])] + g[4]
                if (_js_int(g[2]) or 0) < (_js_int(g[4]) or 0):
                    g[3] = delim + (g[1] or "")
                    lst[pos] = [g[1] or "", g[2], g[3], g[4]]
        if isinstance(lst[pos], str):
            lst[pos] = str(lst[pos]).replace("-", delim)
    return lst


def _stringify(lst: list[object], delim: str) -> str:
    text = "".join("".join(p) if isinstance(p, list) else str(p) for p in lst)
    return re.sub(r"([^\\])\-", lambda m: m.group(1) + delim, text)


def _minimize_internal(begin: str, end: str, minchars: int) -> str:
    ret = list(reversed(end))
    if len(begin) == len(end):
        for b, e in zip(begin, end):
            if b == e and len(ret) > minchars:
                ret.pop()
            else:
                break
    return "".join(reversed(ret))


def _apply(lst: list[object], fmt: str, delim: str) -> None:
    for pos in range(1, len(lst), 2):
        m = lst[pos]
        if not isinstance(m, list):
            continue
        if fmt in ("minimal", "minimal-two"):
            m[3] = _minimize_internal(m[1], m[3], 2 if fmt == "minimal-two" else 0)
        else:
            begin, end = _js_int(m[1]) or 0, _js_int(m[3]) or 0
            if fmt == "chicago-16":
                if begin > 100 and begin % 100:
                    e = str(end)
                    for k in range(2, len(e)):
                        div = 10 ** k
                        if begin // div == end // div:
                            m[3] = str(end % div)
                            break
            elif begin > 100 and begin % 100 and begin // 100 == end // 100:
                m[3] = str(end % 100)
            elif begin >= 10000:
                m[3] = str(end % 1000)
        if m[2][1:] == m[0]:
            m[2] = delim


def mangle_page_range(text: str, fmt: str | None, delim: str) -> str:
    """citeproc-js's page-range formatting of a "first - last" string."""
    lst = _expand(text, delim)
    if fmt in ("minimal", "minimal-two", "chicago", "chicago-15", "chicago-16"):
        _apply(lst, fmt, delim)
    return _stringify(lst, delim)
