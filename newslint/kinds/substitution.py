"""``substitution``: a wrong form and the form to write instead, with the suggestion.

The suggestion keeps the case of the matched text (first letter capital, or all capitals). With
``fix: safe`` the fixer may apply it without asking. A document that lacks a word of every wrong
form is not searched (``phrase.PhraseWords``), and the expression is compiled on first use.
"""
from __future__ import annotations

from typing import Iterable, Literal

import regex
from pydantic import Field

from ..document import Document
from .base import Context, Match, RuleBase, cached_regex, phrase_regex
from .phrase import PhraseWords


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
        self.source = phrase_regex(rule.swap, rule.ignorecase)
        self.flags = regex.IGNORECASE if rule.ignorecase else 0
        self.words = PhraseWords(rule.swap, rule.ignorecase)

    def check(self, doc: Document, ctx: Context) -> Iterable[Match]:
        if not self.words.possible(doc, ctx):
            return
        for m in cached_regex(self.source, self.flags).finditer(doc.text, timeout=ctx.timeout):
            key = self.norm(m.group().replace("’", "'"))
            preferred = self.swap.get(key) or self.swap.get(self.norm(m.group()))
            if preferred is None:
                continue
            yield Match(m.start(), m.end(), suggestion=keep_case(m.group(), preferred))
