"""Errors shared by every stage: one hierarchy rooted at :class:`CitekitError`.

Each error carries the file and line where known; only the CLI turns them into exit codes.
"""
from __future__ import annotations


class CitekitError(Exception):
    """Base class of every error citekit raises on bad input."""

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None,
                 key: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.key = key

    def located(self) -> str:
        """The message prefixed with ``file:line:`` (and the entry key) where known."""
        where = ""
        if self.file:
            where = self.file + (f":{self.line}" if self.line else "") + ": "
        elif self.line:
            where = f"line {self.line}: "
        key = f"[{self.key}] " if self.key else ""
        return f"{where}{key}{self.message}"

    def __str__(self) -> str:
        return self.located()


class ParseError(CitekitError):
    """A source (file, string, entry) could not be read."""


class ValidationError(CitekitError):
    """An item does not conform to the CSL-JSON schema."""


class StyleError(CitekitError):
    """A CSL style or locale is broken, unsafe or missing."""


class FormatError(CitekitError):
    """Formatting failed (unknown item id, bad citation, ...)."""
