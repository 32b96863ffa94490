"""``substitution``: a wrong form and the form to write instead, with the suggestion.

The suggestion keeps the case of the matched text (first letter capital, or all capitals). With
``fix: safe`` the fixer may apply it without asking.
"""
from __future__ import annotations

from typing import Iterable, Literal

import regex
from pydantic import Field

from ..document import Document
from .base import Context, Match, RuleBase, phrase_regex


class Rule(RuleBase):
    kind: Literal["substitution"]
    swap: dict[str, str] = Field(min_length=1, description="wrong form: preferred form")
    ignorecase: bool = True

    def compile(self) -> "Checker":
        return Checker(self)


def keep_case(matched: str, replacement: str) -> str:
    if matched.isupper() and len(matched) > 1:
        return replacement.upper()
    if matched[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


class Checker:
    order = 0

    def __init__(self, rule: Rule) -> None:
        self.ignorecase = rule.ignorecase
        norm = (lambda s: " ".join(s.split()).lower()) if rule.ignorecase else (lambda s: " ".join(s.split()))
        self.norm = norm
        self.swap = {norm(k): v for k, v in rule.swap.items()}
        self.rx = regex.compile(phrase_regex(rule.swap, rule.ignorecase), regex.IGNORECASE if rule.ignorecase else 0)

    def check(self, doc: Document, ctx: Context) -> Iterable[Match]:
        for m in self.rx.finditer(doc.text, timeout=ctx.timeout):
            key = self.norm(m.group().replace("’", "'"))
            preferred = self.swap.get(key) or self.swap.get(self.norm(m.group()))
            if preferred is None:
                continue
            yield Match(m.start(), m.end(), suggestion=keep_case(m.group(), preferred))
