"""``pattern``: regular expressions, through the ``regex`` module.

``prefilter`` names define lists of which every match must contain a word: paragraphs that hold
none of their words (their first words, for phrases) are skipped without running the patterns,
and patterns then run paragraph by paragraph, so no match spans two paragraphs.

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

from typing import Iterable, Literal

import regex
from pydantic import Field, model_validator

from ..document import Document
from .base import Context, Match, RuleBase, cached_regex, compile_regex


_FIRST_WORD = regex.compile(r"\w+")
_APOS = regex.compile(r"\\?['’]")
_PLACEHOLDER = regex.compile(r"\{([a-z_][a-z0-9_]*)\}")


def expand(pattern: str, define: dict[str, list[str]]) -> str:
    """Replace each ``{name}`` with the alternation of ``define[name]``."""

    def sub(m):
        name = m.group(1)
        if name not in define:
            raise ValueError(f"{{{name}}} is not in define (defined: {', '.join(sorted(define)) or 'nothing'})")
        words = sorted({w.strip() for w in define[name] if w.strip()}, key=lambda w: (-len(w), w))
        return "(?i:" + "|".join(r"\s+".join(_APOS.sub("['’]", regex.escape(x)) for x in w.split()) for w in words) + ")"

    return _PLACEHOLDER.sub(sub, pattern)


class Rule(RuleBase):
    kind: Literal["pattern"]
    define: dict[str, list[str]] = Field(default_factory=dict, description="word lists for {name} in patterns")
    patterns: list[str] = Field(min_length=1)
    ignorecase: bool = False
    group: int | str = 0
    suggestion: str | None = None
    unless: list[str] = Field(default_factory=list)
    unless_scope: Literal["match", "sentence", "paragraph"] = "match"
    prefilter: list[str] = Field(default_factory=list, description="define lists every match holds a word of")

    @model_validator(mode="after")
    def _compiles(self):
        flags = regex.IGNORECASE if self.ignorecase else 0
        for i, p in enumerate(self.patterns):
            rx = compile_regex(expand(p, self.define), flags | regex.MULTILINE, f"patterns[{i}]")
            if isinstance(self.group, int) and self.group > rx.groups:
                raise ValueError(f"patterns[{i}] has {rx.groups} groups, so group {self.group} does not exist")
            if isinstance(self.group, str) and self.group not in rx.groupindex:
                raise ValueError(f"patterns[{i}] has no group named {self.group!r}")
        for i, p in enumerate(self.unless):
            compile_regex(expand(p, self.define), flags, f"unless[{i}]")
        unknown = [n for n in self.prefilter if n not in self.define]
        if unknown:
            raise ValueError(f"prefilter names {', '.join(unknown)}, which define does not")
        return self

    def compile(self) -> "Checker":
        return Checker(self)


class Checker:
    order = 0

    def __init__(self, rule: Rule) -> None:
        flags = regex.IGNORECASE if rule.ignorecase else 0
        self.rxs = [cached_regex(expand(p, rule.define), flags | regex.MULTILINE) for p in rule.patterns]
        self.unless = [cached_regex(expand(p, rule.define), flags) for p in rule.unless]
        self.scope = rule.unless_scope
        self.group = rule.group
        self.suggestion = rule.suggestion
        self.anchors = frozenset(
            first[0].lower() for name in rule.prefilter for w in rule.define[name] if (first := _FIRST_WORD.findall(w))
        )

    def _ranges(self, doc: Document) -> list[tuple[int, int]]:
        """Where to run the patterns: the whole text, or the paragraphs holding an anchor word."""
        if not self.anchors:
            return [(0, len(doc.text))]
        return [(p.start, p.end) for p, words in zip(doc.paragraphs, doc.paragraph_words) if not words.isdisjoint(self.anchors)]

    def check(self, doc: Document, ctx: Context) -> Iterable[Match]:
        seen = set()
        ranges = self._ranges(doc)
        for rx in self.rxs:
            for m in (m for a, b in ranges for m in rx.finditer(doc.text, a, b, timeout=ctx.timeout)):
                start, end = m.span(self.group)
                if start < 0 or end <= start or (start, end) in seen:
                    continue
                if self.unless and self._excused(doc, m, start, end, ctx):
                    continue
                seen.add((start, end))
                yield Match(start, end, suggestion=m.expand(self.suggestion) if self.suggestion else None)

    def _excused(self, doc: Document, m, start: int, end: int, ctx: Context) -> bool:
        if self.scope == "match":
            a, b = m.start(), m.end()
        else:
            span = doc.sentence_at(start) if self.scope == "sentence" else doc.paragraph_at(start)
            a, b = (span.start, span.end) if span else (m.start(), m.end())
        return any(u.search(doc.text, a, b, timeout=ctx.timeout) for u in self.unless)
