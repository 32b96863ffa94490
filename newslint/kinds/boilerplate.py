"""``boilerplate``: whole lines that a scraper or a CMS template left in the article body.

A line is judged whole, never a part of it, so an article sentence that merely contains
"share" or "subscribe" is safe. Three ways to recognise a line:

- ``lines``: exact lines, compared after folding case, punctuation and white space
  ("No time to read?", "no time to read", "NO TIME TO READ!" are one line);
- ``shapes``: regular expressions the whole line must match ("Comments (12)", "Photo: AP");
  lines longer than ``max_words`` never match a shape;
- ``after``: context. Lines right after an anchor line ("Previous Article", "Related Articles")
  that look like headlines (short, no closing full stop) are teasers of other articles. A line
  that another boilerplate rule already claims stops the run.
"""
from __future__ import annotations

from typing import Iterable, Literal

import regex
from pydantic import Field, model_validator

from ..document import Document
from .base import Context, Match, RuleBase, Strict, compile_regex

_FOLD = regex.compile(r"[^\p{L}\p{N}]+")
CLAIMED = "boilerplate_lines"  # ctx.shared key: indices of lines that some rule claimed


def fold(line: str) -> str:
    return _FOLD.sub(" ", line.casefold()).strip()


class After(Strict):
    lines: list[str] = Field(default_factory=list)
    shapes: list[str] = Field(default_factory=list)
    take: int = Field(1, ge=1, le=50, description="at most this many headline lines after an anchor")
    headline_max_words: int = Field(20, ge=2)


class Rule(RuleBase):
    kind: Literal["boilerplate"]
    lines: list[str] = Field(default_factory=list)
    shapes: list[str] = Field(default_factory=list)
    max_words: int = Field(16, ge=1)
    after: After | None = None

    @model_validator(mode="after")
    def _something_to_match(self):
        if not (self.lines or self.shapes or self.after):
            raise ValueError("a boilerplate rule needs lines, shapes or after")
        shapes = self.shapes + (self.after.shapes if self.after else [])
        for i, s in enumerate(shapes):
            compile_regex(s, regex.IGNORECASE, f"shapes[{i}]")
        return self

    def compile(self) -> "Checker":
        return Checker(self)


class _LineMatcher:
    def __init__(self, lines: list[str], shapes: list[str], max_words: int) -> None:
        self.exact = {fold(x) for x in lines}
        self.exact.discard("")
        self.shape = regex.compile("|".join(f"(?:{s})" for s in shapes), regex.IGNORECASE) if shapes else None
        self.max_words = max_words

    def __call__(self, line: str, timeout: float) -> bool:
        if fold(line) in self.exact:
            return True
        if self.shape is not None and len(line.split()) <= self.max_words:
            return self.shape.fullmatch(line, timeout=timeout) is not None
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


class Checker:
    def __init__(self, rule: Rule) -> None:
        self.match_line = _LineMatcher(rule.lines, rule.shapes, rule.max_words) if (rule.lines or rule.shapes) else None
        self.after = rule.after
        self.anchor = _LineMatcher(rule.after.lines, rule.after.shapes, 12) if rule.after else None
        # Line rules first, so that teaser rules know which lines are already claimed.
        self.order = 1 if rule.after else 0

    def check(self, doc: Document, ctx: Context) -> Iterable[Match]:
        claimed: set[int] = ctx.shared.setdefault(CLAIMED, set())
        text = doc.text
        if self.match_line is not None:
            for i, span in enumerate(doc.lines):
                line = text[span.start : span.end]
                if line.strip() and self.match_line(line.strip(), ctx.timeout):
                    claimed.add(i)
                    yield Match(*_stripped(doc, i))
        if self.anchor is not None:
            yield from self._teasers(doc, ctx, claimed)

    def _teasers(self, doc: Document, ctx: Context, claimed: set[int]) -> Iterable[Match]:
        text, lines = doc.text, doc.lines
        assert self.after is not None and self.anchor is not None
        for i, span in enumerate(lines):
            line = text[span.start : span.end].strip()
            if not line or not self.anchor(line, ctx.timeout):
                continue
            taken, j = 0, i + 1
            while taken < self.after.take and j < len(lines):
                nxt = text[lines[j].start : lines[j].end].strip()
                j += 1
                if not nxt:
                    continue
                if j - 1 in claimed or self.anchor(nxt, ctx.timeout) or not looks_like_headline(nxt, self.after.headline_max_words):
                    break
                taken += 1
                yield Match(*_stripped(doc, j - 1))
