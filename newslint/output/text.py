"""``text``: findings for people. Piped, one ``path:line:col: CODE [severity] message`` a line;
on a terminal, grouped by file and coloured with rich. Both end with a summary: files, findings
by category and by severity."""
from __future__ import annotations

from itertools import groupby
from typing import IO

from ..models import CATEGORIES, Finding, Severity
from .concise import line_for

_SEV_STYLE = {Severity.error: "bold red", Severity.warning: "yellow", Severity.info: "cyan"}


def summary(run) -> str:
    findings = run.findings
    n_files = len(run.files)
    if not findings:
        head = f"No findings in {n_files} file{'s' * (n_files != 1)}."
    else:
        with_any = len({f.path for f in findings})
        head = f"{len(findings)} finding{'s' * (len(findings) != 1)} in {with_any} of {n_files} file{'s' * (n_files != 1)}"
        cats = [(c, sum(f.category == c for f in findings)) for c in CATEGORIES]
        sevs = [(s.value, sum(f.severity == s for f in findings)) for s in reversed(Severity)]
        head += ": " + ", ".join(f"{c} {n}" for c, n in cats if n) + "; " + ", ".join(f"{s} {n}" for s, n in sevs if n) + "."
    if run.errors:
        head += f" {len(run.errors)} file error{'s' * (len(run.errors) != 1)}."
    return head


def render(run, out: IO[str], *, color: bool = False, **_) -> None:
    findings = sorted(run.findings, key=Finding.sort_key)
    if not color:
        for f in findings:
            out.write(line_for(f) + "\n")
        if findings:
            out.write("\n")
        out.write(summary(run) + "\n")
        return
    from rich.console import Console
    from rich.markup import escape

    console = Console(file=out, highlight=False, soft_wrap=True, force_terminal=True, no_color=False)
    for path, group in groupby(findings, key=lambda f: f.path):
        console.print(f"[bold underline]{escape(path)}[/]")
        for f in group:
            sev = _SEV_STYLE[f.severity]
            console.print(
                f"  [dim]{f.line:>4}:{f.column:<3}[/] [bold]{f.code}[/] [{sev}]{f.severity.value:<7}[/] {escape(f.message)}"
                + (f" [green]→ {escape(f.suggestion)}[/]" if f.suggestion else "")
            )
        console.print()
    console.print(f"[bold]{escape(summary(run))}[/]")
