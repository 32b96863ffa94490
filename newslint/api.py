"""The Python API: lint a string or files from a program, with the findings the CLI prints.

    >>> from newslint import lint_text, lint_paths
    >>> findings = lint_text("Click here to subscribe to our newsletter.\\n\\nThe council met.\\n")
    >>> [(f.code, f.line) for f in findings]                        # doctest: +SKIP
    [('B...', 1)]
    >>> report = lint_paths(["seeds/"], config={"ignore": ["readability"]})
    >>> report.totals.files                                            # doctest: +SKIP
    5

Both return the models of ``newslint --format json`` (:class:`newslint.models.Finding`,
:class:`newslint.models.Report`: dataclasses), so ``report.to_dict()`` is the CLI's JSON
document for the same files and settings.

``config`` is one of:

- ``None``: the built-in defaults, as ``newslint --isolated`` (no config file is searched for);
- a :class:`newslint.config.Settings`;
- a dict of the keys of ``[tool.newslint]`` (``{"select": ["B", "A"], "per-file-ignores": {...}}``),
  validated as a config file is: an unknown key or a bad value raises
  :class:`newslint.errors.NewslintError` naming the key; relative paths in it (``rule-packs``,
  ``knowledge``) are relative to the current folder;
- a path to a config file (``newslint.toml`` or a ``pyproject.toml`` with ``[tool.newslint]``).

Loading the rule packs and compiling the rules takes a second or so; the engine is built once
per distinct config (and kept, with a few others, for the life of the process), so calling
:func:`lint_text` in a loop costs only the linting. A config file is re-read when it changes.
The cache is per process and thread-safe, so each Dask or multiprocessing worker builds its
engine once.
"""
from __future__ import annotations

import copy
import json
import os
import threading
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Union

from .errors import NewslintError, ReadError

if TYPE_CHECKING:
    from .config import Settings
    from .engine import Engine, FileResult
    from .models import Finding, Report

__all__ = ["lint_text", "lint_text_result", "lint_paths", "get_engine", "clear_engines"]

ConfigLike = Union["Settings", Mapping[str, Any], str, os.PathLike, None]
FORMATS = ("text", "markdown", "html")

_ENGINES: OrderedDict[tuple, "Engine"] = OrderedDict()  # one a config, the least recently used dropped
_MAX_ENGINES = 16
_DATED: dict[tuple, "Engine"] = {}  # (config, date): a shallow copy of that config's engine
_MAX_DATED = 4096
_LOCK = threading.RLock()


# -- engines -----------------------------------------------------------------------------
def _config_key(config: ConfigLike) -> tuple:
    from .config import Settings

    if config is None:
        return ("defaults",)
    if isinstance(config, Settings):
        return ("settings", repr(config))
    if isinstance(config, Mapping):
        try:
            text = json.dumps(config, sort_keys=True, default=str)
        except (TypeError, ValueError):
            text = repr(sorted(config.items(), key=lambda kv: str(kv[0])))
        return ("dict", text, os.getcwd())
    if isinstance(config, (str, os.PathLike)):
        path = Path(config).resolve()
        try:
            st = path.stat()
        except OSError:
            raise NewslintError(f"{config}: config file not found") from None
        return ("file", str(path), st.st_mtime_ns, st.st_size)
    raise NewslintError(f"config must be a Settings, a dict of config keys or a path to a config file, not {type(config).__name__}")


def _settings(config: ConfigLike) -> "Settings":
    from .config import Settings, load_config, settings_from

    if config is None:
        return Settings.defaults()
    if isinstance(config, Settings):
        return config
    if isinstance(config, Mapping):
        return settings_from(dict(config), None)
    path = Path(config)
    if not path.is_file():
        raise NewslintError(f"{config}: config file not found")
    return load_config(path)


def _build(settings: "Settings") -> "Engine":
    from .engine import Engine, check_selectors
    from .packs import packs_for

    packs = packs_for(settings)
    check_selectors(settings, packs, origin="config")
    return Engine(packs, settings)


def _check_date(date: str | None) -> str | None:
    if date is None:
        return None
    from .dates import parse_date

    if parse_date(str(date)) is None:
        raise NewslintError(f"date {date!r} is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)")
    return str(date)


def get_engine(config: ConfigLike = None, date: str | None = None) -> "Engine":
    """The engine for ``config`` (built on first use, then reused) judging undated articles by
    ``date`` (like ``--date``; an article's own front matter or meta tags win)."""
    date = _check_date(date)
    key = _config_key(config)
    with _LOCK:
        if date is not None and (key, date) in _DATED:
            return _DATED[(key, date)]
        base = _ENGINES.get(key)
        if base is None:
            base = _build(_settings(config))
            _ENGINES[key] = base
            while len(_ENGINES) > _MAX_ENGINES:
                old, _ = _ENGINES.popitem(last=False)
                for k in [k for k in _DATED if k[0] == old]:
                    del _DATED[k]
        else:
            _ENGINES.move_to_end(key)
        if date is None:
            return base
        # The date is only read when a document is linted: a shallow copy shares the compiled
        # rules, so an archive with a different date on every article builds nothing more.
        if len(_DATED) >= _MAX_DATED:
            _DATED.clear()
        engine = _DATED[(key, date)] = copy.copy(base)
        engine.date_flag = date
        return engine


