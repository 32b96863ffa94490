"""``boilerplate``: whole lines that a scraper or a CMS template left in the article body.

A line is judged whole, never a part of it, so an article sentence that merely contains
"share" or "subscribe" is safe. Three ways to recognise a line:

- ``lines``: exact lines, compared after folding case, punctuation and white space
  ("No time to read?", "no time to read", "NO TIME TO READ!" are one line);
- ``shapes``: regular expressions the whole line must match ("Comments (12)", "Photo: AP");
  lines longer than ``max_words`` never match a shape. Leading bullets and arrows and trailing
  arrows ("• ", "» ", " ›") are taken off the line before shapes see it;
- ``after``: context. Lines right after an anchor line ("Previous Article", "Related Articles")
  that look like headlines (short, no closing full stop) are teasers of other articles. A line
  that another boilerplate rule already claims stops the run, and so does (unless
  ``spare_subheadings: false``) a headline-like line that is followed directly by a prose
  paragraph: that is a subheading (or the article's own headline) introducing the text below it,
  not a link to another story. ``from_first_prose: true`` ignores anchors above the first prose
  paragraph, where a site header's "Trending" bar sits right over the article's own headline.

``zone: edges`` limits a rule to the page's header and footer: the lines before the first prose
paragraph and after the last one. Section labels ("Politics", "World") are templates there, but
the same word between two paragraphs of the story may be one of its subheadings.

``lines`` and ``shapes`` may nest lists, so that one YAML anchor (``&prev_next``) can be reused
in another list (``[*prev_next, "Back to top"]``); they are flattened when the rule is loaded.
"""
from __future__ import annotations

from typing import Any, Iterable

import regex

from .. import regexcache
from ..document import Document
from .base import Context, Match, Rule, cached_regex

_FOLD = regexcache.compile(r"[^\p{L}\p{N}]+")
# Decoration around a link or list item: bullets, dashes and arrows in front, arrows behind.
_LEAD = regexcache.compile(r"[\s\p{Pd}•·▪▫◦‣⁃●○■□▶►▸▹→←↑⇒»›«‹*|>]+")
_TRAIL = regexcache.compile(r"[\s•·▶►▸▹→←↑⇒»›«‹|>]")  # one character: lines are trimmed from the end
_CLOSERS = "\"'”’»)]"
_ENDS = frozenset(".!?…")
CLAIMED = "boilerplate_lines"  # ctx.shared key: indices of lines that some rule claimed
ZONES = "boilerplate_zones"  # ctx.shared key: (first, last) index of a prose paragraph, or None
PREPARED = "boilerplate_prepared"  # ctx.shared key: the document's lines, stripped and folded


def fold(line: str) -> str:
    return _FOLD.sub(" ", line.casefold()).strip()


def undecorate(line: str) -> str:
    lead = _LEAD.match(line)
    if lead:
        line = line[lead.end() :]
    end = len(line)
    while end and _TRAIL.match(line, end - 1):
        end -= 1
    return line[:end]


def is_prose(line: str, min_words: int) -> bool:
    """A sentence-like paragraph (a line, without its line break): enough words and a closing full
    stop, question or exclamation mark, perhaps followed by closing quotes and brackets."""
    return line.rstrip(_CLOSERS)[-1:] in _ENDS and len(line.split()) >= min_words


def _flatten(v: Any) -> Any:
    if not isinstance(v, list):
        return v
    out: list = []
    for item in v:
        out.extend(_flatten(item) if isinstance(item, list) else [item])
    return out


# A line with FOLD_CAP letters and digits or more folds to at least as many characters (casefold
# never drops one), so it equals no listed line shorter than that, and it is not folded.
FOLD_CAP = 128
_MANY_LETTERS = regexcache.compile(r"(?:[^\p{L}\p{N}]*+[\p{L}\p{N}]){%d}" % FOLD_CAP)


