"""Running the engine over many files: in this process for a few, on every core for many.

Workers are forked with the engine already built, so rule packs are parsed and compiled once.
Results come back in the order of the files, so output does not depend on scheduling.
"""
from __future__ import annotations

import os
from typing import Callable, Iterator

from .engine import Engine, FileResult

# Below this many files a pool costs more than it saves.
PARALLEL_MIN_FILES = 24

_worker_engine: Engine | None = None


def _init(engine: Engine) -> None:
    global _worker_engine
    _worker_engine = engine
    # A worker ends without running atexit handlers, so what it recorded of the patterns it
    # compiled (see regexcache) is saved by a finalizer, which a worker does run when the pool
    # is closed (not when it is terminated).
    from multiprocessing import util

    from . import regexcache

    util.Finalize(None, regexcache.save, exitpriority=0)


def _lint_one(path: str) -> FileResult:
    assert _worker_engine is not None
    return _worker_engine.lint_path(path)


def worker_count(n_files: int, jobs: int | None) -> int:
    if jobs is not None:
        return max(1, jobs)
    if n_files < PARALLEL_MIN_FILES:
        return 1
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cpus, n_files // 8))


def run(engine: Engine, files: list[str], jobs: int | None = None, progress: Callable[[int], None] | None = None) -> Iterator[FileResult]:
    workers = worker_count(len(files), jobs)
    if workers > 1:
        import multiprocessing as mp  # not for a few files: its import is a few ms of a pre-commit run

        if "fork" not in mp.get_all_start_methods():
            workers = 1
    if workers <= 1:
        for path in files:
            yield engine.lint_path(path)
            if progress:
                progress(1)
        return
    ctx = mp.get_context("fork")
    chunk = max(1, min(64, len(files) // (workers * 8)))
    with ctx.Pool(workers, initializer=_init, initargs=(engine,)) as pool:
        for result in pool.imap(_lint_one, files, chunksize=chunk):
            yield result
            if progress:
                progress(1)
        pool.close()  # the workers finish and run their finalizers (leaving the block kills them)
        pool.join()
