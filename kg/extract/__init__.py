"""Extraction: markdown blocks -> entities, relations and limits (see pipeline.extract_facts)."""
