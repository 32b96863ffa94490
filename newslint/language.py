"""Which language a text is in: a cheap function-word test first, langdetect where it is unsure.

langdetect is made deterministic (a fixed seed) and loaded only when a text is not plainly
English by its function words, so ordinary English prose never pays for its profiles. On the
fast path its n-gram table comes compact from newslint's compiled cache (``_Table``), and a
rule that only wants a language other than the expected ones stops langdetect as soon as none
can be found any more (``foreign``). Both give langdetect's own answers: the detection is its
code (its trial loop copied, to stop between trials), on the same numbers, in the same order.

The function words themselves are counted on bytes where the text has no letter beyond ASCII
(most English prose, curly quotes and dashes included): its words are then the runs of ASCII
letters, which ``bytes.translate`` and ``bytes.split`` find far faster than a regular expression;
``PlainWords`` does that once for a whole document, for the rules that judge its pieces.
"""
from __future__ import annotations

import bisect
import os
import threading
from array import array
from functools import lru_cache
from typing import Iterable, Iterator

from . import regexcache

_WORD = regexcache.compile(r"\p{L}+")
# The commonest English function words: in running English prose they make up a third or more
# of the words; in other languages written in Latin letters, a few percent.
_EN_FUNCTION = frozenset(
    "the of and to a in is that for it as was with be by on not he she this are or his her at "
    "from which but have has had an they you were their been its would will there we who said "
    "after also than into more about up out over could when one all new".split()
)
_EN_FUNCTION_BYTES = frozenset(word.encode() for word in _EN_FUNCTION)
# A non-ASCII letter. Every other non-ASCII character lowers to no letter (the tests check it
# for every code point), so in a text without one the words are the runs of ASCII letters.
_NON_ASCII_LETTER = regexcache.compile(r"[^\x00-\x7f\P{L}]")
_NON_ASCII_LETTERS = regexcache.compile(r"[^\x00-\x7f\P{L}]+")
# ASCII letters to lower case, every other byte (and the "?" that stands for a non-ASCII
# character) to a space: ``bytes.split`` then gives the words.
_ASCII_WORDS = bytes(c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 else 32 for c in range(256))


def english_share(text: str, *, fast: bool | None = None) -> tuple[float, int]:
    """The share of English function words among the text's words, and how many words."""
    count, n = function_words(text[:4000], fast=fast)
    return (count / n if n else 0.0), n


def function_words(text: str, *, fast: bool | None = None) -> tuple[int, int]:
    """(English function words, words) of ``text``, a word being a run of letters, lower-cased."""
    if (FAST if fast is None else fast) and (text.isascii() or _NON_ASCII_LETTER.search(text) is None):
        return plain_function_words(text.encode("ascii", "replace").translate(_ASCII_WORDS))
    words = _WORD.findall(text.lower())
    return sum(map(_EN_FUNCTION.__contains__, words)), len(words)


def plain_function_words(plain: bytes) -> tuple[int, int]:
    """``function_words`` of a text with no non-ASCII letter, given as ``_ASCII_WORDS`` bytes."""
    words = plain.split()
    return sum(map(_EN_FUNCTION_BYTES.__contains__, words)), len(words)


class PlainWords:
    """A whole text as ``_ASCII_WORDS`` bytes, made once, position for position (each character
    is one byte), so that the function words of any piece of it are counted without building the
    piece: the sentence and paragraph rules share it."""

    def __init__(self, text: str) -> None:
        self.plain = text.encode("ascii", "replace").translate(_ASCII_WORDS)
        runs = [m.span() for m in _NON_ASCII_LETTERS.finditer(text)]
        self.letter_starts = [a for a, _ in runs]
        self.letter_ends = [b for _, b in runs]

    def counts(self, start: int, end: int, holes: list[tuple[int, int]] = ()) -> tuple[int, int] | None:
        """``function_words(piece[:4000])``, ``piece`` being text[start:end] with the spans
        ``holes`` (in order, apart) blanked; None when a non-ASCII letter may be in it."""
        if end - start > 4000:
            end = start + 4000
        i = bisect.bisect_right(self.letter_ends, start)
        if i < len(self.letter_starts) and self.letter_starts[i] < end:
            return None
        if not holes:
            return plain_function_words(self.plain[start:end])
        pieces, pos = [], start
        for a, b in holes:
            if a >= end:
                break
            if a > pos:
                pieces.append(self.plain[pos:a])
            pos = max(pos, b)
        if pos < end:
            pieces.append(self.plain[pos:end])
        # a blank splits words as a space does, so the pieces are joined by one
        return plain_function_words(b" ".join(pieces))


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


