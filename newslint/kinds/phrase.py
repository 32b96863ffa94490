"""``phrase``: words and phrases from a list, on word boundaries.

Case is ignored unless ``ignorecase: false``; white space inside a phrase matches any run of
white space; ``exceptions`` are longer phrases that contain a listed one and make it fine
("sources said" is vague, "sources said to be close to the minister" may be a listed exception).
"""
from __future__ import annotations

from typing import Iterable, Literal

import regex
from pydantic import Field

from ..document import Document
from .base import Context, Match, RuleBase, phrase_regex


class Rule(RuleBase):
    kind: Literal["phrase"]
    phrases: list[str] = Field(min_length=1)
    ignorecase: bool = True
    exceptions: list[str] = Field(default_factory=list)
    suggestion: str | None = None

    def compile(self) -> "Checker":
        return Checker(self)


class Checker:
    order = 0

    def __init__(self, rule: Rule) -> None:
        flags = regex.IGNORECASE if rule.ignorecase else 0
        self.rx = regex.compile(phrase_regex(rule.phrases, rule.ignorecase), flags)
        self.exc = regex.compile(phrase_regex(rule.exceptions, rule.ignorecase), flags) if rule.exceptions else None
        self.suggestion = rule.suggestion

    def check(self, doc: Document, ctx: Context) -> Iterable[Match]:
        excepted = [(m.start(), m.end()) for m in self.exc.finditer(doc.text, timeout=ctx.timeout)] if self.exc else []
        for m in self.rx.finditer(doc.text, timeout=ctx.timeout):
            if any(a <= m.start() and m.end() <= b for a, b in excepted):
                continue
            yield Match(m.start(), m.end(), suggestion=self.suggestion)
