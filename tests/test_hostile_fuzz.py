"""Structure-aware fuzzing of every reader and of the document and render paths (issue 15).

A CI-sized budget (a few seconds each); ``tools/fuzz_hostile.py`` runs the same strategies and
checks for hundreds of thousands of inputs.
"""
from __future__ import annotations

import pytest
from hostile_strategies import (
    DOCUMENT,
    READER_INPUTS,
    check_document,
    check_reader,
    check_render,
    markdown,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

CI = settings(max_examples=60, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))


@pytest.mark.parametrize("fmt", sorted(READER_INPUTS))
def test_readers_never_crash(fmt: str) -> None:
    @CI
    @given(READER_INPUTS[fmt])
    def run(text: str) -> None:
        check_reader(fmt, text)

    run()


@CI
@given(DOCUMENT)
def test_document_citations_never_crash(data: list) -> None:
    check_document(data)


@CI
@given(markdown())
def test_render_never_crashes(text: str) -> None:
    check_render(text)


@CI
@given(st.lists(st.sampled_from(["[@", "[", "`", "<!-- ", "@a [", "]"]), max_size=30))
def test_render_of_bracket_soup_never_crashes(units: list[str]) -> None:
    check_render("".join(units) * 50)
