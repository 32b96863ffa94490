"""A content-hash cache of results, so that only changed work is redone.

The result of linting a file is stored under a key that hashes everything the result depends on:

- the file's bytes and the format its path selects (text, Markdown, HTML);
- the loaded rule packs (every rule as loaded, whichever file it came from) and the knowledge
  files (the shipped office holders and outlets, and the user's ``knowledge``), by content;
- the effective settings: the rules selected, their severities after ``severity`` overrides,
  the expected languages, the config's ``date`` and ``--date``, and the per-file ignores that
  apply to the path;
- newslint's version and its own modules (each one's size and modification time), and the
  names and versions of the installed packages (langdetect, textstat, ... change results when they change).

Undated articles are judged by a window that ends today (``newslint/kinds/office.py``), so a
result whose article date does not come from metadata, ``--date`` or the config records the day
it was made and is reused only on that day; dated articles' results never expire.

Results are JSON files, one a file, in ``$NEWSLINT_CACHE_DIR``, else
``$XDG_CACHE_HOME/newslint/results`` (``~/.cache/newslint/results``), in 256 sub-folders by
the key's first two hex digits. Each is written to a temporary file and renamed into place, so
concurrent workers (``-j``, several runs at once) never read half an entry; an entry that does
not parse, or whose key is not the one asked for, is ignored and overwritten. Results with
errors (a rule that gave up on a regular expression, an unreadable file) are not stored.
Nothing is ever evicted: delete the folder to reclaim the space.

``newslint --no-cache`` neither reads nor writes it. ``NEWSLINT_CACHE_STATS=1`` makes the CLI
print on standard error how many files it reused and how many it linted.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import stat
import sys
import tempfile
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .models import ArticleDate, FileError, FileReport, Finding, Severity

if TYPE_CHECKING:
    from .engine import Engine, FileResult

CACHE_FORMAT = "1"
# Article-date bases that do not depend on today's date.
_DATED = ("metadata", "flag", "config")


def default_dir() -> Path:
    env = os.environ.get("NEWSLINT_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "newslint" / "results"


def _entry(key: str, path: str, today: str | None, findings: list[Finding], report: FileReport) -> bytes:
    """An entry's JSON: ``today`` is the day it was made, when the result depends on today's date."""
    return json.dumps({"key": key, "path": path, "today": today, "findings": [f.to_dict() for f in findings],
                       "report": report.to_dict()}, ensure_ascii=False).encode()


def _read_entry(raw: bytes) -> dict:
    """An entry's JSON read back, its findings and report as models; ValueError, TypeError or
    KeyError when it is damaged."""
    entry = json.loads(raw)
    entry["findings"] = [Finding(**{**f, "severity": Severity(f["severity"])}) for f in entry["findings"]]
    report = entry["report"]
    entry["report"] = FileReport(**{**report, "date": ArticleDate(**report["date"])})
    return entry


# -- fingerprints --------------------------------------------------------------------------
def _update_file(h, path: Path) -> None:
    try:
        data = path.read_bytes()
    except OSError as exc:
        data = f"unreadable: {exc}".encode()
    h.update(f"{path.name}\0{len(data)}\0".encode())
    h.update(data)


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """newslint's version and its modules (each one's path, size and modification time, as
    Python's own bytecode cache tells an edited module), Python's version and every installed
    distribution's name and version (a dist-info folder name says both)."""
    from . import __version__

    h = hashlib.sha256(f"newslint {__version__} cache {CACHE_FORMAT} python {sys.version_info[:2]}\0".encode())
    for rel, size, mtime in _modules(os.path.dirname(os.path.abspath(__file__))):
        h.update(f"{rel}\0{size}\0{mtime}\0".encode())
    dists = set()
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        dists.update(n for n in names if n.endswith((".dist-info", ".egg-info")))
    h.update("\0".join(sorted(dists)).encode())
    return h.hexdigest()


def _modules(root: str, rel: str = "") -> list[tuple[str, int, int]]:
    """(path under ``root``, size, modification time in ns) of every ``.py`` file, sorted."""
    out = []
    with os.scandir(os.path.join(root, rel)) as entries:
        for e in entries:
            if e.is_dir() and e.name != "__pycache__":
                out.extend(_modules(root, os.path.join(rel, e.name)))
            elif e.name.endswith(".py") and e.is_file():
                st = e.stat()
                out.append((os.path.join(rel, e.name), st.st_size, st.st_mtime_ns))
    return sorted(out)


def _knowledge_fingerprint(user: tuple[str, ...]) -> str:
    from .packs import shipped_rules_dir

    h = hashlib.sha256()
    shipped = shipped_rules_dir() / "knowledge"
    for f in sorted(p for p in shipped.rglob("*") if p.is_file()):
        h.update(str(f.relative_to(shipped)).encode())
        _update_file(h, f)
    for k in user:
        path = Path(k)
        h.update(f"\0user {k}\0".encode())
        if path.is_dir():
            for f in sorted(p for p in path.rglob("*") if p.is_file()):
                h.update(str(f.relative_to(path)).encode())
                _update_file(h, f)
        elif path.is_file():
            _update_file(h, path)
        else:
            h.update(b"missing")
    return h.hexdigest()


