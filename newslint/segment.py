"""Sentence boundaries, from pysbd (rule-based, handles abbreviations like "Mr." and "U.S.").

pysbd is imported on first use and asked only about the paragraphs a rule looks at. Its time
grows faster than the length of its input, so a very long paragraph (a scraped page with no
paragraph breaks) is first cut into pieces of a few thousand characters at likely sentence ends
(a full stop, question or exclamation mark, then a capital), and pysbd segments each piece.
"""
from __future__ import annotations

from functools import lru_cache

import regex

CHUNK = 2000
_LIKELY_END = regex.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"“‘(]?\p{Lu})")


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def _pieces(paragraph: str) -> list[tuple[int, int]]:
    if len(paragraph) <= CHUNK * 1.5:
        return [(0, len(paragraph))]
    out, start = [], 0
    while len(paragraph) - start > CHUNK * 1.5:
        m = _LIKELY_END.search(paragraph, start + CHUNK)
        if m is None:
            break
        out.append((start, m.end()))
        start = m.end()
    out.append((start, len(paragraph)))
    return out


def split_sentences(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``paragraph``, trailing spaces trimmed."""
    if not paragraph.strip():
        return []
    spans: list[tuple[int, int]] = []
    for base, stop in _pieces(paragraph):
        piece_text = paragraph[base:stop]
        pos = 0
        for piece in _segmenter().segment(piece_text):
            sent = piece.sent
            # pysbd's spans are usually right; check them against the text and recover if not.
            start = piece.start if piece_text.startswith(sent, piece.start) else piece_text.find(sent, pos)
            if start < 0 or start < pos:
                continue
            end = start + len(sent.rstrip())
            if end > start:
                spans.append((base + start, base + end))
            pos = end
    return spans or [(0, len(paragraph.rstrip()))]
