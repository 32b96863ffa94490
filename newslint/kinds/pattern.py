"""``pattern``: regular expressions, through the ``regex`` module.

Every search runs with a time limit (``--regex-timeout``, 2 s by default), so a user's
catastrophic pattern costs one warning, not a hung commit. ``group`` picks the part of the match
to report; ``suggestion`` may use ``\\1`` or ``\\g<name>`` for groups; a match that ``unless``
finds anything in (the match, or with ``unless_scope: sentence`` its sentence) is dropped.
"""
from __future__ import annotations

from typing import Iterable, Literal

import regex
from pydantic import Field, model_validator

from ..document import Document
from .base import Context, Match, RuleBase, compile_regex


class Rule(RuleBase):
    kind: Literal["pattern"]
    patterns: list[str] = Field(min_length=1)
    ignorecase: bool = False
    group: int | str = 0
    suggestion: str | None = None
    unless: list[str] = Field(default_factory=list)
    unless_scope: Literal["match", "sentence", "paragraph"] = "match"

    @model_validator(mode="after")
    def _compiles(self):
        flags = regex.IGNORECASE if self.ignorecase else 0
        for i, p in enumerate(self.patterns):
            rx = compile_regex(p, flags | regex.MULTILINE, f"patterns[{i}]")
            if isinstance(self.group, int) and self.group > rx.groups:
                raise ValueError(f"patterns[{i}] has {rx.groups} groups, so group {self.group} does not exist")
            if isinstance(self.group, str) and self.group not in rx.groupindex:
                raise ValueError(f"patterns[{i}] has no group named {self.group!r}")
        for i, p in enumerate(self.unless):
            compile_regex(p, flags, f"unless[{i}]")
        return self

    def compile(self) -> "Checker":
        return Checker(self)


class Checker:
    order = 0

    def __init__(self, rule: Rule) -> None:
        flags = regex.IGNORECASE if rule.ignorecase else 0
        self.rxs = [regex.compile(p, flags | regex.MULTILINE) for p in rule.patterns]
        self.unless = [regex.compile(p, flags) for p in rule.unless]
        self.scope = rule.unless_scope
        self.group = rule.group
        self.suggestion = rule.suggestion

    def check(self, doc: Document, ctx: Context) -> Iterable[Match]:
        seen = set()
        for rx in self.rxs:
            for m in rx.finditer(doc.text, timeout=ctx.timeout):
                start, end = m.span(self.group)
                if start < 0 or end <= start or (start, end) in seen:
                    continue
                if self.unless and self._excused(doc, m, start, end, ctx):
                    continue
                seen.add((start, end))
                yield Match(start, end, suggestion=m.expand(self.suggestion) if self.suggestion else None)

    def _excused(self, doc: Document, m, start: int, end: int, ctx: Context) -> bool:
        if self.scope == "match":
            a, b = m.start(), m.end()
        else:
            span = doc.sentence_at(start) if self.scope == "sentence" else doc.paragraph_at(start)
            a, b = (span.start, span.end) if span else (m.start(), m.end())
        return any(u.search(doc.text, a, b, timeout=ctx.timeout) for u in self.unless)
