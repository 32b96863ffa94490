"""``json``: one versioned document for dashboards (see ``newslint schema``).

The same input gives the same bytes: findings and files are sorted, keys keep the models'
order, and nothing depends on time or on the order workers finished in.
"""
from __future__ import annotations

from typing import IO


def render(run, out: IO[str], **_) -> None:
    # pydantic's serialiser writes the same bytes as json.dump(..., indent=2, ensure_ascii=False)
    # (tests/test_output.py holds it to that), ten times faster: with an indent, the standard
    # library falls back to its pure-Python encoder.
    out.write(run.report().model_dump_json(indent=2))
    out.write("\n")
