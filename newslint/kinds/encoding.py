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

ftfy is imported on first use, so ``import newslint.cli`` stays light.
"""
from __future__ import annotations

import html
from typing import Iterable, Literal

import regex

from ..document import Document
from .base import Context, Match, RuleBase

_TOKEN = regex.compile(r"\S+")
_REPLACEMENT = regex.compile("\ufffd+")
_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]+")
_ENTITY = regex.compile(r"&(?:#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Quick pre-filter: mojibake needs at least one character outside ASCII.
_NON_ASCII = regex.compile(r"[^\x00-\x7f]")


class Rule(RuleBase):
    kind: Literal["encoding"]
    check: Literal["mojibake", "replacement", "control", "entities"]

    def compile(self) -> "Checker":
        return Checker(self)


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
            for m in _CONTROL.finditer(text):
                yield Match(m.start(), m.end(), suggestion="")
        elif self.check_name == "entities":
            for m in _ENTITY.finditer(text):
                char = html.unescape(m.group())
                if char != m.group():
                    yield Match(m.start(), m.end(), suggestion=char)
        elif _NON_ASCII.search(text):
            yield from _mojibake(text)


def _mojibake(text: str) -> Iterable[Match]:
    from ftfy import fix_encoding
    from ftfy.badness import BADNESS_RE, badness

    last_end = -1
    for hit in BADNESS_RE.finditer(text):
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
            nxt = BADNESS_RE.search(text, end, min(len(text), end + 3))
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
        fixed = fix_encoding(core)
        if fixed != core:
            yield Match(start, end, suggestion=fixed)
        elif badness(core) >= 2:
            yield Match(start, end)


def _word_end(text: str, pos: int) -> int:
    """The end of the whitespace-delimited word holding ``pos``."""
    token = _TOKEN.match(text, pos)
    return token.end() if token else pos + 1
