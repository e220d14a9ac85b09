"""`zhen batch` workers end with the batch: a `kill -9` of the batch process leaves no worker.

Issue 16: `setsid zhen batch pages --out o --jobs 2 & sleep 3; kill -9 $!` left both workers
alive, blocked on a pipe, 259 MB each.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

from sample_pages import write_sample_pages


def _children(pid: int) -> list[int]:
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                children.append(int(entry.name))
    return children


def _running(pid: int) -> bool:
    """Alive and not a zombie (a container's init may never reap an orphan)."""
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def test_killing_the_batch_process_ends_its_workers(tmp_path, subprocess_env, zhen_command):
    pages = tmp_path / "pages"
    write_sample_pages(pages, 200)
    command = [*zhen_command, "batch", str(pages), "--output-dir", str(tmp_path / "out"),
               "--jobs", "2", "--engine", "fallback"]
    batch = subprocess.Popen(command, env=subprocess_env, start_new_session=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 300
        while len(workers := _children(batch.pid)) < 2 or \
                not list((tmp_path / "out").glob("*.json")):
            assert batch.poll() is None and time.monotonic() < deadline, "no workers started"
            time.sleep(0.05)
        os.kill(batch.pid, signal.SIGKILL)
        batch.wait()
        deadline = time.monotonic() + 10
        while any(_running(worker) for worker in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert [worker for worker in workers if _running(worker)] == []
    finally:
        batch.kill()
        for worker in workers:
            if _running(worker):
                os.kill(worker, signal.SIGKILL)
