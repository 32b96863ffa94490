"""``json``: one versioned document for dashboards (see ``newslint schema``).

The same input gives the same bytes: findings and files are sorted, keys keep the models'
order, and nothing depends on time or on the order workers finished in.

A run over a whole archive writes the document while it lints (:class:`Stream`), so memory does
not grow with the archive: files are linted in path order, which is the findings' order, and
each file's findings are written as its result comes in; the per-file reports wait in a
temporary file until the findings are done. The bytes are those ``render`` writes.
"""
from __future__ import annotations

import json
import tempfile
from dataclasses import fields, is_dataclass
from enum import Enum
from json.encoder import encode_basestring
from typing import IO

from ..models import SCHEMA_VERSION, Finding, TotalsCounter


def render(run, out: IO[str], **_) -> None:
    out.write(_nested(run.report(), 0))
    out.write("\n")


def _nested(model, depth: int) -> str:
    """``model`` (a dataclass of :mod:`newslint.models`) as pretty JSON, indented to sit ``depth``
    levels deep: the bytes of ``json.dumps(model.to_dict(), indent=2, ensure_ascii=False)`` with
    that indent (tests/test_output.py holds it to that), written here about ten times faster: with
    an indent, the standard library falls back to its pure-Python encoder."""
    pad = "\n" + "  " * (depth + 1)
    body = ",".join(f'{pad}"{f.name}": {_value(getattr(model, f.name), depth + 1)}' for f in fields(model))
    return "{" + body + "\n" + "  " * depth + "}"


def _value(v, depth: int) -> str:
    if isinstance(v, str):
        return encode_basestring(v.value if isinstance(v, Enum) else v)
    if v is None:
        return "null"
    if v is True or v is False:
        return "true" if v else "false"
    if type(v) is int:
        return str(v)
    if is_dataclass(v):  # a nested model (a report's date)
        return _nested(v, depth)
    if isinstance(v, list) and v and is_dataclass(v[0]):  # a report's findings, files or errors
        pad = "\n" + "  " * (depth + 1)
        return "[" + ",".join(pad + _nested(x, depth + 1) for x in v) + "\n" + "  " * depth + "]"
    # what rule families add to a report (plain JSON values): as json.dumps writes them
    return json.dumps(v, indent=2, ensure_ascii=False).replace("\n", "\n" + "  " * depth)


class _Array:
    """One JSON array of models, written item by item at depth 2."""

    def __init__(self, out: IO[str]) -> None:
        self.out, self.empty = out, True

    def add(self, model) -> None:
        self.out.write(("\n    " if self.empty else ",\n    ") + _nested(model, 2))
        self.empty = False

    def close(self) -> None:
        self.out.write("]" if self.empty else "\n  ]")


class Stream:
    """``--format json`` written as results arrive, in path order (see the module's docstring).
    ``add`` takes each file's result (a :class:`newslint.engine.FileResult`) in path order."""

    def __init__(self, out: IO[str], version: str) -> None:
        self.out = out
        self.errors: list = []
        self.totals = TotalsCounter()
        self.worst = -1  # the highest severity rank of any finding
        self._reports = tempfile.TemporaryFile("w+", encoding="utf-8")
        self._files = _Array(self._reports)
        self._last_path: str | None = None
        out.write('{\n  "schema_version": %s,\n  "tool": "newslint",\n  "version": %s,\n  "findings": ['
                  % (encode_basestring(SCHEMA_VERSION), encode_basestring(version)))
        self._findings = _Array(out)

    def add(self, result) -> None:
        if self._last_path is not None and result.path < self._last_path:
            raise ValueError(f"results out of path order: {result.path} after {self._last_path}")
        self._last_path = result.path
        for f in sorted(result.findings, key=Finding.sort_key):
            self._findings.add(f)
            self.totals.add(f)
            self.worst = max(self.worst, f.severity.rank)
        self.errors.extend(result.errors)
        if result.report is not None:
            self._files.add(result.report)
            self.totals.files += 1

    def close(self) -> None:
        self._findings.close()
        self.out.write(',\n  "files": [')
        self._files.close()
        self._reports.seek(0)
        while chunk := self._reports.read(1 << 16):
            self.out.write(chunk)
        self._reports.close()
        self.out.write(',\n  "errors": [')
        errors = _Array(self.out)
        for e in sorted(self.errors, key=lambda e: (e.path, e.message)):
            errors.add(e)
        errors.close()
        self.totals.errors = len(self.errors)
        self.out.write(',\n  "totals": ' + _nested(self.totals.build(), 1) + "\n}\n")
