"""Format stage: citekit's CSL 1.0.2 processor (style parsing, evaluation, output trees).

Subpackages: ``eval`` (evaluating rendering elements, sorting, disambiguation, collapsing)
and ``output`` (output trees and their renderers). Nothing is imported here: the entry points
are :mod:`citekit.csl.processor` and :mod:`citekit.csl.style`.
"""
