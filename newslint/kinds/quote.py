"""``quote``: a paragraph of direct quotation that nobody is said to have spoken.

A paragraph counts as quotation when quoted words make up at least ``min_share`` of it. It is
attributed when its own words outside the quotation marks hold a speech verb ("he said",
"according to", "told reporters"), or when the paragraph just before it does (news style lets
a quote run on into the next paragraph). The finding covers the quotation.
"""
from __future__ import annotations

from typing import Iterable, Literal

import regex
from pydantic import Field

from ..document import Document
from .base import Context, Match, RuleBase, phrase_regex


class Rule(RuleBase):
    kind: Literal["quote"]
    speech_verbs: list[str] = Field(min_length=1, description="words that attribute speech, outside the quotation")
    min_share: float = Field(0.7, gt=0, le=1)
    min_words: int = Field(4, ge=1)

    def compile(self) -> "Checker":
        return Checker(self)


class Checker:
    order = 0

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self.attrib = regex.compile(phrase_regex(rule.speech_verbs, True), regex.IGNORECASE)

    def _outside_quotes(self, doc: Document, start: int, end: int) -> tuple[str, int]:
        """The paragraph's text with its quotations blanked out, and how many characters were quoted."""
        chars = list(doc.text[start:end])
        quoted = 0
        for q in doc.quotations:
            if q.end <= start or q.start >= end:
                continue
            a, b = max(q.start, start), min(q.end, end)
            quoted += b - a
            chars[a - start : b - start] = " " * (b - a)
        return "".join(chars), quoted

    def check(self, doc: Document, ctx: Context) -> Iterable[Match]:
        paras = doc.paragraphs
        for i, p in enumerate(paras):
            outside, quoted = self._outside_quotes(doc, p.start, p.end)
            if quoted < self.rule.min_share * (p.end - p.start):
                continue
            if len(doc.text[p.start : p.end].split()) < self.rule.min_words:
                continue
            if self.attrib.search(outside):
                continue
            if i > 0 and self.attrib.search(doc.text[paras[i - 1].start : paras[i - 1].end]):
                continue
            yield Match(p.start, p.end)
