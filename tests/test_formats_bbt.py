"""Better BibTeX and Better BibLaTeX exports of a realistic Zotero library, formatted in APA,
against pandoc's own ``--citeproc`` output for the same files (recorded by
tools/bbt_pandoc_oracle.py in tests/data/formats/bbt/pandoc-apa.json).

Every entry must equal pandoc's, title case included (English titles in sentence case with
brace-protected words kept; ``family=..., prefix=...`` names; arXiv preprints), except the
differences listed here, each with its reason.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from citekit import format_bibliography, load
from citekit.sources import read_file

DATA = Path(__file__).parent / "data" / "formats" / "bbt"
EXPECTED = json.loads((DATA / "pandoc-apa.json").read_text(encoding="utf-8"))

#: (library, first words of pandoc's entry) -> (citekit's entry, why it differs)
DIFFERENCES = {
    ("library-betterbiblatex.bib", "He, K., Zhang, X."): (
        "He, K., Zhang, X., Ren, S., & Sun, J. (2015). Deep residual learning for image "
        "recognition (arXiv:1512.03385). arXiv. https://doi.org/10.48550/arXiv.1512.03385 "
        "(Pre-published)",
        "an @online entry with an arXiv eprint is a preprint (CSL type article, number "
        "arXiv:NNNN, publisher arXiv), printed as APA prints preprints and as the Better "
        "BibTeX export of the same item is; pandoc keeps it a web page"),
    ("library-betterbiblatex.bib", "Kim, M. B. D."): (
        "Kim, M. B. D., & Nikitin, M. B. (2022). North Korea’s nuclear weapons and missile "
        "programs (CRS Report No. IF10472). Congressional Research Service. "
        "https://crsreports.congress.gov/product/pdf/IF/IF10472",
        "pandoc reads biblatex's type field raw and prints its braces ({{CRS Report}})"),
    ("library-betterbibtex.bib", "Kim, M. B. D."): (
        "Kim, M. B. D., & Nikitin, M. B. (2022). North Korea’s nuclear weapons and missile "
        "programs (CRS Report No. IF10472). Congressional Research Service. "
        "https://crsreports.congress.gov/product/pdf/IF/IF10472",
        "the same: pandoc prints the type field's braces"),
}


def _bibliography(name: str) -> list[str]:
    result = read_file(DATA / name)
    assert result.errors == []
    return format_bibliography(result.items, style="apa", output="text").entries


@pytest.mark.parametrize("name", sorted(EXPECTED["libraries"]))
def test_apa_bibliography_equals_pandocs(name: str) -> None:
    expected = EXPECTED["libraries"][name]
    got = _bibliography(name)
    assert len(got) == len(expected)
    for want, have in zip(expected, got):
        listed = next((v for (lib, start), v in DIFFERENCES.items()
                       if lib == name and want.startswith(start)), None)
        if listed is not None:
            assert have == listed[0]
        else:
            assert have == want


def test_every_listed_difference_is_still_one() -> None:
    for (name, start), (_, reason) in DIFFERENCES.items():
        pandoc = next(e for e in EXPECTED["libraries"][name] if e.startswith(start))
        citekit = next(e for e in _bibliography(name) if e.startswith(start))
        assert pandoc != citekit and len(reason) > 30


def test_keep_titles_keeps_better_bibtex_title_case() -> None:
    for items in (read_file(DATA / "library-betterbibtex.bib", keep_titles=True).items,
                  load(DATA / "library-betterbibtex.bib", keep_titles=True).items):
        titles = {i.id: i["title"] for i in items}
        assert titles["vaswaniAttentionAllYou2017"] == "Attention Is All You Need"
