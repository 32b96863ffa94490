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
from typing import Iterable

import regex

from .. import lexicon as store
from .. import regexcache
from ..document import Document
from .base import Context, Match, Rule, cached_regex

_TOKEN = regexcache.compile(r"\p{L}+(?:['’]\p{L}+)*(?:-\p{L}+(?:['’]\p{L}+)*)*|\d[\d.,:/]*\p{L}*|\S")
_LOWER_WORD = regexcache.compile(r"\p{Ll}+")
_ASCII_LOWER = regexcache.compile(r"[a-z]+")
# Runs of lower-case letters with no letter on either side: a token of such letters only is one
# (a token never stops next to a letter). ``re`` scans ASCII classes much faster; next to a
# non-ASCII letter it finds a few runs that are no token, which costs nothing but a look.
_ASCII_RUNS = regexcache.compile_re(r"(?<![A-Za-z])[a-z]{2,}(?![A-Za-z])")
_LOWER_RUNS = regexcache.compile(r"(?<!\p{L})\p{Ll}{2,}(?!\p{L})")
# From a place in a paragraph back to the start of the chunk of text before it, and on to the
# end of the chunk after it (chunks: runs of anything but white space).
_CHUNKS_BEFORE = regexcache.compile(r"\S*\s*\S*", regex.REVERSE)
_CHUNKS_AFTER = regexcache.compile(r"\S*\s*\S*")
# Regular British and American spelling differences, and plain inflections: a word these turn
# into a known one is a spelling variant or a form of a known word, not a typo.
_VARIANTS = [
    (regexcache.compile(r"is(e|ed|es|ing|ation|ations)$"), r"iz\1"),
    (regexcache.compile(r"ys(e|ed|es|ing)$"), r"yz\1"),
    (regexcache.compile(r"our(s|ed|ing|ite|ites|able|ful)?$"), r"or\1"),
    (regexcache.compile(r"tre(s)?$"), r"ter\1"),
    (regexcache.compile(r"ll(ed|ing|er|ers)$"), r"l\1"),
    (regexcache.compile(r"ogue(s)?$"), r"og\1"),
    (regexcache.compile(r"ae"), "e"),
    (regexcache.compile(r"oe"), "e"),
    (regexcache.compile(r"s$"), ""),
    (regexcache.compile(r"es$"), ""),
]


def _zipf_of(frequency: float | None) -> float:
    """wordfreq's Zipf scale (log10 of the frequency per billion words); 0 for an unlisted word."""
    return math.log10(frequency) + 9 if frequency else 0.0


class Lexicon:
    """Word frequencies (wordfreq), a clean word list and word pairs (symspellpy's bundled data),
    looked up word by word in the store (:mod:`newslint.lexicon`)."""

    clean = store.CLEAN

    def zipf(self, word: str) -> float:
        return _zipf_of(store.FREQUENCIES.get(word))

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
        return store.clean_among(_edits(word))

    def frequent_neighbours(self, word: str, min_zipf: float) -> set[str]:
        """``neighbours(word)`` at least ``min_zipf`` (> 0) common, found through the index of
        words with a letter added: a word longer by one is in the word's entry, one of the same
        length (a letter changed, two swapped) in the entry of a deletion shared with it, and a
        shorter one is a deletion. A few short lookups instead of a query of every edit; the
        entries carry their words' frequencies, so those cost no look-up either."""
        deletions = set(_deletes(word))
        near: dict[str, float] = {}  # a word of an entry -> its frequency
        for stem in (word, *deletions):
            words, freqs, _ = store.grown_rows(stem)
            near.update(zip(words, freqs))
        found = {c for c, f in near.items() if _one_edit(word, c) and _zipf_of(f) >= min_zipf}
        found.update(d for d in deletions if d not in near and d in self.clean and _one_edit(word, d) and self.zipf(d) >= min_zipf)
        return found

    def with_letter_added(self, word: str, min_zipf: float) -> list[tuple[str, float]]:
        """Common clean words that are ``word`` with one letter added, in wordfreq's order, up to
        the first word of its list (clean or not) less common than ``min_zipf``, each with its
        Zipf frequency: both read off the store's entry for ``word``, which holds its words'
        frequencies and reaches."""
        words, freqs, reaches = store.grown_rows(word)
        return [(w, _zipf_of(f)) for w, f, r in zip(words, freqs, reaches) if not math.log10(r) + 9 < min_zipf]


