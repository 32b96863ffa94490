"""The wire models: findings, per-file reports and the versioned report document.

These are what every output format renders, what the Python API returns and what ``newslint
schema`` publishes, so a change here is a change to the JSON contract: bump ``SCHEMA_VERSION``
when a field changes meaning or disappears. ``to_dict()`` gives a model's JSON form.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from enum import Enum
from typing import Any, Literal, get_args

SCHEMA_VERSION = "1.0"

Category = Literal[
    "boilerplate",
    "attribution",
    "anachronism",
    "garbled",
    "source",
    "style",
    "readability",
    "language",
]
CATEGORIES: tuple[str, ...] = get_args(Category)

# One letter a category, the first character of every rule code in that category.
CATEGORY_LETTERS: dict[str, str] = {
    "B": "boilerplate",
    "A": "attribution",
    "T": "anachronism",
    "G": "garbled",
    "S": "source",
    "W": "style",
    "R": "readability",
    "L": "language",
}


class Severity(str, Enum):
    info = "info"
    warning = "warning"
    error = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.info: 0, Severity.warning: 1, Severity.error: 2}


class _Wire:
    """What every wire model has: its JSON form."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """The model as the JSON document writes it (plain JSON values, keys in field order)."""
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)


def _plain(v: Any) -> Any:
    if isinstance(v, _Wire):
        return v.to_dict()
    if isinstance(v, Enum):
        return v.value
    if isinstance(v, list):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    return v


# The models are plain dataclasses, so that a run needs no pydantic (whose import is a third of a
# pre-commit run); ``newslint schema`` has pydantic describe them, field docstrings included.
_DESCRIBED = {"use_attribute_docstrings": True}


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding(_Wire):
    """One thing newslint says about one span of one file."""

    path: str
    line: int
    """1-based line of the first character in the source file"""
    column: int
    """1-based column, in characters, of the first character"""
    end_line: int
    end_column: int
    """1-based column just past the last character"""
    offset: int
    """0-based character offset of the span in the source file"""
    end_offset: int
    code: str
    rule: str
    """the rule's name"""
    category: Category
    severity: Severity
    message: str
    matched: str
    """the text of the span as linted"""
    suggestion: str | None = None
    fixable: bool = False

    __pydantic_config__ = _DESCRIBED

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code, self.end_offset, self.message)


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleDate(_Wire):
    value: str | None = None
    """ISO date, or the start of a window"""
    end: str | None = None
    """end of an inferred window, when the date is one"""
    basis: Literal["metadata", "flag", "config", "text", "inferred", "unknown"] = "unknown"
    detail: str | None = None

    __pydantic_config__ = _DESCRIBED


@dataclass(frozen=True, slots=True, kw_only=True)
class FileReport(_Wire):
    path: str
    format: Literal["text", "markdown", "html"]
    language: str | None = None
    """detected language code, or null if undecided"""
    date: ArticleDate = ArticleDate()
    counts: dict[str, int]
    """findings by category"""
    extra: dict[str, object] = field(default_factory=dict)
    """what rule families add"""

    __pydantic_config__ = _DESCRIBED


@dataclass(frozen=True, slots=True, kw_only=True)
class FileError(_Wire):
    path: str
    message: str


@dataclass(slots=True, kw_only=True)
class Totals(_Wire):
    files: int
    findings: int
    errors: int
    by_category: dict[str, int]
    by_severity: dict[str, int]


@dataclass(slots=True, kw_only=True)
class Report(_Wire):
    """The document ``--format json`` prints."""

    schema_version: str = SCHEMA_VERSION
    tool: Literal["newslint"] = "newslint"
    version: str
    findings: list[Finding]
    files: list[FileReport]
    errors: list[FileError]
    totals: Totals


class TotalsCounter:
    """:class:`Totals`, counted one finding at a time."""

    def __init__(self) -> None:
        self.by_category = {c: 0 for c in CATEGORIES}
        self.by_severity = {s.value: 0 for s in Severity}
        self.findings = self.files = self.errors = 0

    def add(self, f: Finding) -> None:
        self.findings += 1
        self.by_category[f.category] += 1
        self.by_severity[f.severity.value] += 1

    def build(self) -> Totals:
        return Totals(files=self.files, findings=self.findings, errors=self.errors,
                      by_category=self.by_category, by_severity=self.by_severity)


def totals_for(findings: list[Finding], files: int, errors: int) -> Totals:
    counter = TotalsCounter()
    for f in findings:
        counter.add(f)
    counter.files, counter.errors = files, errors
    return counter.build()
