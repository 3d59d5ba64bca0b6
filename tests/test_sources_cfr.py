"""CFR publication pages: the seed (golden), other pages of that shape, the saved page."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from source_helpers import read_one, read_seed

from citekit.sources import detect_format, read_text
from citekit.sources.cfr import byline_names

ROOT = Path(__file__).parent.parent
SEED = ROOT / "seeds" / "003_2c015d99a0c70802.txt"
GOLDEN = json.loads((ROOT / "tests/data/seeds/003_2c015d99a0c70802.json").read_text("utf-8"))
PAGE = ROOT / "tests" / "data" / "pages" / "cfr-p31569.html"

OTHER = """PrintPrint CiteCite
Style: MLAAPAChicago Close


{title}

{byline}
{dateline}
{journal}


{abstract}

View full text of article.

More on This Topic


Another Publication

Author: Richard N. Haass

A teaser that is not this article's abstract.
"""


def _one(text: str, name: str = "page.txt") -> dict:
    return read_one(text, name)


@pytest.fixture(scope="module")
def seed_item() -> dict:
    return read_seed(SEED)


@pytest.mark.parametrize("field", sorted(GOLDEN))
def test_seed_field_matches_golden(seed_item: dict, field: str) -> None:
    assert seed_item.get(field) == GOLDEN[field]


def test_seed_reads_as_the_issue_describes(seed_item: dict) -> None:
    assert set(seed_item) == set(GOLDEN)
    assert seed_item["title"] == "North Korea in Japan’s Strategic Thinking"  # typographic ’
    assert seed_item["author"] == [{"family": "Smith", "given": "Sheila A."}]
    assert seed_item["container-title"] == "ASAN Forum"
    assert (seed_item["volume"], seed_item["issue"]) == ("1", "2")
    assert seed_item["issued"] == {"date-parts": [[2013, 9], [2013, 10]]}
    assert seed_item["abstract"].endswith("domestic Japanese sentiment on North Korean "
                                          "abductions of Japan's citizens.")
    assert "View full text" not in seed_item["abstract"]
    assert "Intimate Rivals" not in json.dumps(seed_item)


def test_seed_is_detected_as_cfr() -> None:
    assert detect_format(SEED.read_text("utf-8"), SEED.name) == "cfr"


def test_several_authors_single_month_no_volume() -> None:
    item = _one(OTHER.format(
        title="Japan’s Security Debate", dateline="March 2015",
        byline="Authors: Sheila A. Smith, Senior Fellow for Japan Studies, Scott A. Snyder, "
               "and Brad Glosserman, Executive Director, Pacific Forum",
        journal="Survival", abstract="A paragraph about Japan's debate."))
    assert item["author"] == [{"family": "Smith", "given": "Sheila A."},
                              {"family": "Snyder", "given": "Scott A."},
                              {"family": "Glosserman", "given": "Brad"}]
    assert item["issued"] == {"date-parts": [[2015, 3]]}
    assert item["container-title"] == "Survival"
    assert "volume" not in item and "issue" not in item
    assert item["id"] == "smith2015japans"


def test_journal_name_before_the_date_line() -> None:
    item = _one(OTHER.format(title="Abe’s Japan", byline="Author: Sheila A. Smith",
                             dateline="The Washington Quarterly", journal="Spring 2014 Vol. 37, "
                             "Issue 1", abstract="Text."))
    assert item["container-title"] == "The Washington Quarterly"
    assert item["issued"] == {"date-parts": [[2014]], "season": 1}
    assert (item["volume"], item["issue"]) == ("37", "1")


def test_nothing_is_taken_from_the_more_on_this_topic_block() -> None:
    text = ("PrintPrint CiteCite\nStyle: MLAAPAChicago Close\n\nA Page Without Byline\n\n"
            "Some text.\n\nMore on This Topic\n\nIntimate Rivals\n\nAuthor: Sheila A. Smith\n\n"
            "A teaser.\n")
    result = read_text(text, "page.txt", "cfr")
    assert result.items == [] and len(result.errors) == 1


@pytest.mark.parametrize("byline, families", [
    ("Sheila A. Smith, Senior Fellow for Japan Studies", ["Smith"]),
    ("Elliott Abrams and Max Boot", ["Abrams", "Boot"]),
    ("John Smith, Jr., Adjunct Senior Fellow", ["Smith"]),
    ("A. One, B. Two, and C. Three", ["One", "Two", "Three"]),
    ("Michael Levi, David M. Rubenstein Senior Fellow for Energy and the Environment",
     ["Levi"]),
])
def test_byline_names(byline: str, families: list[str]) -> None:
    assert [n["family"] for n in byline_names(byline)] == families


def test_saved_page() -> None:
    text = PAGE.read_text("utf-8")
    assert detect_format(text, PAGE.name) == "cfr"
    item = _one(text, PAGE.name)
    for field in ("title", "author", "volume", "issue", "issued", "container-title"):
        assert item[field] == GOLDEN[field], field
    assert item["URL"] == "http://www.theasanforum.org/north-korea-in-japans-strategic-thinking/"
    assert item["abstract"].startswith("Through the repeated cycles")
    assert item["abstract"].endswith("others in the region.")
    assert item["type"] == "article-journal"


def test_a_bracket_alone_is_no_date_line() -> None:
    """Found by tests/test_hostile_fuzz.py: a line that is only "[" reached the date parser
    as an empty date (a ParseError escaping the reader); it is no date line."""
    from citekit.sources.cfr import _dateline
    assert _dateline("[") is None and _dateline("[ ] Vol. 2") == {"volume": "2"}
