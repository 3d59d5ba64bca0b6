"""Format stage: safe XML parsing for styles and locales (untrusted input is data).

No DTDs, no external entities, no entity expansion, no network: a document that declares a
DOCTYPE is refused before any parser sees it.
"""
from __future__ import annotations

import re

from lxml import etree

from ..errors import StyleError

_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          dtd_validation=False, huge_tree=False, remove_comments=True,
                          remove_pis=True)


def parse_xml(data: str | bytes, source: str) -> etree._Element:
    """Parse ``data`` safely; errors name ``source`` and the line."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    stripped = raw.lstrip(b"\xef\xbb\xbf").lstrip()  # lenient: a BOM or blank lines before
    skipped = raw[: len(raw) - len(stripped)].count(b"\n")  # <?xml (citeproc-js reads them)
    raw = stripped
    match = _DOCTYPE.search(raw)
    if match:
        line = raw[: match.start()].count(b"\n") + 1
        raise StyleError("DOCTYPE and entity declarations are not allowed in CSL files",
                         file=source, line=line)
    try:
        return etree.fromstring(raw, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise StyleError(f"not well-formed XML: {exc.msg}", file=source,
                         line=exc.lineno + skipped if exc.lineno else None) from None
