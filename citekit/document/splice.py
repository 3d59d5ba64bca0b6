"""Share stage: splice formatted citations (and the bibliography) into a document's body.

Used by both document writers (Markdown, HTML): each writer says how one rendered citation
is written (``piece``); this module places it, moving punctuation before note marks as
pandoc does.
"""
from __future__ import annotations

from collections.abc import Callable

from .cite import Rendered, Resolved

_NOTE_PUNCT = ".,;:!?"


def substitute(body: str, resolved: Resolved, piece: Callable[[Rendered], str],
               bib_at: tuple[int, int] | None = None, bib: str = "") -> str:
    """The body with each formatted citation replaced by ``piece(rendered)``, and the text
    at ``bib_at`` (the refs div, or the empty span after the heading) by ``bib``.

    In note styles the space before a citation goes and punctuation right after it moves
    before the note mark, as pandoc does.
    """
    out: list[str] = []
    pos = 0
    edits: list[tuple[int, int, Rendered | None]] = [
        (d.mark.start, d.mark.end, d) for d in resolved.citations if d is not None]
    if bib_at is not None:
        edits.append((bib_at[0], bib_at[1], None))
    for start, end, done in sorted(edits, key=lambda e: (e[0], e[2] is not None)):
        if start < pos:
            continue
        out.append(body[pos:start])
        pos = end
        if done is None:
            out.append(("\n\n" if start == end else "") + bib)
            continue
        if done.note is not None:
            if done.author is None and out:
                out[-1] = out[-1].rstrip(" \t")
            if body[pos:pos + 1] and body[pos] in _NOTE_PUNCT:
                out.append((done.author or "") + body[pos])
                pos += 1
                out.append(_note_only(piece, done))
                continue
        out.append(piece(done))
    out.append(body[pos:])
    return "".join(out)


def _note_only(piece: Callable[[Rendered], str], done: Rendered) -> str:
    """The piece without the in-text author (already written before the punctuation)."""
    if done.author is None:
        return piece(done)
    return piece(Rendered(done.mark, done.text, None, done.note))
