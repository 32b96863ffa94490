"""Plain text: every line is a paragraph; line ends (LF, CRLF, CR) become one newline."""
from __future__ import annotations

import regex

from .. import regexcache
from ..document import Document, OffsetMapBuilder

# Suppression comments and other HTML comments are not article text in any format.
_COMMENT = regexcache.compile(r"<!--.*?-->", regex.S)
_EOL = regexcache.compile(r"\r\n|\r|\n")


def read(source: str, path: str) -> Document:
    b = OffsetMapBuilder()
    if "\r" not in source and "<!--" not in source:
        # Every line is its own text and every line end a newline: one piece, mapped linearly,
        # which is what the pieces below add up to.
        b.add(source, 0, len(source))
        return b.build(source, path, "text")
    pos = 0
    for m in _EOL.finditer(source):
        _add_line(b, source, pos, m.start())
        b.add("\n", m.start(), m.end())
        pos = m.end()
    _add_line(b, source, pos, len(source))
    return b.build(source, path, "text")


def _add_line(b: OffsetMapBuilder, source: str, start: int, end: int) -> None:
    pos = start
    for m in _COMMENT.finditer(source, start, end):
        b.add(source[pos : m.start()], pos, m.start())
        b.add(" " * (m.end() - m.start()), m.start(), m.end(), masked=True)
        pos = m.end()
    b.add(source[pos:end], pos, end)
