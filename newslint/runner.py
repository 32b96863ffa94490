"""Running the engine over many files: on every core for many, in two processes for a few.

Workers are forked with the engine already built, so rule packs are parsed and compiled once.
Results come back in the order of the files, so output does not depend on scheduling.

A pool costs more than it saves on a few files (its import, its threads, a result sent back for
each file), yet a pre-commit run on a handful of articles spends most of its time linting them,
much of it work done once a process (loading language profiles, syllable and word data). So
the command line (``split=True``) lints two files or more, too few for a pool, in two processes:
it forks once, both take files one at a time until none is left, and the child sends its
results back through a pipe, all at once. Should the child fail, the parent lints what it took,
so nothing is lost. One file, one core or ``--jobs 1``: one process, no fork.
"""
from __future__ import annotations

import os
from typing import Callable, Iterator

from .compiled import exit_work
from .engine import Engine, FileResult

# Below this many files a pool costs more than it saves.
PARALLEL_MIN_FILES = 24

_worker_engine: Engine | None = None


def _init(engine: Engine) -> None:
    global _worker_engine
    _worker_engine = engine
    # A worker ends without running atexit handlers, so its exit work is done by a finalizer,
    # which a worker does run when the pool is closed (not when it is terminated).
    from multiprocessing import util

    util.Finalize(None, exit_work, exitpriority=0)


def _lint_one(path: str) -> FileResult:
    assert _worker_engine is not None
    return _worker_engine.lint_path(path)


def cpu_count() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def worker_count(n_files: int, jobs: int | None) -> int:
    if jobs is not None:
        return max(1, jobs)
    if n_files < PARALLEL_MIN_FILES:
        return 1
    return max(1, min(cpu_count(), n_files // 8))


def splits(n_files: int, jobs: int | None) -> bool:
    """Whether ``run(split=True)`` lints these files in two processes: two files or more, too few
    for a pool, no ``jobs`` given, and a second core for the second process."""
    return jobs is None and 2 <= n_files < PARALLEL_MIN_FILES and hasattr(os, "fork") and cpu_count() >= 2


def run(engine: Engine, files: list[str], jobs: int | None = None, progress: Callable[[int], None] | None = None,
        split: bool = False) -> Iterator[FileResult]:
    """Each file's result, in the order of ``files``. ``split``: a few files are linted by two
    processes (see the module's notes); for the command line, whose process is newslint's own
    (a program that runs threads must not fork)."""
    if split and splits(len(files), jobs):
        yield from _two_processes(engine, files, progress)
        return
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


def _two_processes(engine: Engine, files: list[str], progress: Callable[[int], None] | None) -> Iterator[FileResult]:
    """The results of ``files``, linted by this process and one forked child, which take them
    one at a time from a queue (a pipe holding each file's number as a byte) until it is empty,
    so a long file does not leave one process idle while the other still has several."""
    import pickle

    queue, queue_in = os.pipe()
    os.write(queue_in, bytes(range(len(files))))  # fewer than PARALLEL_MIN_FILES: within a pipe's buffer
    os.close(queue_in)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: lint, send, and leave without running the parent's exit handlers
        status = 1
        try:
            os.close(read_end)
            data = pickle.dumps([(i, engine.lint_path(files[i])) for i in _taken(queue)], pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
            exit_work()
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    results: dict[int, FileResult] = {}
    try:
        for i in _taken(queue):
            results[i] = engine.lint_path(files[i])
            if progress:
                progress(1)
        with os.fdopen(read_end, "rb") as pipe:  # the child writes its results at once, then ends
            read_end = None
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
        pid = None
    finally:
        os.close(queue)
        if read_end is not None:  # stopped early (an interrupt): the child's writing fails, it ends
            os.close(read_end)
        if pid is not None:
            os.waitpid(pid, 0)
    for i, result in (_unpickled(data) if status == 0 else None) or ():
        results.setdefault(i, result)
        if progress:
            progress(1)
    for i, path in enumerate(files):
        result = results.get(i)
        if result is None:  # the child failed: what it took is linted here
            result = engine.lint_path(path)
            if progress:
                progress(1)
        yield result


def _taken(queue: int) -> Iterator[int]:
    """The numbers of the files this process takes from the queue, one at a time, until it is empty."""
    while taken := os.read(queue, 1):
        yield taken[0]


def _unpickled(data: bytes) -> list | None:
    import pickle

    try:
        found = pickle.loads(data)
    except Exception:
        return None
    return found if isinstance(found, list) else None
