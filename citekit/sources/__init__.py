"""Recover stage: parsers that turn sources into CSL items."""
from .registry import LoadResult, detect_format, read_file, read_text

__all__ = ["LoadResult", "detect_format", "read_file", "read_text"]
