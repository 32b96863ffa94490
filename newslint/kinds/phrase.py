"""``phrase``: words and phrases from a list, on word boundaries.

Case is ignored unless ``ignorecase: false``; white space inside a phrase matches any run of
white space; ``exceptions`` are longer phrases that contain a listed one and make it fine
("sources said" is vague, "sources said to be close to the minister" may be a listed exception).
A document that lacks a word of every phrase is not searched (``PhraseWords``).
"""
from __future__ import annotations

from typing import Iterable

import regex

from .. import regexcache
from ..document import CASE_TWINS, Document
from .base import Context, Match, Rule, cached_regex, phrase_regex

_WORD = regexcache.compile(r"\w+")


class PhraseWords:
    """Whether a document can hold any of a list of phrases, judged from the words it holds.

    A phrase regex (``phrase_regex``) ends on word boundaries and joins words with white space, so
    a match holds every run of word characters of its phrase as a word of the text. A document
    whose words miss one of every phrase's cannot match, and the alternation, far slower than a
    few set look-ups, is not run on it. The test is on the whole document, not paragraph by
    paragraph, because the white space inside a phrase may be a line break."""

    def __init__(self, phrases: Iterable[str], ignorecase: bool) -> None:
        needs = {frozenset(_WORD.findall(p.lower())) for p in phrases if p.strip()}
        # With a phrase of no word, or (ignoring case) a word outside ASCII, whose case twins
        # CASE_TWINS does not list, every document is searched.
        self.everywhere = frozenset() in needs or (ignorecase and not all(w.isascii() for n in needs for w in n))
        self.by_word: dict[str, list[frozenset[str]]] = {}
        for need in needs:  # indexed by the longest word, likely the rarest
            self.by_word.setdefault(max(sorted(need), key=len), []).append(need)

    def possible(self, doc: Document) -> bool:
        if self.everywhere or any(c in doc.text for c in CASE_TWINS):
            return True
        words = doc.words
        return any(need <= words for w in self.by_word.keys() & words for need in self.by_word[w])


class Checker:
    """The expressions are compiled on first use: most documents never need them."""

    order = 0

    def __init__(self, rule: Rule) -> None:
        self.flags = regex.IGNORECASE if rule.ignorecase else 0
        self.source = phrase_regex(rule.phrases, rule.ignorecase)
        self.exc_source = phrase_regex(rule.exceptions, rule.ignorecase) if rule.exceptions else None
        self.words = PhraseWords(rule.phrases, rule.ignorecase)
        self.suggestion = rule.suggestion

    def check(self, doc: Document, ctx: Context) -> Iterable[Match]:
        if not self.words.possible(doc):
            return
        exc = cached_regex(self.exc_source, self.flags) if self.exc_source else None
        excepted = [(m.start(), m.end()) for m in exc.finditer(doc.text, timeout=ctx.timeout)] if exc else []
        for m in cached_regex(self.source, self.flags).finditer(doc.text, timeout=ctx.timeout):
            if any(a <= m.start() and m.end() <= b for a, b in excepted):
                continue
            yield Match(m.start(), m.end(), suggestion=self.suggestion)
