"""Share stage, for the CLI: a one-line progress bar on a terminal, nothing when piped.

The engine reports ``(stage, done, total)`` through the processor's ``progress`` hook; this
draws it on standard error, redrawing only when the shown percentage changes, and erases the
line when the run ends. Short runs draw nothing.
"""
from __future__ import annotations

import sys
import time
from typing import TextIO

_WIDTH = 30


class TerminalProgress:
    """A progress hook that draws ``stage [#####.....]  42%  4,200/10,000`` on a terminal."""

    def __init__(self, stream: TextIO | None = None, min_total: int = 2000,
                 delay: float = 0.5) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = _is_terminal(self.stream)
        self.min_total = min_total  # fewer entries than this: no bar
        self.delay = delay          # seconds before the first drawing (quick runs stay quiet)
        self.start = time.monotonic()
        self.shown: tuple[str, int] | None = None
        self.drawn = False

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled or total < self.min_total:
            return
        if time.monotonic() - self.start < self.delay:
            return
        percent = 100 * done // total if total else 100
        if (stage, percent) == self.shown:
            return
        self.shown = (stage, percent)
        filled = _WIDTH * percent // 100
        bar = "#" * filled + "." * (_WIDTH - filled)
        self.stream.write(f"\r{stage:<14} [{bar}] {percent:3d}%  {done:,}/{total:,}")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        """Erase the bar (the output that follows starts on a clean line)."""
        if self.drawn:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.drawn = False


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
