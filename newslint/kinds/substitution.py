"""``substitution``: a wrong form and the form to write instead, with the suggestion.

The suggestion keeps the case of the matched text (first letter capital, or all capitals). With
``fix: safe`` the fixer may apply it without asking. A document that lacks a word of every wrong
form is not searched (``phrase.PhraseWords``), and any other is searched for the wrong forms whose
words it holds, with an expression of those alone: most documents that hold the words of one form
hold those of no other, and the expression of one form scans far faster than that of them all. It
finds what the whole expression finds, since a form whose words the document lacks matches nowhere
in it and so never wins over one listed after it.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable

import regex

from ..document import CASE_TWINS, Document
from .base import Context, Match, Rule, cached_regex, phrase_regex
from .phrase import _WORD, PhraseWords


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
        self.source = rule._source or phrase_regex(rule.swap, rule.ignorecase)
        self.flags = regex.IGNORECASE if rule.ignorecase else 0
        self.words = PhraseWords(rule.swap, rule.ignorecase)
        # each wrong form with its lower-cased words, as PhraseWords reads them
        self.needs = [(k, frozenset(_WORD.findall(k.lower()))) for k in rule.swap if k.strip()]

    def _expression(self, doc: Document, ctx: Context):
        """The expression to search ``doc`` with (see the module's docstring), or None when no
        wrong form can be in it."""
        if self.words.everywhere or any(c in doc.text for c in CASE_TWINS):
            return cached_regex(self.source, self.flags)
        words = doc.words
        forms = tuple(k for k, need in self.needs if need <= words)
        return _expression_of(forms, self.ignorecase, self.flags) if forms else None

    def check(self, doc: Document, ctx: Context) -> Iterable[Match]:
        expression = self._expression(doc, ctx)
        if expression is None:
            return
        for m in expression.finditer(doc.text, timeout=ctx.timeout):
            key = self.norm(m.group().replace("’", "'"))
            preferred = self.swap.get(key) or self.swap.get(self.norm(m.group()))
            if preferred is None:
                continue
            yield Match(m.start(), m.end(), suggestion=keep_case(m.group(), preferred))


@lru_cache(maxsize=512)
def _expression_of(forms: tuple[str, ...], ignorecase: bool, flags: int):
    return regex.compile(phrase_regex(forms, ignorecase), flags)
