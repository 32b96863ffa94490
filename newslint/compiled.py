"""Loaded rule packs and knowledge bases, kept on disk between runs.

Parsing YAML and validating it with pydantic costs far more than the linting of a few articles,
so a pre-commit run would pay it on every commit. What the loaders build is pickled under the
cache folder (``compiled/`` beside the result cache), keyed by newslint's own code, the installed
packages and the exact contents of every file read. Any change to any of them builds afresh; a
file that fails to load is never cached, so its error is reported every time. An unreadable or
damaged cache entry is ignored. Of each kind, only the ``KEEP_PER_KIND`` most recently used
entries are kept.

On the command line (``BUILD_APART``, which the CLI sets), an entry is built in a forked child
that writes it and ends, and the process that needs it reads it from disk: importing pydantic
and building tables leaves tens of MiB behind in a process that goes on to lint (and in every
worker forked from it), though the result pickles to far less. Should the child fail (a rule
file's error, say), the process builds the entry itself, which reports the error as before.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Callable, Iterable, TypeVar

T = TypeVar("T")

# Build entries in a forked child (see above): set by the command line, whose processes are
# newslint's own; a program using the Python API may run threads, and must not fork.
BUILD_APART = False


def _directory() -> Path:
    from .cache import default_dir

    return default_dir() / "compiled"


def cached(kind: str, files: Iterable[Path], build: Callable[[], T], note: str = "") -> T:
    """``build()``'s result for these files, from disk when nothing it depends on has changed.
    ``note``: whatever else it depends on, as text (the installed packages' versions are already
    part of every key)."""
    from .cache import _code_fingerprint, _update_file

    h = hashlib.sha256(f"{kind}\0{_code_fingerprint()}\0{note}\0".encode())
    for f in files:
        h.update(str(Path(f).resolve()).encode() + b"\0")
        _update_file(h, Path(f))
    path = _directory() / f"{kind}-{h.hexdigest()[:40]}.pickle"
    found = _load(path)
    if found is not _MISSING:
        return found
    from .watchdog import unwatched

    with unwatched():  # built once, maybe inside a rule's first look at a file: no runaway
        if BUILD_APART and _built_apart(kind, path, build):
            found = _load(path)
            if found is not _MISSING:
                return found
        value = build()
    if write_pickle(path, value):  # when it cannot (a read-only cache folder), build every time
        _prune(kind, keep=path)
    return value


_MISSING = object()


def _load(path: Path):
    """The entry at ``path``, or ``_MISSING``."""
    try:
        with open(path, "rb") as fh:
            value = pickle.load(fh)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, ValueError, TypeError):
        return _MISSING
    _touch(path)
    return value


def _built_apart(kind: str, path: Path, build: Callable[[], T]) -> bool:
    """Whether a forked child built the entry and wrote it to ``path``. Not tried where the
    folder cannot be written (a read-only cache), or where a process cannot fork."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    if not hasattr(os, "fork") or not os.access(folder, os.W_OK):
        return False
    pid = os.fork()
    if pid == 0:  # the child: build, write, and leave without the parent's exit handlers
        status = 1
        try:
            if write_pickle(path, build()):
                _prune(kind, keep=path)
                exit_work()  # what the build compiled, for the process reading the entry
                status = 0
        finally:
            os._exit(status)
    _, status = os.waitpid(pid, 0)
    return status == 0


def exit_work() -> None:
    """What a forked process does before it ends, in place of the exit handlers it does not run
    (a pool worker, the second process of a few files, a child building an entry): save what it
    compiled to the regex record (see regexcache), and remove a temporary word store it built
    (see lexicon)."""
    from . import lexicon, regexcache

    regexcache.save()
    lexicon.remove_temporary()


# Entries of one kind kept: every upgrade of newslint or of a package, and every edit of a rule or
# knowledge file, makes a new entry, so without a limit the folder would only grow.
KEEP_PER_KIND = 8


def _touch(path: Path) -> None:
    """Mark an entry as used, so pruning keeps those in use (modification time: access times are
    often not kept)."""
    try:
        os.utime(path)
    except OSError:
        pass


def _prune(kind: str, keep: Path) -> None:
    """Remove all but the ``KEEP_PER_KIND`` most recently used entries of ``kind``."""
    try:
        entries = [(f.stat().st_mtime, f) for f in keep.parent.glob(f"{kind}-*.pickle") if len(f.name) == len(keep.name)]
        for _, f in sorted(entries, key=lambda e: e[0], reverse=True)[KEEP_PER_KIND:]:
            if f != keep:
                f.unlink(missing_ok=True)
    except OSError:
        pass


def write_pickle(path: Path, value) -> bool:
    """Pickle ``value`` to ``path`` through a temporary file and a rename, so a concurrent reader
    never sees half a file; False when it cannot be written (or pickled)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        return False
    return True
