"""Format stage: ``cs:date`` — localized and non-localized dates, date-parts, ranges, seasons,
BC/AD and literal dates (CSL 1.0.2 "Date")."""
from __future__ import annotations

import re

from ...model import Date, Item
from ..locale import Locale
from ..nodes import Node
from ..output.tree import Child, Span, Tag
from . import numbers
from .context import Context
from .decorate import decorate
from .memo import OwnedMemo

_LEVEL = {"year": 0, "month": 1, "day": 2}
_SHOWN = {"year-month-day": ("year", "month", "day"), "year-month": ("year", "month"),
          "year": ("year",)}


def _date_of(ctx: Context, variable: str) -> Date | None:
    value = ctx.item.get(variable)
    if isinstance(value, Date):
        if not value.parts and not value.literal and value.raw:
            return _from_raw(value)
        return value
    return None


def _from_raw(value: Date) -> Date:
    try:
        from ...model.dateparse import parse_date  # written by the model stage
        parsed = parse_date(value.raw or "")
        if parsed.parts or parsed.literal:
            return parsed
    except Exception:
        pass
    m = re.fullmatch(r"\s*(-?\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?\s*", value.raw or "")
    if m:
        return Date(parts=(tuple(int(g) for g in m.groups() if g),))
    return Date(literal=value.raw)


#: _parts_nodes of a localized cs:date, by its node and locale; callers only read them
_LOCALIZED: OwnedMemo[tuple[list[Node], Node]] = OwnedMemo(4096)


def _parts_nodes(node: Node, ctx: Context) -> tuple[list[Node], Node]:
    """The date-part nodes to render (localized: locale's, with the style's overrides)."""
    form = node.get("form")
    if not form:
        return node.all("date-part"), node
    locale = ctx.locale
    key, owners = (id(node), id(locale)), (node, locale)
    hit = _LOCALIZED.get(key, owners)
    if hit is not None:
        return hit
    return _LOCALIZED.put(key, owners, _localized_parts(node, form, locale))


def _localized_parts(node: Node, form: str, locale: Locale) -> tuple[list[Node], Node]:
    base = locale.dates.get(form)
    if base is None:
        return [], node
    shown = _SHOWN.get(node.get("date-parts", "year-month-day"), ("year", "month", "day"))
    overrides = {p.get("name"): p for p in node.all("date-part")}
    parts = []
    for part in base.all("date-part"):
        name = part.get("name")
        if name not in shown:
            continue
        over = overrides.get(name)
        if over is not None:
            attrs = dict(part.attrs)
            attrs.update({k: v for k, v in over.attrs.items() if k not in ("prefix", "suffix")})
            part = Node(part.name, attrs, part.children, part.text, part.line)
        parts.append(part)
    return parts, base


def _year(part: Node, year: int, ctx: Context, show_era: bool) -> str:
    form = part.get("form", "long")
    if year < 0:
        return f"{-year}{ctx.locale.term('bc') or 'BC'}"
    text = str(year)[-2:] if form == "short" else str(year)
    if 0 < year < 500 and show_era:  # citeproc-js adds "AD" below 500
        text += ctx.locale.term("ad") or "AD"
    return text


def _month(part: Node, month: int, ctx: Context) -> str:
    form = part.get("form", "long")
    if month > 24:
        return ""
    if month > 12:  # 13-16, 17-20 and 21-24 all count as the four seasons (citeproc-js)
        season = (month - 13) % 4 + 1
        return ctx.locale.term(f"season-{season:02d}") or ""
    if form == "numeric":
        return str(month)
    if form == "numeric-leading-zeros":
        return f"{month:02d}"
    return ctx.locale.term(f"month-{month:02d}", "short" if form == "short" else "long") or ""


def _day(part: Node, day: int, month: int | None, ctx: Context) -> str:

    form = part.get("form", "numeric")
    if form == "numeric-leading-zeros":
        return f"{day:02d}"
    if form == "ordinal":
        if ctx.locale.limit_day_ordinals and day != 1:
            return str(day)
        gender = ctx.locale.gender_of(f"month-{month:02d}") if month else None
        return f"{day}{numbers.ordinal_suffix(day, ctx.locale, gender)}"
    return str(day)


