"""Bad, hostile and huge input (issue 15): no traceback, no hang, nothing lost, nothing unsafe.

Each finding has a file in ``tests/data/hostile/`` (or one built here when it is large) run
through the CLI, with a real process (``subprocess``: real stdout encoding, real memory) or
click's CliRunner, and the library functions where the finding was in the API.
"""
from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from citekit import api
from citekit.cli import main
from citekit.document.markdown import find_citations
from citekit.document.render import render_markdown
from citekit.errors import StyleError
from citekit.model import Item
from citekit.sources import read_file, read_text

HOSTILE = Path(__file__).parent / "data" / "hostile"
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def run(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """``citekit ARGS`` in a real process; never a traceback."""
    done = subprocess.run([sys.executable, "-m", "citekit.cli", *args], capture_output=True,
                          text=True, timeout=timeout, encoding="utf-8", errors="replace")
    assert "Traceback" not in done.stderr, done.stderr
    return done


def invoke(*args: str) -> object:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    return result


def h(name: str) -> str:
    return str(HOSTILE / name)


# -- tracebacks --------------------------------------------------------------------------------
def test_lone_surrogates_print_as_replacement_characters() -> None:
    done = run("format", h("surrogate.json"))
    assert done.returncode == 0
    assert "Broken \ufffd title" in done.stdout and "Fine" in done.stdout
    assert "lone surrogate" in done.stderr
    page = run("parse", h("surrogate-jsonld.html"))
    assert page.returncode == 0 and "\\ud800" not in page.stdout


def test_non_text_date_literals_reject_their_entry_only() -> None:
    result = invoke("format", h("date-literal.json"))
    assert result.exit_code == 2
    assert "Numeric literal" in result.stdout and "Spring 2001" in result.stdout
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(errors) == 2 and all("date-literal.json" in e for e in errors)
    assert "[lit-list]" in result.stderr and "[lit-object]" in result.stderr


def test_every_bad_document_citation_is_one_located_line() -> None:
    result = invoke("format", h("items.json"), "--document", h("document-bad.json"))
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("citekit: error")]
    assert len(errors) == 9, result.stderr
    for n in range(1, 10):
        assert any(f"document-bad.json: citation {n}:" in e for e in errors)
    assert "unknown item id 'nobody'" in result.stderr
    assert result.stdout.splitlines() == ["(Lamport, 1994, p. 12)", "(Knuth, 1997, p. 3)"]


def test_deep_front_matter_is_an_error_not_a_recursion_error(tmp_path: Path) -> None:
    paper = tmp_path / "deep.md"
    paper.write_text("---\nx: " + "[" * 50_000 + "]" * 50_000 + "\n---\nText.\n", "utf-8")
    done = run("render", str(paper))
    assert done.returncode == 2 and "deep.md:2: front matter:" in done.stderr
    nested = tmp_path / "nested.md"
    nested.write_text("---\n" + "".join("  " * i + f"k{i}:\n" for i in range(300))
                      + "---\nText.\n", "utf-8")
    done = run("render", str(nested))
    assert done.returncode == 2 and "nested more than" in done.stderr


# -- hangs -------------------------------------------------------------------------------------
@pytest.mark.parametrize("unit", ["[@", "[", "[-@", "[a](", "<!-- ", "`` ", "](", "@a [",
                                  "[x [@a ", "\\[@"])
def test_markdown_scanner_is_linear(unit: str) -> None:
    def cost(n: int) -> float:  # CPU time, the best of three (the machine is shared)
        text = unit * n + "]" * (n if unit.startswith("[x") else 0)
        times = []
        for _ in range(3):
            start = time.process_time()
            find_citations(text)
            times.append(time.process_time() - start)
        return min(times)

    small, large = cost(5_000), cost(40_000)  # 8 times the text: quadratic would be 64 times
    assert large < 3.0 and large < 24 * max(small, 0.01), (small, large)


def test_ten_thousand_citation_openers_render_quickly(tmp_path: Path) -> None:
    paper = tmp_path / "runs.md"
    paper.write_text("[@" * 10_000 + "\n\n" + "[a](" * 10_000 + "\n\n" + "<!-- " * 10_000,
                     "utf-8")
    start = time.perf_counter()
    done = run("render", str(paper), "-b", h("items.json"))
    assert done.returncode == 0 and time.perf_counter() - start < 20


def test_exponential_macros_are_a_style_error() -> None:
    start = time.perf_counter()
    result = invoke("format", "--style", h("laughs.csl"), h("items.json"))
    assert result.exit_code == 2 and "laughs.csl" in result.stderr
    assert "steps" in result.stderr and time.perf_counter() - start < 20
    with pytest.raises(StyleError):
        api.format_bibliography([Item("x", "book", {"title": "T"})], h("laughs.csl"))


