"""Recover and Share stages: BibTeX and BibLaTeX (reader, writer, field tables, LaTeX text)."""
