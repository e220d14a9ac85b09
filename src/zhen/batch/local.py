"""A batch on this machine: worker processes forked after the shared tables are loaded.

Where fork is safe (Linux), the parent loads what every page needs once — the segmenter's
dictionary, names, script conversion, the term matchers — by reading and checking a small page,
and forks its workers after that and before any thread starts: no worker loads them again and
none inherits a held lock. What the parent holds then is frozen (`frozen_for_fork`): a collection
in a worker would otherwise write to every inherited object's header and copy its page. The
engine itself is always loaded in the worker (`PageWorker`): CTranslate2's thread pool and
SQLite connections must not cross a fork. A worker ends with the batch process
(`_end_with_parent`): a `kill -9` of the batch left its workers blocked on a pipe.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from zhen.batch.tasks import BatchOptions, PageResult, PageTask, PageWorker, failed
from zhen.errors import ZhenError
from zhen.gcpause import frozen_for_fork
from zhen.glossary.model import Glossary
from zhen.page.reader import page_from_text
from zhen.terms.run import check_page
from zhen.terms.vocabulary import add_glossary_words

DIED = "a worker process died (killed, or out of memory); run the batch again to retry"


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run_tasks(tasks: list[PageTask], glossary: Glossary, options: BatchOptions,
              record: Callable[[PageResult], None],
              on_start: Callable[[int], None] | None, total: int) -> None:
    """Run tasks in a pool of worker processes, recording each page's result as it comes."""
    jobs = max(1, min(options.jobs or default_jobs(), len(tasks)))
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    if method == "fork":
        warm_up(glossary)
    try:
        pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context(method),
                                   initializer=_start_worker,
                                   initargs=(glossary, options, max(1, default_jobs() // jobs),
                                             os.getpid()))
    except OSError as error:  # its locks are files in /dev/shm: a file-size limit, a full /dev/shm
        raise ZhenError("cannot start the worker processes: "
                        f"{error.strerror if error.errno else 'no semaphore could be made'}"
                        ) from None
    with frozen_for_fork(method == "fork"), pool:  # the workers fork at the first task
        pending: dict[Future, PageTask] = {}
        queue = deque(tasks)
        try:
            _top_up(pool, pending, queue, 2 * jobs)  # starts the workers
            if on_start is not None:
                on_start(total)
            while pending:
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    task = pending.pop(future)
                    outcome = _outcome(future, task)
                    if isinstance(outcome, ZhenError):
                        raise outcome  # the engine could not be set up: no page can succeed
                    record(outcome)
                _top_up(pool, pending, queue, 2 * jobs)
        except BrokenProcessPool:  # a worker died: the pool takes no more pages
            for task in [*pending.values(), *queue]:
                record(failed(task, f"{task.source}: not done: {DIED}"))
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise


_WARM_UP_PAGE = (
    "Headline\n\nEditor: 林雨晨\n\n推动新质生产力发展 new quality productive forces\n\n繼續瀏覽\n"
)


def warm_up(glossary: Glossary) -> None:
    """Read and check a small page: loads the segmenter, names, script conversion and the term
    matchers, everything a page needs besides the engine."""

    add_glossary_words(glossary)
    check_page(page_from_text(_WARM_UP_PAGE, name="<warm-up>"), glossary)


def _top_up(pool, pending: dict[Future, PageTask], queue: deque[PageTask], size: int) -> None:
    """Keep a few tasks queued per worker: enough to stay busy, few to cancel on Ctrl-C. A task
    leaves `queue` only once the pool has taken it."""
    while queue and len(pending) < size:
        pending[pool.submit(run_task, queue[0])] = queue[0]
        queue.popleft()


def _outcome(future: Future, task: PageTask):
    try:
        return future.result()
    except BrokenProcessPool:
        return failed(task, f"{task.source}: {DIED}")


# --- in the worker processes -------------------------------------------------------------------

_worker: dict = {}


def _start_worker(glossary: Glossary, options: BatchOptions, threads: int, parent: int) -> None:
    """Pool initializer: one `PageWorker` per process; an Argos model gets the worker's share of
    the cores, so workers do not fight over them."""
    _end_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle

    _worker.clear()
    try:
        _worker["worker"] = PageWorker(glossary, options, threads)
    except ZhenError as error:
        _worker["error"] = error


def _end_with_parent(parent: int) -> None:
    """On Linux the kernel kills this worker when the batch process dies, however it dies; a
    parent already gone before that was arranged ends the worker at once."""
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


def run_task(task: PageTask):
    """One page's PageResult, or the worker's set-up error."""
    if "error" in _worker:
        return _worker["error"]
    return _worker["worker"].run(task)