# -- memory ------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["alias-bomb.yaml", "alias-bomb.md"])
def test_yaml_alias_bombs_are_rejected(name: str) -> None:
    command = "render" if name.endswith(".md") else "parse"
    done = run(command, h(name), timeout=30)
    assert done.returncode == 2 and "alias" in done.stderr and f"{name}:" in done.stderr


def test_ordinary_yaml_aliases_still_work() -> None:
    result = read_file(h("aliases-fine.yaml"))
    assert [i["publisher"] for i in result.items] == ["Big Press", "Big Press"]


def test_string_macro_bombs_are_bounded() -> None:
    done = run("parse", h("string-bomb.bib"), timeout=30)
    assert done.returncode == 2 and "expand too far" in done.stderr
    assert '"fine"' in done.stdout
    assert max(len(line) for line in done.stdout.splitlines()) < 2_000_000


# -- silent loss -------------------------------------------------------------------------------
def test_a_thousand_chained_crossrefs_resolve(tmp_path: Path) -> None:
    lines = ["@book{e0, title = {Root}, publisher = {Press}, year = 2000}"]
    lines += [f"@inbook{{e{i}, crossref = {{e{i - 1}}}, pages = {{{i}}}}}" for i in range(1, 1001)]
    bib = tmp_path / "chain.bib"
    bib.write_text("\n".join(lines), "utf-8")
    result = read_file(bib)
    assert len(result.items) == 1001 and not result.errors
    assert result.items[-1]["publisher"] == "Press" and result.items[-1]["page"] == "1000"
    cycle = read_text("@book{a, crossref={b}, title={A}}\n@book{b, crossref={a}, title={B}}\n",
                      "cycle.bib")
    assert len(cycle.items) == 2 and any("cycle" in w for w in cycle.warnings)


def test_non_finite_numbers_lose_one_entry_not_the_file() -> None:
    result = read_file(h("nonfinite.json"))
    assert [i.id for i in result.items] == ["fine"]
    assert [e.key for e in result.errors] == ["inf", "nan"]
    assert all("not finite" in str(e) for e in result.errors)


def test_deep_json_ld_keeps_the_page(tmp_path: Path) -> None:
    page = tmp_path / "deep.html"
    page.write_text('<html><head><title>Kept title</title><meta name="description" '
                    'content="Kept meta"><script type="application/ld+json">'
                    + "[" * 100_000 + "]" * 100_000 + "</script></head></html>", "utf-8")
    result = read_file(page)
    assert result.items and result.items[0]["title"] == "Kept title"


def test_every_yaml_document_is_read() -> None:
    result = read_file(h("multi-document.yaml"))
    assert [i.id for i in result.items] == ["first", "second"]


@pytest.mark.parametrize("name,line", [("duplicate-keys.json", ""), ("duplicate-keys.yaml", ":4")])
def test_duplicate_keys_are_warned(name: str, line: str) -> None:
    result = read_file(h(name))
    assert result.items[0]["title"] == "Second title"
    assert any(f"{name}{line}" in w and "'title' appears twice" in w for w in result.warnings)


def test_duplicate_ids_last_wins_once_warned_across_files() -> None:
    result = invoke("format", h("dup-a.json"), h("dup-b.bib"))
    assert result.exit_code == 0
    assert "Twin from BibTeX" in result.stdout and "Twin from JSON" not in result.stdout
    assert result.stdout.count("Twin") == 1 and "Solo" in result.stdout
    warned = [w for w in result.stderr.splitlines() if "'twin'" in w]
    assert len(warned) == 1 and "dup-a.json item 1" in warned[0] and "dup-b.bib item 1" in warned[0]
    same = invoke("format", "--citations", h("dup-same.json"))
    assert same.stdout.count("Same") == 1 and "Same Second" in same.stdout
    converted = invoke("convert", "--to", "json", h("dup-same.json"))
    assert converted.stdout.count('"same"') == 2 and "every definition is kept" in converted.stderr


def test_duplicate_ids_in_the_api() -> None:
    items = [Item("d", "book", {"title": "One"}), Item("d", "book", {"title": "Two"})]
    bib = api.format_bibliography(items)
    assert len(bib.entries) == 1 and "Two" in bib.entries[0]
    assert len(bib.warnings) == 1 and "items 1" not in bib.warnings[0]
    assert "item 1, item 2" in bib.warnings[0]
    assert len(api.format_citations(items)) == 1


