"""Development and test tool: citekit's readers against other projects' reader test data.

Reads every case of ``../shared/corpora/formats/`` (pandoc's BibLaTeX/BibTeX/RIS goldens,
Zotero's BibTeX.js/RIS.js import cases, citation-js's reader fixtures, python-bibtexparser's
data files) with citekit and compares the items field by field. Run from the repository root::

    .venv/bin/python tools/formats_agreement.py [--corpus pandoc] [--show-differences]

It prints, per corpus: cases, items expected, items lost, crashes, fields compared, fields
equal (and equal once the deliberate differences of tests/data/formats/deliberate-differences.json
are set aside). tests/test_formats_corpora.py asserts the same figures.

Fields are compared after one normalization both sides share: ``<span class="nocase">``
wrappers removed (pandoc's CSL-JSON writer drops them), blanks collapsed, NFC, page-range
dashes as ``-``, numbers as strings, dates as their date parts. A field counts once per item
for the union of the golden's and citekit's CSL variables (``id``, ``citation-key`` and
``custom`` aside), so a variable citekit adds is a difference too.

Zotero's items become CSL as Zotero's own CSL export makes them (zotero-schema's map; creators
CSL has no role for dropped; Extra's ``key: value`` lines read as citeproc-js reads them, and
citekit's note by the same rule). A case can only say what its item type holds: Zotero's
translator tester deletes every field not valid for the type, and the access date, from the
items it records, so a variable citekit reads that the case's type cannot hold is not compared.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora" / "formats"
DIFFERENCES = ROOT / "tests" / "data" / "formats" / "deliberate-differences.json"
sys.path.insert(0, str(ROOT))

from citekit.sources import read_text  # noqa: E402

_NOCASE = re.compile(r'<span class="nocase">(.*?)</span>', re.S)
_IGNORED = frozenset({"id", "citation-key", "custom"})
_PAGE_DASH = re.compile(r"\s*[–—-]+\s*")


@dataclass
class Score:
    """Agreement of one corpus."""

    corpus: str
    cases: int = 0
    items: int = 0
    lost: int = 0
    crashes: int = 0
    fields: int = 0
    equal: int = 0
    deliberate: int = 0
    differences: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        compared = self.fields - self.deliberate
        return self.equal / compared if compared else 1.0

    def line(self) -> str:
        return (f"{self.corpus:12} cases {self.cases:4}  items {self.items:4}  lost {self.lost}  "
                f"crashes {self.crashes}  fields {self.fields:5}  equal {self.equal:5} "
                f"({self.equal / max(self.fields, 1):.1%})  deliberate {self.deliberate:3}  "
                f"equal without them {self.ratio:.1%}")


def _text(value: Any) -> str:
    text = _NOCASE.sub(r"\1", str(value))
    while _NOCASE.search(text):
        text = _NOCASE.sub(r"\1", text)
    return unicodedata.normalize("NFC", " ".join(text.split()))


def _date(value: Any) -> Any:
    if isinstance(value, dict):
        if "date-parts" in value:
            parts = [[int(p) for p in part if str(p).lstrip("-").isdigit()]
                     for part in value["date-parts"]]
            out: dict[str, Any] = {"parts": parts}
            if parts and len(parts[0]) == 2 and 21 <= parts[0][1] <= 24:  # citeproc's seasons
                out["season"] = str(parts[0][1] - 20)
                parts[0] = parts[0][:1]
            for key in ("season", "circa", "literal"):
                if value.get(key):
                    out[key] = str(value[key])
            return out
        if "literal" in value:
            return {"literal": _text(value["literal"])}
        if "raw" in value:
            return {"raw": value["raw"]}
    return {"other": str(value)}


def _names(value: Any) -> Any:
    if not isinstance(value, list):
        return str(value)
    out = []
    for name in value:
        if isinstance(name, dict):
            out.append({k: _text(v) for k, v in sorted(name.items())
                        if v not in ("", None) and k not in ("parse-names", "sequence")})
        else:
            out.append({"literal": _text(name)})
    return out


_NAME_VARS = frozenset("""author editor translator container-author collection-editor composer
director editorial-director illustrator interviewer recipient reviewed-author original-author
contributor chair compiler curator executive-producer guest host narrator organizer performer
producer script-writer series-creator""".split())
_DATE_VARS = frozenset({"issued", "accessed", "event-date", "original-date", "submitted",
                        "available-date"})


def normalize(var: str, value: Any) -> Any:
    """One CSL variable's value in the shared comparable form."""
    if var in _NAME_VARS:
        return _names(value)
    if var in _DATE_VARS:
        return _date(value)
    if var == "page":
        return _PAGE_DASH.sub("-", _text(value))
    if isinstance(value, list):
        return [_text(v) for v in value]
    return _text(value)


