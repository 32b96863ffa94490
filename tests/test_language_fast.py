"""The function words are counted on bytes with the very answers of the regular expression.

``language.function_words`` (and ``english_share`` through it) reads a text without letters
beyond ASCII as bytes, ``PlainWords`` does so for pieces of a whole document with quotations
blanked, and the language checker skips a unit when ``plainly_not_foreign`` says the function
words settle it. Each is compared with the reference path (``fast=False``, or ``language.FAST``
off: ``\\p{L}+`` on the lowered text, and the checker building every unit's text), on the seeds
and on generated text full of the characters that could trip it up.
"""
from __future__ import annotations

import random

import pytest
import regex

import newslint.language as language
from newslint.kinds.base import Context
from newslint.readers import read_path, read_source

from support import respec
from test_perf_equivalence import ENGLISH, FOREIGN, PACKS, SEEDS

# letters that lower oddly or fold to ASCII ones, non-letters beyond ASCII, and "?" (which
# stands for any non-ASCII character in the bytes)
ODD = [
    "İstanbul", "İ", "ſ", "ß", "STRASSE", "\u212a", "Σ", "ΣΑΣ", "ﬁ", "é", "e\u0301", "ª", "µ", "½", "²",
    "’", "‘", "“", "”", "—", "–", "…", "\u00a0", "\u2009", "\u200b", "?", "??", "£3bn", "12%", "😀",
    "\ud800", "_", "x_y", "THE", "The", "tHe", "a", "A", "of", "\t", "\n", "", "don’t", "l’État",
    "Ⅻ", "ⓐ", "Ⓐ", "ǅ", "ǈ",
]


def _words() -> list[str]:
    out = list(ODD)
    for text in FOREIGN + ENGLISH:
        out += text.split()
    for path in SEEDS:
        out += path.read_text(encoding="utf-8").split()[:2000]
    return out


def _texts(n: int, seed: int) -> list[str]:
    rng, words = random.Random(seed), _words()
    out = list(FOREIGN + ENGLISH + ODD)
    seps = [" ", " ", " ", "  ", "\n", ", ", "—", "’", "?", "\u00a0", "", "-"]
    for _ in range(n):
        picked = rng.choices(words, k=rng.randint(0, 40))
        out.append("".join(w + rng.choice(seps) for w in picked))
    return out


def _reference_function_words(text: str) -> tuple[int, int]:
    words = regex.findall(r"\p{L}+", text.lower())
    return sum(w in language._EN_FUNCTION for w in words), len(words)


