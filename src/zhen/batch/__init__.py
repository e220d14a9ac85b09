"""`zhen batch`: the page pipeline over many pages, resumable, on this machine's cores.

- `tasks`: one page — its task, the `PageWorker` that loads the glossary and the engine once and
  runs page after page, the summary line (`PageResult`);
- `local`: worker processes forked after the shared tables are loaded;
- `run`: `run_batch` — find the pages, skip those whose outputs are current, run the rest, write
  the JSONL summary line by line.

Outputs are written atomically under the output folder, mirroring the pages' paths; a page whose
outputs are all newer than the page and every glossary file is skipped, so an interrupted batch
resumes where it stopped. A page that cannot be read or translated is reported and skipped.
"""

from zhen.batch.run import BatchResult, run_batch
from zhen.batch.tasks import (
    DONE,
    FAILED,
    REPORT_SUFFIXES,
    SKIPPED,
    SUMMARY_NAME,
    BatchOptions,
    PageResult,
    PageTask,
)

__all__ = [
    "DONE", "FAILED", "REPORT_SUFFIXES", "SKIPPED", "SUMMARY_NAME", "BatchOptions", "BatchResult",
    "PageResult", "PageTask", "run_batch",
]
