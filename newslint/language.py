"""Which language a text is in: a cheap function-word test first, langdetect where it is unsure.

langdetect is made deterministic (a fixed seed) and loaded only when a text is not plainly
English by its function words, so ordinary English articles never pay for its profiles.
"""
from __future__ import annotations

import threading
from functools import lru_cache

import regex

_WORD = regex.compile(r"\p{L}+")
# The commonest English function words: in running English prose they make up a third or more
# of the words; in other languages written in Latin letters, a few percent.
_EN_FUNCTION = frozenset(
    "the of and to a in is that for it as was with be by on not he she this are or his her at "
    "from which but have has had an they you were their been its would will there we who said "
    "after also than into more about up out over could when one all new".split()
)


def english_share(text: str) -> tuple[float, int]:
    words = _WORD.findall(text[:4000].lower())
    if not words:
        return 0.0, 0
    return sum(w in _EN_FUNCTION for w in words) / len(words), len(words)


_FACTORY_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _factory():
    # langdetect publishes its factory before loading the profiles into it: a second thread
    # (the API under Dask threads) would use it half-loaded, so one thread loads at a time.
    with _FACTORY_LOCK:
        from langdetect import DetectorFactory
        from langdetect.detector_factory import init_factory

        DetectorFactory.seed = 0
        init_factory()
        from langdetect import detector_factory

        return detector_factory._factory


# The fast path (results remembered per text, and a dictionary test for plain English before
# langdetect) is used when True; False keeps the original path reachable for the equivalence tests.
FAST = True
# "Plainly English": at least this share of a text's words are in the English word list the typo
# rules load (symspellpy's 82,765 words). English prose that is poor in function words (lists of
# names, captions, headlines) scores 0.8 to 1; sentences in French, Spanish, German, Italian,
# Dutch... score 0.5 or less, since only their short words ("de", "la", "die", "in") are shared.
_PLAIN_ENGLISH = 0.85
_PLAIN_MIN_WORDS = 8
_MEMO_SIZE = 2048  # texts of at most 4000 characters


def plainly_english(text: str) -> bool:
    """Most of the text's words are English dictionary words (a conservative test: a text that
    fails it is not judged foreign, only handed to langdetect)."""
    words = _WORD.findall(text[:4000].lower())
    if len(words) < _PLAIN_MIN_WORDS:
        return False
    from .kinds.typo import lexicon

    clean = lexicon().clean
    return sum(w in clean for w in words) >= _PLAIN_ENGLISH * len(words)


def detect(text: str, min_words: int = 4, *, english_expected: bool = False, fast: bool | None = None) -> tuple[str | None, float]:
    """(language code, probability); (None, 0) when there is too little to tell.

    ``english_expected``: the caller only wants to know whether the text is in some language
    other than English, so a text that is plainly English by its dictionary words is returned
    as ``("en", 1.0)`` without asking langdetect (used only on the fast path)."""
    if fast is None:
        fast = FAST
    if not fast:
        return _detect(text, min_words)
    # Only the first 4000 characters are ever read, so they are the key.
    return _detect_memo(text[:4000], min_words, english_expected)


@lru_cache(maxsize=_MEMO_SIZE)
def _detect_memo(text: str, min_words: int, english_expected: bool) -> tuple[str | None, float]:
    # langdetect is deterministic here (a fixed seed, reset for every text), so a text's answer
    # can be remembered: agency copy repeats the same sentences across many articles.
    share, n = english_share(text)
    if n < min_words:
        return None, 0.0
    if share >= 0.2 and n >= 8:
        return "en", share
    if english_expected and plainly_english(text):
        return "en", 1.0
    return _langdetect(text)


def _detect(text: str, min_words: int = 4) -> tuple[str | None, float]:
    """The reference path: function words, then langdetect."""
    share, n = english_share(text)
    if n < min_words:
        return None, 0.0
    if share >= 0.2 and n >= 8:
        return "en", share
    return _langdetect(text)


def _langdetect(text: str) -> tuple[str | None, float]:
    from langdetect.lang_detect_exception import LangDetectException

    detector = _factory().create()
    detector.append(text[:4000])
    try:
        best = detector.get_probabilities()[0]
    except (LangDetectException, IndexError):
        return None, 0.0
    return best.lang, best.prob
