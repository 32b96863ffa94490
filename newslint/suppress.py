"""Inline suppression comments, the same in text, Markdown and HTML:

    <!-- newslint-disable B001 A101 -->   ... <!-- newslint-enable B001 A101 -->
    <!-- newslint-disable-next-line B001 -->
    <!-- newslint-disable-file -->          (or with codes: only those, for the whole file)

Codes may be rule codes, code prefixes, categories or rule names; none means every rule.
A ``disable`` with no ``enable`` runs to the end of the file. ``disable-next-line`` covers the
next line that has text on it. Directives are read from the source with their own positions.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from . import regexcache

_DIRECTIVE = regexcache.compile(
    r"<!--\s*newslint-(disable-next-line|disable-file|disable|enable)\b([^>]*?)-->", regex.IGNORECASE
)


@dataclass
class Directive:
    action: str
    selectors: tuple[str, ...]  # empty: every rule
    start: int  # source offsets of the comment
    end: int
    first_line: int = 0  # the source lines it covers
    last_line: int = 0
    used: bool = False

    def covers(self, line: int) -> bool:
        return self.first_line <= line <= self.last_line


@dataclass
class Suppressions:
    directives: list[Directive] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.directives)


def parse(source: str, line_of) -> Suppressions:
    """Find the directives in ``source``; ``line_of(offset)`` gives a source offset's line."""
    if "newslint-" not in source.lower():
        return Suppressions()
    out: list[Directive] = []
    open_ranges: dict[tuple[str, ...], Directive] = {}
    lines = regex.split(r"\r\n|\r|\n", source)  # the line ends Document.line_col counts
    last_line = len(lines)
    for m in _DIRECTIVE.finditer(source):
        action = m.group(1).lower()
        sels = tuple(s.lower() for s in regex.split(r"[\s,]+", m.group(2).strip()) if s)
        line = line_of(m.start())
        d = Directive(action, sels, m.start(), m.end())
        if action == "disable-file":
            d.first_line, d.last_line = 1, last_line
        elif action == "disable-next-line":
            nxt = line_of(m.end()) + 1
            while nxt <= len(lines) and not lines[nxt - 1].strip():
                nxt += 1
            d.first_line = d.last_line = nxt
        elif action == "disable":
            d.first_line, d.last_line = line, last_line
            open_ranges[sels] = d
        else:  # enable closes the disable with the same selectors, or every open one if none given
            closing = [open_ranges.pop(sels)] if sels in open_ranges else []
            if not sels:
                closing += list(open_ranges.values())
                open_ranges.clear()
            for c in closing:
                c.last_line = line
            continue
        out.append(d)
    return Suppressions(out)
