"""Share stage: citekit citations inside Markdown engines used by site generators.

``citekit.plugins.markdown_it.citekit_plugin`` for markdown-it-py, and
``citekit.plugins.pymarkdown.CitekitExtension`` for Python-Markdown (MkDocs: list
``citekit.plugins.pymarkdown`` under ``markdown_extensions``). Both are thin: the
library's parser and formatter do the work.
"""
