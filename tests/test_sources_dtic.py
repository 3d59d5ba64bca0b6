"""DTIC citation records: the seed (golden), filled-in records, saved pages, odd values."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from source_helpers import read_one, read_seed

from citekit.sources import detect_format, read_text
from citekit.sources.dtic import split_corporate

ROOT = Path(__file__).parent.parent
SEED = ROOT / "seeds" / "000_e4b1305b581e43a2.txt"
GOLDEN = json.loads((ROOT / "tests/data/seeds/000_e4b1305b581e43a2.json").read_text("utf-8"))
PAGES = ROOT / "tests" / "data" / "pages"

FILLED = """Accession Number:

ADA446653

Japan's Post-Cold War North Korea Policy: Hedging toward Autonomy?

Descriptive Note:

Occasional paper

Corporate Author:

ASIA-PACIFIC CENTER FOR SECURITY STUDIES HONOLULU HI

Personal Author(s):

Fouse, David ; SMITH, SHEILA A

Report Date:

01 FEB 2004

Pagination or Media Count:

15.0

Japans policy toward North Korea in the post-Cold War era can be understood in context.

A second paragraph of the abstract.

Subject Categories:

  • Government and Political Science
  • Nuclear Weapons

Distribution Statement:

APPROVED FOR PUBLIC RELEASE
"""


def _one(text: str, name: str = "record.txt") -> dict:
    return read_one(text, name)


@pytest.fixture(scope="module")
def seed_item() -> dict:
    return read_seed(SEED)


@pytest.mark.parametrize("field", sorted(GOLDEN))
def test_seed_field_matches_golden(seed_item: dict, field: str) -> None:
    assert seed_item.get(field) == GOLDEN[field]


def test_seed_has_no_extra_or_empty_fields(seed_item: dict) -> None:
    assert set(seed_item) == set(GOLDEN)
    assert {"author", "issued", "number", "publisher"}.isdisjoint(seed_item)
    assert all(v != "" for v in seed_item.values())
    assert seed_item["abstract"].startswith("Japans policy")  # text kept as written


def test_seed_is_detected_as_dtic() -> None:
    assert detect_format(SEED.read_text("utf-8"), SEED.name) == "dtic"


def test_filled_record() -> None:
    item = _one(FILLED)
    assert item == {
        "id": "fouse2004japans", "type": "report", "number": "ADA446653",
        "title": "Japan's Post-Cold War North Korea Policy: Hedging toward Autonomy?",
        "genre": "Occasional paper", "publisher": "Asia-Pacific Center for Security Studies",
        "publisher-place": "Honolulu, HI",
        "author": [{"family": "Fouse", "given": "David"},
                   {"family": "Smith", "given": "Sheila A"}],
        "issued": {"date-parts": [[2004, 2, 1]]}, "number-of-pages": "15",
        "abstract": "Japans policy toward North Korea in the post-Cold War era can be "
                    "understood in context.\n\nA second paragraph of the abstract.",
        "keyword": "Government and Political Science, Nuclear Weapons",
        "note": "APPROVED FOR PUBLIC RELEASE"}


def test_labels_with_values_on_the_same_line() -> None:
    text = ("Accession Number: ADA123456\nTitle: A Study of Things\nDescriptive Note: Final "
            "report\nCorporate Author: RAND CORP SANTA MONICA CA\nPersonal Author(s): Doe, "
            "Jane\nReport Date: 2001-06-30\nPagination or Media Count: 212\nAbstract: We "
            "studied things.\nSubject Categories: Economics\nDistribution Statement: "
            "Unlimited\n")
    item = _one(text)
    assert item["title"] == "A Study of Things"
    assert item["publisher"] == "RAND Corp" and item["publisher-place"] == "Santa Monica, CA"
    assert item["issued"] == {"date-parts": [[2001, 6, 30]]}
    assert item["number-of-pages"] == "212" and item["abstract"] == "We studied things."
    assert item["keyword"] == "Economics" and item["id"] == "doe2001study"


def test_a_value_of_the_wrong_shape_is_not_taken() -> None:
    text = FILLED.replace("01 FEB 2004", "").replace("15.0", "")
    item = _one(text)
    assert "issued" not in item and "number-of-pages" not in item
    assert item["abstract"].startswith("Japans policy")


def test_record_without_title_is_an_error() -> None:
    result = read_text("Accession Number:\n\nReport Date:\n\nCorporate Author:\n", "x.txt",
                       "dtic")
    assert result.items == []
    assert [str(e) for e in result.errors] == ["x.txt: DTIC record has no title"]


@pytest.mark.parametrize("text, expected", [
    ("ASIA-PACIFIC CENTER FOR SECURITY STUDIES HONOLULU HI",
     ("Asia-Pacific Center for Security Studies", "Honolulu, HI")),
    ("AIR FORCE INST OF TECH WRIGHT-PATTERSON AFB OH",
     ("Air Force Inst of Tech", "Wright-Patterson AFB, OH")),
    ("ARMY WAR COLL CARLISLE BARRACKS PA", ("Army War Coll", "Carlisle Barracks, PA")),
    ("DEFENSE TECHNICAL INFORMATION CENTER FORT BELVOIR VA",
     ("Defense Technical Information Center", "Fort Belvoir, VA")),
    ("DEFENCE RESEARCH AGENCY FARNBOROUGH (UNITED KINGDOM)",
     ("Defence Research Agency", "Farnborough, United Kingdom")),
    ("Naval Postgraduate School", ("Naval Postgraduate School", None)),
])
def test_corporate_author_split(text: str, expected: tuple) -> None:
    assert split_corporate(text) == expected


def test_saved_page_meta_tags_first_and_labels_fill_the_rest() -> None:
    path = PAGES / "dtic-ADA446653.html"
    assert detect_format(path.read_text("utf-8"), path.name) == "dtic"
    item = _one(path.read_text("utf-8"), path.name)
    assert item["title"] == "Japan's Post-Cold War North Korea Policy: Hedging toward Autonomy?"
    assert item["author"] == [{"family": "Fouse", "given": "David"}]
    assert item["publisher"] == "Asia-Pacific Center for Security Studies"
    assert item["publisher-place"] == "Honolulu, HI"
    assert item["issued"] == {"date-parts": [[2004, 2, 1]]}
    assert item["number"] == "ADA446653" and item["number-of-pages"] == "15"
    assert item["keyword"] == "Government and Political Science, Guided Missiles, " \
                              "Nuclear Weapons"
    assert item["note"] == "APPROVED FOR PUBLIC RELEASE"
    assert item["URL"] == "https://apps.dtic.mil/sti/citations/ADA446653"
    assert "container-title" not in item  # og:site_name "DTIC" names the site, not a container


def test_saved_page_whose_values_did_not_render() -> None:
    item = _one((PAGES / "dtic-unrendered.html").read_text("utf-8"), "dtic.html")
    assert item["title"] == "Japan's Post-Cold War North Korea Policy: Hedging toward Autonomy?"
    assert item["genre"] == "Occasional paper"
    assert item["keyword"] == "Government and Political Science, Nuclear Weapons"
    assert item["abstract"].startswith("Japans policy") and "•" not in item["abstract"]
    assert {"author", "issued", "number", "publisher"}.isdisjoint(item)
