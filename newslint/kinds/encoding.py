"""``encoding``: text damaged on its way from one system to another.

``check`` picks what to look for:

- ``mojibake``: UTF-8 read as Windows-1252 or Latin-1 ("Itâ€™s", "cafÃ©"). ftfy's own detector
  (``ftfy.badness``) finds the suspicious character sequences; each is widened to its word and
  ``ftfy.fix_encoding`` proposes the repair. A sequence ftfy cannot repair is still reported when
  ftfy rates the word as bad, without a suggestion.
- ``replacement``: U+FFFD, the mark a decoder leaves where bytes were lost; nothing can restore
  them, so there is no suggestion.
- ``control``: control characters other than tab and line ends (C0, DEL, C1), which no editor
  types; the suggestion is to delete them.
- ``entities``: HTML character references left in the text ("&amp;", "&#8217;", "&nbsp;"),
  a sign that markup was escaped twice or scraped as text; the suggestion is the character.

ftfy's detector (its expression) is kept in the compiled cache (:mod:`newslint.compiled`), so a
run imports ftfy only for a document the detector finds something in, and ``import newslint.cli``
stays light. The detector is a long alternation tried at every position;
every match of it holds a character outside ASCII, and in fact one of a smaller set of them
(``_anchors``: accented letters and signs, not the curly quotes and dashes of every article), so
it is run only on short windows around those characters (``_bad_sequences``), with the same
matches.
"""
from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Iterable, Iterator

from .. import regexcache
from ..document import Document
from .base import Context, Match, Rule

