"""Pattern rules tried around their pivot words find exactly what searching every paragraph finds.

``shape`` reads a pattern's structure (required lists, the white space before each, the words a
match begins with); the pattern kind then tries a pattern only near the places its pivot list's
words occur. The oracle is the plain search: every pattern of every shipped pattern rule (and of
small test rules) run with ``finditer`` over every paragraph, on the seeds and on generated text
full of the rules' own words, glued digits, hyphens, capitals and letters that case-insensitive
matching relates to ASCII ("İ", "ſ", the Kelvin sign). Nothing is timed.
"""
from __future__ import annotations

import random
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings, strategies as st

from newslint.kinds.base import Context
from newslint.kinds.pattern import Checker, Pivot
from newslint.specs.pattern import Rule
from newslint.kinds.shape import UPPER, Unknown, ends_lines, first_heads, parse, pivots, required_lists
from newslint.readers import read_source

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
WORDS = {"det": 0, "mod": 1, "group": 0, "aux": 0, "verb": 0}


def test_pivots_count_the_white_space_before_each_required_list():
    pattern = r"(?<![\p{L}-])(?:{det}\s+)?(?:{mod}\s+){0,3}{group}(?:\s+of\s+\p{Ll}+)?\s+(?:{aux}\s+){0,2}{verb}"
    # det: one run after it; mod: a two-word phrase plus its run, three times; verb: after the
    # optional "of" phrase (two runs), one run, and two aux with a run each
    assert pivots(pattern, WORDS) == [("group", 7), ("verb", 12)]
    assert pivots(r"(?:^|(?<=[.;]\s*))(?:{det})\s+{group}", WORDS) == [("det", 0), ("group", 1)]
    assert pivots(r"[^,]*{group}", WORDS) == []  # a class that takes white space, any number of times
    assert pivots(r"{det}|{group}", WORDS) == []  # alternatives: neither is always there
    assert pivots(r"\w+\s+\S+\s*{group}", WORDS) == [("group", 2)]


def test_white_space_in_classes_escapes_and_properties():
    assert pivots(r"[\p{L}’'-]+\s+{group}", WORDS) == [("group", 1)]
    assert pivots(r"[a-z ]+{group}", WORDS) == []
    assert pivots(r"\p{Z}{group}", WORDS) == [("group", 1)]
    assert pivots(r"\P{L}{group}", WORDS) == [("group", 1)]
    assert pivots(r"x\ y{group}", WORDS) == [("group", 1)]
    assert pivots(r"\S\d\w\.{group}", WORDS) == [("group", 0)]


def test_what_the_reader_does_not_follow_gives_no_answer():
    for pattern in (r"(\w+)\s+\1{group}", r"(?r){group}", r"(?x){group} # note", r"(?(1)a|b){group}", "(a{group}"):
        assert pivots(pattern, WORDS) == []
    with pytest.raises(Unknown):
        parse(r"(\w+) \1")
    assert required_lists(r"(\w+) \1{group}") == set()


def test_required_lists_look_into_alternatives():
    assert required_lists(r"(?:{det}\s+{group}|{group}\s+{verb})") == {"group"}
    assert required_lists(r"(?:{det}|{group})?{verb}+") == {"verb"}


def test_patterns_that_end_lines():
    assert ends_lines(r"(?mr)(?<!x)(?:a|b\s)$")
    assert not ends_lines(r"(?m)a$") and not ends_lines(r"(?mr)a$|b") and not ends_lines(r"(?mr)a\$")
    assert not ends_lines(r"(?mr)a$?")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "the", " ", "\n", ",", "\n\n", "x"]), max_size=30).map("".join))
def test_line_end_patterns_find_what_a_backward_search_finds(text):
    doc = read_source(text, "t.txt")
    for pattern in (r"(?mr)(?<![a-z])[a-z]+,?$", r"(?mr)(?:the|a)\s*$", r"(?mr)a\s+b$", r"(?mr)x?$"):
        rx = regex.compile(pattern)
        got = [m.span() for m in Checker._at_line_ends(doc, rx, Context())]
        assert got == [m.span() for m in rx.finditer(doc.text)], pattern


