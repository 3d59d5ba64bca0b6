"""Share stage: citekit citations inside the Markdown engines of site generators.

``citekit.plugins.mkdocs.CitekitPlugin`` is the MkDocs plugin (``plugins: [citekit]``);
``citekit.plugins.markdown_it.citekit_plugin`` is for markdown-it-py and
``citekit.plugins.pymarkdown.CitekitExtension`` for Python-Markdown. All are thin: the
library's parser and formatter do the work. (Sphinx's extension is :mod:`citekit.sphinx`.)
"""
