"""``typo``: misspelt words, backed by word and word-pair frequencies rather than a list of typos.

Three checks, one a rule (``check``):

- ``nonword``: a lower-case word that is neither in symspellpy's bundled English dictionary (82,765
  words from Google Books, filtered against SCOWL, so common misspellings are not in it) nor
  common in wordfreq's English list, and that is one edit (a letter added, dropped, changed or
  two swapped), with the same first letter, from a word at least ``min_gain`` Zipf points more
  frequent ("goverment": a
  hundred times rarer than "government"). A word the CMU pronouncing dictionary lists (it has
  many rarer real words, "ruble", and a few frequent misspellings) needs ``known_gain`` more.
  The suggestion is that word.
- ``realword``: a real word that is wrong where it stands ("should war break out gain"). Only
  the commonest slip of that kind is judged, a dropped letter: a word is suspect when neither
  pair it forms with its neighbours is in symspellpy's bundled bigram list (243,342 frequent
  English word pairs) while the word with a letter put back ("again") is markedly more common
  (``min_zipf_gain``) and forms frequent pairs (``min_pair_count``) on every side that has a
  word. The bigram list holds only frequent pairs, so the rule gives up on rare words and on
  anything it cannot judge: it is built to be right when it speaks, not to find every slip.
- ``prefix``: a hyphenated compound whose first part is one of ``prefixes`` with a letter
  dropped ("ant-crisis" for "anti-crisis", "pot-war" for "post-war"), unless the compound is a
  word of its own when closed up ("potluck").

Capitalised words (names, proper nouns, acronyms), words with digits, and words in direct
quotations (where foreign words and the speaker's own words live) are never judged. The word
data is never loaded whole: each word, pair and word-with-a-letter-added is looked up in
newslint's word store (:mod:`newslint.lexicon`) the first time a process asks, and verdicts are
remembered per word.
"""
from __future__ import annotations

import math
from functools import lru_cache
from typing import Iterable, Literal

import regex
from pydantic import Field

from .. import lexicon as store
from ..document import Document
from .base import Context, Match, RuleBase

_TOKEN = regex.compile(r"\p{L}+(?:['’]\p{L}+)*(?:-\p{L}+(?:['’]\p{L}+)*)*|\d[\d.,:/]*\p{L}*|\S")
_LOWER_WORD = regex.compile(r"\p{Ll}+")
_ASCII_LOWER = regex.compile(r"[a-z]+")
# Regular British and American spelling differences, and plain inflections: a word these turn
# into a known one is a spelling variant or a form of a known word, not a typo.
_VARIANTS = [
    (regex.compile(r"is(e|ed|es|ing|ation|ations)$"), r"iz\1"),
    (regex.compile(r"ys(e|ed|es|ing)$"), r"yz\1"),
    (regex.compile(r"our(s|ed|ing|ite|ites|able|ful)?$"), r"or\1"),
    (regex.compile(r"tre(s)?$"), r"ter\1"),
    (regex.compile(r"ll(ed|ing|er|ers)$"), r"l\1"),
    (regex.compile(r"ogue(s)?$"), r"og\1"),
    (regex.compile(r"ae"), "e"),
    (regex.compile(r"oe"), "e"),
    (regex.compile(r"s$"), ""),
    (regex.compile(r"es$"), ""),
]


class Rule(RuleBase):
    kind: Literal["typo"]
    check: Literal["nonword", "realword", "prefix"]
    min_length: int = Field(4, ge=2, description="shortest word judged")
    min_gain: float = Field(2.0, description="nonword: Zipf points the suggestion must be more frequent by")
    known_gain: float = Field(0.5, description="nonword: extra Zipf points needed for a word the CMU pronouncing dictionary lists")
    max_zipf: float = Field(3.0, description="nonword: words at least this common in wordfreq are never typos")
    min_candidate_zipf: float = Field(5.0, description="realword: how common the replacement word must be")
    min_zipf_gain: float = Field(0.75, description="realword: how much more common the replacement must be than the word")
    min_word_zipf: float = Field(4.0, description="realword: rarer words are not judged (their pairs are too rare to be listed)")
    min_pair_count: int = Field(20_000_000, description="realword: how often each pair the replacement makes must occur")
    prefixes: list[str] = Field(default_factory=list, description="prefix: prefixes that join with a hyphen")
    foreign_languages: list[str] = Field(
        default_factory=lambda: list(store.FOREIGN_LANGUAGES),
        description="nonword: a word common in one of these languages (wordfreq) is foreign, not misspelt",
    )

    def compile(self) -> "Checker":
        return Checker(self)


