"""``unused-suppression``: a ``newslint-disable`` comment that suppressed nothing.

The engine applies suppressions and marks each directive it used; a rule of this kind reports
the rest, so stale comments do not pile up and hide tomorrow's problems.
"""
from __future__ import annotations

from typing import Iterable

from ..document import Document
from .base import Context, Match


class Checker:
    order = 0

    def __init__(self, rule=None) -> None:
        pass

    def check(self, doc: Document, ctx: Context) -> Iterable[Match]:
        # Directives live in the source, not the text; the engine reports them itself
        # (see Engine._unused_suppressions). Nothing to find in the text.
        return ()
