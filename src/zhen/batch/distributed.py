"""A batch on Ray (`zhen batch --ray auto|ADDRESS`): the same pages, on one machine or many.

The zhen process is Ray's driver: it finds the pages, skips those whose outputs are current
(`zhen.batch.run`, as a local batch does), reads each page's bytes and hands them to a pool of
actors. Each actor holds one `PageWorker` — the glossary, the engine and its memory, loaded once
— and returns the page's summary line and its outputs' bytes; the driver writes them with the
same atomic writes. Only the driver's machine needs the pages and the output folder, and the
outputs are the bytes a local batch writes.

`auto` joins the cluster this machine belongs to (RAY_ADDRESS, or one started here with `ray
start`), else starts Ray on this machine; an ADDRESS (`ray://head:10001`, `head:6379`) joins that
cluster. One actor per CPU of the cluster (`--jobs` sets the number); with `--device cuda` each
actor takes one GPU. Ray is an optional extra: `pip install 'zhen[ray]'`.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait

from zhen.batch.tasks import (
    DONE,
    BatchOptions,
    PageResult,
    PageTask,
    PageWorker,
    failed,
    write_outputs,
)
from zhen.errors import ClusterError, ZhenError
from zhen.glossary.model import Glossary

DIED = "a Ray worker died (killed, out of memory or its node lost); run the batch again to retry"
_WRITERS = 4  # threads writing outputs in the driver: a durable write waits on the disk
_LONGEST_CHUNK = 8  # pages sent to an actor in one call
#: Variables that say where zhen, Argos and the translation memory keep their files: an actor
#: on this machine must see the folders the driver sees.
_ENVIRONMENT = ("ZHEN_CACHE_DIR", "ZHEN_DATA_DIR", "ARGOS_PACKAGES_DIR", "XDG_CACHE_HOME",
                "XDG_DATA_HOME")


class PageActor:
    """One Ray actor: a `PageWorker`, or the reason it could not be set up."""

    def __init__(self, glossary: Glossary, options: BatchOptions, threads: int,
                 environment: dict[str, str]):
        os.environ.update(environment)  # zhen reads its folders from the environment at use
        self.error: ZhenError | None = None
        try:
            self.worker = PageWorker(glossary, options, threads)
        except ZhenError as error:
            self.error = error

    def render(self, pages: list[tuple[PageTask, bytes]]):
        """Per page (PageResult, outputs by path); or the set-up error. Several pages a call:
        a call costs the driver more than a page's bytes."""
        if self.error is not None:
            return self.error
        return [self.worker.render(task, data) for task, data in pages]


def _ray():
    try:
        import ray
    except ImportError:
        raise ClusterError("--ray needs Ray: pip install 'zhen[ray]'") from None
    return ray