# The fast path (words counted on bytes, the compact table, answers remembered per text,
# langdetect stopped early in ``foreign``) is used when True; False keeps the original path (a
# regular expression for the words, langdetect as published, loaded from its JSON profiles, run
# in full) reachable for the equivalence tests.
FAST = True
_MEMO_SIZE = 2048  # langdetect answers, for texts of at most 4000 characters
_DENSE_ROWS = 8192  # n-gram rows kept whole between reads (about 4 MiB)
# Slack for the rounding of langdetect's running sums when bounding them (they are exact to
# about 1e-16).
_ROUNDING = 1e-9


def _by_function_words(text: str, min_words: int, fast: bool | None = None) -> tuple[str | None, float] | None:
    """The answer when the text is too short or plainly English by its function words; None
    when langdetect must tell."""
    return _settled(*english_share(text, fast=fast), min_words)


def _settled(share: float, n: int, min_words: int) -> tuple[str | None, float] | None:
    if n < min_words:
        return None, 0.0
    if share >= 0.2 and n >= 8:
        return "en", share
    return None


def detect(text: str, min_words: int = 4, *, fast: bool | None = None) -> tuple[str | None, float]:
    """(language code, probability); (None, 0) when there is too little to tell."""
    settled = _by_function_words(text, min_words, fast)
    if settled is not None:
        return settled
    if FAST if fast is None else fast:
        # Only the first 4000 characters are ever read, so they are the key.
        return _detect_memo(text[:4000])
    return _langdetect(text, _factory())


def foreign(
    text: str, expected: Iterable[str], min_probability: float, min_words: int = 4, *, fast: bool | None = None
) -> tuple[str, float] | None:
    """(language, probability) when ``detect`` would find the text in a language outside
    ``expected`` with at least ``min_probability``; None otherwise."""
    expected = frozenset(expected)
    settled = _by_function_words(text, min_words, fast)
    if settled is None:
        if FAST if fast is None else fast:
            return _foreign_memo(text[:4000], expected, min_probability)
        settled = _langdetect(text, _factory())
    return _outside(settled, expected, min_probability)


def plainly_not_foreign(
    counts: tuple[int, int], expected: frozenset[str], min_probability: float, min_words: int
) -> bool:
    """True when ``foreign`` would answer None by the function words alone, for a text whose
    ``function_words(text[:4000])`` are ``counts``: no need to build the text or ask langdetect."""
    count, n = counts
    settled = _settled(count / n if n else 0.0, n, min_words)
    return settled is not None and _outside(settled, expected, min_probability) is None


def _outside(found: tuple[str | None, float], expected: frozenset[str], min_probability: float) -> tuple[str, float] | None:
    lang, prob = found
    return (lang, prob) if lang and lang not in expected and prob >= min_probability else None


def _langdetect(text: str, factory) -> tuple[str | None, float]:
    from langdetect.lang_detect_exception import LangDetectException

    detector = factory.create()
    detector.append(text[:4000])
    try:
        best = detector.get_probabilities()[0]
    except (LangDetectException, IndexError):
        return None, 0.0
    return best.lang, best.prob


# langdetect is deterministic here (a fixed seed, reset for every text), so a text's answer can
# be remembered: agency copy repeats the same sentences across many articles.
@lru_cache(maxsize=_MEMO_SIZE)
def _detect_memo(text: str) -> tuple[str | None, float]:
    return _langdetect(text, _compact_factory(text))


@lru_cache(maxsize=_MEMO_SIZE)
def _foreign_memo(text: str, expected: frozenset[str], min_probability: float) -> tuple[str, float] | None:
    """langdetect's answer if it is a language outside ``expected`` with at least
    ``min_probability``, stopped between its trials once no such language can reach that:
    English text is mostly settled by the first of its seven trials."""
    detector = _compact_factory(text).create()
    detector.append(text)
    others = [j for j, lang in enumerate(detector.langlist) if lang not in expected]
    for done in _trials(detector):
        # each trial still to come adds at most 1/n_trial to a language's probability
        reach = (detector.n_trial - done) / detector.n_trial + _ROUNDING
        if all(detector.langprob[j] + reach < min_probability for j in others):
            return None
    ranked = detector._sort_probability(detector.langprob) if detector.langprob else []
    if ranked and ranked[0].lang not in expected and ranked[0].prob >= min_probability:
        return ranked[0].lang, ranked[0].prob
    return None


