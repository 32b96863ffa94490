"""``language``: the article, or a paragraph of it, is not in an expected language.

Expected languages come from the config (``languages``, English by default) or the file's front
matter. ``scope: document`` judges the whole text once; ``scope: paragraph`` judges every
paragraph of at least ``min_words`` words, and ``scope: sentence`` every sentence of at least
``min_words`` (short pieces are names and quotes, not switches of language). A sentence is judged
without its direct quotations: quoting a speaker in their own language is not a switch.
"""
from __future__ import annotations

import bisect
from typing import Iterable


from ..document import Document, Span
from .base import Context, Match, Rule


class Checker:
    order = 0

    def __init__(self, rule: Rule) -> None:
        self.rule = rule

    def check(self, doc: Document, ctx: Context) -> Iterable[Match]:
        from .. import language

        r = self.rule
        expected = frozenset(lang.split("-")[0].lower() for lang in ctx.languages)
        if r.scope == "document":
            paras = doc.paragraphs
            units = [Span(paras[0].start, paras[-1].end)] if paras else []
        elif r.scope == "paragraph":
            units = doc.paragraphs
        else:
            units = doc.sentences
        plain = _plain_words(doc, ctx) if language.FAST else None
        quotes = [(q.start, q.end) for q in doc.quotations] if plain and r.scope == "sentence" else []
        for unit in units:
            if plain is not None:
                # most units are plainly English by their function words: counted on the shared
                # bytes, they need neither their text nor langdetect
                counts = plain.counts(unit.start, unit.end, _overlapping(doc, quotes, unit) if quotes else ())
                if counts is not None and language.plainly_not_foreign(counts, expected, r.min_probability, r.min_words):
                    continue
            text = doc.text[unit.start : unit.end]
            if r.scope == "sentence":
                text = _without_quotations(doc, unit, text)
            if len(text.split()) < r.min_words:
                continue
            # only a language outside the expected ones is reported, so langdetect is asked just
            # that, and stops once the answer is no
            found = language.foreign(text, expected, r.min_probability, r.min_words)
            if found:
                yield Match(unit.start, unit.end, fields={"language": found[0], "expected": ", ".join(sorted(expected))})


def _overlapping(doc: Document, quotes: list[tuple[int, int]], unit: Span) -> list[tuple[int, int]]:
    """The quotations (as ``quotes``, the pairs of ``doc.quotations``) that overlap ``unit``."""
    starts = doc._quote_starts
    i, j = bisect.bisect_left(starts, unit.start), bisect.bisect_left(starts, unit.end)
    # quotations do not overlap, so only the last one to start before the unit can reach into it
    if i and quotes[i - 1][1] > unit.start:
        i -= 1
    return quotes[i:j]


def _plain_words(doc: Document, ctx: Context):
    """The document's ``PlainWords``, made once for the sentence and paragraph rules."""
    from ..language import PlainWords

    got = ctx.shared.get("language-plain-words")
    if got is None or got[0] is not doc:
        got = ctx.shared["language-plain-words"] = (doc, PlainWords(doc.text))
    return got[1]


def _without_quotations(doc: Document, unit: Span, text: str) -> str:
    quotes = doc.quotations
    i = max(bisect.bisect_left(doc._quote_starts, unit.start) - 1, 0)
    for q in quotes[i:]:
        if q.start >= unit.end:
            break
        a, b = max(q.start, unit.start), min(q.end, unit.end)
        if a < b:
            text = text[: a - unit.start] + " " * (b - a) + text[b - unit.start :]
    return text