class RayBatch:
    """Ray joined (or started) and the actors starting — before the pages are even found, so
    that they load while the driver plans; `run` then gives them the pages."""

    def __init__(self, glossary: Glossary, options: BatchOptions):
        self.ray = ray = _ray()
        self.started_here = _connect(ray, options.ray or "auto")
        resources = ray.cluster_resources()
        gpus = options.device == "cuda"
        slots = int(resources.get("GPU" if gpus else "CPU", 0))
        if slots < 1:
            self.close()
            raise ClusterError("the Ray cluster has no GPU for --device cuda" if gpus else
                               "the Ray cluster has no CPU")
        count = min(options.jobs or slots, slots)  # an actor beyond them would never start
        threads = max(1, int(resources.get("CPU", 1)) // count) if gpus else 1
        environment = {name: os.environ[name] for name in _ENVIRONMENT if name in os.environ}
        # The environment goes to the constructor, not to a runtime_env: then Ray can place the
        # actors on worker processes it has started already (~1 s less to start a batch).
        actor_class = ray.remote(PageActor).options(num_cpus=0 if gpus else 1,
                                                    num_gpus=1 if gpus else 0)
        shared = ray.put(glossary)
        self.new_actor = lambda: actor_class.remote(shared, options, threads, environment)
        self.actors = [self.new_actor() for _ in range(count)]

    def close(self) -> None:
        for actor in getattr(self, "actors", ()):
            self.ray.kill(actor)
        if self.started_here:
            self.ray.shutdown()

    def run(self, tasks: list[PageTask], record: Callable[[PageResult], None],
            on_start: Callable[[int], None] | None, total: int) -> None:
        """Run the pages. Pages are read here,
        so a page that cannot be read fails as a local one does; each result is written and
        recorded as it comes."""
        for actor in self.actors[len(tasks):]:  # fewer pages than actors
            self.ray.kill(actor)
        self.actors = self.actors[: len(tasks)]
        if on_start is not None:
            on_start(total)
        queue = deque(tasks)
        running: dict = {}  # object ref → (tasks, actor's number, actor)
        load = [0] * len(self.actors)
        with ThreadPoolExecutor(_WRITERS) as writers:
            writing: set[Future] = set()
            while queue or running:
                self._submit(queue, running, load, record)
                if not running:
                    continue
                (ready, *_), _ = self.ray.wait(list(running), num_returns=1)
                chunk, number, actor = running.pop(ready)
                load[number] -= 1
                for task, (result, outputs) in self._outcomes(ready, chunk, number, actor):
                    if result.status == DONE:
                        writing.add(writers.submit(write_outputs, task, result, outputs))
                    else:
                        record(result)
                writing = _record_written(writing, record, everything=False)
            _record_written(writing, record, everything=True)

    def _submit(self, queue: deque[PageTask], running: dict, load: list[int],
                record: Callable[[PageResult], None]) -> None:
        """Two calls in flight per actor, one working and one waiting; a call takes a few
        pages while many are left, one at the end so that no actor finishes far behind."""
        for number, actor in enumerate(self.actors):
            while queue and load[number] < 2:
                size = max(1, min(_LONGEST_CHUNK, len(queue) // (4 * len(self.actors))))
                chunk = []
                while queue and len(chunk) < size:
                    task = queue.popleft()
                    try:
                        chunk.append((task, task.load()))
                    except ZhenError as error:
                        record(failed(task, error.message))
                if chunk:
                    running[actor.render.remote(chunk)] = ([task for task, _ in chunk],
                                                           number, actor)
                    load[number] += 1

    def _outcomes(self, ready, chunk: list[PageTask], number: int, actor):
        """(task, (result, outputs)) per page of a call; when the actor died, each
        page's failure (and the actor is replaced)."""
        try:
            outcome = self.ray.get(ready)
        except self.ray.exceptions.RayActorError:
            if self.actors[number] is actor:  # its other pages fail too, as they come
                self.actors[number] = self.new_actor()
                self.ray.kill(actor)
            return [(task, (failed(task, f"{task.source}: not done: {DIED}"), {}))
                    for task in chunk]
        if isinstance(outcome, ZhenError):
            raise outcome  # the engine could not be set up: no page can succeed
        return list(zip(chunk, outcome, strict=True))


def _connect(ray, address: str) -> bool:
    """Join or start Ray; True when this call started it (and must stop it)."""
    if ray.is_initialized():
        return False
    try:
        ray.init(address=None if address == "auto" else address, include_dashboard=False,
                 log_to_driver=False, logging_level="ERROR")
    except Exception as error:  # Ray's connection errors have no common base
        raise ClusterError(f"cannot reach Ray at {address}: {error}") from None
    return True


def _record_written(writing: set[Future], record: Callable[[PageResult], None], *,
                    everything: bool) -> set[Future]:
    """Record the pages whose outputs are written (all of them, waiting, with `everything`);
    the ones still being written."""
    done, pending = wait(writing, timeout=None if everything else 0)
    for future in done:
        record(future.result())
    return pending
