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
            self.worker = PageWorker(glossary, options.engine, options.memory, threads,
                                     as_of=options.as_of, device=options.device,
                                     compute_type=options.compute_type)
        except ZhenError as error:
            self.error = error

    def render(self, task: PageTask, data: bytes):
        """(PageResult, outputs by path, the engine's notice), or the set-up error."""
        if self.error is not None:
            return self.error
        result, outputs = self.worker.render(task, data)
        return result, outputs, self.worker.notice


def _ray():
    try:
        import ray
    except ImportError:
        raise ClusterError("--ray needs Ray: pip install 'zhen[ray]'") from None
    return ray


def run_tasks(tasks: list[PageTask], glossary: Glossary, options: BatchOptions,
              record: Callable[[PageResult], None],
              on_start: Callable[[int], None] | None, total: int) -> str | None:
    """Run tasks on Ray actors; returns the engine's fallback notice, if any."""
    ray = _ray()
    started_here = _connect(ray, options.ray or "auto")
    pool = None
    try:
        pool = _ActorPool(ray, glossary, options, len(tasks))
        if on_start is not None:
            on_start(total)
        return pool.run(deque(tasks), record)
    finally:
        if pool is not None:
            pool.stop()
        if started_here:
            ray.shutdown()


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


class _ActorPool:
    """One actor per CPU (or GPU) of the cluster, each with two pages at most in flight; an
    actor that dies fails the pages it held and is replaced."""

    def __init__(self, ray, glossary: Glossary, options: BatchOptions, pages: int):
        self.ray = ray
        resources = ray.cluster_resources()
        gpus = options.device == "cuda"
        slots = int(resources.get("GPU" if gpus else "CPU", 0))
        if slots < 1:
            raise ClusterError("the Ray cluster has no GPU for --device cuda" if gpus else
                               "the Ray cluster has no CPU")
        count = max(1, min(options.jobs or slots, pages))
        threads = max(1, int(resources.get("CPU", 1)) // count) if gpus else 1
        environment = {name: os.environ[name] for name in _ENVIRONMENT if name in os.environ}
        # The environment goes to the constructor, not to a runtime_env: then Ray can place the
        # actors on worker processes it has started already (~1 s less to start a batch).
        actor_class = ray.remote(PageActor).options(num_cpus=0 if gpus else 1,
                                                    num_gpus=1 if gpus else 0)
        shared = ray.put(glossary)
        self.new_actor = lambda: actor_class.remote(shared, options, threads, environment)
        self.actors = [self.new_actor() for _ in range(count)]

    def run(self, queue: deque[PageTask], record: Callable[[PageResult], None]) -> str | None:
        """Pages are read here, so a page that cannot be read fails as a local one does; each
        result is written and recorded as it comes."""
        running: dict = {}  # object ref → (task, actor's number, actor)
        load = [0] * len(self.actors)
        notice = None
        while queue or running:
            for number, actor in enumerate(self.actors):
                while queue and load[number] < 2:
                    task = queue.popleft()
                    try:
                        data = task.load()
                    except ZhenError as error:
                        record(failed(task, error.message))
                        continue
                    running[actor.render.remote(task, data)] = (task, number, actor)
                    load[number] += 1
            if not running:
                continue
            (ready, *_), _ = self.ray.wait(list(running), num_returns=1)
            task, number, actor = running.pop(ready)
            load[number] -= 1
            try:
                outcome = self.ray.get(ready)
            except self.ray.exceptions.RayActorError:
                record(failed(task, f"{task.source}: not done: {DIED}"))
                if self.actors[number] is actor:  # its other pages fail too, as they come
                    self.actors[number] = self.new_actor()
                    self.ray.kill(actor)
                continue
            if isinstance(outcome, ZhenError):
                raise outcome  # the engine could not be set up: no page can succeed
            result, outputs, page_notice = outcome
            notice = notice or page_notice
            record(write_outputs(task, result, outputs) if result.status == DONE else result)
        return notice

    def stop(self) -> None:
        for actor in self.actors:
            self.ray.kill(actor)
