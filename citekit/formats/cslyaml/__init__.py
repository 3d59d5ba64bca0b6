"""Recover and Share stages: CSL-YAML, pandoc's form (reader, writer)."""
