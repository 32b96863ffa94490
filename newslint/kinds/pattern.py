"""``pattern``: regular expressions, through the ``regex`` module.

``prefilter`` names define lists of which every match must contain a word: paragraphs that hold
none of their words (their first words, for phrases) are skipped without running the patterns,
and patterns then run paragraph by paragraph, so no match spans two paragraphs. A pattern that
cannot match without a phrase of some of those lists (``required_lists``) runs only where each of
them has a word, and is compiled only when it first has somewhere to run.

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
from typing import Iterable, Literal

import regex
from pydantic import Field, PrivateAttr, model_validator

from ..document import Document
from .base import Context, Match, RuleBase, alternation, cached_regex, compile_regex


_FIRST_WORD = regex.compile(r"\w+")
_PLACEHOLDER = regex.compile(r"\{([a-z_][a-z0-9_]*)\}")
_OPTIONAL = regex.compile(r"\?|\*|\{,|\{0*,|\{0+\}")  # a quantifier that allows zero repeats


def expand(pattern: str, define: dict[str, list[str]]) -> str:
    """Replace each ``{name}`` with the alternation of ``define[name]``."""

    def sub(m):
        name = m.group(1)
        if name not in define:
            raise ValueError(f"{{{name}}} is not in define (defined: {', '.join(sorted(define)) or 'nothing'})")
        words = [w for w in define[name] if w.strip()]
        return "(?i:" + (alternation(words, fold=True) if words else "") + ")"

    return _PLACEHOLDER.sub(sub, pattern)


def required_lists(pattern: str) -> set[str]:
    """The ``{name}`` lists that every match of ``pattern`` contains a phrase of: those not inside
    an alternation, a lookaround or a group that may repeat zero times, nor optional themselves.
    Conservative: a construct it does not follow makes a list not required, never required."""
    frames = [{"loose": False}]  # the whole pattern, then one per open group
    found: list[tuple[str, list[dict], bool]] = []
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            if pattern.startswith("{", i + 2) and pattern[i + 1] in "pPN":
                close = pattern.find("}", i + 2)
                i = n if close < 0 else close + 1
            else:
                i += 2
            continue
        if c == "[":
            j = i + 1
            j += pattern.startswith("^", j)
            j += pattern.startswith("]", j)
            while j < n and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            i = j + 1
            continue
        if c == "(":
            frames.append({"loose": pattern.startswith(("(?=", "(?!", "(?<=", "(?<!", "(?("), i)})
        elif c == "|":
            frames[-1]["loose"] = True
        elif c == ")" and len(frames) > 1:
            frame = frames.pop()
            if _OPTIONAL.match(pattern, i + 1):
                frame["loose"] = True
        elif c == "{" and (m := _PLACEHOLDER.match(pattern, i)):
            found.append((m.group(1), list(frames), bool(_OPTIONAL.match(pattern, m.end()))))
            i = m.end()
            continue
        i += 1
    return {name for name, enclosing, optional in found if not optional and not any(f["loose"] for f in enclosing)}


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

    # The patterns with their {name} lists written out, made once when the rule is validated and
    # kept with it in the compiled packs, so a run does not rebuild them.
    _sources: list[str] = PrivateAttr(default_factory=list)
    _unless_sources: list[str] = PrivateAttr(default_factory=list)
    _anchors: list[list[frozenset[str]] | None] = PrivateAttr(default_factory=list)

    @model_validator(mode="after")
    def _compiles(self):
        flags = regex.IGNORECASE if self.ignorecase else 0
        self._sources = [expand(p, self.define) for p in self.patterns]
        self._unless_sources = [expand(p, self.define) for p in self.unless]
        self._anchors = self._pattern_anchors()
        for i, source in enumerate(self._sources):
            rx = compile_regex(source, flags | regex.MULTILINE, f"patterns[{i}]")
            if isinstance(self.group, int) and self.group > rx.groups:
                raise ValueError(f"patterns[{i}] has {rx.groups} groups, so group {self.group} does not exist")
            if isinstance(self.group, str) and self.group not in rx.groupindex:
                raise ValueError(f"patterns[{i}] has no group named {self.group!r}")
        for i, source in enumerate(self._unless_sources):
            compile_regex(source, flags, f"unless[{i}]")
        unknown = [n for n in self.prefilter if n not in self.define]
        if unknown:
            raise ValueError(f"prefilter names {', '.join(unknown)}, which define does not")
        return self

    def _pattern_anchors(self) -> list[list[frozenset[str]] | None]:
        """Per pattern: word sets of which a paragraph must hold one of each for the pattern to be
        run there: the prefilter lists the pattern requires, else the rule's whole prefilter."""

        def first_words(name: str) -> frozenset[str]:
            return frozenset(first[0].lower() for w in self.define[name] if (first := _FIRST_WORD.findall(w)))

        if not self.prefilter:
            return [None] * len(self.patterns)
        everywhere = frozenset().union(*map(first_words, self.prefilter))
        out = []
        for p in self.patterns:
            required = required_lists(p)
            out.append([first_words(n) for n in self.prefilter if n in required] or [everywhere])
        return out

    def compile(self) -> "Checker":
        return Checker(self)


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

    @cached_property
    def unless(self) -> list:
        """The ``unless`` expressions, compiled when a match first needs excusing."""
        return [cached_regex(u, self.flags & ~regex.MULTILINE) for u in self.unless_sources]

    def _ranges(self, doc: Document, anchors: list[frozenset[str]] | None) -> list[tuple[int, int]]:
        """Where to run a pattern: the whole text, or the paragraphs holding its anchor words."""
        if anchors is None:
            return [(0, len(doc.text))]
        return [(p.start, p.end) for p, words in zip(doc.paragraphs, doc.paragraph_words)
                if all(not words.isdisjoint(a) for a in anchors)]

    def check(self, doc: Document, ctx: Context) -> Iterable[Match]:
        seen = set()
        for source, anchors in zip(self.sources, self.anchors):
            ranges = self._ranges(doc, anchors)
            if not ranges:
                continue  # compiled only when some text could match: most patterns, most runs
            rx = cached_regex(source, self.flags)
            for m in (m for a, b in ranges for m in rx.finditer(doc.text, a, b, timeout=ctx.timeout)):
                start, end = m.span(self.group)
                if start < 0 or end <= start or (start, end) in seen:
                    continue
                if self.unless_sources and self._excused(doc, m, start, end, ctx):
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