_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_ASCII_LETTERS = frozenset(_LETTERS + _LETTERS.upper())

# The fast path (a document's distinct words judged against verdicts remembered for the process,
# tokens split only around the words worth a look, a misspelling's neighbours found through the
# index of words with a letter added) is used when True; False asks the same verdicts token by
# token, remembering nothing, for the equivalence tests.
FAST = True
_MISSING = object()
_MAX_CACHED = 1 << 15  # words per checker's verdict cache before it is cleared (memory stays flat)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon()


def _cmu_words() -> store.Column:
    return store.CMU


def _deletes(word: str) -> list[str]:
    return [word[:i] + word[i + 1 :] for i in range(len(word))]


def _one_edit(word: str, other: str) -> bool:
    """``other in _edits(word)``, without making the few hundred strings of ``_edits``: if some
    letter dropped from (or added to) one of the two makes the other, dropping (or adding) the
    letter where they first differ does."""
    n, m = len(word), len(other)
    if m == n - 1:
        i = next((k for k in range(m) if word[k] != other[k]), m)
        return word[:i] + word[i + 1 :] == other
    if m == n + 1:
        i = next((k for k in range(n) if word[k] != other[k]), n)
        return other[i] in _LETTERS and other[:i] + other[i + 1 :] == word
    if m != n:
        return False
    diff = [k for k in range(n) if word[k] != other[k]]
    if len(diff) == 1:
        return other[diff[0]] in _LETTERS  # a letter changed
    return len(diff) == 2 and diff[1] == diff[0] + 1 and word[diff[0]] == other[diff[1]] and word[diff[1]] == other[diff[0]]


def _edits(word: str) -> set[str]:
    """Every string one edit from ``word``: a letter dropped, two adjacent ones swapped, a letter
    (a-z) changed or added."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    edits = {a + b[1:] for a, b in splits if b}
    edits |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    edits |= {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    edits |= {a + c + b for a, b in splits for c in _LETTERS}
    edits.discard(word)
    return edits


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
        # Where a compound the prefix check can report starts: a prefix missing a letter, then a
        # hyphen, with no letter before it (a token never starts next to a letter).
        clipped = sorted({d for p in self.prefixes for d in _deletes(p)} - self.prefixes, key=lambda d: (-len(d), d))
        alternatives = "|".join(map(regex.escape, clipped))
        self._clipped = cached_regex(rf"(?<!\p{{L}})(?:{alternatives})-") if clipped else None
        # word -> verdict, for the process (every verdict depends on the word and the rule only),
        # and the words whose verdict is worth a look
        self._memo: tuple[dict[str, object], set[str]] = ({}, set())

    def _cache(self) -> tuple[dict[str, object], set[str]]:
        if len(self._memo[0]) > _MAX_CACHED:
            self._memo = ({}, set())  # new ones: a check under way keeps those it holds
        return self._memo

    # -- fast paths: the same verdicts as the checks below, computed once per distinct word --
    def _judge(self, lex: Lexicon, words: set[str], verdict) -> dict[str, object]:
        """The verdicts of those of ``words`` worth a look (a suggestion, candidates), judging
        only words not seen before: set operations on the remembered verdicts, not a loop."""
        verdicts, hits = self._cache()
        new = words.difference(verdicts)
        store.prefetch(new)
        for word in new:
            v = verdicts[word] = verdict(lex, word)
            if v is not None and v != ():
                hits.add(word)
        return {w: verdicts[w] for w in words & hits}

    def _fast_nonword(self, lex: Lexicon, doc: Document, ctx: Context) -> Iterable[Match]:
        # A misspelt word is a token of lower-case ASCII letters only, so it is a whole run of
        # such letters: the document's runs hold every word that can be reported.
        flagged = self._judge(lex, _ascii_runs(doc, ctx), self._nonword_verdict)
        if not flagged:
            return  # the common case: no word of the document is misspelt
        for word, _, tok, _ in _places(doc, flagged):
            yield Match(tok.start(), tok.end(), suggestion=flagged[word])

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
        if FAST:
            near = lex.frequent_neighbours(part, 3.0)
        else:
            near = {c for c in lex.neighbours(part) if lex.zipf(c) >= 3.0}
        cands = [c for c in near if c[0] == part[0]]
        best = max(cands, key=lambda c: (lex.zipf(c), c), default=None)
        # A word the CMU pronouncing dictionary lists ("ruble", "paver") needs more evidence.
        gain = r.min_gain + (r.known_gain if part in _cmu_words() else 0.0)
        if best is None or lex.zipf(best) - z < gain or lex.foreign(part, r.foreign_languages):
            return None
        return best

    def _fast_realword(self, lex: Lexicon, doc: Document, ctx: Context) -> Iterable[Match]:
        # A word with candidates is a clean word: a run of lower-case ASCII letters while the
        # clean list holds no other letters (else the runs of any lower-case letters).
        runs = _ascii_runs(doc, ctx) if store.clean_is_ascii() else _lower_runs(doc, ctx)
        suspects = self._judge(lex, runs, self._realword_candidates)
        if not suspects:
            return  # the common case: no word of the document has a replacement to weigh
        for word, prev, tok, nxt in _places(doc, suspects):
            best = self._best_replacement(lex, prev, word, suspects[word], nxt)
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
            c for c, zc in lex.with_letter_added(word, r.min_candidate_zipf) if not zc < zw and _dropped_letter(word, c)
        )

    def _fast_prefix(self, lex: Lexicon, doc: Document, ctx: Context) -> Iterable[Match]:
        # Only the paragraphs where such a compound may start are split into tokens.
        text = doc.text
        starts = [m.start() for m in self._clipped.finditer(text)] if self._clipped is not None else []
        if not starts:
            return  # the common case
        verdicts, _ = self._cache()
        for k in sorted({doc.paragraph_index(i) for i in starts}):
            para = doc.paragraphs[k]
            for tok in _TOKEN.finditer(text, para.start, para.end):
                word = tok.group()
                if "-" not in word:
                    continue
                v = verdicts.get(word, _MISSING)
                if v is _MISSING:
                    v = verdicts[word] = self._prefix_verdict(lex, word)
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
            yield from fast[self.rule.check](lex, doc, ctx)
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


def _ascii_runs(doc: Document, ctx: Context) -> set[str]:
    """The document's distinct runs of lower-case ASCII letters (two or more: every rule judges
    at least two), found once for the typo checks of a document."""
    return _shared_runs(doc, ctx, "typo-ascii-runs", _ASCII_RUNS)


def _lower_runs(doc: Document, ctx: Context) -> set[str]:
    """The document's distinct runs of lower-case letters of any script (two or more)."""
    return _shared_runs(doc, ctx, "typo-lower-runs", _LOWER_RUNS)