def compare_items(corpus: str, case: str, expected: list[dict[str, Any]],
                  got: list[dict[str, Any]], score: Score,
                  deliberate: dict[tuple[str, str, str, str], str]) -> None:
    """Field by field; items are paired by id, else by position."""
    ids = [g.get("id") for g in got]
    unique = len(set(ids)) == len(ids) and all(ids)
    by_id = {g.get("id"): g for g in got} if unique else {}
    for index, want in enumerate(expected):
        score.items += 1
        have = by_id.get(want.get("id"))
        if have is None and index < len(got) and len(got) == len(expected):
            have = got[index]
        if have is None:
            score.lost += 1
            score.differences.append({"corpus": corpus, "case": case, "item": want.get("id"),
                                      "field": "*", "expected": "item", "citekit": None})
            continue
        keys = (set(want) | set(have)) - _IGNORED
        for var in sorted(keys):
            score.fields += 1
            a = normalize(var, want[var]) if var in want else None
            b = normalize(var, have[var]) if var in have else None
            if a == b:
                score.equal += 1
                continue
            key = (corpus, case, str(want.get("id")), var)
            if key in deliberate:
                score.deliberate += 1
            score.differences.append({"corpus": corpus, "case": case,
                                      "item": str(want.get("id")), "field": var,
                                      "expected": want.get(var), "citekit": have.get(var),
                                      "deliberate": key in deliberate})


def _read(text: str, fmt: str, label: str, score: Score) -> list[dict[str, Any]] | None:
    try:
        result = read_text(text, label, fmt)
    except Exception as exc:  # a crash is what this tool counts
        score.crashes += 1
        score.differences.append({"corpus": score.corpus, "case": label, "item": None,
                                  "field": "crash", "citekit": repr(exc)})
        return None
    return [item.to_json() for item in result.items]


def load_differences() -> dict[tuple[str, str, str, str], str]:
    """The deliberate differences: (corpus, case, item id, field) -> reason."""
    data = json.loads(DIFFERENCES.read_text(encoding="utf-8"))
    return {(d["corpus"], d["case"], d["item"], d["field"]): d["reason"]
            for d in data["differences"]}


# -- pandoc ---------------------------------------------------------------------------------------
def score_pandoc(deliberate: dict[tuple[str, str, str, str], str]) -> Score:
    data = json.loads((CORPORA / "pandoc" / "readers.json").read_text(encoding="utf-8"))
    score = Score("pandoc")
    for case in data["cases"]:
        score.cases += 1
        got = _read(case["input"], case["from"], case["name"], score)
        compare_items("pandoc", case["name"], case["expected"] or [], got or [], score,
                      deliberate)
    return score


# -- citation-js ----------------------------------------------------------------------------------
def score_citationjs(deliberate: dict[tuple[str, str, str, str], str]) -> Score:
    data = json.loads((CORPORA / "citationjs" / "readers.json").read_text(encoding="utf-8"))
    score = Score("citation-js")
    for case in data["cases"]:
        score.cases += 1
        fmt = "ris" if case["format"] == "ris" else "bibtex"
        got = _read(case["input"], fmt, case["name"], score) or []
        expected = [dict(e) for e in case["expected"]]
        for item in expected:  # citation-js names items by their citation key
            item.setdefault("id", item.get("citation-key"))
        compare_items("citation-js", case["name"], expected, got, score, deliberate)
    return score


