"""``pattern``: regular expressions, through the ``regex`` module.

``prefilter`` names define lists of which every match must contain a word: paragraphs that hold
none of their words (their first words, for phrases) are skipped without running the patterns,
and patterns then run paragraph by paragraph, so no match spans two paragraphs. A pattern that
cannot match without a phrase of some of those lists (``required_lists``) runs only where each of
them has a word, and is compiled only when it first has somewhere to run.

Where a required list sits at a fixed place in a pattern and the expression before it can match
only a bounded number of runs of white space (see ``shape``), the pattern is tried only at the
positions within that many runs before each place the list's words occur in the paragraph, not at
every position: the same matches, in the same order, as searching the whole paragraph. A pattern
that begins with one of several literal words is tried only where one of them occurs, and a
backward pattern that ends with ``$`` only at the ends of lines.

``requires`` names tests from ``TESTS`` that every match's paragraph passes, cheap checks in
Python for what no word list describes ("repeated-word": two neighbouring words the same, which
the repeated-word pattern needs); paragraphs that fail them are skipped, and the patterns run
paragraph by paragraph.

``define`` names word lists that patterns use as ``{name}``: each becomes an alternation of the
listed words and phrases (escaped, longest first, case-insensitive, white space matching any
white space, either apostrophe matching either), so a
rule can describe a construction ("{modifier} {group} {verb}") rather than list every sentence.

Every search runs with a time limit (``--regex-timeout``, 2 s by default), so a user's
catastrophic pattern costs one warning, not a hung commit. ``group`` picks the part of the match
to report; ``suggestion`` may use ``\\1`` or ``\\g<name>`` for groups; a match that ``unless``
finds anything in (the match, or with ``unless_scope: sentence`` its sentence) is dropped.
"""
from __future__ import annotations

from functools import cached_property
from typing import Iterable, NamedTuple

import regex

from .. import regexcache
from ..document import Document
from .base import Context, Match, Rule, alternation, cached_regex

__all__ = ["Rule", "Checker", "Pivot", "expand"]


_FIRST_WORD = regexcache.compile(r"\w+")


def expand(pattern: str, define: dict[str, list[str]]) -> str:
    """Replace each ``{name}`` with the alternation of ``define[name]``."""

    def sub(m):
        name = m.group(1)
        if name not in define:
            raise ValueError(f"{{{name}}} is not in define (defined: {', '.join(sorted(define)) or 'nothing'})")
        words = [w for w in define[name] if w.strip()]
        return "(?i:" + (alternation(words, fold=True) if words else "") + ")"

    from .shape import PLACEHOLDER  # (read when rules are validated, not at start-up)

    return PLACEHOLDER.sub(sub, pattern)


class Pivot(NamedTuple):
    """Where to try a pattern: within ``runs`` runs of white space before a place where one of
    ``words`` occurs. ``whole``: the words are a list's first words, which a paragraph holding a
    match holds as words (so only those it holds are looked for); else beginnings of words."""

    runs: int
    words: frozenset[str]
    whole: bool


_LEADING_ALNUM = regexcache.compile(r"[a-z0-9]*")
_MAX_HEADS = 200  # beyond this, looking for a pattern's first words costs more than trying the pattern


def _window(runs: int):
    """Matched backwards from a pivot word: the text before it holding at most ``runs`` runs of
    white space, as far back as that goes."""
    return cached_regex(r"(?r)\S*(?:\s+\S*){0,%d}" % runs, 0)


def start_source(heads: tuple[str, ...] | None, after_boundary: bool, cased: bool) -> str:
    """The expression of where in a lower-cased paragraph a match may begin: at one of
    ``heads``, or anywhere; not after an ASCII letter or hyphen if the pattern asserts so.
    ``cased``: a match may also begin with any capital, so the expression is searched in the
    paragraph as written (``_cased``), where capitals show. Written when the rule is validated."""
    if cased:
        return _cased(heads or (), after_boundary)
    ahead = "(?=" + alternation(heads, fold=False) + ")" if heads else ""
    return ("(?<![a-z\\-])" if after_boundary else "") + (ahead or "(?s:)")


