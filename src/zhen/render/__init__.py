"""Records → JSON-ready dicts, text tables, TSV: pure functions, no pipeline work."""
