"""citekit: turn sources into correct citations.

Stages, data flowing one way: sources -> items -> CSL engine -> output formats.
"""
from .errors import CitekitError, FormatError, ParseError, StyleError, ValidationError
from .model import Date, Item, Name
from .sources import LoadResult, read_file, read_text

__version__ = "0.1.0"

__all__ = [
    "CitekitError", "FormatError", "ParseError", "StyleError", "ValidationError",
    "Date", "Item", "Name", "LoadResult", "read_file", "read_text", "__version__",
]
