"""Share stage: the Sphinx extension ``citekit.sphinx``: CSL citations and bibliographies.

In ``conf.py``::

    extensions = ["citekit.sphinx"]
    citekit_bibliography = ["refs.bib"]   # one path or a list, relative to conf.py's folder
    citekit_style = "apa"                 # a style name or a .csl file
    citekit_locale = "en-GB"              # optional (default: the style's)

In the documents, the role names of sphinxcontrib-bibtex: ``:cite:p:`knuth1984``` gives
"(Knuth, 1984)", ``:cite:t:`knuth1984``` "Knuth (1984)"; several keys are separated by
commas, and each may carry a prefix and a suffix (a locator) in braces:
``:cite:p:`{see}knuth1984{p. 12}, lamport1986```. ``.. bibliography::`` lists every item
cited in the project (``:all:``: every item of the files), and citations link to its
entries. Note styles give footnotes. An unknown key is a warning naming the document and
line (so ``sphinx-build -W`` fails). Parallel reading and writing are safe (``-j auto``);
the output is docutils nodes, so HTML, LaTeX and the other builders all work.
"""
from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from .. import __version__
from .extension import setup_extension

__all__ = ["setup"]


def setup(app: Sphinx) -> dict[str, Any]:
    """Sphinx's entry point for ``extensions = ["citekit.sphinx"]``."""
    setup_extension(app)
    return {"version": __version__, "env_version": 1,
            "parallel_read_safe": True, "parallel_write_safe": True}
