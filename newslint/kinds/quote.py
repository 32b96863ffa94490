"""``quote``: a paragraph of direct quotation that nobody is said to have spoken.

A paragraph counts as quotation when quoted words make up at least ``min_share`` of it. It is
attributed when its own words outside the quotation marks hold a speech verb ("he said",
"according to", "told reporters"), or when the paragraph just before it does (news style lets
a quote run on into the next paragraph). The finding covers the quotation.
"""
from __future__ import annotations

from typing import Iterable

import regex

from ..document import Document
from .base import Context, Match, Rule, cached_regex, phrase_regex
from .speaker import phrase_heads, words_cover_matches


# Set by the equivalence test to run the implementation this module had before it was optimised.
_LEGACY = False


class Checker:
    order = 0

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self.attrib = cached_regex(phrase_regex(rule.speech_verbs, True), regex.IGNORECASE)
        self.heads = phrase_heads(rule.speech_verbs)

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
        if _LEGACY or self.heads is None or not words_cover_matches(doc):
            yield from self._check_legacy(doc)
            return
        paras, words = doc.paragraphs, doc.paragraph_words
        for i, quoted in _quoted_chars(doc):
            p = paras[i]
            if quoted < self.rule.min_share * (p.end - p.start):
                continue
            if len(doc.text[p.start : p.end].split()) < self.rule.min_words:
                continue
            # A quotation starts and ends at a quotation mark (or its line's end), so blanking
            # it splits no word: the words outside quotations are among the paragraph's.
            if not words[i].isdisjoint(self.heads.words) and self.attrib.search(self._outside_quotes(doc, p.start, p.end)[0]):
                continue
            if i > 0 and not words[i - 1].isdisjoint(self.heads.words) and self.attrib.search(doc.text[paras[i - 1].start : paras[i - 1].end]):
                continue
            yield Match(p.start, p.end)

    def _check_legacy(self, doc: Document) -> Iterable[Match]:
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


def _quoted_chars(doc: Document) -> Iterable[tuple[int, int]]:
    """(paragraph index, characters quoted in it) for each paragraph with a quotation: both
    lists are in text order, so one pass over them finds every overlap."""
    paras, k, n = doc.paragraphs, 0, len(doc.paragraphs)
    totals: dict[int, int] = {}
    for q in doc.quotations:
        while k < n and paras[k].end <= q.start:
            k += 1
        j = k
        while j < n and paras[j].start < q.end:
            a, b = max(q.start, paras[j].start), min(q.end, paras[j].end)
            if b > a:
                totals[j] = totals.get(j, 0) + b - a
            j += 1
    return sorted(totals.items())
