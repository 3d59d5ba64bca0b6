"""Output-tree tags are a closed, typed set, compared with ``is``: a tree that comes back
from a worker process (pickled) holds the very same constants."""
from __future__ import annotations

import pickle

from citekit.csl.output.tree import NameListData, Span, Tag, TagName


def test_tags_are_named_strings_and_survive_pickling() -> None:
    tags = [v for v in vars(Tag).values() if isinstance(v, TagName)]
    assert len(tags) == len(set(tags)) > 30
    assert Tag.NAME_LIST == "name-list" and str(Tag.YEAR_SUFFIX) == "year-suffix"
    tree = Span([Span(["Smith"], tag=Tag.NAME_LIST, data=NameListData("author", 3, 1))],
                tag=Tag.ENTRY, data="smith2013")
    back = pickle.loads(pickle.dumps(tree))
    inner = back.find(Tag.NAME_LIST)
    assert back.tag is Tag.ENTRY and inner is not None and inner.tag is Tag.NAME_LIST
    assert inner.data == NameListData("author", 3, 1)
