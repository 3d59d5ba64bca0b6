"""Format stage: style and locale loading — safe XML, clear errors, locale fallback, caching."""
from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest

from citekit.csl.eval.context import Cite
from citekit.csl.style import load_style, style_from_string
from citekit.errors import StyleError

MINIMAL = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
<info><id/><title/><updated>2020-01-01T00:00:00+00:00</updated></info>
<citation><layout><text variable="title"/></layout></citation></style>"""

XXE = """<?xml version="1.0"?>
<!DOCTYPE style [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
<citation><layout><text value="&xxe;"/></layout></citation></style>"""

BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
<citation><layout><text value="&lol9;"/></layout></citation></style>"""


@pytest.mark.parametrize("xml", [XXE, BOMB], ids=["external-entity", "entity-bomb"])
def test_entities_are_refused_fast_with_bounded_memory(xml: str) -> None:
    tracemalloc.start()
    start = time.perf_counter()
    with pytest.raises(StyleError) as info:
        style_from_string(xml, "evil.csl")
    elapsed = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert "evil.csl:2" in str(info.value)
    assert "DOCTYPE" in str(info.value)
    assert elapsed < 1.0 and peak < 5_000_000


def test_broken_style_names_file_and_line() -> None:
    with pytest.raises(StyleError) as info:
        style_from_string("<style xmlns='http://purl.org/net/xbiblio/csl'>\n<citation>\n</style>",
                          "broken.csl")
    assert str(info.value).startswith("broken.csl:3: not well-formed XML")


def test_undefined_macro_is_a_located_error_when_reached() -> None:
    from citekit.csl.processor import Processor
    from citekit.model import Item

    bad = MINIMAL.replace('<text variable="title"/>', '\n<text macro="nope"/>')
    proc = Processor(style_from_string(bad, "m.csl"), [Item("a", "book", {"title": "T"})])
    with pytest.raises(StyleError) as info:
        proc.citation([Cite("a")])
    assert str(info.value).startswith("m.csl:4: undefined macro 'nope'")


def test_undefined_macro_in_a_branch_never_taken_is_no_error() -> None:
    from citekit.csl.processor import Processor
    from citekit.model import Item

    lenient = MINIMAL.replace('<text variable="title"/>', '<text variable="title"/><choose>'
                              '<if type="report"><text macro="nope"/></if></choose>')
    proc = Processor(style_from_string("\n  " + lenient, "m.csl"),
                     [Item("a", "book", {"title": "T"})])
    assert proc.citation([Cite("a")]) == "T"


def test_bundled_styles_and_aliases_load_and_are_cached() -> None:
    for name in ("apa", "mla", "chicago", "chicago-notes", "modern-language-association"):
        style = load_style(name)
        assert style.citation is not None and style.bibliography is not None
    assert load_style("mla") is load_style("modern-language-association")
    assert load_style("chicago-notes").is_note


def test_unknown_style_is_a_clear_error() -> None:
    with pytest.raises(StyleError, match="no such style: nonesuch"):
        load_style("nonesuch")


def test_locale_fallback_order() -> None:
    style = load_style("apa")
    gb = style.locale("en-GB")
    assert gb.term("open-quote") == "\u2018"  # en-GB file overrides en-US
    de = style.locale("de")  # language only: its primary dialect de-DE
    assert de.term("and") == "und"
    assert style.locale("en-US").term("and") == "and"


def test_style_locale_overrides_file_terms() -> None:
    xml = MINIMAL.replace("<citation>", '<locale xml:lang="en"><terms><term name="and">plus'
                          '</term></terms></locale><citation>')
    style = style_from_string(xml, "x.csl")
    assert style.locale("en-US").term("and") == "plus"


def test_every_engine_module_imports_on_its_own() -> None:
    """The evaluators import one another as modules; any of them can be imported first."""
    import subprocess
    import sys

    root = Path(__file__).parent.parent
    modules = sorted(".".join(p.relative_to(root).with_suffix("").parts)
                     for p in (root / "citekit" / "csl").rglob("*.py")
                     if p.name != "__init__.py")
    script = ("import subprocess, sys\n"
              "bad = [m for m in sys.argv[1:] if subprocess.run("
              "[sys.executable, '-c', 'import ' + m], capture_output=True).returncode]\n"
              "print(' '.join(bad))")
    done = subprocess.run([sys.executable, "-c", script, *modules], capture_output=True,
                          text=True, cwd=root)
    assert len(modules) > 25
    assert done.stdout.strip() == ""
