"""Shared helper: the user's cache directory, where fetched styles and look-ups are kept.

``CITEKIT_CACHE_DIR`` overrides the place (tests point it at a temporary folder); otherwise
``$XDG_CACHE_HOME/citekit`` or ``~/.cache/citekit`` (``%LOCALAPPDATA%\\citekit`` on Windows,
``~/Library/Caches/citekit`` on macOS). Entries are written atomically, so a reader never sees
half a file.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path


def cache_dir(kind: str) -> Path:
    """The folder for one kind of cached thing (``styles``, ``lookups``, ...), not yet created."""
    root = os.environ.get("CITEKIT_CACHE_DIR")
    if root:
        base = Path(root)
    elif sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local")) / "citekit"
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches" / "citekit"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "citekit"
    return base / kind


def cache_path(kind: str, key: str, suffix: str = "") -> Path:
    """Where the entry for ``key`` (a URL, an identifier) lives: a hash, so any key is safe."""
    import hashlib  # (with OpenSSL) only when the cache is used, not at start-up

    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
    return cache_dir(kind) / f"{digest}{suffix}"


def read_cached(kind: str, key: str, suffix: str = "") -> bytes | None:
    """The cached bytes for ``key``, or None when there are none (or they cannot be read)."""
    try:
        return cache_path(kind, key, suffix).read_bytes()
    except OSError:
        return None


def write_cached(kind: str, key: str, data: bytes, suffix: str = "") -> None:
    """Store ``data`` for ``key``; a cache that cannot be written is skipped silently."""
    import tempfile

    path = cache_path(kind, key, suffix)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except OSError:
        return
