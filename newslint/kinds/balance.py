"""``balance``: a bracket or quotation mark that is opened and never closed, or closed and never
opened, within its paragraph.

Scraping and careless editing cut text between a pair of marks; machine translation drops one of
them. Each paragraph is scanned once with a stack: ( ) [ ] { } and the curly quotes “ ” and « »
must pair; straight double quotes must come in even numbers. News style lets a quotation run on
into the next paragraph with no closing mark when that paragraph opens with a new quotation mark,
so an unclosed quote followed by such a paragraph is fine. Text that is not prose (URLs, code)
is ignored, and so are list labels ("1)", "a)") and emoticons.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from .. import regexcache
from ..document import Document
from .base import Context, Match, Rule

_PAIRS = {")": "(", "]": "[", "}": "{", "”": "“", "»": "«"}
_OPENERS = frozenset(_PAIRS.values())
_MARKS = regexcache.compile_re(r'[()\[\]{}“”«»"]')  # re: a plain set, which it scans for faster
_LIST_LABEL = regexcache.compile(r"\s*(?:\d{1,3}|[A-Za-z]|[ivxIVX]{1,4})\)")
_INLINE_LABEL = regexcache.compile(r"(?:^|\s)(?:\d{1,2}|[a-z])$")
_NAMES = {"(": "parenthesis", ")": "parenthesis", "[": "bracket", "]": "bracket", "{": "brace", "}": "brace",
          "“": "quotation mark", "”": "quotation mark", "«": "quotation mark", "»": "quotation mark", '"': "quotation mark"}


class Checker:
    order = 0

    def __init__(self, rule: Rule) -> None:
        self.rule = rule

    def check(self, doc: Document, ctx: Context) -> Iterable[Match]:
        text, search = doc.text, _MARKS.search
        for k, para in enumerate(doc.paragraphs):
            # Only a paragraph that holds a mark can be unbalanced; most hold none.
            if search(text, para.start, para.end) is None:
                continue
            # One finding a paragraph: a single lost mark throws every later pairing off.
            first = next(self._paragraph(doc, k), None)
            if first is not None:
                yield first

    def _paragraph(self, doc: Document, k: int) -> Iterator[Match]:
        text, paras = doc.text, doc.paragraphs
        para = paras[k]
        nxt = text[paras[k + 1].start] if k + 1 < len(paras) else ""
        label = _LIST_LABEL.match(text, para.start, para.end)
        stack: list[int] = []
        straight: list[int] = []
        masked = doc.is_masked if doc.masked else None
        for m in _MARKS.finditer(text, label.end() if label else para.start, para.end):
            i, ch = m.start(), m.group()
            if masked is not None and masked(i, i + 1):
                continue
            # (_in_emoticon looks for a ":", ";", "=", ":-" or ";-" before the mark, or a ")")
            if (ch == ")" or (i and text[i - 1] in ":;=-")) and _in_emoticon(text, i, stack):
                continue
            if i > para.start and text[i - 1].isdigit() and _is_inch_mark(ch, stack, straight, text):
                continue  # a 12” screen, 6'2"
            if ch == '"':
                straight.append(i)
            elif ch in _OPENERS:
                stack.append(i)
            elif stack and text[stack[-1]] == _PAIRS[ch]:
                stack.pop()
            elif any(text[j] == _PAIRS[ch] for j in stack):
                # closes an outer mark: whatever was opened inside it was never closed
                while text[stack[-1]] != _PAIRS[ch]:
                    yield self._unclosed(stack.pop(), text)
                stack.pop()
            else:
                yield Match(i, i + 1, fields={"what": "closing " + _NAMES[ch], "mark": ch, "problem": "has no opening mark"})
        last_quote = max((j for j in stack if text[j] in "“«"), default=-1)
        for i in stack:
            if i == last_quote and nxt in ("“", "«"):
                continue  # the quotation runs on into the next paragraph
            yield self._unclosed(i, text)
        if len(straight) % 2 and nxt != '"':
            yield Match(straight[-1], straight[-1] + 1, fields={"what": _NAMES['"'], "mark": '"', "problem": "has no partner (an odd number of straight quotes)"})

    def _unclosed(self, i: int, text: str) -> Match:
        ch = text[i]
        return Match(i, i + 1, fields={"what": "opening " + _NAMES[ch], "mark": ch, "problem": "is never closed"})


def _is_inch_mark(ch: str, stack: list[int], straight: list[int], text: str) -> bool:
    """A quote mark after a digit that closes nothing is an inch mark (a 12” screen)."""
    if ch == "”":
        return not any(text[j] == "“" for j in stack)
    return ch == '"' and len(straight) % 2 == 0


def _in_emoticon(text: str, i: int, stack: list[int]) -> bool:
    """A smiley (":)", ";-(") or an inline list label ("options 1) and 2)")."""
    before = text[max(0, i - 3) : i]
    if before.endswith((":", ";", ":-", ";-", "=")):
        return True
    opened = any(text[j] == "(" for j in stack)
    return text[i] == ")" and not opened and _INLINE_LABEL.search(before) is not None