def test_duplicate_ids_in_render() -> None:
    paper = (HOSTILE / "dup-front.md").read_text("utf-8")
    items = read_file(h("dup-a.json")).items
    out = render_markdown(paper, items, file=h("dup-front.md"))
    body = out.text.split("\n---\n", 1)[1]  # the front matter is kept in Markdown output
    assert body.count("Twin from front matter") == 1 and "Twin from JSON" not in out.text
    assert len([w for w in out.warnings if "'twin'" in w]) == 1
    result = invoke("render", h("dup-front.md"), "-b", h("dup-a.json"), "-b", h("dup-b.bib"))
    assert result.stdout.count("{#ref-twin") == 1 and "Twin from JSON" not in result.stdout
    assert "Twin from BibTeX" not in result.stdout
    warned = [w for w in result.stderr.splitlines() if "'twin'" in w]
    assert len(warned) == 1 and "3 times" in warned[0], result.stderr
    assert "dup-a.json item 1" in warned[0] and "dup-b.bib item 1" in warned[0]


def test_fields_after_a_stray_brace_are_kept() -> None:
    result = read_file(h("stray-brace.bib"))
    stray = result.items[0]
    assert stray["container-title"] == "J" and stray.names("author")[0].family == "Lee"
    assert [i.id for i in result.items] == ["stray", "after"]
    assert any("stray '}'" in w for w in result.warnings)


def test_round_trips_warn_instead_of_moving_fields(tmp_path: Path) -> None:
    bib = invoke("convert", "--to", "bibtex", h("roundtrip.json"))
    assert "no place in BibTeX for: collection-number" in bib.stderr
    back = tmp_path / "back.bib"
    back.write_text(bib.stdout, "utf-8")
    items = {i["title"]: i for i in read_file(back).items}
    assert items["Article"]["issue"] == "2" and "collection-number" not in items["Article"]
    assert items["Book"]["collection-number"] == "7"
    ris = invoke("convert", "--to", "ris", h("roundtrip.json"))  # SN read back by its form
    again = tmp_path / "back.ris"
    again.write_text(ris.stdout, "utf-8")
    items = {i["title"]: i for i in read_file(again).items}
    assert items["Article"].get("ISSN") == "1234-5678"
    assert items["Article"].get("ISBN") == "978-3-16-148410-0"
    assert items["Book"].get("ISBN") == "978-0-00-000000-2" and "ISSN" not in items["Book"]


# -- unsafe output -----------------------------------------------------------------------------
@pytest.mark.parametrize("to", ["text", "html", "rtf", "markdown"])
def test_control_characters_never_reach_the_output(to: str) -> None:
    done = run("format", "--to", to, h("controls.json"))
    assert done.returncode == 0
    body = done.stdout.replace("\n", "").replace("\t", "")
    assert not CONTROL.search(body) and "Red" in body


def test_messages_show_control_characters_escaped(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('[{"id": "a\\u001b[2J", "issued": {"literal": []}}]', "utf-8")
    done = run("parse", str(bad))
    assert "\x1b" not in done.stderr and "\\x1b" in done.stderr


def test_html_render_carries_no_attribute_or_script_from_input() -> None:
    done = run("render", "--to", "html", h("unsafe.md"))
    assert done.returncode == 0
    out = done.stdout
    assert "<script" not in out and "<img" not in out and 'href="javascript:' not in out
    assert '"onclick' not in out and " onclick=" not in out


def test_large_bibtex_files_read_in_pieces_as_whole(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Pieces share macros, crossrefs, duplicate keys and line numbers with the whole file."""
    from citekit.formats.bibtex import read as bibreader
    from citekit.sources import registry

    blocks = ['@string{pub = "Piece Press"}']
    for i in range(300):
        blocks.append(f"@book{{b{i}, title = {{Book {i}}}, publisher = pub, year = 2000}}")
    blocks += ["@inbook{child, crossref = {b1}, title = {Child}}", "@book{b7, title = {Again}}",
               "@book{broken, title = {Broken}"]
    bib = tmp_path / "large.bib"
    bib.write_text("\n\n".join(blocks) + "\n", "utf-8")
    monkeypatch.setattr(registry, "PIECES_BYTES", 1000)
    monkeypatch.setattr(registry, "_PIECE_CHARS", 2000)
    pieces = list(registry._pieces(bib, str(bib)))
    assert len(pieces) > 5 and "".join(pieces) == bib.read_text("utf-8")
    whole = bibreader.read(bib.read_text("utf-8"), str(bib))
    streamed = read_file(bib)
    assert [i.to_json() for i in streamed.items] == [i.to_json() for i in whole.items]
    assert [str(e) for e in streamed.errors] == [str(e) for e in whole.errors]
    assert streamed.items[1]["publisher"] == "Piece Press"
    assert any(i.id == "child" and i.get("publisher") == "Piece Press" for i in streamed.items)
    assert any("duplicate entry key" in str(e) for e in streamed.errors)