def _trials(detector) -> Iterator[int]:
    """langdetect's ``Detector._detect_block``, yielding after each trial (how many are done),
    with ``detector.langprob`` summed so far; nothing when the text has no n-gram to read."""
    detector.cleaning_text()
    ngrams = detector._extract_ngrams()
    if not ngrams:
        return
    detector.langprob = [0.0] * len(detector.langlist)
    detector.random.seed(detector.seed)
    for t in range(detector.n_trial):
        prob = detector._init_probability()
        alpha = detector.alpha + detector.random.gauss(0.0, 1.0) * detector.ALPHA_WIDTH
        i = 0
        while True:
            detector._update_lang_prob(prob, detector.random.choice(ngrams), alpha)
            if i % 5 == 0:
                if detector._normalize_prob(prob) > detector.CONV_THRESHOLD or i >= detector.ITERATION_LIMIT:
                    break
            i += 1
        for j in range(len(detector.langprob)):
            detector.langprob[j] += prob[j] / detector.n_trial
        yield t + 1


class _Table(dict):
    """langdetect's n-gram table (n-gram -> its probability in each of the 55 languages), sparse.

    langdetect keeps a list of 55 floats for each of its 87,598 n-grams (about 60 MiB, and
    0.3 s to build from its JSON profiles), though an n-gram occurs in two languages on average.
    Here the n-grams map to row numbers and the nonzero entries sit in flat arrays (about 15 MiB
    with the keys, loaded from the compiled cache in about 0.02 s; a quarter of that for the
    table of the n-grams of Latin letters alone, kept on its own); a row is made whole again when
    the detector reads it, with the very same floats."""

    def __init__(self, entries: dict[str, list], width: int) -> None:
        """``entries``: each n-gram's nonzero probabilities, as [language, probability, ...] in
        the languages' order."""
        super().__init__()
        offsets, langs, probs = array("I", [0]), bytearray(), array("d")
        for word, entry in entries.items():
            self[word] = len(offsets) - 1
            langs += bytes(entry[0::2])
            probs.extend(entry[1::2])
            offsets.append(len(probs))
        self.width, self.offsets, self.langs, self.probs = width, offsets, bytes(langs), probs
        self.dense: dict[str, list[float]] = {}

    def __getitem__(self, word: str) -> list[float]:
        row = self.dense.get(word)
        if row is None:
            if len(self.dense) >= _DENSE_ROWS:
                self.dense.clear()
            r = dict.__getitem__(self, word)
            row = [0.0] * self.width
            for k in range(self.offsets[r], self.offsets[r + 1]):
                row[self.langs[k]] = self.probs[k]
            self.dense[word] = row
        return row


# A text with no character from U+0300 on, but for punctuation (which langdetect reads as a
# space), makes only n-grams of characters below U+0300: 23,313 of the table's 87,598, a quarter
# of it to load.
_BEYOND_LATIN = regexcache.compile(r"[^\x00-\u02ff\u2000-\u206f]")


def _compact_factory(text: str):
    """A langdetect factory like ``_factory()``'s, on a compact table that holds every n-gram
    ``text`` can make: the one of Latin letters when that is enough."""
    return _factory_on(_BEYOND_LATIN.search(text) is None)


@lru_cache(maxsize=2)
def _factory_on(latin: bool):
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    from .compiled import cached

    # langdetect numbers the languages in the order the folder lists its profiles: that order is
    # part of the key. The profiles themselves are the installed langdetect's, whose version every
    # key holds already, so they are not read to make it (2.3 MB on each run that needs a table).
    names = os.listdir(PROFILES_DIRECTORY)
    kind = "langdetect-latin" if latin else "langdetect"
    langlist, table = cached(kind, [], lambda: _build_table(latin), note="\0".join(names))
    factory = DetectorFactory()
    factory.langlist, factory.word_lang_prob_map, factory.seed = langlist, table, 0
    return factory


def _build_table(latin: bool) -> tuple[list[str], _Table]:
    """langdetect's languages and its table: of the n-grams of characters below U+0300 alone
    (``latin``), or of all of them. Each is kept on its own, so a run reads only the one it needs.

    The profiles are read as langdetect's ``DetectorFactory.load_profile`` reads them (the same
    files in the same order, each n-gram's probability ``1.0 * count / n_words[len - 1]``, none
    for an n-gram longer than three), one at a time and into the compact form: langdetect's own
    map, 55 floats an n-gram, took 60 MiB while the table was built, on a first run."""
    import json

    from langdetect.detector_factory import PROFILES_DIRECTORY

    langlist: list[str] = []
    entries: dict[str, list] = {}
    for name in os.listdir(PROFILES_DIRECTORY):
        path = os.path.join(PROFILES_DIRECTORY, name)
        if name.startswith(".") or not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8") as fh:
            profile = json.load(fh)
        index, n_words = len(langlist), profile["n_words"]
        langlist.append(profile["name"])
        for word, count in profile["freq"].items():
            if latin and max(word) >= "\u0300":
                continue
            entry = entries.setdefault(word, [])
            if 1 <= len(word) <= 3:
                prob = 1.0 * count / n_words[len(word) - 1]
                if prob:
                    entry += (index, prob)
        del profile
    return langlist, _Table(entries, len(langlist))