def _cased(heads: tuple[str, ...], after_boundary: bool) -> str:
    """``start_source`` for the paragraph as written: at a capital, or at one of ``heads``
    whatever its case (which finds every place the lower-cased paragraph has one, and more)."""
    ahead = "(?=\\p{Lu}" + ("|(?i:" + alternation(heads, fold=True) + ")" if heads else "") + ")"
    return ("(?<![a-zA-Z\\-])" if after_boundary else "") + ahead


def _first_words(phrases: list[str]) -> frozenset[str]:
    """The first word (run of word characters) of each phrase, lower-cased."""
    return frozenset(first[0].lower() for w in phrases if (first := _FIRST_WORD.findall(w)))


def _findable(phrases: list[str]) -> bool:
    """Whether each phrase begins with three ASCII letters or digits or more."""
    heads = _heads(phrases)
    return bool(heads) and min(map(len, heads)) >= 3


def _heads(phrases: list[str]) -> list[str] | None:
    """The lower-cased ASCII letters and digits each phrase begins with; None if one begins with
    none (or is not ASCII)."""
    out = []
    for phrase in phrases:
        phrase = phrase.strip()
        if phrase:
            head = _LEADING_ALNUM.match(phrase.lower()).group(0)
            if not head or not phrase.isascii():
                return None
            out.append(head)
    return out or None


def _repeated_word(doc: Document, i: int) -> bool:
    """Whether paragraph ``i`` may hold a word, white space and the same word again (case aside):
    some word (split on white space) is followed by one that begins with its last letters. Where
    lowering is not exact (see ``Document.paragraph_lower``) the answer is yes."""
    low = doc.paragraph_lower(i)
    if low is None:
        return True
    words = low.split()
    if any(map(str.startswith, words[1:], words[:-1])):
        return True
    for word, after in zip(words, words[1:]):
        if word[-1].isalpha() and not word.isalpha():  # "(the the": compare the letters it ends with
            tail = _TRAILING_LETTERS.search(word)
            if tail and after.startswith(tail.group(0)):
                return True
    return False


_TRAILING_LETTERS = regexcache.compile(r"\p{L}+$")
TESTS = {"repeated-word": _repeated_word}


