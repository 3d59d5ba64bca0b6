"""Recover and Share stages: RIS (reader, writer, tag tables)."""
