"""Recover stage: the reader dispatch, and the readers of web pages, sites and identifiers.

File formats (BibTeX, RIS, CSL-JSON, CSL-YAML) are read in :mod:`citekit.formats`.
"""
from .registry import LoadResult, detect_format, read_file, read_text

__all__ = ["LoadResult", "detect_format", "read_file", "read_text"]