def test_first_heads():
    heads = {"det": ["some", "many"], "group": ["analysts"]}
    assert first_heads(r"(?<![\p{L}-])(?:{det}\s+)?{group}", heads) == (("analysts", "many", "some"), True)
    assert first_heads(r"(?<![\p{L}-])(?i:according)\s+to\s+{group}", heads) == (("according",), False)
    assert first_heads(r"(?i:is|are|rumou?red)\s+{group}", heads) == (("are", "is", "rumo"), False)
    # may begin with any capital
    assert first_heads(r"(?:{det}\s+)?\p{Lu}\w+", heads) == ((UPPER, "many", "some"), True)
    # where case is ignored, \p{Lu} matches any letter
    assert first_heads(r"(?:{det}\s+)?(?i:\p{Lu}\w+)", heads) == (None, True)
    assert first_heads(r"(?:{det}\s+)?[\p{Lu}]\w+", heads) == (None, True)  # a class: not followed
    assert first_heads(r"(?:{det})?", heads) == (None, True)  # may match nothing


def _shipped_checkers():
    from newslint.packs import load_packs

    return [(r.code, r, r.compile()) for r in load_packs().rules if r.kind == "pattern"]


def _plain(checker: Checker, k: int, doc) -> list[tuple[int, int]]:
    rx = regex.compile(checker.sources[k], checker.flags)
    return [m.span() for p in doc.paragraphs for m in rx.finditer(doc.text, p.start, p.end)]


def _tried(checker: Checker, k: int, doc) -> list[tuple[int, int]]:
    rx = regex.compile(checker.sources[k], checker.flags)
    ranges = checker._ranges(doc, checker.anchors[k])
    if ranges is None:  # no anchors: the whole text, which is the plain search across paragraphs
        return [m.span() for p in doc.paragraphs for m in rx.finditer(doc.text, p.start, p.end)]
    return [m.span() for m in checker._matches(doc, rx, k, ranges, Context())]


def _vocabulary(rules) -> list[str]:
    words = set()
    for rule in rules:
        for phrases in rule.define.values():
            words.update(p for p in phrases if p.strip())
    return sorted(words)


ODD = ["İ", "ſ", "\u212a", "2", "_", "-", "’s", "'s", "U.S.", "(", "“", "”", ",", ".", "\u00a0", "  ", "\t",
       "Éric", "\U0001d400bc", "\u01c5"]  # capitals outside ASCII (a mathematical bold A, a title-case Dž)


def _generated(rnd: random.Random, vocab: list[str], n: int) -> list[str]:
    texts = []
    for _ in range(n):
        paras = []
        for _ in range(rnd.randint(1, 4)):
            parts = []
            for _ in range(rnd.randint(3, 30)):
                w = rnd.choice(vocab) if rnd.random() < 0.7 else rnd.choice(ODD + ["the", "said", "Reuters", "on", "to"])
                w = w.capitalize() if rnd.random() < 0.2 else w.upper() if rnd.random() < 0.05 else w
                if rnd.random() < 0.08:  # glue something to the word: "2reportedly", "analysts_", "ſome"
                    w = rnd.choice(ODD) + w if rnd.random() < 0.5 else w + rnd.choice(ODD)
                if rnd.random() < 0.04:
                    w = w.replace("s", "ſ", 1).replace("k", "\u212a", 1).replace("i", "İ", 1)
                if parts and rnd.random() < 0.08:  # the word again: "the the", "(the The", "the,the"
                    last = (parts[-1].split() or ["the"])[-1]
                    parts[-1] = rnd.choice(["", "", "(", "“", "2"]) + last
                    w = rnd.choice(["", "", "(", "2"]) + last.lstrip("(“2") + rnd.choice(["", "", ",", "-"])
                parts.append(w)
            paras.append(" ".join(parts) + rnd.choice([".", "", ",", " said officials."]))
        texts.append("\n\n".join(paras))
    return texts


