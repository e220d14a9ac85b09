"""Pausing the cyclic garbage collector while zhen builds many small acyclic records.

A page's tokens, a glossary's fields and a text's term hits are records without reference
cycles: reference counting alone frees them. Left running, the collector re-scans the growing
pile every few hundred allocations, and the cost stops being linear (a sixth of separate+segment
on a large page, a fifth of English term matching on 20 MB). The pause is local: the collector's
state is restored afterwards.

A command as a whole runs with a higher first threshold (`fewer_collections`): its imports,
glossary and tables allocate a few hundred thousand long-lived objects, and at the default 700
the collector runs ~120 times to find nothing (a tenth of `zhen page` on a page; mypy's `main`
raises the threshold the same way). At its exit the objects left are frozen
(`gc.freeze`), so the interpreter's last collection does not walk them all (~25 ms): what
remains is freed with the process.
"""

from __future__ import annotations

import atexit
import gc
from collections.abc import Iterator
from contextlib import contextmanager

COMMAND_THRESHOLDS = (200_000, 30, 30)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Collect cycles every 200,000 allocations, not every 700, until the block ends; and at
    the process's exit, do not collect at all."""
    before = gc.get_threshold()
    gc.set_threshold(*COMMAND_THRESHOLDS)
    atexit.unregister(gc.freeze)  # once, however many commands one process runs (tests)
    atexit.register(gc.freeze)
    try:
        yield
    finally:
        gc.set_threshold(*before)


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def frozen_for_fork(freeze: bool = True) -> Iterator[None]:
    """The objects that exist now are left out of every collection until the block ends, as
    Python's gc documentation advises before a fork: a collection in a forked worker would
    otherwise write to each inherited object's header and copy the memory page it sits on."""
    if freeze:
        gc.freeze()
    try:
        yield
    finally:
        if freeze:
            gc.unfreeze()
