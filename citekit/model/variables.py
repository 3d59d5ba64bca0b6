"""Normalize stage: which CSL variables hold names, dates, numbers or plain strings.

Taken from the CSL 1.0.2 specification (Appendix IV) and ../shared/csl/schema/csl-data.json.
"""
from __future__ import annotations

NAME_VARIABLES = frozenset("""
author chair collection-editor compiler composer container-author contributor curator director
editor editorial-director editor-translator executive-producer guest host interviewer illustrator
narrator organizer original-author performer producer recipient reviewed-author script-writer
series-creator translator
""".split())

DATE_VARIABLES = frozenset("""
accessed available-date event-date issued original-date submitted
""".split())

NUMBER_VARIABLES = frozenset("""
chapter-number citation-number collection-number edition first-reference-note-number issue
locator number number-of-pages number-of-volumes page page-first part printing supplement
volume
""".split())

ITEM_TYPES = frozenset("""
article article-journal article-magazine article-newspaper bill book broadcast chapter
classic collection dataset document entry entry-dictionary entry-encyclopedia event figure
graphic hearing interview legal_case legislation manuscript map motion_picture musical_score
pamphlet paper-conference patent performance periodical personal_communication post
post-weblog regulation report review review-book software song speech standard thesis
treaty webpage
""".split())


def kind_of(variable: str) -> str:
    """Return ``"name"``, ``"date"``, ``"number"`` or ``"string"`` for a CSL variable."""
    if variable in NAME_VARIABLES:
        return "name"
    if variable in DATE_VARIABLES:
        return "date"
    if variable in NUMBER_VARIABLES:
        return "number"
    return "string"