def test_beyond_ascii_only_letters_lower_to_letters():
    # what makes the runs of ASCII letters the words of a text with no other letter
    letter = regex.compile(r"\p{L}")
    assert [chr(c) for c in range(128) if letter.match(chr(c))] == list("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
    odd = [hex(c) for c in range(0x110000) if not letter.match(chr(c)) and letter.search(chr(c).lower())]
    assert odd == []


def test_function_words_match_the_regular_expression():
    texts = _texts(3000, seed=11)
    plain = 0
    for text in texts:
        expected = _reference_function_words(text)
        assert language.function_words(text, fast=False) == expected, text
        assert language.function_words(text, fast=True) == expected, text
        for cut in (text, text * 200):
            assert language.english_share(cut, fast=True) == language.english_share(cut, fast=False), text
        plain += language._NON_ASCII_LETTER.search(text) is None and not text.isascii()
    assert plain > 100  # the bytes path read texts beyond ASCII, not only ASCII ones


def _blanked(text: str, start: int, end: int, holes) -> str:
    piece = list(text[start:end])
    for a, b in holes:
        for i in range(max(a, start), min(b, end)):
            piece[i - start] = " "
    return "".join(piece)


def test_plain_words_count_any_piece_with_holes():
    rng = random.Random(5)
    texts = _texts(300, seed=12)
    fast = slow = 0
    for k in range(200):
        text = "".join(rng.choice(texts) + rng.choice([" ", "\n", "", "“"]) for _ in range(rng.randint(1, 60)))
        if k % 20 == 0:
            text *= 30  # pieces longer than the 4000 characters read
        plain = language.PlainWords(text)
        for _ in range(30):
            start = rng.randint(0, len(text))
            end = rng.randint(start, min(len(text), start + rng.choice([50, 500, 6000])))
            cuts = sorted(rng.sample(range(max(start - 20, 0), end + 21), k=2 * rng.randint(0, 3)))
            holes = list(zip(cuts[::2], cuts[1::2]))
            got = plain.counts(start, end, holes)
            reference = language.function_words(_blanked(text, start, end, holes)[:4000], fast=False)
            if got is None:
                slow += 1
                assert start == end or language._NON_ASCII_LETTER.search(text, start, end), (text, start, end)
            else:
                fast += 1
                assert got == reference, (text, start, end, holes)
    assert fast > 1000 and slow > 100


@pytest.mark.parametrize("expected", [{"en"}, {"fr"}, {"en", "de"}, set()])
def test_plainly_not_foreign_only_when_foreign_says_none(expected):
    expected = frozenset(expected)
    plainly = 0
    for text in _texts(1500, seed=13):
        counts = language.function_words(text[:4000], fast=False)
        for min_probability in (0.0, 0.5, 0.9, 0.95):
            for min_words in (1, 4, 8, 12):
                settled = language._by_function_words(text, min_words, fast=False)
                if language.plainly_not_foreign(counts, expected, min_probability, min_words):
                    plainly += 1
                    assert settled is not None  # langdetect is not asked...
                    assert language.foreign(text, expected, min_probability, min_words, fast=False) is None
                else:  # ...and otherwise langdetect must tell, or the function words report
                    assert settled is None or language._outside(settled, expected, min_probability)
    assert plainly > 1000


def _documents() -> list:
    rng = random.Random(21)
    texts = [t for t in _texts(400, seed=14) if "\ud800" not in t]  # a read file has no lone surrogate
    seed_paragraphs = [p for path in SEEDS for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    docs = [read_path(str(p)) for p in SEEDS]
    quotes = [("“", "”"), ('"', '"'), ("‘", "’"), ("«", "»"), ("“", "")]
    for k in range(24):
        paras = []
        for _ in range(rng.randint(1, 10)):
            r = rng.random()
            if r < 0.25 and seed_paragraphs:
                para = rng.choice(seed_paragraphs)
            elif r < 0.5:
                para = " ".join(rng.sample(FOREIGN, rng.randint(1, 3)))
            elif r < 0.55:
                para = " ".join(rng.choices(ENGLISH + FOREIGN, k=60))  # beyond 4000 characters
            elif r < 0.6:
                para = rng.choice(["", "   ", "\u00a0"])
            else:
                para = " ".join(rng.choice(ENGLISH + FOREIGN + texts) for _ in range(rng.randint(1, 6)))
            if rng.random() < 0.4:
                words = para.split(" ")
                i, j = sorted(rng.sample(range(len(words) + 1), 2)) if len(words) > 1 else (0, 1)
                opening, closing = rng.choice(quotes)
                para = " ".join(words[:i] + [opening + " ".join(words[i:j]) + closing] + words[j:])
            paras.append(para)
        docs.append(read_source("\n\n".join(paras) + "\n", f"gen{k}.txt", "text"))
    # quotations that run from one sentence into the next (an apostrophe inside a single quote
    # ends it for the segmenter), English in them and foreign after them: only the blanking
    # tells the second sentence's words
    paras = []
    for text in FOREIGN:
        if text.isascii() and text[0].isupper():
            paras.append(f"‘It was the end of the talks’s first day. And the rest of it was in the end’ {text}")
    docs.append(read_source("\n\n".join(paras) + "\n", "spanning.txt", "text"))
    return docs


def _rules():
    by_code = {r.code: r for r in PACKS.rules}
    g040, l001 = by_code["G040"], by_code["L001"]
    yield g040, l001  # as shipped, sharing one context
    yield l001, g040  # the other order
    for scope in ("sentence", "paragraph", "document"):
        for min_words, min_probability in ((4, 0.5), (12, 0.0)):
            yield (respec(g040, scope=scope, min_words=min_words, min_probability=min_probability),)


_LANGDETECT: dict[str, tuple] = {}  # the reference's langdetect answers: the same for a text every time


@pytest.mark.parametrize("languages", [("en",), ("fr",), ("en-GB", "de")])
def test_checker_finds_what_the_reference_finds(monkeypatch, languages):
    docs = _documents()
    langdetect = language._langdetect

    def remembered(text, factory):
        if text not in _LANGDETECT:
            _LANGDETECT[text] = langdetect(text, factory)
        return _LANGDETECT[text]

    monkeypatch.setattr(language, "_langdetect", remembered)
    found = {}
    for fast in (True, False):
        monkeypatch.setattr(language, "FAST", fast)
        language._foreign_memo.cache_clear()
        out = found[fast] = []
        for rules in _rules():
            checkers = [rule.compile() for rule in rules]
            # the fast path also with one context for every document, which it must not be misled by
            contexts = [Context(languages=languages)] if fast else []
            for doc in docs:
                for ctx in [Context(languages=languages)] + contexts:
                    out.append([[(m.start, m.end, m.fields) for m in checker.check(doc, ctx)] for checker in checkers])
    assert found[True][::2] == found[False] and found[True][1::2] == found[False]
    assert sum(any(units) for units in found[False]) > 30  # the documents do have foreign units
