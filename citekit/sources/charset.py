"""Recover stage: the text of a web page's bytes (saved files and fetched pages alike).

:func:`decode_html` follows the HTML standard's order: a byte-order mark, then the charset the
server sent, then the page's own ``<meta charset>`` declaration, then UTF-8; bytes that are
none of these are read as windows-1252 (what browsers do), with a warning.
"""
from __future__ import annotations

import codecs
import re

_HTML_BYTES = re.compile(rb"<!doctype html|<html[\s>]|<head[\s>]|<meta\s", re.I)


def looks_like_html(data: bytes) -> bool:
    return bool(_HTML_BYTES.search(data[:5000]))


_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
#: labels the HTML standard reads as windows-1252
_AS_1252 = frozenset({"iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii",
                      "windows-1252", "cp1252"})


def decode_html(data: bytes, declared: str | None = None,
                label: str = "<page>") -> tuple[str, list[str]]:
    """The page's text and any warning: a byte-order mark wins, then ``declared`` (the
    server's charset), then the page's own ``<meta charset>``, then UTF-8; bytes that are
    none of these are read as windows-1252, with a warning."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), []
    match = _DECLARED.search(data[:8192])
    for charset in (declared, match.group(1).decode("ascii", "replace") if match else None):
        if not charset:
            continue
        name = "cp1252" if charset.lower() in _AS_1252 else charset.lower()
        try:
            return data.decode(name), []
        except LookupError:
            continue
        except UnicodeDecodeError:
            return data.decode(name, errors="replace"), [
                f"{label}: not valid {charset} as declared; unreadable bytes replaced"]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), [
            f"{label}: no charset declared and not UTF-8; read as windows-1252"]