class Lexicon:
    """Word frequencies (wordfreq), a clean word list and word pairs (symspellpy's bundled data),
    looked up word by word in the store (:mod:`newslint.lexicon`)."""

    clean = store.CLEAN

    def zipf(self, word: str) -> float:
        f = store.FREQUENCIES.get(word)
        return math.log10(f) + 9 if f else 0.0

    def pair(self, a: str | None, b: str | None) -> int | None:
        if a is None or b is None:
            return None
        return store.pair_count(f"{a} {b}")

    def variant_known(self, word: str) -> bool:
        """A British or American spelling, or a plain inflection, of a known word."""
        return any((v := rx.sub(rep, word, count=1)) != word and v in self.clean for rx, rep in _VARIANTS)

    def foreign(self, word: str, languages: list[str], min_zipf: float = 3.5) -> bool:
        """Common in another language's wordfreq list (only asked about suspect words)."""
        return any(store.foreign_zipf(word, lang) >= min_zipf for lang in languages)

    def neighbours(self, word: str) -> set[str]:
        """Clean words one edit away from ``word`` (a letter added, dropped, changed or two
        adjacent ones swapped), generated and looked up: asked only about suspect words."""
        splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
        edits = {a + b[1:] for a, b in splits if b}
        edits |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
        edits |= {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
        edits |= {a + c + b for a, b in splits for c in _LETTERS}
        edits.discard(word)
        return store.clean_among(edits)

    def with_letter_added(self, word: str, min_zipf: float) -> list[str]:
        """Common clean words that are ``word`` with one letter added, in wordfreq's order, up to
        the first word of its list (clean or not) less common than ``min_zipf``."""
        return [w for w in store.grown(word) if not math.log10(store.REACH[w]) + 9 < min_zipf]


_LETTERS = "abcdefghijklmnopqrstuvwxyz"

# The per-word fast path (verdicts remembered per word for the process, paragraphs without a
# suspect skipped) is used when True; False asks the same verdicts token by token, remembering
# nothing, for the equivalence tests.
FAST = True
_MISSING = object()
_MAX_CACHED = 1 << 16  # words per checker's verdict cache before it is cleared (memory stays flat)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon()


def _cmu_words() -> store.Column:
    return store.CMU


def _deletes(word: str) -> list[str]:
    return [word[:i] + word[i + 1 :] for i in range(len(word))]


def _dropped_letter(word: str, cand: str) -> bool:
    """``cand`` is ``word`` with one letter put back, not at the end (a letter missing at the end
    mostly makes another form of the same word, "plan" for "plans": grammar, not a typo), and not
    the "u" that tells British "favour" from American "favor"."""
    if len(cand) != len(word) + 1 or cand[:-1] == word:
        return False
    i = next((k for k in range(len(word)) if word[k] != cand[k]), len(word))
    if cand[i + 1 :] != word[i:]:
        return False
    return not (cand[i] == "u" and i > 0 and cand[i - 1] == "o")


def _is_plain(word: str) -> bool:
    return _LOWER_WORD.fullmatch(word) is not None


class Checker:
    order = 0

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self.prefixes = {p.strip().lower().rstrip("-") for p in rule.prefixes if p.strip()}
        # word -> verdict, for the process (every verdict depends on the word and the rule only)
        self._verdicts: dict[str, object] = {}

    def _cache(self) -> dict[str, object]:
        if len(self._verdicts) > _MAX_CACHED:
            self._verdicts = {}  # a new dict: a check under way keeps the one it holds
        return self._verdicts

    # -- fast paths: the same verdicts as the checks below, computed once per distinct word --
    def _fast_nonword(self, lex: Lexicon, doc: Document, words_of: list[list[str]]) -> Iterable[Match]:
        verdicts = self._cache()
        text = doc.text
        get = verdicts.get
        for para, words in zip(doc.paragraphs, words_of):
            flagged = False
            for word in set(words):
                best = get(word, _MISSING)
                if best is _MISSING:
                    best = verdicts[word] = self._nonword_verdict(lex, word)
                flagged = flagged or best is not None
            if not flagged:
                continue  # the common case: no word of the paragraph is misspelt
            for tok in _TOKEN.finditer(text, para.start, para.end):
                best = verdicts[tok.group()]
                if best is not None:
                    yield Match(tok.start(), tok.end(), suggestion=best)

    def _nonword_verdict(self, lex: Lexicon, part: str) -> str | None:
        """The suggestion for a misspelt ``part``, or None."""
        r = self.rule
        # Parts of hyphenated compounds are often bound forms or jargon ("ill-omened",
        # "grave-stele"); the prefix check looks at those.
        if len(part) < r.min_length or not _ASCII_LOWER.fullmatch(part) or part in lex.clean:
            return None
        z = lex.zipf(part)
        if z >= r.max_zipf or lex.variant_known(part):
            return None
        # Typists rarely get the first letter wrong; a word whose only neighbours start
        # differently is more likely a word we do not know.
        cands = [c for c in lex.neighbours(part) if c[0] == part[0] and lex.zipf(c) >= 3.0]
        best = max(cands, key=lambda c: (lex.zipf(c), c), default=None)
        # A word the CMU pronouncing dictionary lists ("ruble", "paver") needs more evidence.
        gain = r.min_gain + (r.known_gain if part in _cmu_words() else 0.0)
        if best is None or lex.zipf(best) - z < gain or lex.foreign(part, r.foreign_languages):
            return None
        return best

    def _fast_realword(self, lex: Lexicon, doc: Document, words_of: list[list[str]]) -> Iterable[Match]:
        verdicts = self._cache()
        text = doc.text
        get = verdicts.get
        for para, words in zip(doc.paragraphs, words_of):
            suspects = []
            for i, word in enumerate(words):
                cands = get(word, _MISSING)
                if cands is _MISSING:
                    cands = verdicts[word] = self._realword_candidates(lex, word)
                if cands:
                    suspects.append(i)
            if not suspects:
                continue  # the common case: no word of the paragraph has a replacement to weigh
            tokens = list(_TOKEN.finditer(text, para.start, para.end))
            for i in suspects:
                tok = tokens[i]
                word = words[i]
                cands = verdicts[word]
                best = self._best_replacement(lex, _word_at(tokens, i - 1), word, cands, _word_at(tokens, i + 1))
                if best is not None:
                    yield Match(tok.start(), tok.end(), suggestion=best)

    def _best_replacement(self, lex: Lexicon, prev: str | None, word: str, cands, nxt: str | None) -> str | None:
        """The candidate for ``word`` that forms the most frequent pairs with its neighbours,
        every pair it forms at least ``min_pair_count``; None when the word has no neighbour,
        is attested beside one, or no candidate qualifies."""
        if prev is None and nxt is None:
            return None
        if lex.pair(prev, word) or lex.pair(word, nxt):
            return None  # the word is attested beside one of its neighbours
        best, best_score = None, 0
        for cand in cands:
            left, right = lex.pair(prev, cand), lex.pair(cand, nxt)
            sides = [c for c in (left, right) if c is not None]
            if not sides or min(sides) < self.rule.min_pair_count:
                continue
            score = math.prod(sides)
            if score > best_score:
                best, best_score = cand, score
        return best

    def _realword_candidates(self, lex: Lexicon, word: str) -> tuple[str, ...]:
        """The replacements to weigh for ``word``, in wordfreq's order (the part of the test that
        depends on the word alone); empty when the word is not judged."""
        r = self.rule
        if len(word) < r.min_length or not _is_plain(word) or word not in lex.clean or lex.zipf(word) < r.min_word_zipf:
            return ()
        zw = lex.zipf(word) + r.min_zipf_gain
        return tuple(
            c for c in lex.with_letter_added(word, r.min_candidate_zipf) if not lex.zipf(c) < zw and _dropped_letter(word, c)
        )

    def _fast_prefix(self, lex: Lexicon, doc: Document, words_of: list[list[str]]) -> Iterable[Match]:
        verdicts = self._cache()
        text = doc.text
        for para, words in zip(doc.paragraphs, words_of):
            hyphenated = [w for w in words if "-" in w]
            if not hyphenated:
                continue
            for word in hyphenated:
                if word not in verdicts:
                    verdicts[word] = self._prefix_verdict(lex, word)
            if all(verdicts[w] is None for w in hyphenated):
                continue  # the common case: no compound of the paragraph has a clipped prefix
            for tok in _TOKEN.finditer(text, para.start, para.end):
                v = verdicts[tok.group()] if "-" in tok.group() else None
                if v is not None:
                    yield Match(tok.start(), tok.start() + v[0], suggestion=v[1])

    def _prefix_verdict(self, lex: Lexicon, word: str) -> tuple[int, str] | None:
        first, rest = word.split("-", 1)
        base = rest.split("-", 1)[0]
        if not _is_plain(first) or first in self.prefixes or not _is_plain(base) or len(base) < 3:
            return None
        if lex.zipf(first + base) > 0 or lex.zipf(base) < 3.0:
            return None  # closed up it is a word of its own ("potluck"), or the base is no common word
        for p in sorted(self.prefixes):
            if len(p) == len(first) + 1 and first in _deletes(p):
                return len(first), p
        return None

    def check(self, doc: Document, ctx: Context) -> Iterable[Match]:
        lex = lexicon()
        if FAST:
            fast = {"nonword": self._fast_nonword, "realword": self._fast_realword, "prefix": self._fast_prefix}
            yield from fast[self.rule.check](lex, doc, _paragraph_tokens(doc, ctx))
            return
        check = {"nonword": self._nonword, "realword": self._realword, "prefix": self._prefix}[self.rule.check]
        for para in doc.paragraphs:
            tokens = list(_TOKEN.finditer(doc.text, para.start, para.end))
            for i, tok in enumerate(tokens):
                yield from check(lex, tokens, i)

    # -- the reference path (FAST off): the same verdicts, asked token by token, none remembered
    def _nonword(self, lex: Lexicon, tokens, i: int) -> Iterable[Match]:
        tok = tokens[i]
        best = self._nonword_verdict(lex, tok.group())
        if best is not None:
            yield Match(tok.start(), tok.end(), suggestion=best)

    def _realword(self, lex: Lexicon, tokens, i: int) -> Iterable[Match]:
        tok = tokens[i]
        word = tok.group()
        cands = self._realword_candidates(lex, word)
        best = self._best_replacement(lex, _word_at(tokens, i - 1), word, cands, _word_at(tokens, i + 1)) if cands else None
        if best is not None:
            yield Match(tok.start(), tok.end(), suggestion=best)

    def _prefix(self, lex: Lexicon, tokens, i: int) -> Iterable[Match]:
        tok = tokens[i]
        v = self._prefix_verdict(lex, tok.group()) if "-" in tok.group() else None
        if v is not None:
            yield Match(tok.start(), tok.start() + v[0], suggestion=v[1])


def _paragraph_tokens(doc: Document, ctx: Context) -> list[list[str]]:
    """Each paragraph's tokens, split once for the three typo checks of a document."""
    found = ctx.shared.get("typo-tokens")
    if found is None or found[0] is not doc:
        text = doc.text
        found = ctx.shared["typo-tokens"] = (doc, [_TOKEN.findall(text, p.start, p.end) for p in doc.paragraphs])
    return found[1]


def _word_at(tokens, j: int) -> str | None:
    """The lower-cased word at ``j``, or None at the paragraph's edge or a non-word token."""
    if j < 0 or j >= len(tokens):
        return None
    w = tokens[j].group()
    if not w[0].isalpha() or "-" in w:
        return None
    return w.lower()