class Checker:
    order = 0

    def __init__(self, rule: Rule) -> None:
        self.flags = (regex.IGNORECASE if rule.ignorecase else 0) | regex.MULTILINE
        self.sources = rule._sources
        self.unless_sources = rule._unless_sources
        self.scope = rule.unless_scope
        self.group = rule.group
        self.suggestion = rule.suggestion
        self.anchors = rule._anchors
        self.tests = [TESTS[name] for name in rule.requires]
        self.pivots = rule._pivots
        self.ends_lines = rule._ends_lines
        self.cased = rule._cased
        self.start_sources = rule._start_sources
        self._start_rx: list = [None] * len(self.sources)  # compiled on a pattern's first use

    @cached_property
    def unless(self) -> list:
        """The ``unless`` expressions, compiled when a match first needs excusing."""
        return [cached_regex(u, self.flags & ~regex.MULTILINE) for u in self.unless_sources]

    def _ranges(self, doc: Document, anchors: list[frozenset[str]] | None) -> list[int] | None:
        """The paragraphs (indices) to run a pattern in: those holding its anchor words and passing
        the rule's tests; None (the whole text) for a rule with neither."""
        if anchors is None and not self.tests:
            return None
        if anchors is not None and any(doc.words.isdisjoint(a) for a in anchors):
            return []  # a list the whole document lacks (most patterns, most documents)
        found = range(len(doc.paragraphs)) if anchors is None else [
            i for i, words in enumerate(doc.paragraph_words) if all(not words.isdisjoint(a) for a in anchors)]
        return [i for i in found if all(test(doc, i) for test in self.tests)]

    def check(self, doc: Document, ctx: Context) -> Iterable[Match]:
        seen = set()
        for k, (source, anchors) in enumerate(zip(self.sources, self.anchors)):
            ranges = self._ranges(doc, anchors)
            if ranges == []:
                continue  # compiled only when some text could match: most patterns, most runs
            rx = cached_regex(source, self.flags)
            for m in self._matches(doc, rx, k, ranges, ctx):
                start, end = m.span(self.group)
                if start < 0 or end <= start or (start, end) in seen:
                    continue
                if self.unless_sources and self._excused(doc, m, start, end, ctx):
                    continue
                seen.add((start, end))
                yield Match(start, end, suggestion=m.expand(self.suggestion) if self.suggestion else None)

    def _matches(self, doc: Document, rx, k: int, ranges: list[int] | None, ctx: Context):
        """Pattern ``k``'s matches, paragraph by paragraph (or over the whole text without
        anchors), around its pivot list's words where it has one."""
        text = doc.text
        if ranges is None and self.ends_lines[k]:
            yield from self._at_line_ends(doc, rx, ctx)
            return
        if ranges is None:
            yield from rx.finditer(text, 0, len(text), timeout=ctx.timeout)
            return
        pivot = self.pivots[k]
        for i in ranges:
            para = doc.paragraphs[i]
            low = doc.paragraph_lower(i) if pivot else None
            if low is None:
                yield from rx.finditer(text, para.start, para.end, timeout=ctx.timeout)
            else:
                yield from self._around(doc, i, low, rx, k, ctx)

    @staticmethod
    def _at_line_ends(doc: Document, rx, ctx: Context):
        """The matches a backward ``finditer`` gives for a pattern that ends with ``$``: tried at
        each line's end, from the last, skipping ends inside the match found last."""
        bound = len(doc.text)
        for line in reversed(doc.lines):
            if line.end > bound:
                continue
            m = rx.match(doc.text, 0, line.end, timeout=ctx.timeout)
            if m is not None:
                yield m
                bound = m.start() - (m.end() == m.start())

    def _around(self, doc: Document, i: int, low: str, rx, k: int, ctx: Context):
        """The matches ``finditer`` would give in paragraph ``i``, trying pattern ``k`` only within
        its pivot's runs of white space before each place a pivot word occurs (every match holds
        such a place and starts no further before it), and there only where one of the pattern's
        first words begins. Places are tried in order, and after a match the search goes on from
        its end, as ``finditer`` does."""
        runs, words, whole = self.pivots[k]
        para = doc.paragraphs[i]
        a, b = para.start, para.end
        places = set()
        for w in words & doc.paragraph_words[i] if whole else words:  # found as text, inside longer words too
            j = low.find(w)
            while j >= 0:
                places.add(j)
                j = low.find(w, j + 1)
        if not places:
            return
        text, timeout, starts = doc.text, ctx.timeout, self._start_rx[k]
        if starts is None:
            starts = self._start_rx[k] = cached_regex(self.start_sources[k])
        cased = self.cased[k]  # ``starts`` is searched in the text, not in ``low``
        back = _window(runs)
        pos = 0  # where finditer would search from, in the paragraph
        untried = 0  # windows overlap: a position that failed once fails again
        for r in sorted(places):
            if r < pos:
                continue
            lo = max(back.match(low, 0, r).start(), pos, untried)
            untried = r + 1
            for c in starts.finditer(text, a + lo, b) if cased else starts.finditer(low, lo):
                p = c.start() - a if cased else c.start()
                if p > r:
                    break
                if p < pos:
                    continue
                # (pos, endpos, concurrent, partial, timeout) passed by position: a keyword
                # costs as much again as the call itself, which is made at every place tried
                m = rx.match(text, a + p, b, None, False, timeout)
                if m is not None:
                    yield m
                    pos = m.end() - a

    def _excused(self, doc: Document, m, start: int, end: int, ctx: Context) -> bool:
        if self.scope == "match":
            a, b = m.start(), m.end()
        else:
            span = doc.sentence_at(start) if self.scope == "sentence" else doc.paragraph_at(start)
            a, b = (span.start, span.end) if span else (m.start(), m.end())
        return any(u.search(doc.text, a, b, timeout=ctx.timeout) for u in self.unless)
