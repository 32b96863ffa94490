"""The fast paths of the garbled rules find exactly what the plain searches they replaced find.

Never timed: each test runs the fast path and the straightforward one (a plain regular expression
over the whole text, ftfy's detector over the whole text, or the rule's previous patterns, kept
here as oracles) on generated text built from the rules' own words, with the separators, case
changes and odd characters the shortcuts must not miss.
"""
from __future__ import annotations

import random
import re
import sys

import pytest
import regex

from support import plain_substitution, respec, substitution_rule

from newslint.kinds import encoding, phrase
from newslint.kinds.base import Context, phrase_regex
from newslint.packs import load_packs
from newslint.specs import phrase as phrase_spec
from newslint.readers import read_source

RULES = {r.code: r for r in load_packs().rules}
SEPARATORS = [" "] * 8 + ["  ", "\t", "\xa0", "\u2003", "\n", "\n\n", " \n ", "\r\n", "\x0b", "-", "'", "’", ",", ", ",
                          ". ", "... ", "…", " ...", "? ", ": ", "“", "”", '"', "(", ")", "<b>", "</b>", "_", "5"]


def _word(rng: random.Random, w: str) -> str:
    r = rng.random()
    if r < 0.15:
        return w.upper()
    if r < 0.3:
        return w.capitalize()
    if r < 0.33:
        return w.replace("s", "ſ", 1)  # a long s: an "s" to the regex module, ignoring case
    if r < 0.35:
        return w.replace("i", "İ", 1)
    return w


def _text(rng: random.Random, words: list[str], n: int) -> str:
    """Words from ``words`` (a phrase's words often in a row, a word often twice) between separators."""
    out: list[str] = []
    while len(out) < 2 * n:
        r = rng.random()
        if r < 0.2 and out:
            out += [out[-2], rng.choice(SEPARATORS)]
            continue
        for w in rng.choice(words).split() if r < 0.6 else [rng.choice(words)]:
            out += [_word(rng, w), rng.choice(SEPARATORS)]
    return "".join(out)


def _docs(words: list[str], count: int, seed: int, longest: int = 120):
    rng = random.Random(seed)
    return [read_source(_text(rng, words, rng.randint(1, longest)), "a.txt", "text") for _ in range(count)]


def _twin_docs(phrases) -> list:
    """Each phrase with its s or i written as a case twin that the regex module matches."""
    return [read_source(f"The {p.replace(a, b)} said.", "a.txt", "text") for p in phrases for a, b in (("s", "ſ"), ("i", "İ"))]


def _found(checker, doc) -> list[tuple]:
    return sorted((m.start, m.end, m.suggestion) for m in checker.check(doc, Context()))


# -- substitution and phrase: the word prefilter --------------------------------------------
def test_case_twins_are_complete():
    """Every character the regex module matches to an ASCII letter or digit when case is ignored,
    but that str.lower() does not turn into it, and every character str.lower() lengthens."""
    any_alnum = regex.compile(r"(?i)[a-z0-9]")
    twins = set()
    for c in map(chr, range(sys.maxunicode + 1)):
        if len(c.lower()) != 1:
            twins.add(c)
        elif not c.isascii() and any_alnum.fullmatch(c):
            x = next(x for x in "abcdefghijklmnopqrstuvwxyz0123456789" if regex.fullmatch("(?i)" + x, c))
            if c.lower() != x:
                twins.add(c)
    assert twins <= set(phrase.CASE_TWINS)


def _substitution_rule(swap: dict[str, str], ignorecase: bool):
    return substitution_rule(RULES["G030"], swap, ignorecase)


SUBSTITUTIONS = [
    RULES["G030"],
    RULES["G033"],
    _substitution_rule({"don't panic": "stay calm", "X-ray vision": "sight", "state-of-the-art": "modern",
                        "naïve plan": "simple plan", "Straße": "street", "5 o'clock": "five", "ΣΟΦΙΑ": "Sofia"}, True),
    _substitution_rule({"Joined Realm": "United Kingdom", "İstanbul Hall": "Istanbul Hall", "NATO": "Nato"}, False),
]


@pytest.mark.parametrize("rule", SUBSTITUTIONS, ids=lambda r: ",".join(list(r.swap)[:2]))
def test_substitution_matches_the_plain_search(rule):
    words = list(rule.swap) + [w for k in rule.swap for w in re.split(r"[\s-]+", k)] + ["the", "a", "minister", "said"]
    checker = rule.compile()
    found = 0
    for doc in _docs(words, 1500, seed=len(rule.swap), longest=12) + _twin_docs(rule.swap):
        expected = plain_substitution(rule, doc.text)
        assert _found(checker, doc) == expected, doc.text
        found += len(expected)
    assert found > 50  # the generated text does hold the phrases


