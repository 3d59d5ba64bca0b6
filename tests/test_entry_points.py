"""One way in: every reader entry point gives items the same ids, and inline front-matter
``references`` are read as a CSL-YAML file is."""
from __future__ import annotations

from pathlib import Path

import citekit
from citekit.document import render_markdown
from citekit.plugins.common import Settings
from citekit.sources import read_file, read_text
from citekit.sources.batch import read_sources

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))

ENTRY = """\
- type: book
  title: North of Nowhere
  author: Smith, John
  issued: 2013
"""


def test_every_entry_point_assigns_the_same_ids(tmp_path: Path) -> None:
    path = tmp_path / "refs.yaml"
    path.write_text(ENTRY, encoding="utf-8")
    ids = {
        "read_file": [i.id for i in read_file(path).items],
        "read_text": [i.id for i in read_text(ENTRY, "refs.yaml").items],
        "load (path)": [i.id for i in citekit.load(path).items],
        "load (text)": [i.id for i in citekit.load(ENTRY).items],
        "read_sources": [i.id for i in read_sources([str(path)]).items],
    }
    assert set(map(tuple, ids.values())) == {("smith2013north",)}, ids


def test_two_seeds_read_one_by_one_format_as_two_entries() -> None:
    assert len(SEEDS) == 2
    items = [item for seed in SEEDS for item in read_file(seed).items]
    assert len(items) == 2 and all(item.id for item in items)
    assert len({item.id for item in items}) == 2
    entries = citekit.format_bibliography(items, "apa").entries
    assert len(entries) == 2 and entries[0] != entries[1]


def test_front_matter_references_are_normalised_like_a_yaml_file(tmp_path: Path) -> None:
    entry = "- id: smith\n  type: book\n  author: Smith, John\n  issued: 2013\n"
    (tmp_path / "refs.yaml").write_text(entry, encoding="utf-8")
    body = "As @smith says.\n"
    from_file = render_markdown("---\nbibliography: refs.yaml\n---\n\n" + body,
                                file=str(tmp_path / "doc.md"))
    inline = "---\nreferences:\n" + "".join("  " + line + "\n" for line in entry.splitlines())
    from_front = render_markdown(inline + "---\n\n" + body)
    assert from_front.warnings == [] and from_file.warnings == []
    assert "Smith (2013)" in from_front.text
    assert from_front.text == from_file.text


def test_bad_inline_reference_is_a_warning_and_the_good_ones_stay() -> None:
    text = ("---\nreferences:\n- 42\n- id: smith\n  type: book\n  author: Smith, John\n"
            "  issued: 2013\n---\n\n[@smith]\n")
    out = render_markdown(text)
    assert "(Smith, 2013)" in out.text
    assert len(out.warnings) == 1 and "entry 1" in out.warnings[0]


def test_plugin_files_get_ids_unique_across_files(tmp_path: Path) -> None:
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text(ENTRY, encoding="utf-8")
    settings = Settings(bibliography=[str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")])
    items, _ = settings.item_list()
    assert items is not None
    assert [i.id for i in items] == ["smith2013north", "smith2013northa"]
