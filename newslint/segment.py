"""Sentence boundaries, from sentencex (Wikimedia's rule-based segmenter: it knows
abbreviations like "Mr." and "U.S.", and quotations that run over a full stop).

sentencex returns the sentences as pieces that concatenate back to the input exactly, so each
sentence's offsets are the running sum of the lengths before it: nothing is searched for. It is
imported on first use and asked only about the paragraphs a rule looks at.
"""
from __future__ import annotations

from . import regexcache

# White space outside ASCII (no-break, ideographic, thin spaces...). sentencex panics (a Rust
# panic, which Python cannot treat as an ordinary error) on one such character between a one-letter
# word and a full stop ("I\u3000."), so before such a stop they are read as plain spaces: the same
# length, so every offset holds.
_WIDE_SPACES = "\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
_WIDE_BEFORE_STOP = regexcache.compile_re(f"[{_WIDE_SPACES}]\\s*\\.")
_AS_SPACES = str.maketrans(dict.fromkeys(_WIDE_SPACES, " "))


def split_sentences(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``paragraph``, surrounding white space trimmed."""
    if not paragraph.strip():
        return []
    from sentencex import segment

    if _WIDE_BEFORE_STOP.search(paragraph):
        paragraph = paragraph.translate(_AS_SPACES)
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
