"""Shared helper: the user cache (fetched styles, identifier look-ups)."""
from __future__ import annotations

from pathlib import Path

import pytest

from citekit import cache


def test_cache_round_trip_under_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITEKIT_CACHE_DIR", str(tmp_path))
    key = "https://example.org/styles/x.csl?../../etc"
    assert cache.read_cached("styles", key) is None
    cache.write_cached("styles", key, b"<style/>", ".csl")
    assert cache.read_cached("styles", key, ".csl") == b"<style/>"
    path = cache.cache_path("styles", key, ".csl")
    assert path.parent == tmp_path / "styles" and path.name.endswith(".csl")
    assert not list(path.parent.glob(".tmp-*"))  # written atomically, nothing left behind


def test_unwritable_cache_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("CITEKIT_CACHE_DIR", str(blocker))
    cache.write_cached("lookups", "doi:10.1/x", b"{}")
    assert cache.read_cached("lookups", "doi:10.1/x") is None