# -- Zotero ---------------------------------------------------------------------------------------
class ZoteroMap:
    """Zotero item JSON -> CSL-JSON with zotero-schema's own CSL map."""

    def __init__(self) -> None:
        schema = json.loads((CORPORA / "zotero" / "schema-csl.json").read_text(encoding="utf-8"))
        csl = schema["csl"]
        self.types = {z: c for c, zs in csl["types"].items() for z in zs}
        self.text = {}
        for var, zfields in csl["fields"]["text"].items():
            for zfield in zfields:
                self.text.setdefault(zfield, var)
        self.dates = {z: c for c, z in csl["fields"]["date"].items()}
        self.text_vars = set(self.text.values())
        self.names = csl["names"]
        self.base: dict[tuple[str, str], str] = {}
        self.primary: dict[str, str] = {}
        self.holds: dict[str, set[str]] = {}
        for itype in schema["itemTypes"]:
            holds = self.holds.setdefault(itype["itemType"], {"type"})
            for f in itype["fields"]:
                if "baseField" in f:
                    self.base[(itype["itemType"], f["field"])] = f["baseField"]
                zfield = f.get("baseField", f["field"])
                holds.update(v for v in (self.text.get(f["field"]), self.text.get(zfield),
                                         self.dates.get(zfield)) if v)
                if zfield == "shortTitle":
                    holds.add("title-short")
                if zfield == "journalAbbreviation":
                    holds.add("container-title-short")
            for creator in itype["creatorTypes"]:
                if creator.get("primary"):
                    self.primary[itype["itemType"]] = creator["creatorType"]
        # Zotero's translator tester (translatorTester.js, _sanitizeItem) deletes every
        # field not valid for the item's type and the accessDate from the items it
        # compares, so no import case can say anything about those: not compared
        for holds in self.holds.values():
            holds.discard("accessed")

    def comparable(self, zitem: dict[str, Any], var: str) -> bool:
        """Whether an import case can hold ``var``: a field its item type has (the tester
        keeps no other), a name (the tester keeps every creator), a variable its Extra
        gives."""
        return (var in self.holds.get(zitem["itemType"], ()) or var in _NAME_VARS
                or var in self.extra_variables(zitem.get("extra") or ""))

    def extra_variables(self, extra: str, zotero: bool = True) -> dict[str, Any]:
        """The CSL variables of a Zotero item's Extra field. Zotero's CSL export passes Extra
        as ``note`` with each ``Key: value`` line's key made a CSL name (extraToCSL:
        ``Original Date`` -> ``original-date``, ``pmid`` -> ``PMID``, a Zotero field's name
        -> its variable), and citeproc-js (Zotero's processor, and this project's oracle)
        reads the ``key: value`` lines at the top of the note as variables
        (CSL.parseNoteFieldHacks: keys all lowercase or all capitals; reading stops at the
        first other line but the first). Only variables the scorer compares are taken
        (``MR: 3077863`` is none); an access date never is (see ``holds``). Without
        ``zotero`` (citekit's own note, which goes to the processor as it is) the keys are
        read as written."""
        out: dict[str, Any] = {}
        for index, line in enumerate(extra.split("\n")):
            if not line.strip():
                continue
            match = _NOTE_FIELD.match(self._extra_key(line) if zotero else line)
            if match is None:
                if index == 0:
                    continue
                break
            key, value = match.group(1), match.group(2).strip()
            if key in _DATE_VARS and key != "accessed":
                out[key] = _zotero_date(value)
            elif (key in self.text_vars or key in _NAME_VARS) and key not in out:
                out[key] = [_extra_name(value)] if key in _NAME_VARS else value
        return out

    def _extra_key(self, line: str) -> str:
        match = _EXTRA_LINE.match(line)
        if match is None:
            return line
        key, rest = match.groups()
        csl = key.lower().replace(" ", "-")
        if csl in ("doi", "isbn", "issn", "pmcid", "pmid", "url"):
            csl = csl.upper()
        elif csl == "archive-location":
            csl = "archive_location"
        elif csl not in self.text_vars and csl not in _DATE_VARS and csl not in _NAME_VARS:
            zfield = key.replace(" ", "")
            zfield = zfield[:1].lower() + zfield[1:] if zfield[1:2].islower() else zfield
            csl = self.text.get(zfield, key)
        return csl + rest

    def to_csl(self, zitem: dict[str, Any]) -> dict[str, Any]:
        itype = zitem["itemType"]
        out: dict[str, Any] = {"type": self.types.get(itype, "document"),
                               "id": zitem.get("citationKey") or zitem.get("itemID")}
        for key, value in zitem.items():
            if key in ("itemType", "creators", "tags", "notes", "attachments", "seeAlso",
                       "itemID", "citationKey", "shortTitle", "accessDate", "extra") \
                    or value in ("", None, []):
                continue
            zfield = self.base.get((itype, key), key)
            if zfield in self.dates:
                out[self.dates[zfield]] = _zotero_date(value)
            elif zfield in self.text:
                out.setdefault(self.text[zfield], value)
            else:
                out[f"zotero:{key}"] = value
        if zitem.get("journalAbbreviation"):  # Zotero's CSL export: container-title-short
            out.pop("journalAbbreviation", None)
            out["container-title-short"] = zitem["journalAbbreviation"]
        if zitem.get("shortTitle"):
            out["title-short"] = zitem["shortTitle"]
        if zitem.get("accessDate"):
            out["accessed"] = _zotero_date(zitem["accessDate"])
        for creator in zitem.get("creators", []):
            ctype = creator.get("creatorType", "author")
            if ctype == self.primary.get(itype):
                ctype = "author"
            var = self.names.get(ctype)
            if var is None:  # Zotero's CSL export drops creators CSL has no role for
                continue     # (counsel, words by, attorney/agent)
            if "name" in creator or creator.get("fieldMode") == 1:  # a one-field name: a
                name = {"literal": creator.get("name") or creator.get("lastName")}  # literal
            else:
                name = {k: v for k, v in (("family", creator.get("lastName")),
                                          ("given", creator.get("firstName"))) if v}
            out.setdefault(var, []).append(name)
        for var, value in self.extra_variables(zitem.get("extra") or "").items():
            out.setdefault(var, value)
        return out


