"""Recover stage: the table of source readers, format detection, and file loading.

Each reader module exposes ``detect(text, filename) -> int`` (0 = not mine, higher = surer)
and ``read(text, filename) -> LoadResult``; a reader that takes options (``keep_titles``)
lists their names in ``OPTIONS`` and gets them as keywords. Modules are imported only when
needed, so the CLI starts fast. Failures are data: a reader reports bad entries in
``LoadResult.errors`` and keeps every good entry.

``parse_text``/``parse_bytes``/``parse_file`` run one reader and leave ids as the source has
them; every public way in (:func:`read_text`, :func:`read_file`,
:func:`citekit.sources.batch.read_sources`, ``citekit.load``, the CLI, front matter, the
plug-ins) then gives each item without an ``id`` a readable one
(:func:`citekit.model.keys.assign_ids`), unique across everything read together.
"""
from __future__ import annotations

import importlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from types import ModuleType

from ..errors import CitekitError, ParseError
from ..model import Item
from ..model.keys import assign_ids

#: format name -> module implementing detect()/read(); order is the detection tie-break order.
READERS: dict[str, str] = {
    "csl-json": "citekit.formats.csljson.read",
    "yaml": "citekit.formats.cslyaml.read",
    "dtic": "citekit.sources.dtic",
    "cfr": "citekit.sources.cfr",
    "bibtex": "citekit.formats.bibtex.read",
    "ris": "citekit.formats.ris.read",
    "html": "citekit.sources.webmeta",
}

ALIASES = {"json": "csl-json", "csljson": "csl-json", "csl-yaml": "yaml", "yml": "yaml",
           "bib": "bibtex", "biblatex": "bibtex", "webpage": "html", "asan": "cfr"}


