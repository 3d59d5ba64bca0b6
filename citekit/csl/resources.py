"""Format stage: where the bundled styles and locales live, and the style name aliases."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

_PKG = Path(__file__).resolve().parent.parent

ALIASES = {
    "apa": "apa",
    "mla": "modern-language-association",
    "modern-language-association": "modern-language-association",
    "chicago": "chicago-author-date",
    "chicago-author-date": "chicago-author-date",
    "chicago-notes": "chicago-notes-bibliography",
    "chicago-notes-bibliography": "chicago-notes-bibliography",
}


@lru_cache(maxsize=1)
def styles_dir() -> Path:
    """The bundled styles folder: inside the wheel, or the checkout's top-level styles/."""
    for candidate in (_PKG / "_styles", _PKG.parent / "styles"):
        if (candidate / "apa.csl").is_file():
            return candidate
    raise FileNotFoundError("citekit's bundled styles are missing")


def locales_dir() -> Path:
    return styles_dir() / "locales"


def bundled_style_path(name: str) -> Path | None:
    """The path of a bundled style by name or alias, or None."""
    canonical = ALIASES.get(name.lower(), name.lower())
    if not canonical or "/" in canonical or "\\" in canonical or canonical.startswith("."):
        return None
    path = styles_dir() / f"{canonical}.csl"
    return path if path.is_file() else None


@lru_cache(maxsize=1)
def primary_dialects() -> dict[str, str]:
    data = json.loads((locales_dir() / "locales.json").read_text(encoding="utf-8"))
    return dict(data.get("primary-dialects", {}))


def locale_path(tag: str) -> Path | None:
    path = locales_dir() / f"locales-{tag}.xml"
    return path if path.is_file() else None