_TOKEN = regexcache.compile(r"\S+")
_REPLACEMENT = regexcache.compile("\ufffd+")
_CONTROL = regexcache.compile_re(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]+")  # re: a plain set, which it scans for faster
# The characters of _CONTROL: looking for each in turn is faster still, and nearly every text has none.
_CONTROL_CHARS = tuple(c for c in map(chr, range(0xA0)) if _CONTROL.match(c))
_ENTITY = regexcache.compile(r"&(?:#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_NON_ASCII = regexcache.compile(r"[^\x00-\x7f]")


class Checker:
    order = 0

    def __init__(self, rule: Rule) -> None:
        self.check_name = rule.check

    def check(self, doc: Document, ctx: Context) -> Iterable[Match]:
        text = doc.text
        if self.check_name == "replacement":
            for m in _REPLACEMENT.finditer(text):
                yield Match(m.start(), m.end())
        elif self.check_name == "control":
            if not any(c in text for c in _CONTROL_CHARS):
                return
            for m in _CONTROL.finditer(text):
                yield Match(m.start(), m.end(), suggestion="")
        elif self.check_name == "entities":
            for m in _ENTITY.finditer(text):
                char = html.unescape(m.group())
                if char != m.group():
                    yield Match(m.start(), m.end(), suggestion=char)
        elif not text.isascii():  # mojibake needs a character outside ASCII
            yield from _mojibake(text)


@lru_cache(maxsize=1)
def _detector() -> tuple[re.Pattern, int | None, re.Pattern]:
    """ftfy's detector, its reach (see ``_reach``) and an expression of the characters every match
    holds one of (see ``_anchors``), from the compiled cache when it holds them."""
    from ..compiled import cached

    source, flags, reach, anchors = cached("ftfy-detector", [], _read_detector)
    return regexcache.compile_re(source, flags), reach, (_NON_ASCII if anchors is None else regexcache.compile_re(anchors))


def _read_detector() -> tuple[str, int, int | None, str | None]:
    from ftfy.badness import BADNESS_RE

    anchors = _anchors(BADNESS_RE)
    return BADNESS_RE.pattern, BADNESS_RE.flags, _reach(BADNESS_RE), anchors and "[" + re.escape(anchors) + "]"


def _mojibake(text: str) -> Iterable[Match]:
    bad, reach, anchors = _detector()
    last_end = -1
    for hit in _bad_sequences(text, bad, reach, anchors):
        hs, he = hit.span()
        while hs < he and text[hs].isspace():
            hs += 1
        if hs < last_end or hs >= he:
            continue
        # Widen the suspicious sequence to the whitespace-delimited words around it.
        start = hs
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        end = _word_end(text, he - 1)
        while True:  # a mojibake run can span several words ("Ã© Ã ")
            nxt = bad.search(text, end, min(len(text), end + 3))
            if nxt is None:
                break
            end = _word_end(text, nxt.end() - 1)
        last_end = end
        word = text[start:end]
        # Keep trailing sentence punctuation out of the span.
        core = word.rstrip(".,;:!?)\"'")  # ASCII only: curly quotes may be part of the damage
        if not core:
            continue
        end = start + len(core)
        from ftfy import fix_encoding
        from ftfy.badness import badness

        fixed = fix_encoding(core)
        if fixed != core:
            yield Match(start, end, suggestion=fixed)
        elif badness(core) >= 2:
            yield Match(start, end)


def _word_end(text: str, pos: int) -> int:
    """The end of the whitespace-delimited word holding ``pos``."""
    token = _TOKEN.match(text, pos)
    return token.end() if token else pos + 1


def _bad_sequences(text: str, bad: re.Pattern, width: int | None, anchors=_NON_ASCII) -> Iterator[re.Match]:
    """``bad.finditer(text)``, searched only within reach of the characters ``anchors`` finds
    (those outside ASCII, unless told).

    When every match holds such a character and spans at most ``width`` characters, each match
    lies in the window of ``width`` characters either side of one of them, and no match crosses
    the edge of a union of overlapping windows; searching those unions in order gives the matches
    a search of the whole text gives. ``width`` None: the whole text is searched."""
    if width is None:
        yield from bad.finditer(text)
        return
    start = end = -1
    for m in anchors.finditer(text):
        a = max(m.start() - width + 1, 0)
        if a > end >= 0:
            yield from bad.finditer(text, start, end)
            start = -1
        if start < 0:
            start = a
        end = m.start() + width
    if end >= 0:
        yield from bad.finditer(text, start, end)


def _reach(pattern: re.Pattern) -> int | None:
    """The longest match of ``pattern`` if every match holds a character outside ASCII, else None.

    Read from the parse of the expression (ftfy's detector changes between versions): each branch
    must have, outside any repeat, a literal or a set made only of such characters."""
    from re import _parser

    if _anchors(pattern) is None:
        return None
    return _parser.parse(pattern.pattern, pattern.flags).getwidth()[1]


def _anchors(pattern: re.Pattern) -> str | None:
    """Characters outside ASCII of which every match of ``pattern`` holds one, or None if there
    are none such (as for ``_reach``).

    From each branch one of its literals or sets made only of such characters (outside any
    repeat, so its character is in every match of the branch): the one with the fewest general
    punctuation marks (curly quotes and dashes, which every article has), then the smallest."""
    from re import _constants as c
    from re import _parser

    if pattern.flags & re.IGNORECASE:
        return None  # case folding may map a character outside ASCII to one inside it
    tree = _parser.parse(pattern.pattern, pattern.flags)
    if len(tree.data) == 1 and tree.data[0][0] is c.BRANCH:
        branches = tree.data[0][1][1]
    else:
        branches = [tree]

    def outside_ascii(op, av) -> str | None:
        if op is c.LITERAL:
            return chr(av) if av > 0x7F else None
        if op is c.IN and all(o is c.LITERAL and v > 0x7F or o is c.RANGE and v[0] > 0x7F for o, v in av):
            return "".join(chr(v) if o is c.LITERAL else "".join(map(chr, range(v[0], v[1] + 1))) for o, v in av)
        return None

    chosen: set[str] = set()
    for branch in branches:
        sets = [x for x in (outside_ascii(op, av) for op, av in branch.data) if x]
        if not sets:
            return None
        chosen.update(min(sets, key=lambda x: (sum("\u2000" <= ch <= "\u206f" for ch in x), len(x))))
    return "".join(sorted(chosen))