def _shared_runs(doc: Document, ctx: Context, key: str, rx) -> set[str]:
    found = ctx.shared.get(key)
    if found is None or found[0] is not doc:
        found = ctx.shared[key] = (doc, set(rx.findall(doc.text)))
    return found[1]


def _places(doc: Document, words) -> list[tuple]:
    """Where each of ``words`` (words of letters) is a token, in text order: (word, the word before
    as ``_word_at`` gives it, the token, the word after). Each place is found with ``str.find``
    and tokenised from the chunk of text before it to the chunk after it, which gives the
    paragraph's own tokens there: no token holds white space, so tokenising restarts alike after
    any."""
    text = doc.text
    out = []
    for word in words:
        n = len(word)
        i = text.find(word)
        while i >= 0:
            # a token has no letter on either side; most places inside longer words stop here
            if text[i - 1 : i] not in _ASCII_LETTERS and text[i + n : i + n + 1] not in _ASCII_LETTERS:
                para = doc.paragraphs[doc.paragraph_index(i)]
                start = _CHUNKS_BEFORE.match(text, para.start, i).start()
                end = _CHUNKS_AFTER.match(text, i + n, para.end).end()
                tokens = list(_TOKEN.finditer(text, start, end))
                k = next((k for k, t in enumerate(tokens) if t.start() == i), None)
                if k is not None and tokens[k].end() == i + n:
                    out.append((word, _word_at(tokens, k - 1), tokens[k], _word_at(tokens, k + 1)))
            i = text.find(word, i + 1)
    out.sort(key=lambda place: place[2].start())
    return out


def _word_at(tokens, j: int) -> str | None:
    """The lower-cased word at ``j``, or None at the paragraph's edge or a non-word token."""
    if j < 0 or j >= len(tokens):
        return None
    w = tokens[j].group()
    if not w[0].isalpha() or "-" in w:
        return None
    return w.lower()