def test_shipped_pattern_rules_find_what_the_plain_search_finds():
    checkers = _shipped_checkers()
    assert any(any(c.pivots) for _, _, c in checkers), "no shipped pattern is tried around a pivot"
    vocab = _vocabulary(r for _, r, _ in checkers)
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))] if SEEDS.is_dir() else []
    texts += _generated(random.Random(11), vocab, 400)
    found = {}
    for text in texts:
        doc = read_source(text, "t.txt")
        for code, _, checker in checkers:
            for k in range(len(checker.sources)):
                got = _tried(checker, k, doc)
                assert got == _plain(checker, k, doc), (code, k, text[:200])
                found[code] = found.get(code, 0) + len(got)
    assert found["G020"] > 20 and found["A001"] > 50 and found["A002"] > 20 and found["G025"] > 5, found


def _test_rule(patterns: list[str], prefilter: list[str]) -> Rule:
    return Rule.model_validate({
        "code": "A900", "name": "test-rule", "category": "attribution", "kind": "pattern", "message": "{match}",
        "description": "a test rule for pivots",
        "define": {"group": ["analysts", "experts", "high-level observers"], "verb": ["say", "said", "warn"],
                   "det": ["some", "many", "a few"], "mod": ["senior", "Western", "top level"]},
        "patterns": patterns, "prefilter": prefilter,
        "examples": {"flag": ["Experts say so."], "pass": ["Nobody did."]},
    })


TEST_PATTERNS = [
    r"(?<![\p{L}-])(?:{det}\s+)?(?:{mod}\s+){0,3}{group}\s+{verb}(?![\p{L}-])",
    r"(?:{det}\s+)?(?:\p{Lu}\w*\s+){0,2}{group}",  # no boundary before: may start inside a word
    r"(?<![\p{L}-])(?:{mod}[,;]?\s*)+{group}",  # unbounded before the list: tried where a {mod} begins
    r"{det}\s+(?:{mod}\s+)?(?:{group}|people)\s+{verb}",
    # may begin with any capital: tried where a capital or a first word begins
    r"(?<![\p{L}-])(?:{det}\s+)?(?:(?:{mod}|(?:\p{Lu}\.){2,}|\p{Lu}[\p{L}’'-]*)\s+){0,3}{group}\s+{verb}(?![\p{L}-])",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["some", "Many", "a few", "senior", "western", "Top  level", "analysts", "experts",
                                 "high-level observers", "say", "SAID", "warn", "x", "2", "-", "ſome", "İ", "\u212aey",
                                 "people", ",", ";", "(", "Officials", "\n", " ", "\u00a0", "U.S.", "Éric", "\U0001d400x", "\u01c5",
                                 "sEnior", "OBSERVERS"]), max_size=40)
       .map(" ".join))
def test_test_patterns_find_what_the_plain_search_finds(text):
    checker = _test_rule(TEST_PATTERNS, ["group", "det"]).compile()
    assert checker.pivots[0].whole and checker.pivots[1].whole  # around the group list
    assert checker.pivots[2] == Pivot(0, frozenset({"senior", "western", "top"}), whole=False)  # at a first word
    rule = _test_rule(TEST_PATTERNS, ["group", "det"])
    assert rule._heads[4] == ("a", "analysts", "experts", "high", "many", "senior", "some", "top", "western")
    assert rule._cased[4] and rule._start_sources[4].startswith("(?<![a-zA-Z\\-])(?=\\p{Lu}|(?i:")
    doc = read_source(text, "t.txt")
    for k in range(len(TEST_PATTERNS)):
        assert _tried(checker, k, doc) == _plain(checker, k, doc), k

