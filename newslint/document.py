"""The one place where a source file becomes text to lint plus a map back to the source.

Readers build a :class:`Document` through an :class:`OffsetMapBuilder`: every piece of linted
text is added together with the source range it came from, so a finding's line and column are
computed from the map (by bisection), never by searching for the matched text again.

Offsets here are character offsets into the *decoded* source (BOM removed). A piece whose text
is the source slice, character for character, maps linearly; a piece that differs (an HTML entity,
a Markdown escape) maps every character to the start of its source range and its end to the end.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property

from . import regexcache


@dataclass(frozen=True)
class Span:
    start: int
    end: int


class OffsetMapBuilder:
    """Accumulates linted text and, for each piece, where in the source it came from."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        # Parallel arrays, one entry a run: text start, text end, source start, source end.
        self._t0: list[int] = []
        self._t1: list[int] = []
        self._s0: list[int] = []
        self._s1: list[int] = []
        self.masked: list[tuple[int, int]] = []
        self.links: list[tuple[int, int, str]] = []  # text span of a link's words, and its target

    @property
    def length(self) -> int:
        return self._length

    def last_char(self) -> str:
        for part in reversed(self._parts):
            if part:
                return part[-1]
        return ""

    def add(self, text: str, src_start: int, src_end: int, *, masked: bool = False) -> None:
        """Add ``text``, which stands for ``source[src_start:src_end]``."""
        if not text:
            return
        start = self._length
        if self._t0 and self._t1[-1] == start and self._s1[-1] == src_start and len(text) == src_end - src_start and self._t1[-1] - self._t0[-1] == self._s1[-1] - self._s0[-1]:
            # Extend a linear run that continues exactly where this one starts.
            self._t1[-1] += len(text)
            self._s1[-1] = src_end
        else:
            self._t0.append(start)
            self._t1.append(start + len(text))
            self._s0.append(src_start)
            self._s1.append(src_end)
        self._parts.append(text)
        self._length += len(text)
        if masked:
            self.masked.append((start, self._length))

    def add_synthetic(self, text: str, src_pos: int) -> None:
        """Add text that has no source of its own (a separator between blocks)."""
        self.add(text, src_pos, src_pos)

    def build(self, source: str, path: str, fmt: str, metadata: dict | None = None) -> "Document":
        text = "".join(self._parts)
        masked = _merge(self.masked + _addresses(text))
        return Document(
            path=path,
            fmt=fmt,
            source=source,
            text=text,
            runs=(self._t0, self._t1, self._s0, self._s1),
            masked=masked,
            metadata=metadata or {},
            links=sorted(self.links),
        )


_EOL_RE = regexcache.compile(r"\r\n|\r|\n")

_WORD_RE = regexcache.compile(r"\w+")
_LETTERS_RE = regexcache.compile(r"\p{L}+")
# A word character (``\w``) outside ASCII. A paragraph without one has as words (``\w+`` of its
# lowered text) its runs of ASCII letters, digits and "_", lowered: ``_ASCII_WORD_BYTES`` keeps
# those bytes (upper-case letters made lower-case) and makes every other one a space, including
# the "?" that stands for a character outside ASCII, so ``bytes.split`` finds the same words.
_NON_ASCII_WORD_CHAR = regexcache.compile(r"[^\W\x00-\x7f]")
_ASCII_WORD_BYTES = bytes(
    c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 or 48 <= c <= 57 or c == 95 else 32 for c in range(256)
)
# The characters that the regex module matches to an ASCII letter when case is ignored but that
# str.lower() does not turn into it: "ſ" is an "s", "İ" an "i" (and lowers to two characters). The
# Kelvin sign, also matched to "k", lowers to "k". Every shortcut that finds a case-insensitive
# pattern's words by lowering the text must reckon with these.
CASE_TWINS = {"\u0130": "i", "\u017f": "s"}
_TWINS_AS_ASCII = str.maketrans(CASE_TWINS)

# URLs, bare domains with a path, and e-mail addresses are not prose.
_ADDRESS_MARKS = ("://", "www.", "@")
_URL_RE = regexcache.compile(
    r"\b(?:https?://|ftp://|www\.)[^\s<>\"“”]+[^\s<>\"“”.,;:!?)\]]"
    r"|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"
)