def _render_part(part: Node, values: dict[str, int], season: str | None, ctx: Context,
                 affixes: bool = True) -> Child | None:

    name = part.get("name")
    if name == "year" and "year" in values:
        text = _year(part, values["year"], ctx, True)
        tag = Tag.YEAR
    elif name == "month" and "month" in values:
        text = _month(part, values["month"], ctx)
        tag = Tag.MONTH
    elif name == "month" and season:
        text = (ctx.locale.term(f"season-{int(season):02d}") or "") if season.isdigit() \
            else season
        tag = Tag.SEASON
    elif name == "day" and "day" in values:
        text = _day(part, values["day"], values.get("month"), ctx)
        tag = Tag.DAY
    else:
        return None
    if not text:
        return None
    return decorate([text], part, ctx, tag=tag, affixes=affixes, leaf=text)


def _values(dp: tuple[int, ...]) -> dict[str, int]:
    out = {}
    for key, value in zip(("year", "month", "day"), dp):
        if value:
            out[key] = value
    return out


def render_date(node: Node, ctx: Context) -> Span | None:

    variable = node.get("variable", "")
    ctx.visit(variable)
    date = _date_of(ctx, variable) if variable not in ctx.substituted else None
    if date is None or not (date.parts or date.literal):
        ctx.note_variable(False)
        return None
    if ctx.sorting:  # only the parts the date shows count (zeros for the others)
        ctx.note_variable(True)
        if not date.parts:  # a literal date gives nothing to a macro's sort key (citeproc-js)
            return None
        shown = frozenset(p.get("name") for p in _parts_nodes(node, ctx)[0])
        return Span([sort_key(date, shown)], tag=Tag.DATE, data=variable)
    if date.literal and not date.parts:
        # citeproc-js prints a literal in the place of the year part, with that part's affixes;
        # a date that shows no year (APA's month-and-day macro) prints nothing for it
        ctx.note_variable(True)
        year = next((p for p in _parts_nodes(node, ctx)[0] if p.get("name") == "year"), None)
        if year is None:
            return None
        literal = decorate([date.literal], year, ctx, tag=Tag.VALUE, leaf=date.literal)
        return decorate([literal], node, ctx, tag=Tag.DATE, data=variable) if literal else None
    parts, base = _parts_nodes(node, ctx)
    delimiter = base.get("delimiter", "")
    children = _render_parts(parts, date, ctx, delimiter)
    ctx.note_variable(bool(children))  # a date whose shown parts are all missing is empty
    if not children:
        return None
    span = decorate(children, node, ctx, tag=Tag.DATE, data=variable)
    if span is not None:
        span.fmt.pop("delimiter", None)
        if delimiter:
            span.fmt["delimiter"] = delimiter
        _implicit_year_suffix(span, variable, ctx)
    return span


def _implicit_year_suffix(span: Span, variable: str, ctx: Context) -> None:
    """Append the year-suffix to the first rendered year when the style never renders it."""

    if ctx.disamb.year_suffix is None or ctx.year_suffix_done \
            or not ctx.style.implicit_year_suffix:
        return
    year = span.find(Tag.YEAR)
    if year is not None:
        year.children.append(Span([ctx.variable("year-suffix")], tag=Tag.YEAR_SUFFIX))
        ctx.year_suffix_done = True


def _render_parts(parts: list[Node], date: Date, ctx: Context, delimiter: str) -> list[Child]:
    first = _values(date.parts[0])
    second = _values(date.parts[1]) if len(date.parts) > 1 else {}
    open_range = len(date.parts) > 1 and not second
    if second and second != first:
        return _render_range(parts, first, second, date, ctx, delimiter)
    out = [_render_part(p, first, date.season, ctx) for p in parts]
    children = [c for c in out if c is not None]
    if open_range and children:
        delim = _range_delimiter(parts, "year")
        children = [Span([Span(children, {"delimiter": delimiter}), delim])]
    return children


def _range_delimiter(parts: list[Node], level: str) -> str:
    for p in parts:
        if p.get("name") == level:
            return p.get("range-delimiter") or "\u2013"  # an empty one is none (citeproc-js)
    return "\u2013"