@dataclass
class LoadResult:
    """What one source gave: the items read, the errors met, and warnings (all as data)."""

    items: list[Item] = field(default_factory=list)
    errors: list[CitekitError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def extend(self, other: LoadResult) -> None:
        self.items.extend(other.items)
        self.errors.extend(other.errors)
        self.warnings.extend(other.warnings)


def _module(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(READERS[name])
    except ModuleNotFoundError as exc:  # a reader not built yet must not break the others
        if exc.name == READERS[name]:
            return None
        raise


def canonical_format(name: str) -> str:
    name = name.lower()
    name = ALIASES.get(name, name)
    if name not in READERS:
        raise ParseError(f"unknown input format {name!r} (known: {', '.join(READERS)})")
    return name


_SURROGATE = re.compile("[\ud800-\udfff]")

#: file endings whose reader is tried first (so only that module is imported)
EXTENSION_HINTS = {".json": "csl-json", ".yaml": "yaml", ".yml": "yaml", ".bib": "bibtex",
                   ".ris": "ris"}


def detect_format(text: str, filename: str | None = None) -> str | None:
    """The best reader for ``text``, or None when no reader claims it.

    A file ending that names a format is trusted when that reader claims the text; otherwise
    every reader scores the text and the surest wins.
    """
    if filename:
        hinted = EXTENSION_HINTS.get(os.path.splitext(filename)[1].lower())
        mod = _module(hinted) if hinted else None
        if mod is not None and mod.detect(text, filename) > 0:
            return hinted
    best, best_score = None, 0
    for name in READERS:
        mod = _module(name)
        if mod is None:
            continue
        score = mod.detect(text, filename)
        if score > best_score:
            best, best_score = name, score
    return best


def read_text(text: str, filename: str | None = None, fmt: str | None = None, *,
              keep_titles: bool = False) -> LoadResult:
    """Read items from ``text``; ``fmt`` overrides detection; ``keep_titles`` keeps BibTeX
    titles as written (no sentence case for English titles). Items without an id get a
    readable one."""
    return with_ids(parse_text(text, filename, fmt, keep_titles=keep_titles))


def read_file(path: str | os.PathLike[str], fmt: str | None = None, *,
              keep_titles: bool = False) -> LoadResult:
    """Read items from a file; missing, unreadable, binary or non-UTF-8 files are errors.
    Items without an id get a readable one."""
    return with_ids(parse_file(path, fmt, keep_titles=keep_titles))


def with_ids(result: LoadResult) -> LoadResult:
    """``result`` with a readable, unique id on every item that had none."""
    assign_ids(result.items)
    return result


def parse_text(text: str, filename: str | None = None, fmt: str | None = None, *,
               keep_titles: bool = False) -> LoadResult:
    """Items from ``text`` by one reader (``fmt``, else detected), ids as the source has them.

    Lone surrogates (possible in a Python string, never in a UTF-8 file) become U+FFFD, with
    a warning, so no item holds text that cannot be written out.
    """
    label = filename or "<string>"
    if not text.strip():
        return LoadResult(errors=[ParseError("file is empty", file=label)])
    warning = None
    if not text.isascii() and _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
        warning = f"{label}: lone surrogate code points replaced by U+FFFD"
    name = canonical_format(fmt) if fmt else detect_format(text, filename)
    if name is None:
        return LoadResult(errors=[ParseError("cannot tell what kind of source this is "
                                             "(use --from)", file=label)])
    mod = _module(name)
    if mod is None:
        return LoadResult(errors=[ParseError(f"no reader for {name} is installed", file=label)])
    result: LoadResult = mod.read(text, label, **_options(mod, keep_titles))
    if warning:
        result.warnings.insert(0, warning)
    return result


def _options(mod: ModuleType, keep_titles: bool) -> dict[str, bool]:
    """The reading options ``mod`` takes (its ``OPTIONS``) that are set."""
    options = {"keep_titles": keep_titles}
    return {k: v for k, v in options.items() if k in getattr(mod, "OPTIONS", ()) and v}


def parse_file(path: str | os.PathLike[str], fmt: str | None = None, *,
               keep_titles: bool = False) -> LoadResult:
    """:func:`parse_text` of a file; missing, unreadable, binary or non-UTF-8 files are
    errors."""
    label = os.fspath(path)
    try:
        if os.path.getsize(path) > PIECES_BYTES:
            streamed = _read_in_pieces(path, label, fmt, keep_titles)
            if streamed is not None:
                return streamed
        with open(path, "rb") as handle:
            data = [handle.read()]
    except FileNotFoundError:
        return LoadResult(errors=[ParseError("no such file", file=label)])
    except IsADirectoryError:
        return LoadResult(errors=[ParseError("is a directory, not a file", file=label)])
    except OSError as exc:
        return LoadResult(errors=[ParseError(f"cannot read: {exc.strerror}", file=label)])
    return parse_bytes(data, label, fmt, keep_titles=keep_titles)  # (the bytes handed over)


#: files larger than this go to a reader's ``read_pieces(pieces, label)`` if it has one: the
#: file is then read twice, a few megabytes at a time, and its text never exists whole
PIECES_BYTES = 32_000_000
_PIECE_CHARS = 4_000_000


def _read_in_pieces(path: str | os.PathLike[str], label: str, fmt: str | None,
                    keep_titles: bool) -> LoadResult | None:
    """A large file read by its reader piece by piece; None when that reader cannot."""
    with open(path, "rb") as handle:
        head = handle.read(1 << 20)
    if b"\x00" in head[:8192]:
        return None
    name = canonical_format(fmt) if fmt else detect_format(
        head.decode("utf-8-sig", errors="ignore"), label)
    mod = _module(name) if name else None
    read_pieces = getattr(mod, "read_pieces", None)
    if mod is None or read_pieces is None:
        return None
    result: LoadResult = read_pieces(lambda: _pieces(path, label), label,
                                     **_options(mod, keep_titles))
    return result


def _pieces(path: str | os.PathLike[str], label: str) -> Iterator[str]:
    """The file's text in pieces of a few megabytes, each ending before a line opening with
    ``@`` (where BibTeX blocks start); bad UTF-8 is a ParseError naming the line."""
    piece: list[str] = []
    size = lines = 0
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            for line in handle:
                if size > _PIECE_CHARS and line.startswith("@"):
                    yield "".join(piece)
                    piece, size = [], 0
                piece.append(line)
                size += len(line)
                lines += 1
    except UnicodeDecodeError:
        raise ParseError("not valid UTF-8 text", file=label, line=lines + 1) from None
    yield "".join(piece)


def parse_bytes(data: bytes | list[bytes], label: str, fmt: str | None = None, *,
                keep_titles: bool = False) -> LoadResult:
    """:func:`parse_text` of bytes: binary or non-UTF-8 data is an error (with its line); a
    web page is decoded by its charset (:func:`citekit.sources.charset.decode_html`).

    ``data`` may come as a one-element list, which is emptied once the text is decoded, so a
    large file's bytes do not stay in memory while it is read.
    """
    holder = data if isinstance(data, list) else None
    data = data[0] if isinstance(data, list) else data
    if fmt in (None, "html", "webpage"):
        from .charset import decode_html, looks_like_html  # pages declare their charset

        if fmt or looks_like_html(data):
            text, warnings = decode_html(data, label=label)
            result = parse_text(text, label, fmt)
            result.warnings[:0] = warnings
            return result
    if b"\x00" in data[:8192]:
        return LoadResult(errors=[ParseError("binary data, not a text source", file=label)])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return LoadResult(errors=[ParseError("not valid UTF-8 text", file=label, line=line)])
    del data
    if holder is not None:
        holder.clear()
    return parse_text(text, label, fmt, keep_titles=keep_titles)