def clear_engines() -> None:
    """Forget every engine built so far (the next call rebuilds; rule files edited in the
    meantime are then re-read)."""
    with _LOCK:
        _ENGINES.clear()
        _DATED.clear()


# -- text --------------------------------------------------------------------------------
def lint_text_result(
    text: str | bytes,
    *,
    path: str | os.PathLike | None = None,
    fmt: str | None = None,
    date: str | None = None,
    config: ConfigLike = None,
) -> "FileResult":
    """Like :func:`lint_text`, but the whole result: ``.findings``, ``.report`` (the file's
    entry of the JSON ``files`` list: format, language, article date, counts, cited outlets) and
    ``.errors`` (a rule that gave up, or bytes that are not text; ``.report`` is then None).

    >>> r = lint_text_result("# Title\\n\\nSome text.\\n", path="a.md")
    >>> r.report.format, r.errors
    ('markdown', [])
    """
    from .engine import FileResult
    from .models import FileError
    from .readers import decode, format_for, read_source

    name = os.fspath(path) if path is not None else "-"
    if fmt is not None and fmt not in FORMATS:
        raise NewslintError(f"unknown article format {fmt!r}; one of: {', '.join(FORMATS)}")
    engine = get_engine(config, date)
    try:
        source = decode(bytes(text), name) if isinstance(text, (bytes, bytearray, memoryview)) else text
        if not isinstance(source, str):
            raise NewslintError(f"text must be str or bytes, not {type(text).__name__}")
        doc = read_source(source, name, fmt or (format_for(name) if path is not None else "text"))
    except ReadError as exc:
        return FileResult(name, errors=[FileError(path=name, message=exc.reason)])
    return engine.lint_document(doc)


def lint_text(
    text: str | bytes,
    *,
    path: str | os.PathLike | None = None,
    fmt: str | None = None,
    date: str | None = None,
    config: ConfigLike = None,
) -> list["Finding"]:
    """Lint one article given as a string; its findings, sorted by position.

    ``path`` is the name findings carry (``"-"`` when not given, as for standard input) and,
    unless ``fmt`` says otherwise, picks the reader by its extension, as ``--stdin-filename``
    does; ``fmt`` is ``"text"``, ``"markdown"`` or ``"html"`` (plain text when neither is given).
    ``date`` is the article date when the text gives none (``"2023-07"``, like ``--date``).
    Per-file ignores in ``config`` match ``path``. Bytes are decoded as files are (UTF-8, or
    UTF-16 with a BOM); undecodable bytes raise :class:`newslint.errors.ReadError`.

    >>> findings = lint_text("<p>Share this article</p>\\n<p>The council met.</p>\\n", fmt="html")
    >>> [f.code for f in findings]                                   # doctest: +SKIP
    ['B...']
    >>> lint_text("Mr. Kirby said so.", config={"select": ["A"]})[0].category  # doctest: +SKIP
    'attribution'
    """
    result = lint_text_result(text, path=path, fmt=fmt, date=date, config=config)
    if result.report is None and result.errors:
        err = result.errors[0]
        raise ReadError(err.path, err.message)
    return result.findings


# -- files -------------------------------------------------------------------------------
def lint_paths(
    paths: str | os.PathLike | Iterable[str | os.PathLike],
    *,
    date: str | None = None,
    config: ConfigLike = None,
    jobs: int | None = None,
    cache: bool | str | os.PathLike = False,
) -> "Report":
    """Lint files and folders as ``newslint --format json`` does; the same :class:`Report`.

    Folders are searched with the config's ``include`` and ``exclude`` globs (hidden folders and
    what ``.gitignore`` ignores are skipped); a path that does not exist or a file that cannot be
    read is an entry of ``report.errors``, and the other files are still linted. ``jobs`` is the
    number of worker processes (default: every core when there are many files; workers are
    forked, so pass ``jobs=1`` from a program that runs threads). ``cache=True`` reuses the
    results of unchanged files from the result cache the CLI uses (``newslint.cache``); a path
    puts that cache there. The CLI's ``-`` (standard input) is :func:`lint_text` here.

    >>> report = lint_paths("seeds/", config={"select": ["B"]})       # doctest: +SKIP
    >>> sorted({f.code for f in report.findings})                    # doctest: +SKIP
    ['B001', 'B002', ...]
    >>> report.to_dict()["totals"]["files"]            # doctest: +SKIP
    5
    """
    from .discover import discover
    from .models import FileError
    from .output import RunResult
    from .runner import run as run_files

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    names = [os.fspath(p) for p in paths]
    engine = get_engine(config, date)
    if cache:
        from .cache import ResultCache

        engine = copy.copy(engine)
        engine.cache = ResultCache(None if cache is True else cache).attach(engine)
    result = RunResult()
    files, missing = discover(names, engine.settings.include, engine.settings.exclude)
    result.errors.extend(FileError(path=m, message="no such file or folder") for m in missing)
    for r in run_files(engine, files, jobs=jobs):
        result.findings.extend(r.findings)
        result.errors.extend(r.errors)
        if r.report is not None:
            result.files.append(r.report)
    return result.report()