def _render_range(parts: list[Node], first: dict[str, int], second: dict[str, int],
                  date: Date, ctx: Context, delimiter: str) -> list[Child]:
    names = [p.get("name") for p in parts]
    # only the parts this date shows, and that the range's end has, can make it a range
    # (citeproc-js); when none of them differ, the start alone is shown
    differing = [k for k in ("year", "month", "day")
                 if k in names and k in second and first.get(k) != second.get(k)]
    if not differing:
        return [c for c in (_render_part(p, first, date.season, ctx) for p in parts) if c]
    top = differing[0]
    diff_idx = [i for i, n in enumerate(names) if _LEVEL.get(n, 0) >= _LEVEL[top]]
    if not diff_idx:
        return [c for c in (_render_part(p, first, date.season, ctx) for p in parts) if c]
    lo, hi = min(diff_idx), max(diff_idx)
    delim = _range_delimiter(parts, top)

    def block(values: dict[str, int], strip_prefix: bool, strip_suffix: bool) -> list[Child]:
        """The differing parts of one end; the affixes facing the range delimiter go."""
        out = [span for span in (_render_part(parts[i], values, None, ctx)
                                 for i in range(lo, hi + 1)) if span is not None]
        if out and strip_suffix and isinstance(out[-1], Span):
            out[-1].fmt.pop("suffix", None)
        if out and strip_prefix and isinstance(out[0], Span):
            out[0].fmt.pop("prefix", None)
        return out

    before = [_render_part(parts[i], first, date.season, ctx) for i in range(lo)]
    after = [_render_part(parts[i], first, date.season, ctx) for i in range(hi + 1, len(parts))]
    middle: list[Child] = [Span([Span(block(first, False, True), {"delimiter": delimiter}), delim,
                                 Span(block(second, True, False), {"delimiter": delimiter})])]
    return [c for c in before if c] + middle + [c for c in after if c]


def sort_key(date: Date, shown: frozenset[str] | None = None) -> str:
    """A date's sort string as citeproc-js writes it: for the start and the end (zeros for a
    date that is no range) a year marked 1 (0 before the common era, counted down) and
    padded to four digits, then month and day in two; ``shown`` limits it to those parts
    (year, month, day), the others counting as zero. One run of digits: sort keys collate
    digit runs by value, so two dates in one macro key compare as one number (as in
    citeproc-js)."""
    def one(dp: tuple[int, ...]) -> str:
        y, m, d = (dp[i] if len(dp) > i and (shown is None or name in shown) else 0
                   for i, name in enumerate(("year", "month", "day")))
        year = f"0{9999 - abs(y):04d}" if y < 0 else f"1{y:04d}"
        return f"{year}{m:02d}{d:02d}"
    if not date.parts:
        return ""
    return one(date.parts[0]) + one(date.parts[1] if len(date.parts) > 1 else ())


def drop_year_repeating_collection_number(tree: Span, item: Item, kept_in: str = "") -> None:
    """A legal case's issued year, rendered alone, is left out when the cite also renders a
    ``collection-number`` equal to it (citeproc-js: "[1930] P. 217", not "... 1930").
    ``kept_in``: the style's ``disable-duplicate-year-suppression`` (CSL-M), countries (the
    first part of an item's ``jurisdiction``) whose cases keep the year."""
    issued, number = item.get("issued"), item.get("collection-number")
    if item.type != "legal_case" or not isinstance(issued, Date) or not issued.parts \
            or not issued.parts[0] or number is None or str(number) != str(issued.parts[0][0]):
        return
    country = str(item.get("jurisdiction") or "").split(":")[0]
    if country and country in kept_in.split():
        return
    spans = list(tree.walk())
    if not any(s.tag is Tag.NUMBER and s.data == "collection-number" and not s.is_empty()
               for s in spans):
        return
    for span in spans:
        for i, child in enumerate(span.children):
            if isinstance(child, Span) and child.tag is Tag.DATE and child.data == "issued" \
                    and _year_only(child):
                span.children[i] = ""


def _year_only(date: Span) -> bool:
    parts = {s.tag for s in date.walk()}
    return Tag.YEAR in parts and not parts & {Tag.MONTH, Tag.DAY, Tag.SEASON}