def _addresses(text: str) -> list[tuple[int, int]]:
    """The spans of ``_URL_RE`` in ``text``, searched only on the lines that hold "://", "www." or
    "@" (no address is without one, and none spans a line), since a scan of every position of
    every article costs more than the rest of reading it."""
    lines = set()
    for mark in _ADDRESS_MARKS:
        i = text.find(mark)
        while i >= 0:
            start = text.rfind("\n", 0, i) + 1
            end = text.find("\n", i)
            end = len(text) if end < 0 else end
            lines.add((start, end))
            i = text.find(mark, end)
    return [m.span() for a, b in sorted(lines) for m in _URL_RE.finditer(text, a, b)]


def _words(lowered: str) -> frozenset[str]:
    """The runs of word characters, and within those that are not all letters ("2reportedly",
    "covid19") their runs of letters too: a pattern that wants no letter before or after a word
    still matches it there, so a prefilter must find it."""
    return _with_letter_runs(set(_WORD_RE.findall(lowered)))


def _paragraph_words(seg: str) -> frozenset[str]:
    """``_words(seg.lower())``, split on bytes when ``seg`` has no word character outside ASCII
    (four times faster than the regular expression)."""
    if seg.isascii() or _NON_ASCII_WORD_CHAR.search(seg) is None:
        return _with_letter_runs(set(seg.encode("ascii", "replace").translate(_ASCII_WORD_BYTES).decode("ascii").split()))
    return _words(seg.lower())


def _with_letter_runs(words: set[str]) -> frozenset[str]:
    words.update(run for w in [w for w in words if not w.isalpha()] for run in _LETTERS_RE.findall(w))
    return frozenset(words)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


_QUOTE_RE = regexcache.compile(
    r"“[^“”\n]*(?:”|(?=\n|$))"  # curly double quotes; an unclosed one runs to the paragraph end
    r"|«[^«»\n]*(?:»|(?=\n|$))"
    r"|„[^„“”\n]*[“”]"
    r'|(?<![\w])"[^"\n]*"'
    r"|(?<![\w])‘[^‘\n]*’(?![\w])"  # single curly quotes, not apostrophes inside words
    r"|「[^「」\n]*」"
)


