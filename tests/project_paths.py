"""Where the tests find the project and the reference data: ``../shared`` beside the project
root (as CI lays it out), wherever the checkout is."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