def engine_fingerprint(engine: "Engine") -> str:
    """What every result of ``engine`` depends on, apart from the file and ``--date``."""
    fp = engine.__dict__.get("_result_cache_fingerprint")
    if fp is not None:
        return fp
    h = hashlib.sha256(_code_fingerprint().encode())
    for rule in engine.packs.rules:
        h.update(json.dumps(rule.as_written, sort_keys=True).encode())
        h.update(b"\0")
    h.update(_knowledge_fingerprint(tuple(engine.knowledge)).encode())
    settings = engine.settings
    effective = {
        "selected": [r.code for r in engine.rules],
        "severity": {code: sev.value for code, sev in sorted(engine._severity.items())},
        "languages": list(settings.languages),
        "config-date": settings.date,
    }
    h.update(json.dumps(effective, sort_keys=True).encode())
    fp = h.hexdigest()
    engine.__dict__["_result_cache_fingerprint"] = fp
    return fp


# -- the cache -----------------------------------------------------------------------------
class ResultCache:
    """Results of linting files, by a hash of everything they depend on.

    ``hits``, ``misses`` and ``stored`` count what this process did (forked workers count their
    own; a :class:`FileResult` that came from the cache has ``cached`` set).
    """

    def __init__(self, directory: str | os.PathLike | None = None) -> None:
        self.dir = Path(directory) if directory is not None else default_dir()
        self.hits = self.misses = self.stored = 0
        self._writable = True

    def attach(self, engine: "Engine") -> "ResultCache":
        """Compute ``engine``'s fingerprint now (before workers fork, so they share it)."""
        engine_fingerprint(engine)
        return self

    def key(self, engine: "Engine", path: str, data: bytes) -> str:
        from .readers import format_for

        h = hashlib.sha256(engine_fingerprint(engine).encode())
        per_file = {"date": engine.date_flag, "format": format_for(path), "ignores": sorted(engine._file_ignores(path))}
        h.update(json.dumps(per_file, sort_keys=True).encode() + b"\0")
        h.update(data)
        return h.hexdigest()

    def _file(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}.json"

    def get(self, key: str, path: str, today: str | None = None) -> "FileResult | None":
        from .engine import FileResult

        try:
            raw = self._file(key).read_bytes()
        except OSError:
            return None
        try:
            entry = _read_entry(raw)
        except (ValueError, TypeError, KeyError, AttributeError):
            return None  # a damaged entry: lint again, and the new result replaces it
        made = entry["today"]
        if entry["key"] != key or (made is not None and made != (today or dt.date.today().isoformat())):
            return None
        findings, report = entry["findings"], entry["report"]
        if entry["path"] != path:  # the same content under another name (or the same file named differently)
            findings = [replace(f, path=path) for f in findings]
            report = replace(report, path=path)
        return FileResult(path, findings=findings, report=report, cached=True)

    def put(self, key: str, result: "FileResult", today: str | None = None) -> None:
        if not self._writable or result.errors or result.report is None:
            return
        depends = result.report.date.basis not in _DATED
        entry = _entry(key, result.path, (today or dt.date.today().isoformat()) if depends else None,
                       result.findings, result.report)
        target = self._file(key)
        tmp = None
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
            with os.fdopen(fd, "wb") as fh:
                fh.write(entry)
            os.replace(tmp, target)
            tmp = None
            self.stored += 1
        except OSError:
            self._writable = False  # a read-only or full disk: lint without storing
        finally:
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass

    def lint(self, engine: "Engine", path: str) -> "FileResult":
        """``engine.lint_path(path)``, reusing the stored result when nothing it depends on changed."""
        from .engine import FileResult
        from .errors import ReadError
        from .readers import decode, read_source

        max_bytes = int(engine.settings.max_file_size * 1024 * 1024)
        try:
            st = os.stat(path)
            if not stat.S_ISREG(st.st_mode) or st.st_size > max_bytes:
                raise OSError
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError:  # missing, a folder, too big, unreadable: the engine says which
            return engine.lint_path(path, use_cache=False)
        key = self.key(engine, path, data)
        today = dt.date.today().isoformat()
        cached = self.get(key, path, today)
        if cached is not None:
            self.hits += 1
            return cached
        self.misses += 1
        try:
            doc = read_source(decode(data, path), path)
        except ReadError as exc:
            return FileResult(path, errors=[FileError(path=path, message=exc.reason)])
        result = engine.lint_document(doc)
        self.put(key, result, today)
        return result
