"""Recover and Share stages: CSL-JSON (reader, writer, JSON text)."""
