"""Sentence boundaries, from pysbd (rule-based, handles abbreviations like "Mr." and "U.S.").

pysbd is imported on first use, and it is asked only about the paragraphs a rule looks at.
"""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def split_sentences(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``paragraph``, trailing spaces trimmed."""
    if not paragraph.strip():
        return []
    spans: list[tuple[int, int]] = []
    pos = 0
    for piece in _segmenter().segment(paragraph):
        sent = piece.sent
        # pysbd's spans are usually right; check them against the text and recover if not.
        start = piece.start if paragraph.startswith(sent, piece.start) else paragraph.find(sent, pos)
        if start < 0 or start < pos:
            continue
        end = start + len(sent.rstrip())
        if end > start:
            spans.append((start, end))
        pos = end
    return spans or [(0, len(paragraph.rstrip()))]
