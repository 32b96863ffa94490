"""``github``: GitHub Actions workflow commands, one annotation a finding.

    ::warning file=news/a.md,line=3,col=5,endLine=3,endColumn=12,title=B002 navigation-link::Site navigation ...

error → ``::error``, warning → ``::warning``, info → ``::notice``; an unreadable file is an
``::error`` on that file. Values are escaped as the Actions runner expects (``%``, CR and LF in
the message; also ``:`` and ``,`` in properties). The last line is the plain-text summary, which
the log shows as it is. ``--format auto`` picks this format when ``GITHUB_ACTIONS`` is ``true``.
"""
from __future__ import annotations

from typing import IO

from ..models import Finding, Severity
from .text import summary

COMMANDS = {Severity.error: "error", Severity.warning: "warning", Severity.info: "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties) -> str:
    props = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items() if v is not None)
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def annotation(f: Finding) -> str:
    return command(
        COMMANDS[f.severity],
        f.message,
        file=f.path,
        line=f.line,
        col=f.column,
        endLine=f.end_line,
        endColumn=f.end_column,
        title=f"{f.code} {f.rule}",
    )


def render(run, out: IO[str], **_) -> None:
    for f in sorted(run.findings, key=Finding.sort_key):
        out.write(annotation(f) + "\n")
    for e in sorted(run.errors, key=lambda e: (e.path, e.message)):
        out.write(command("error", e.message, file=e.path, title="newslint: file not linted") + "\n")
    out.write(summary(run) + "\n")
