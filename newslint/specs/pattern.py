"""The YAML fields of a rule of the ``pattern`` kind, as pydantic validates them; its checker is
in ``newslint/kinds/pattern.py``."""
from __future__ import annotations

from typing import Literal

import regex
from pydantic import Field, PrivateAttr, model_validator

from ..kinds.base import compile_regex
from ..kinds.shape import UPPER, ends_lines, first_heads, pivots, required_lists
from ..kinds.pattern import Checker, Pivot, _MAX_HEADS, _findable, _first_words, _heads, expand, start_source
from .base import RuleBase


class Rule(RuleBase):
    kind: Literal["pattern"]
    checker = Checker
    define: dict[str, list[str]] = Field(default_factory=dict, description="word lists for {name} in patterns")
    patterns: list[str] = Field(min_length=1)
    ignorecase: bool = False
    group: int | str = 0
    suggestion: str | None = None
    unless: list[str] = Field(default_factory=list)
    unless_scope: Literal["match", "sentence", "paragraph"] = "match"
    prefilter: list[str] = Field(default_factory=list, description="define lists every match holds a word of")
    requires: list[Literal["repeated-word"]] = Field(
        default_factory=list, description="tests (TESTS in the pattern kind) that every match's paragraph passes")

    # The patterns with their {name} lists written out, made once when the rule is validated and
    # kept with it in the compiled packs, so a run does not rebuild them.
    _sources: list[str] = PrivateAttr(default_factory=list)
    _unless_sources: list[str] = PrivateAttr(default_factory=list)
    _anchors: list[list[frozenset[str]] | None] = PrivateAttr(default_factory=list)
    _pivots: list["Pivot | None"] = PrivateAttr(default_factory=list)
    _ends_lines: list[bool] = PrivateAttr(default_factory=list)
    _heads: list[tuple[str, ...] | None] = PrivateAttr(default_factory=list)
    _cased: list[bool] = PrivateAttr(default_factory=list)  # a match may also begin with any capital
    _start_sources: list[str] = PrivateAttr(default_factory=list)  # where a match may begin (start_source)

    @model_validator(mode="after")
    def _compiles(self):
        flags = regex.IGNORECASE if self.ignorecase else 0
        self._sources = [expand(p, self.define) for p in self.patterns]
        self._unless_sources = [expand(p, self.define) for p in self.unless]
        self._anchors = self._pattern_anchors()
        # what the patterns' shapes allow skipping, worked out once, when the rule is validated
        self._ends_lines = [ends_lines(p) for p in self.patterns]
        heads = {n: h for n, ws in self.define.items() if (h := _heads(ws))}
        self._heads, self._cased, self._pivots = [], [], []
        for p in self.patterns:
            starts, list_led = first_heads(p, heads)
            if starts and UPPER in starts and self.ignorecase:
                starts = None  # ignoring case, \p{Lu} matches any letter
            # literal beginnings, all of them (not when a match may also begin with any capital)
            first = None if starts and UPPER in starts else starts
            # The regex module finds a pattern that begins with one literal word quickly by
            # itself; one that may begin with a list's phrase, or with one of several words, it
            # tries at every position.
            pivot = self._pivot(p) if list_led else None
            if pivot is None and first and 1 < len(first) <= _MAX_HEADS and min(map(len, first)) >= 3:
                # several literal words: a match starts where one of them is found
                pivot = Pivot(0, frozenset(first), whole=False)
            if pivot is None and not (first and len(first) == 1):
                pivot = self._pivot(p)  # several short words ("is", "was"): around a list after them
            self._pivots.append(pivot)
            # Around a pivot with no white space before it, a few positions are left to try
            # anyway; further back, only those where a first word (or a capital) begins.
            use = bool(pivot and pivot[0] and starts and len(starts) <= _MAX_HEADS)
            self._heads.append(tuple(h for h in starts if h != UPPER) if use else None)
            self._cased.append(use and UPPER in starts)
            # A pattern that begins by asserting no letter or hyphen before it cannot start after one.
            self._start_sources.append(start_source(self._heads[-1], p.startswith("(?<![\\p{L}-])"), self._cased[-1]))
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
        if not self.prefilter:
            return [None] * len(self.patterns)
        first_words = {name: _first_words(self.define[name]) for name in self.prefilter}
        everywhere = frozenset().union(*first_words.values())
        out = []
        for p in self.patterns:
            required = required_lists(p)
            out.append([first_words[n] for n in self.prefilter if n in required] or [everywhere])
        return out

    def _pivot(self, pattern: str) -> "Pivot | None":
        """The list to try ``pattern`` around, as (runs of white space allowed before it, the
        first words of its phrases): a ``prefilter`` list, whose first words a paragraph holding
        a match holds too (as for the anchors), and every phrase of which begins with at least
        three ASCII letters or digits, so the words are not found all over a paragraph; the one
        with the fewest runs before it. None if there is none."""
        words = {n: max(len(w.split()) for w in ws) - 1 for n, ws in self.define.items() if any(w.strip() for w in ws)}
        best = None
        for name, before in pivots(pattern, words):
            if name not in self.prefilter or before == float("inf") or not _findable(self.define[name]):
                continue
            if best is None or before < best[0]:
                best = Pivot(int(before), _first_words(self.define[name]), whole=True)
        return best
