"""Compiled regular expressions kept on disk between runs.

The ``regex`` module parses and compiles a pattern in Python, then hands the result (a list of
opcodes and a few tables, all plain data) to its C core, ``_regex.compile``. For the rule packs'
large patterns the Python part costs more than a pre-commit run spends linting, and it gives the
same result every time for the same pattern, flags and ``regex`` release. So the arguments of
that last call are recorded the first time a pattern is compiled and kept in one file under the
compiled cache, keyed by the ``regex`` release and Python's version; later processes hand them
straight to the C core. The standard library's ``re`` works the same way (``compile_re``), with
``_sre.compile`` for its core; a few expressions use it (ftfy's mojibake detector among them).

Anything unexpected (another layout of either engine, a damaged file, an unwritable folder, a
recorded call the core refuses) falls back to compiling as usual, so this can only make
compiling faster.
"""
from __future__ import annotations

import atexit
import pickle
import re
import sys
import threading
from array import array
from pathlib import Path

import regex

_LOCK = threading.Lock()
# (pattern, flags) -> the C core's arguments, from disk; ("re", magic, pattern, flags) for ``re``
_recorded: dict[tuple, tuple] | None = None
_new: dict[tuple, tuple] = {}  # the same, recorded by this process
_taken: dict[tuple, tuple] = {}  # those of ``_recorded`` this process used
_added = False  # something was recorded in this process and is not on disk yet


def _file() -> Path:
    from .compiled import _directory

    # "2": opcode lists kept as bytes (_Codes)
    tag = f"regex-2-{getattr(regex, '__version__', '0')}-py{sys.version_info[0]}{sys.version_info[1]}"
    return _directory() / f"{tag}.pickle"


def _core():
    return getattr(getattr(regex, "_main", None), "_regex", None)


def _load() -> dict:
    global _recorded
    if _recorded is None:
        try:
            with open(_file(), "rb") as fh:
                loaded = pickle.load(fh)
            _recorded = loaded if isinstance(loaded, dict) else {}
        except Exception:  # absent or damaged: start empty
            _recorded = {}
    return _recorded


class _Recorder:
    """Stands in for the C core during one compile and keeps the arguments it is given."""

    def __init__(self, core) -> None:
        self.core, self.calls = core, []

    def compile(self, *args):
        self.calls.append(args)
        return self.core.compile(*args)

    def __getattr__(self, name):
        return getattr(self.core, name)


def compile(pattern: str, flags: int = 0):
    """``regex.compile(pattern, flags)``, from the recorded core arguments when there are some."""
    core = _core()
    if core is None or not isinstance(pattern, str):
        return regex.compile(pattern, flags)
    return _replayed((pattern, int(flags)), core, regex._main, "_regex",
                     lambda: regex.compile(pattern, flags, cache_pattern=False))


def compile_re(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)``, the standard library's engine, likewise: its parser and
    compiler are Python too, and hand their result to ``_sre.compile``, whose arguments are
    recorded (keyed also by ``_sre.MAGIC``, which changes with its opcodes)."""
    compiler = getattr(re, "_compiler", None)
    core = getattr(compiler, "_sre", None)
    if core is None or not isinstance(pattern, str) or not hasattr(compiler, "compile"):
        return re.compile(pattern, flags)
    return _replayed(("re", getattr(core, "MAGIC", None), pattern, int(flags)), core, compiler, "_sre",
                     lambda: compiler.compile(pattern, int(flags)), _plain_sre_args)


def _plain_sre_args(args: tuple) -> tuple:
    """``_sre.compile``'s arguments with its opcodes (named int constants, which do not pickle)
    as the plain ints they are."""
    pattern, flags, code, *rest = args
    return (pattern, int(flags), [int(c) for c in code], *rest)


def _replayed(key: tuple, core, holder, name: str, compile_now, plain=lambda args: args):
    """The pattern of ``key`` made by ``core.compile`` from recorded arguments, else by
    ``compile_now()`` with ``holder.<name>`` (the engine's reference to its core) standing in
    to record the arguments (``plain(args)``, as they are kept)."""
    with _LOCK:
        # taken out once used (the file keeps the record: save() merges with it), so the whole
        # record is not held in memory, only what this process uses: a pattern compiled in
        # several places is found again, and not recorded anew (which would rewrite the file)
        args = _load().pop(key, None)
        if args is not None:
            _taken[key] = args
        else:
            args = _taken.get(key) or _new.get(key)
        if args is not None:
            try:
                return core.compile(*_unpacked(args))
            except Exception:
                pass
        recorder = _Recorder(core)
        setattr(holder, name, recorder)
        try:
            compiled = compile_now()
        finally:
            setattr(holder, name, core)
        if len(recorder.calls) == 1:
            try:
                args = plain(recorder.calls[0])
            except Exception:  # a call of another shape: compiled as usual every time
                return compiled
            _remember(key, args)
        return compiled


class _Codes(bytes):
    """A list of opcodes as the bytes of an ``array("I")``: the record's lists hold over a
    hundred thousand ints, which pickle reads one by one (most of the time it takes to load);
    a process makes lists again of those it uses only."""


def _packed(args: tuple) -> tuple:
    return tuple(_Codes(array("I", a).tobytes()) if _ints(a) else a for a in args)


def _ints(value) -> bool:
    return isinstance(value, list) and array("I").itemsize == 4 and all(type(x) is int and 0 <= x < 1 << 32 for x in value)


def _unpacked(args: tuple) -> tuple:
    return tuple(array("I", a).tolist() if type(a) is _Codes else a for a in args)


def _remember(key, args) -> None:
    global _added
    try:
        args = _packed(args)
        pickle.dumps(args)
    except Exception:
        return
    _new[key] = args
    if not _added:
        _added = True
        atexit.register(save)


# Patterns kept on disk. The shipped rules make about 300; every edit of a pattern in a user's
# pack adds one, so beyond this many the ones recorded longest ago (and not used by the process
# saving) are dropped: one that is still used is parsed and recorded again, once.
MAX_RECORDED = 4000


def save() -> None:
    """Write what this process recorded, merged with what is on disk (atomically)."""
    global _added
    with _LOCK:
        if not _added:
            return
        path = _file()
        try:
            with open(path, "rb") as fh:
                on_disk = pickle.load(fh)
            merged = {**on_disk, **_new} if isinstance(on_disk, dict) else dict(_new)
        except Exception:
            merged = dict(_new)
        if len(merged) > MAX_RECORDED:  # the oldest first: a dict keeps the order keys came in
            used = _taken.keys() | _new.keys()
            for key in [k for k in merged if k not in used][: len(merged) - MAX_RECORDED]:
                del merged[key]
        from .compiled import write_pickle

        if write_pickle(path, merged):  # else a read-only cache folder: compile every time
            _added = False
