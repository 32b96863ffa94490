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


def detect(text: str, min_words: int = 4) -> tuple[str | None, float]:
    """(language code, probability); (None, 0) when there is too little to tell."""
    share, n = english_share(text)
    if n < min_words:
        return None, 0.0
    if share >= 0.2 and n >= 8:
        return "en", share
    from langdetect.lang_detect_exception import LangDetectException

    detector = _factory().create()
    detector.append(text[:4000])
    try:
        best = detector.get_probabilities()[0]
    except (LangDetectException, IndexError):
        return None, 0.0
    return best.lang, best.prob
