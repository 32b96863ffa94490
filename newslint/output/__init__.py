"""Output formats: one module a format, each with ``render(run, out, *, color)``.

``FORMATS`` is the registry the ``--format`` flag picks from; ``auto`` becomes ``github`` when
``GITHUB_ACTIONS`` is ``true`` (in a GitHub Actions job), else ``text``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO, Callable

from ..models import FileError, FileReport, Finding, Report, totals_for


@dataclass
class RunResult:
    """Everything one run found, in the order output formats print it."""

    findings: list[Finding] = field(default_factory=list)
    files: list[FileReport] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    rules: list = field(default_factory=list)  # the selected rules, for formats that describe them (sarif)

    def add(self, result) -> None:
        """Take one file's result (a :class:`newslint.engine.FileResult`)."""
        self.findings.extend(result.findings)
        self.errors.extend(result.errors)
        if result.report is not None:
            self.files.append(result.report)

    def report(self) -> Report:
        from .. import __version__

        return Report(
            version=__version__,
            findings=sorted(self.findings, key=Finding.sort_key),
            files=sorted(self.files, key=lambda f: f.path),
            errors=sorted(self.errors, key=lambda e: (e.path, e.message)),
            totals=totals_for(self.findings, len(self.files), len(self.errors)),
        )


Renderer = Callable[..., None]


def _lazy(module: str) -> Renderer:
    def render(run: RunResult, out: IO[str], **kw) -> None:
        from importlib import import_module

        import_module(f"{__name__}.{module}").render(run, out, **kw)

    return render


FORMATS: dict[str, Renderer] = {
    "text": _lazy("text"),
    "concise": _lazy("concise"),
    "json": _lazy("json_"),
    "sarif": _lazy("sarif"),
    "github": _lazy("github"),
    "jsonl": _lazy("jsonl"),
    "junit": _lazy("junit"),
}
