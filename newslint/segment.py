"""Sentence boundaries, from sentencex (Wikimedia's rule-based segmenter: it knows
abbreviations like "Mr." and "U.S.", and quotations that run over a full stop).

sentencex returns the sentences as pieces that concatenate back to the input exactly, so each
sentence's offsets are the running sum of the lengths before it: nothing is searched for. It is
imported on first use and asked only about the paragraphs a rule looks at.
"""
from __future__ import annotations


def split_sentences(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``paragraph``, surrounding white space trimmed."""
    if not paragraph.strip():
        return []
    from sentencex import segment

    spans: list[tuple[int, int]] = []
    pos = 0
    for piece in segment("en", paragraph):
        start, end = pos, pos + len(piece)
        pos = end
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        if end - trail > start + lead:
            spans.append((start + lead, end - trail))
    if pos != len(paragraph):  # the pieces did not add up to the paragraph: one sentence, honestly
        return [(len(paragraph) - len(paragraph.lstrip()), len(paragraph.rstrip()))]
    return spans
