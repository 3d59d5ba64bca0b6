"""Recover and Share stages: one package per file format, its reader and writer side by side.

Each package holds ``read.py`` (``detect()``/``read()``, named in
:data:`citekit.sources.registry.READERS`), ``write.py`` (``chunks()``, named in
:data:`citekit.export.WRITERS`) and the helpers only that format needs. The dispatch in
:mod:`citekit.sources` and :mod:`citekit.export` imports a format only when it is used.
"""
