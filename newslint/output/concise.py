"""``concise``: one finding a line, ``path:line:col: CODE [severity] message``, nothing else.

The line shape every editor's quickfix list and ``grep`` understands.
"""
from __future__ import annotations

from typing import IO

from ..models import Finding


def line_for(f: Finding) -> str:
    return f"{f.path}:{f.line}:{f.column}: {f.code} [{f.severity.value}] {f.message}"


def render(run, out: IO[str], **_) -> None:
    for f in sorted(run.findings, key=Finding.sort_key):
        out.write(line_for(f) + "\n")