class _Line:
    """One line of the document, prepared once and shared by every boilerplate rule (and, through
    ``_line``, by every document that holds the same line)."""

    __slots__ = ("text", "words", "long", "_folded", "_bare", "verdicts")

    def __init__(self, text: str) -> None:
        self.text = text
        self.words = len(text.split())
        self.long = _has_many_letters(text)
        self._folded: str | None = None
        self._bare: str | None = None
        self.verdicts: dict[_LineMatcher, bool] = {}  # each matcher's answer, once it gave one

    @property
    def folded(self) -> str:
        if self._folded is None:
            self._folded = fold(self.text)
        return self._folded

    @property
    def bare(self) -> str:
        if self._bare is None:
            self._bare = undecorate(self.text)
        return self._bare


_NOT_ALNUM = bytes(c for c in range(128) if not chr(c).isalnum())


def _has_many_letters(text: str) -> bool:
    """``_MANY_LETTERS.match(text)``, answered from the ASCII letters and digits when they are
    enough (they are letters and digits to the expression too): nearly every paragraph."""
    if len(text) < FOLD_CAP:
        return False
    if len(text.encode("ascii", "ignore").translate(None, _NOT_ALNUM)) >= FOLD_CAP:
        return True
    return _MANY_LETTERS.match(text) is not None


# Template lines, and agency copy, recur across the documents of a run: a line seen before comes
# back prepared, with the verdicts the matchers gave it. Long lines (paragraphs of prose, which
# seldom recur and would fill the memo) are not kept.
_MEMO_LINES = 4096
_MEMO_MAX_CHARS = 240
_memo: dict[str, _Line] = {}


def _line(text: str) -> _Line:
    if len(text) > _MEMO_MAX_CHARS:
        return _Line(text)
    got = _memo.get(text)
    if got is None:
        if len(_memo) >= _MEMO_LINES:
            _memo.clear()
        got = _memo[text] = _Line(text)
    return got


def _prepared(doc: Document, ctx: Context) -> list[_Line | None]:
    """Every line of the document, stripped and folded once per document (None for blank lines)."""
    got = ctx.shared.get(PREPARED)
    if got is None or got[0] is not doc:
        text = doc.text
        lines = []
        for span in doc.lines:
            line = text[span.start : span.end].strip()
            lines.append(_line(line) if line else None)
        got = (doc, lines)
        ctx.shared[PREPARED] = got
    return got[1]


def folded(lines: list[str]) -> frozenset[str]:
    """The lines as a line of text is compared with them: ``fold``ed, the empty one left out."""
    return frozenset(fold(x) for x in lines) - {""}


class _LineMatcher:
    def __init__(self, lines: list[str], shapes: list[str], max_words: int, exact: frozenset[str] | None = None) -> None:
        self.exact = folded(lines) if exact is None else exact
        self.short_only = all(len(x) < FOLD_CAP for x in self.exact)
        self.shape = cached_regex("|".join(f"(?:{s})" for s in shapes), regex.IGNORECASE) if shapes else None
        self.max_words = max_words
        # A long line of more words than that matches nothing here (when every listed line is
        # short): most paragraphs are turned away on that alone.
        self.long_reach = (max_words if self.shape is not None else -1) if self.short_only else float("inf")

    def __call__(self, line: _Line, timeout: float) -> bool:
        if line.long and line.words > self.long_reach:
            return False
        # A verdict is the same for every document: it depends on the line's text alone (a
        # search that ran out of time raises and leaves none).
        got = line.verdicts.get(self)
        if got is None:
            got = line.verdicts[self] = self._judge(line, timeout)
        return got

    def _judge(self, line: _Line, timeout: float) -> bool:
        if self.exact and not (line.long and self.short_only) and line.folded in self.exact:
            return True
        if self.shape is not None and line.words <= self.max_words:
            bare = line.bare
            return bool(bare) and self.shape.fullmatch(bare, timeout=timeout) is not None
        return False


