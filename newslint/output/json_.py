"""``json``: one versioned document for dashboards (see ``newslint schema``).

The same input gives the same bytes: findings and files are sorted, keys keep the models'
order, and nothing depends on time or on the order workers finished in.
"""
from __future__ import annotations

import json
from typing import IO


def render(run, out: IO[str], **_) -> None:
    json.dump(run.report().model_dump(mode="json"), out, indent=2, ensure_ascii=False)
    out.write("\n")
