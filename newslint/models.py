"""The wire models: findings, per-file reports and the versioned report document.

These are what every output format renders and what ``newslint schema`` publishes, so a
change here is a change to the JSON contract: bump ``SCHEMA_VERSION`` when a field changes
meaning or disappears.
"""
from __future__ import annotations

from enum import Enum
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

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


class Finding(BaseModel):
    """One thing newslint says about one span of one file."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    path: str
    line: int = Field(description="1-based line of the first character in the source file")
    column: int = Field(description="1-based column, in characters, of the first character")
    end_line: int
    end_column: int = Field(description="1-based column just past the last character")
    offset: int = Field(description="0-based character offset of the span in the source file")
    end_offset: int
    code: str
    rule: str = Field(description="the rule's name")
    category: Category
    severity: Severity
    message: str
    matched: str = Field(description="the text of the span as linted")
    suggestion: str | None = None
    fixable: bool = False

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code, self.end_offset, self.message)


class ArticleDate(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    value: str | None = Field(None, description="ISO date, or the start of a window")
    end: str | None = Field(None, description="end of an inferred window, when the date is one")
    basis: Literal["metadata", "flag", "config", "text", "inferred", "unknown"] = "unknown"
    detail: str | None = None


class FileReport(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    path: str
    format: Literal["text", "markdown", "html"]
    language: str | None = Field(None, description="detected language code, or null if undecided")
    date: ArticleDate = ArticleDate.model_construct()  # constructed unvalidated, so importing builds no validator
    counts: dict[str, int] = Field(description="findings by category")
    extra: dict[str, object] = Field(default_factory=dict, description="what rule families add")


class FileError(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    path: str
    message: str


class Totals(BaseModel):
    model_config = ConfigDict(defer_build=True)

    files: int
    findings: int
    errors: int
    by_category: dict[str, int]
    by_severity: dict[str, int]


class Report(BaseModel):
    """The document ``--format json`` prints."""

    model_config = ConfigDict(defer_build=True)

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
        # counted here, so of the right types: built without the model's validator
        return Totals.model_construct(files=self.files, findings=self.findings, errors=self.errors,
                                      by_category=self.by_category, by_severity=self.by_severity)


def totals_for(findings: list[Finding], files: int, errors: int) -> Totals:
    counter = TotalsCounter()
    for f in findings:
        counter.add(f)
    counter.files, counter.errors = files, errors
    return counter.build()