def _stripped(doc: Document, i: int) -> tuple[int, int]:
    span = doc.lines[i]
    seg = doc.text[span.start : span.end]
    lead = len(seg) - len(seg.lstrip())
    return span.start + lead, span.start + len(seg.rstrip())


def looks_like_headline(line: str, max_words: int) -> bool:
    words = line.split()
    if not 2 <= len(words) <= max_words:
        return False
    if line.rstrip()[-1:] in ".,;:":
        return False
    return line.lstrip()[:1].isupper() or line.lstrip()[:1].isdigit() or line.lstrip()[:1] in "“\"‘'"


def _is_prose_line(line: _Line | None, min_words: int) -> bool:
    """``is_prose`` of a prepared line, whose words are already counted."""
    return line is not None and line.words >= min_words and line.text.rstrip(_CLOSERS)[-1:] in _ENDS


ZONE_PROSE_WORDS = 12  # a paragraph this long, ending like a sentence, is the story's own text
LEAD_IN_PROSE_WORDS = 6  # a headline-like line directly above such a line introduces it


def _body_bounds(doc: Document, ctx: Context) -> tuple[int, int] | None:
    """Indices of the first and last prose paragraph, computed once per document."""
    if ZONES not in ctx.shared:
        found = [i for i, ln in enumerate(_prepared(doc, ctx)) if _is_prose_line(ln, ZONE_PROSE_WORDS)]
        ctx.shared[ZONES] = (found[0], found[-1]) if found else None
    return ctx.shared[ZONES]


class Checker:
    def __init__(self, rule: Rule) -> None:
        self.match_line = _LineMatcher(rule.lines, rule.shapes, rule.max_words, rule._folded) if (rule.lines or rule.shapes) else None
        self.after = rule.after
        self.anchor = _LineMatcher(rule.after.lines, rule.after.shapes, 12, rule.after._folded) if rule.after else None
        self.edges_only = rule.zone == "edges"
        # Line rules first, so that teaser rules know which lines are already claimed.
        self.order = 1 if rule.after else 0

    def check(self, doc: Document, ctx: Context) -> Iterable[Match]:
        claimed: set[int] = ctx.shared.setdefault(CLAIMED, set())
        lines = _prepared(doc, ctx)
        if self.match_line is not None:
            bounds = _body_bounds(doc, ctx) if self.edges_only else None
            for i, line in enumerate(lines):
                if line is None or (bounds is not None and bounds[0] <= i <= bounds[1]):
                    continue
                if self.match_line(line, ctx.timeout):
                    claimed.add(i)
                    yield Match(*_stripped(doc, i))
        if self.anchor is not None:
            yield from self._teasers(doc, ctx, lines, claimed)

    @staticmethod
    def _next_line(lines: list[_Line | None], j: int) -> _Line | None:
        while j < len(lines):
            if lines[j] is not None:
                return lines[j]
            j += 1
        return None

    def _teasers(self, doc: Document, ctx: Context, lines: list[_Line | None], claimed: set[int]) -> Iterable[Match]:
        assert self.after is not None and self.anchor is not None
        after, anchor, timeout = self.after, self.anchor, ctx.timeout
        for i, line in enumerate(lines):
            if line is None or not anchor(line, timeout):
                continue
            if after.from_first_prose:
                bounds = _body_bounds(doc, ctx)
                if bounds is None or i < bounds[0]:
                    continue
            taken, j = 0, i + 1
            while taken < after.take and j < len(lines):
                nxt = lines[j]
                j += 1
                if nxt is None:
                    continue
                if j - 1 in claimed or anchor(nxt, timeout) or not looks_like_headline(nxt.text, after.headline_max_words):
                    break
                if after.spare_subheadings and _is_prose_line(self._next_line(lines, j), LEAD_IN_PROSE_WORDS):
                    break  # a subheading, or the article's own headline, over the text it introduces
                taken += 1
                yield Match(*_stripped(doc, j - 1))