@dataclass
class Document:
    path: str
    fmt: str
    source: str
    text: str
    runs: tuple[list[int], list[int], list[int], list[int]]
    masked: list[tuple[int, int]] = field(default_factory=list)
    metadata: dict = field(default_factory=dict)
    links: list[tuple[int, int, str]] = field(default_factory=list)  # (text start, text end, URL)

    # -- positions -----------------------------------------------------------------------
    @cached_property
    def _line_starts(self) -> list[int]:
        if "\r" in self.source:  # a line ends at LF, CRLF or a lone CR, as in the readers
            return [0] + [m.end() for m in _EOL_RE.finditer(self.source)]
        starts = [0]
        find = self.source.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        return starts

    def source_offset(self, pos: int) -> int:
        """The source offset of the text character at ``pos``."""
        t0, t1, s0, s1 = self.runs
        if not t0:
            return 0
        i = bisect.bisect_right(t0, pos) - 1
        if i < 0:
            return s0[0]
        if pos >= t1[i]:
            return s1[i]
        if t1[i] - t0[i] == s1[i] - s0[i]:
            return s0[i] + (pos - t0[i])
        return s0[i]

    def source_end(self, end: int) -> int:
        """The source offset just past the text span that ends at ``end``."""
        if end <= 0:
            return self.source_offset(0)
        t0, t1, s0, s1 = self.runs
        i = bisect.bisect_right(t0, end - 1) - 1
        if i < 0:
            return s0[0] if s0 else 0
        if t1[i] - t0[i] == s1[i] - s0[i]:
            return s0[i] + (end - t0[i])
        return s1[i]

    def line_col(self, src_offset: int) -> tuple[int, int]:
        """1-based line and column (in characters) of a source offset."""
        starts = self._line_starts
        i = bisect.bisect_right(starts, src_offset) - 1
        return i + 1, src_offset - starts[i] + 1

    def line_of_text(self, pos: int) -> int:
        return self.line_col(self.source_offset(pos))[0]

    # -- structure -----------------------------------------------------------------------
    @cached_property
    def lines(self) -> list[Span]:
        """Every line of the linted text (a paragraph, a heading, a list item...), blank ones too."""
        out, start = [], 0
        for piece in self.text.split("\n"):
            out.append(Span(start, start + len(piece)))
            start += len(piece) + 1
        return out

    @cached_property
    def paragraphs(self) -> list[Span]:
        """Non-blank lines, trimmed: one paragraph, heading or list item each."""
        out = []
        for ln in self.lines:
            seg = self.text[ln.start : ln.end]
            stripped = seg.strip()
            if stripped:
                lead = len(seg) - len(seg.lstrip())
                out.append(Span(ln.start + lead, ln.start + lead + len(stripped)))
        return out

    @cached_property
    def paragraph_words(self) -> list[frozenset[str]]:
        """The lower-cased words (runs of word characters) of each paragraph, for cheap prefilters.
        Each paragraph is lowered on its own: lowering can change a text's length ("İ" becomes two
        characters), so the offsets of a lowered whole text would not be the paragraphs'."""
        text = self.text
        out = []
        for p in self.paragraphs:
            seg = text[p.start : p.end]
            words = _paragraph_words(seg)
            if not seg.isascii() and not CASE_TWINS.keys().isdisjoint(seg):
                # case-insensitive patterns match "ſ" as "s" and "İ" as "i" (CASE_TWINS)
                words |= _words(seg.translate(_TWINS_AS_ASCII).lower())
            out.append(words)
        return out

    @cached_property
    def words(self) -> frozenset[str]:
        """Every paragraph's ``paragraph_words``: a list none of whose words the document holds is
        in no paragraph, which one set operation tells."""
        return frozenset().union(*self.paragraph_words)

    def paragraph_lower(self, i: int) -> str | None:
        """Paragraph ``i`` lower-cased, position for position, to look for a list's words with
        ``str.find``; None where lowering would not find every place a case-insensitive pattern
        matches (a character of ``CASE_TWINS``)."""
        cache = self.__dict__.setdefault("_lower_cache", {})
        if i not in cache:
            p = self.paragraphs[i]
            seg = self.text[p.start : p.end]
            low = seg.lower()
            if len(low) != len(seg) or (not seg.isascii() and not CASE_TWINS.keys().isdisjoint(seg)):
                low = None
            cache[i] = low
        return cache[i]

    def paragraph_index(self, pos: int) -> int:
        starts = self._paragraph_starts
        return max(bisect.bisect_right(starts, pos) - 1, 0)

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p.start for p in self.paragraphs]

    def paragraph_at(self, pos: int) -> Span | None:
        if not self.paragraphs:
            return None
        p = self.paragraphs[self.paragraph_index(pos)]
        return p if p.start <= pos <= p.end else None

    def sentences_in(self, para: Span) -> list[Span]:
        """Sentences of one paragraph, segmented on demand and cached."""
        cache = self.__dict__.setdefault("_sentence_cache", {})
        got = cache.get(para.start)
        if got is None:
            from .segment import split_sentences

            got = [Span(para.start + a, para.start + b) for a, b in split_sentences(self.text[para.start : para.end])]
            cache[para.start] = got
        return got

    @property
    def sentences(self) -> list[Span]:
        return [s for p in self.paragraphs for s in self.sentences_in(p)]

    def sentence_at(self, pos: int) -> Span | None:
        para = self.paragraph_at(pos)
        if para is None:
            return None
        for s in self.sentences_in(para):
            if s.start <= pos < s.end:
                return s
        return para

    # -- what not to lint ----------------------------------------------------------------
    @cached_property
    def quotations(self) -> list[Span]:
        """Direct quotations, located once for every rule to share."""
        return [Span(m.start(), m.end()) for m in _QUOTE_RE.finditer(self.text)]

    @cached_property
    def _quote_starts(self) -> list[int]:
        return [q.start for q in self.quotations]

    def in_quotation(self, start: int, end: int) -> bool:
        """True if the span lies inside a quotation (its marks included)."""
        i = bisect.bisect_right(self._quote_starts, start) - 1
        return i >= 0 and self.quotations[i].end >= end

    def is_masked(self, start: int, end: int) -> bool:
        """True if the span overlaps text that must not be linted (code, URLs, markup)."""
        # Masked spans come from the builder in text order and never overlap, so only the
        # last one that starts before ``end`` can overlap the span.
        i = bisect.bisect_left(self.masked, (end,)) - 1
        return i >= 0 and self.masked[i][1] > start