def test_phrase_kind_matches_the_plain_search():
    data = {k: v for k, v in RULES["G030"].as_written.items() if k not in ("pack", "swap")}
    rule = phrase_spec.Rule.model_validate({**data, "kind": "phrase", "phrases": ["sources said", "it is understood", "experts say", "some-say"],
                                        "exceptions": ["sources said to be close"]})
    checker = rule.compile()
    plain = regex.compile(phrase_regex(rule.phrases, True), regex.IGNORECASE)
    exceptions = regex.compile(phrase_regex(rule.exceptions, True), regex.IGNORECASE)
    words = rule.phrases + rule.exceptions + ["said", "the", "to", "be", "close", "understood"]
    found = 0
    for doc in _docs(words, 1500, seed=7, longest=12) + _twin_docs(rule.phrases):
        excepted = [m.span() for m in exceptions.finditer(doc.text)]
        expected = sorted((m.start(), m.end(), None) for m in plain.finditer(doc.text)
                          if not any(a <= m.start() and m.end() <= b for a, b in excepted))
        assert _found(checker, doc) == expected, doc.text
        found += len(expected)
    assert found > 50


# -- encoding: the detector near characters outside ASCII -----------------------------------
def test_mojibake_windows_find_what_the_whole_text_search_finds():
    from ftfy.badness import BADNESS_RE, MOJIBAKE_CATEGORIES

    reach = encoding._reach(BADNESS_RE)
    assert reach is not None
    rng = random.Random(3)
    pieces = [c for v in MOJIBAKE_CATEGORIES.values() for c in v if c != "-"] + list("ÃÂÎÐØÙàâó√≈‚Äв€ГўВРСβΒΓΞΟā")
    pieces += ["a", "Z", "z", " ", ".", "?", "\n", "the ", "é", "’", "“", "”", "Ã©", "â€™", "Â "]
    found = 0
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 60)))
        expected = [m.span() for m in BADNESS_RE.finditer(text)]
        assert [m.span() for m in encoding._bad_sequences(text, BADNESS_RE, reach)] == expected, text
        found += len(expected)
    assert found > 1000


def test_reach_only_when_every_match_leaves_ascii():
    assert encoding._reach(re.compile("[éà]b|√")) == 2
    assert encoding._reach(re.compile("é|a")) is None  # the second branch is plain ASCII
    assert encoding._reach(re.compile("x?é")) == 2
    assert encoding._reach(re.compile("(?:é)?x")) is None  # the character outside ASCII may be absent
    assert encoding._reach(re.compile("é", re.IGNORECASE)) is None


# -- pattern rules rewritten for speed, against their previous patterns ---------------------
_DOUBLES = ("had|that|is|was|do|does|bye|no|ha|tut|chop|knock|yada|tsk|pooh|boo|pom|aye|there|now|well|very|so|go|"
            "ho|yo|la|na|ooh|oh|ah|bang|ding|dong|tom|bora|walla|pago|mahi|sirhan|duran|baden")
_CUT = ("the|a|an|of|to|and|or|but|with|for|from|in|on|at|by|that|which|whose|its|their|his|her|our|your|my|is|are|"
        "was|were|has|have|had|will|would|could|should|this|these|those|than|into|onto|such|very|because|although|"
        "while|whether")
