"""Recover stage, transport: one bounded HTTP(S) fetch shared by every reader of the web.

Pages, identifier look-ups (DOI, arXiv, ISBN, PubMed), remote bibliographies and style URLs all
go through :func:`fetch`: http and https only, at most ``max_redirects`` redirects, a cap on the
body's size, a timeout per read *and* an overall deadline (a server that drips one byte a
second cannot keep citekit reading), and every failure is a :class:`~citekit.errors.ParseError`
naming the URL. Callers decide what the body means.
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass

from .errors import ParseError

MAX_BYTES = 5 * 1024 * 1024
TIMEOUT_SECONDS = 15.0
DEADLINE_SECONDS = 30.0
USER_AGENT = "citekit (citation metadata reader)"
_HTTP = re.compile(r"https?://", re.I)


@dataclass(frozen=True)
class Response:
    """What a fetch brought back: the body, its declared type and charset, the final URL."""

    url: str
    body: bytes
    content_type: str  # lower-case media type without parameters ("" when none was sent)
    charset: str | None  # the charset parameter of Content-Type, when the server sent one
    status: int


def is_url(text: str) -> bool:
    """True for an http or https URL."""
    return bool(_HTTP.match(text))


def fetch(url: str, *, accept: str = "*/*", timeout: float = TIMEOUT_SECONDS,
          deadline: float = DEADLINE_SECONDS, max_bytes: int = MAX_BYTES,
          headers: dict[str, str] | None = None, max_redirects: int = 5) -> Response:
    """GET ``url`` within the limits; a non-2xx status or any transport failure is a ParseError."""
    import httpx

    if not is_url(url):
        raise ParseError("only http and https URLs can be fetched", file=url)
    sent = {"User-Agent": USER_AGENT, "Accept": accept, **(headers or {})}
    started = time.monotonic()
    try:
        client = httpx.Client(timeout=httpx.Timeout(min(timeout, deadline)),
                              follow_redirects=True, max_redirects=max_redirects, headers=sent)
        with client, client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise ParseError(f"cannot fetch: HTTP {response.status_code} "
                                 f"{response.reason_phrase}".rstrip(), file=url)
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > max_bytes:
                    raise ParseError(f"response is larger than {max_bytes} bytes", file=url)
                if time.monotonic() - started > deadline:
                    raise ParseError(f"cannot fetch: no complete response within "
                                     f"{deadline:g} s", file=url)
            mime, _, params = response.headers.get("content-type", "").partition(";")
            charset = None
            match = re.search(r"charset\s*=\s*\"?([\w.:-]+)", params, re.I)
            if match:
                charset = match.group(1).lower()
            return Response(str(response.url), bytes(body), mime.strip().lower(), charset,
                            response.status_code)
    except ParseError:
        raise
    except httpx.HTTPError as exc:
        raise ParseError(f"cannot fetch: {type(exc).__name__}: {exc}".splitlines()[0],
                         file=url) from None