_NOTE_FIELD = re.compile(r"^([\-_a-z]+|[A-Z]+):\s*([^}]+)$")
_EXTRA_LINE = re.compile(r"^([A-Za-z \-]+)(:\s*.+)$")


def _extra_name(value: str) -> dict[str, str]:
    """A name in Extra as citeproc-js reads it: ``Family || Given``, else a literal."""
    parts = [p.strip() for p in value.split("||")]
    return {"family": parts[0], "given": parts[1]} if len(parts) == 2 else {"literal": value}


_ZDATE = re.compile(r"^(-?\d{1,4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[ T][\d:]+)?$")


def _zotero_date(value: str) -> dict[str, Any]:
    match = _ZDATE.match(value.strip())
    if not match:
        return {"literal": value}
    return {"date-parts": [[int(p) for p in match.groups() if p and int(p)]]}


def score_zotero(deliberate: dict[tuple[str, str, str, str], str]) -> Score:
    data = json.loads((CORPORA / "zotero" / "import-cases.json").read_text(encoding="utf-8"))
    zmap = ZoteroMap()
    score = Score("zotero")
    known = (set(zmap.text.values()) | set(zmap.dates.values()) | set(zmap.names.values())
             | {"container-title-short", "title-short"})
    for translator, cases in data["translators"].items():
        fmt = "ris" if translator.startswith("RIS") else "bibtex"
        for index, case in enumerate(cases):
            if case.get("type") != "import" or not isinstance(case.get("items"), list):
                continue
            score.cases += 1
            name = f"{translator}#{index}"
            got = _read(case["input"], fmt, name, score) or []
            expected = [zmap.to_csl(z) for z in case["items"]]
            # Zotero's fields beyond the CSL map (and citekit's notes, which Zotero turns
            # into child notes) are not compared: only what both sides can express.
            trimmed = [{k: v for k, v in g.items() if k in known or k in _IGNORED
                        or k == "type"} for g in got]
            for item, whole in zip(trimmed, got):  # citekit's note read by the same rule
                for var, value in zmap.extra_variables(str(whole.get("note") or ""),
                                                       zotero=False).items():
                    item.setdefault(var, value)
                item.pop("note", None)
            for want in expected:
                want.pop("note", None)
                for key in [k for k in want if k.startswith("zotero:")]:
                    want.pop(key)
            if all(e.get("id") is None for e in expected):
                for e, g in zip(expected, trimmed):
                    e["id"] = g.get("id")
            # nor what the case's item type cannot hold (the tester deletes it)
            pairs = {e["id"]: (z, e) for e, z in zip(expected, case["items"])}
            for position, item in enumerate(trimmed):
                pair = pairs.get(item.get("id")) if len(pairs) == len(expected) else None
                if pair is None and len(trimmed) == len(expected):
                    pair = (case["items"][position], expected[position])
                if pair is not None:
                    for key in [k for k in item if k not in _IGNORED and k not in pair[1]
                                and not zmap.comparable(pair[0], k)]:
                        item.pop(key)
            compare_items("zotero", name, expected, trimmed, score, deliberate)
    return score


# -- bibtexparser ---------------------------------------------------------------------------------
def score_bibtexparser(deliberate: dict[tuple[str, str, str, str], str]) -> Score:
    """No golden CSL here: items lost (keys bibtexparser 1.4.3 reads that citekit does not)
    and crashes; a field counts as equal when citekit kept it (as a variable or in custom)."""
    data = json.loads((CORPORA / "bibtexparser" / "data-files.json").read_text(encoding="utf-8"))
    score = Score("bibtexparser")
    for name, text in sorted(data["files"].items()):
        score.cases += 1
        got = _read(text, "bibtex", name, score)
        if got is None:
            continue
        ids = {g["id"] for g in got}
        for entry in data["bibtexparser_1_4_3"].get(name) or []:
            if entry.get("type", "").lower() in ("set", "xdata", "string", "preamble",
                                                 "comment"):
                continue
            score.items += 1
            if entry["key"] not in ids:
                score.lost += 1
                score.differences.append({"corpus": "bibtexparser", "case": name,
                                          "item": entry["key"], "field": "*"})
    return score


SCORERS = {"pandoc": score_pandoc, "zotero": score_zotero, "citation-js": score_citationjs,
           "bibtexparser": score_bibtexparser}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=sorted(SCORERS), action="append")
    parser.add_argument("--show-differences", action="store_true",
                        help="print each difference that is not deliberate")
    args = parser.parse_args(argv)
    deliberate = load_differences()
    for name in args.corpus or list(SCORERS):
        score = SCORERS[name](deliberate)
        print(score.line())
        if args.show_differences:
            for diff in score.differences:
                if not diff.get("deliberate"):
                    print("   ", json.dumps(diff, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
