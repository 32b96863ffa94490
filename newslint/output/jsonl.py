"""``jsonl``: JSON Lines, one finding a line, for ``jq``, log shippers and streaming readers.

Each line but the last is one finding with exactly the fields of a finding in ``--format json``
(path, line, column, end_line, end_column, offset, end_offset, code, rule, category, severity,
message, matched, suggestion, fixable), sorted as there. The last line is always the summary:
``{"type": "summary", "schema_version": ..., "tool": "newslint", "version": ..., "totals": {...},
"errors": [{"path": ..., "message": ...}]}``. Findings have no ``type`` key, so a reader tells the
summary apart by it (``jq 'select(.type != "summary")'``).
"""
from __future__ import annotations

import json
from typing import IO


def _line(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def render(run, out: IO[str], **_) -> None:
    report = run.report()
    for f in report.findings:
        out.write(_line(f.to_dict()) + "\n")
    out.write(_line({
        "type": "summary",
        "schema_version": report.schema_version,
        "tool": report.tool,
        "version": report.version,
        "totals": report.totals.to_dict(),
        "errors": [e.to_dict() for e in report.errors],
    }) + "\n")
