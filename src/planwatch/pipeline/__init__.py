"""Ingest orchestration: one file or a corpus, locally or on Ray (issue 13).

Every ingest runs the same stages in the same order, where a reader can see them
(`pipeline.stages`): read → describe → extract quantities → extract tasks (pure, in
workers) → store plan, records and actuals → store tasks → propose follow-ups (one
transaction). Entry points:

- `ingest_document(engine, document)`: one document, one transaction (CLI with one file, demo, upload);
- `ingest_corpus(engine, paths, workers=N)`: files and folders in bulk on N cores (1: all in this process;
  N > 1: N extraction processes, this process the one batch writer);
- `planwatch.pipeline.ray_engine.ingest_ray(...)`: the same on a Ray cluster, through Parquet shards.
"""

from __future__ import annotations

from planwatch.pipeline.document import ingest_document
from planwatch.pipeline.files import Survey, count_plan_files, iter_plan_files, survey_plan_files
from planwatch.pipeline.local import default_workers, ingest_corpus
from planwatch.pipeline.stages import Analysis, analyse, read, store_analysis
from planwatch.pipeline.writer import BatchWriter, Failure, Tally

__all__ = [
    "Analysis", "BatchWriter", "Failure", "Survey", "Tally", "analyse", "count_plan_files", "default_workers",
    "ingest_corpus", "ingest_document", "iter_plan_files", "read", "store_analysis", "survey_plan_files",
]
