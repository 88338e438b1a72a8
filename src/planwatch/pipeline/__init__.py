"""Ingest orchestration: one file or a corpus, local or on Ray (issue 13)."""