_LONG = r"(?<=^[\p{Lu}“\"‘][^\n]*?(?:[^\S\n]+\S+){7,}?)"
PREVIOUS = {  # the fields the rules had before they were rewritten
    "G020": {"unless": [], "patterns": [
        r"(?i)(?<![\p{L}\p{N}'’-])(?!(?:" + _DOUBLES + r")[^\p{L}])(?-i:(?=\p{Ll})|(?<=^|[.!?:]\s{1,3}|[\"“‘]|<[^>]*>)"
        r"(?=\p{Lu}))(\p{L}+)[^\S\n]+(?-i:(?=\p{Ll}))\1(?![\p{L}\p{N}'’-])"]},
    "G021": {"patterns": [r"(?<=\p{Ll}{2})[.!?][”\"’]?(?=\p{Lu}\p{Ll})", r"(?<=\p{Ll}{2})[.!?](?=[“‘«(\[]\[?\p{Lu})"]},
    "G022": {"prefilter": ["demonym"], "patterns": [r"(?<![\p{L}-])({demonym})['’]s\s+({state})(?![\p{L}-])"
             r"(?!\s+(?:service|career|record|training|uniform|background|experience)\b)"]},
    "G025": {"patterns": [r"(?m)(?<![\p{L}\p{N}’'-])(?i:" + _CUT + r")(?=[^\S\n]*,?$)" + _LONG + r"[^\S\n]*,?$",
             r"(?m)(?<![\p{L}\p{N}’'-])\p{Ll}+(?=(?:,|[^\S\n]?(?:…|\.\.\.))[^\S\n]*$)" + _LONG
             + r"(?:,|[^\S\n]?(?:…|\.\.\.))[^\S\n]*$"]},
}
_FILLER = ["minister", "said", "talks", "The", "Officials", "report", "Bora", "Vulpes", "vulpes", "service", "career", "it"]
WORDS = {
    "G020": _DOUBLES.split("|") + ["the", "to", "of", "in", "The", "Then", "in in"] + _FILLER,
    "G021": ["ended.The", "talks!“We", "Geneva.”The", "U.S.", "away?(See", "home.[North", "said.“[Kim", "x.Y", "ok.«Non"] + _FILLER,
    "G022": RULES["G022"].define["demonym"][::4] + RULES["G022"].define["state"] + ["Russian's", "Chinese’s", "s"] + _FILLER,
    "G025": _CUT.split("|") + ["The", "“The", "Officials", "stalled", "energy", "and...", "firms …"] + _FILLER * 3,
}


@pytest.mark.parametrize("code", sorted(PREVIOUS))
def test_rewritten_patterns_find_what_the_previous_ones_found(code):
    rule = RULES[code]
    previous = respec(rule, **PREVIOUS[code])
    old, new = previous.compile(), rule.compile()
    # runs of one word at the very start and after a match, where matches could overlap
    runs = [read_source(t, "a.txt", "text") for t in ("the the the talks", "stock\u2003stock\u2003stock said", "Is is is",
                                                      "ø ø\u2003ø  and", "He said the the the the", "had had had had to")]
    found = 0
    for doc in _docs(WORDS[code], 1500, seed=sum(map(ord, code))) + runs:
        expected = _found(old, doc)
        assert _found(new, doc) == expected, doc.text
        found += len(expected)
    assert found > 50


# -- boilerplate: long lines are not folded -------------------------------------------------
def test_lines_with_many_letters_fold_long():
    """A line with FOLD_CAP letters and digits folds to FOLD_CAP characters or more, so it equals no
    shorter listed line: casefold keeps a letter or digit of every letter or digit."""
    from newslint.kinds import boilerplate

    letter_or_digit = regex.compile(r"[\p{L}\p{N}]")
    lost = [c for c in map(chr, range(sys.maxunicode + 1)) if letter_or_digit.match(c) and not letter_or_digit.search(c.casefold())]
    assert lost == []
    rng = random.Random(5)
    pieces = ["a", "B", "ß", "İ", "ﬁ", "5", "٣", "ͅ", " ", "-", "—", "’", "...", "\u0301", "ǅ", "Σ"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(100, 400)))
        line = boilerplate._Line(text)
        assert not line.long or len(boilerplate.fold(text)) >= boilerplate.FOLD_CAP


def test_line_trimming_matches_the_expressions_it_replaced():
    """undecorate and is_prose look at the ends of a line instead of searching it."""
    from newslint.kinds import boilerplate

    lead = regex.compile(r"^[\s\p{Pd}•·▪▫◦‣⁃●○■□▶►▸▹→←↑⇒»›«‹*|>]+")
    trail = regex.compile(r"[\s•·▶►▸▹→←↑⇒»›«‹|>]+$")
    prose_end = regex.compile(r"[.!?…][\"'”’»)\]]*$")
    rng = random.Random(9)
    pieces = list("ab .!?…\"'”’»)]•·▶»›«‹|>*-–\t\xa0\u2003\u2028") + ["word", " x ", "Read more"]
    for _ in range(20000):
        line = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))).strip()
        assert boilerplate.undecorate(line) == trail.sub("", lead.sub("", line)), line
        for n in (1, 3, 12):
            assert boilerplate.is_prose(line, n) == (len(line.split()) >= n and prose_end.search(line) is not None), line
