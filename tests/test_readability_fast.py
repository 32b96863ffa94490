"""The fast readability paths give exactly what the plain forms give.

``readability.count_sentences`` is textstat's ``count_sentences`` in one regular expression;
``measure_by_name("flesch_reading_ease")`` counts words and syllables token by token instead of
calling textstat's ``flesch_reading_ease``, whose value it must equal to the last bit. The metric
checker dismisses units by their token count and counts words only for units that cross the
limit; the oracle is the checker it replaced, kept here. Nothing is timed.
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.document import Span
from newslint.kinds.base import Context, Match
from newslint.kinds.metric import MEASURES, tokens_at_least, word_count
from newslint.specs.metric import Rule
from newslint.readability import count_sentences, measure_by_name, textstat_module
from newslint.readers import read_source

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*"))

# Words and pieces that stress textstat's punctuation removal, sentence split and lower-casing.
PIECES = [
    "The", "minister", "said", "international", "co-operation", "well-known", "-", "--", "—", "–",
    "don't", "Don't", "'tis", "rock'n'roll", "students'", "'quote'", "''", "'", "'s", "'t", "'ve",
    "’s", "don’t", "“Yes,”", "„Ja“", "«non»", "1990s", "3.5", "$1,200", "10%", "No.", "4", "_", "__init__",
    "a_b", "U.S.", "U.S.A.", "Dr.", "Mr.", "e.g.", "etc.", "...", "…", "?!", "!", ".", ",", ";", ":",
    "İstanbul", "İ", "ſt", "ß", "STRASSE", "Straße", "ΣΑΣ", "ΟΔΥΣΣΕΥΣ", "σς", "Ελλάδα", "naïve", "café",
    "Kyivska", "zzyzxq", "FBI", "NATO's", "x", "I", "a", "ﬁnance", "Ǆemal", "ǅ", "\u0301", "e\u0301",
    "中国", "日本語", "١٢٣", "Ⅻ", "½", "²", "&", "#", "@user", "http://x.org/a.b", "(", ")", "[1]",
]
SPACES = [" ", " ", " ", "  ", "\t", "\u00a0", "\u2009", "\u3000", "\x1c", "\u2028", "\u200b", "\u180e"]


# The sentence segmenter (sentencex) panics on a word, non-ASCII white space and a full stop
# ("I\u3000."), so documents that get segmented take their white space from these.
SEGMENTABLE_SPACES = [s for s in SPACES if s.isascii() or not s.isspace()]


def _random_text(rng: random.Random, n: int, spaces: list[str] = SPACES) -> str:
    out = []
    for _ in range(n):
        out.append(rng.choice(PIECES))
        out.append(rng.choice(spaces) if rng.random() < 0.9 else "")
    return "".join(out)


def _seed_texts() -> list[str]:
    out = []
    for path in SEEDS:
        doc = read_source(path.read_text(encoding="utf-8"), str(path))
        out.append(doc.text)
        out += [doc.text[p.start : p.end] for p in doc.paragraphs]
        out += [doc.text[s.start : s.end] for s in doc.sentences]
    return out


def _generated_texts() -> list[str]:
    rng = random.Random(20240611)
    return ["", " ", "\n", "...", "_", "— — —"] + [_random_text(rng, rng.randint(0, 120)) for _ in range(1500)]


TEXTS = _seed_texts() + _generated_texts()


def _textstat():
    textstat = textstat_module()
    try:
        from textstat.backend.counts import count_sentences as plain_count_sentences
    except ImportError:
        pytest.skip("this textstat has no backend to compare with")
    return textstat, plain_count_sentences


def test_the_fast_flesch_is_in_use():
    """The checks below compare the fast path, not textstat with itself."""
    textstat, _ = _textstat()
    if not (0, 7, 10) <= getattr(textstat, "__version__", (0,)) <= (0, 7, 13):
        pytest.skip("a textstat the fast path was not checked against: the library is called")
    assert hasattr(measure_by_name("flesch_reading_ease"), "with_tokens")


def test_sentence_count_is_textstats():
    _, plain = _textstat()
    for text in TEXTS:
        assert count_sentences(text) == plain.__wrapped__(text), text


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES + SPACES + ["\n", "a b c", "one two three."]), max_size=60))
def test_sentence_count_is_textstats_for_any_mix(pieces):
    _, plain = _textstat()
    text = "".join(pieces)
    assert count_sentences(text) == plain.__wrapped__(text)


def test_flesch_is_textstats_to_the_last_bit():
    textstat, _ = _textstat()
    fast = measure_by_name("flesch_reading_ease")
    with_tokens = getattr(fast, "with_tokens", lambda text, tokens: fast(text))
    for text in TEXTS:
        want = textstat.flesch_reading_ease(text)
        assert fast(text) == want, text
        assert with_tokens(text, text.split()) == want, text
        assert fast(text) == want  # asked again: from the remembered tokens


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES + SPACES + ["\n"]), max_size=80))
def test_flesch_is_textstats_for_any_mix(pieces):
    textstat, _ = _textstat()
    text = "".join(pieces)
    assert measure_by_name("flesch_reading_ease")(text) == textstat.flesch_reading_ease(text)


def test_flesch_follows_textstats_language_and_rounding():
    textstat, _ = _textstat()
    instance = textstat.textstat
    fast = measure_by_name("flesch_reading_ease")
    texts = TEXTS[::7]
    try:
        instance.set_lang("de_DE")
        instance.set_rounding_points(2)
        assert [fast(t) for t in texts] == [textstat.flesch_reading_ease(t) for t in texts]
    finally:
        instance.set_lang("en_US")
        instance.set_rounding_points(None)
    assert [fast(t) for t in texts] == [textstat.flesch_reading_ease(t) for t in texts]


def test_lowering_is_token_by_token():
    """What the fast path relies on: no character lowers to or from white space, and lowering a
    text is lowering each of its white-space-separated pieces (a final sigma's context stops at
    white space)."""
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        lowered = c.lower()
        assert lowered == c if c.isspace() else not any(x.isspace() for x in lowered), hex(code)
    spaces = [chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace()]
    for ws in spaces:
        for left, right in (("a", "Σ"), ("AΣ", "a"), ("Σ", "Σ"), ("ΑΣ'", "'Σ"), ("a\u0301", "Σb")):
            assert (left + ws + right).lower() == left.lower() + ws + right.lower(), (hex(ord(ws)), left, right)


def test_tokens_at_least():
    for text in TEXTS:
        for least in (0, 1, 2, 30, 46):
            got = tokens_at_least(text, least)
            assert got == (text.split() if len(text.split()) >= least else None)


# -- the metric checker, against the one it replaced ---------------------------------------------
def _previous_check(rule: Rule, doc) -> list[Match]:
    """The metric checker before: every unit's words counted, then measured with textstat."""
    r = rule
    if r.unit == "document":
        units = [Span(doc.paragraphs[0].start, doc.paragraphs[-1].end)] if doc.paragraphs else []
    elif r.unit == "paragraph":
        units = doc.paragraphs
    elif r.measure == "words" and r.above is not None:
        units = [s for p in doc.paragraphs if word_count(doc.text[p.start : p.end]) > r.above for s in doc.sentences_in(p)]
    else:
        units = doc.sentences
    measure = word_count if r.measure == "words" else getattr(textstat_module(), r.measure)
    out = []
    for unit in units:
        text = doc.text[unit.start : unit.end]
        words = word_count(text)
        if words < max(r.min_words, 1):
            continue
        value = measure(text)
        if (r.above is not None and value > r.above) or (r.below is not None and value < r.below):
            limit = r.above if r.above is not None else r.below
            limit = int(limit) if float(limit).is_integer() else limit
            out.append(Match(unit.start, unit.end, fields={"value": round(value, 1), "limit": limit, "words": words, "unit": r.unit}))
    return out


def _rule(**fields) -> Rule:
    return Rule.model_validate({
        "code": "R900", "name": "test-metric", "category": "readability", "kind": "metric", "message": "{value}",
        "description": "A metric rule made up for the equivalence tests.", "examples": {"flag": ["x"], "pass": ["y"]}, **fields,
    })


RULES = [
    {"measure": "words", "unit": "sentence", "above": 45},  # R001
    {"measure": "flesch_reading_ease", "unit": "paragraph", "below": 0, "min_words": 30},  # R002
    {"measure": "words", "unit": "sentence", "above": 8.5, "min_words": 12},
    {"measure": "words", "unit": "paragraph", "above": 0},
    {"measure": "words", "unit": "sentence", "below": 5},
    {"measure": "words", "unit": "document", "below": 10_000, "min_words": 3},
    {"measure": "flesch_reading_ease", "unit": "sentence", "below": 60},
    {"measure": "flesch_reading_ease", "unit": "paragraph", "above": 50, "min_words": 2},
    {"measure": "flesch_reading_ease", "unit": "document", "below": 100},
    {"measure": "gunning_fog", "unit": "paragraph", "above": 10, "min_words": 5},
]


def _documents() -> list:
    docs = [read_source(p.read_text(encoding="utf-8"), str(p)) for p in SEEDS]
    rng = random.Random(7)
    for _ in range(60):
        paras = []
        for _ in range(rng.randint(0, 8)):
            kind = rng.random()
            if kind < 0.1:
                paras.append(" ".join(rng.choice(["—", "-", "&", "...", "_", "''", "“", "__"]) for _ in range(rng.randint(25, 60))))
            elif kind < 0.15:
                paras.append("")
            else:
                paras.append(_random_text(rng, rng.randint(1, 140), SEGMENTABLE_SPACES))
        docs.append(read_source("\n".join(paras) + "\n", "t.txt"))
    return docs


@pytest.mark.parametrize("fields", RULES, ids=lambda f: "-".join(str(v) for v in f.values()))
def test_metric_checker_finds_what_the_previous_one_found(fields):
    rule = _rule(**fields)
    checker = rule.compile()
    flagged = 0
    for doc in _documents():
        got = list(checker.check(doc, Context()))
        assert got == _previous_check(rule, doc), doc.text[:200]
        flagged += len(got)
    assert flagged  # each variant flags something, so the comparison is not between empty lists


def test_shipped_readability_rules_find_what_the_previous_checker_found():
    from newslint.packs import load_packs

    rules = [r for r in load_packs().rules if r.code in ("R001", "R002")]
    assert len(rules) == 2
    for rule in rules:
        checker = rule.compile()
        for doc in _documents():
            assert list(checker.check(doc, Context())) == _previous_check(rule, doc)


def test_units_too_short_for_words_are_measured_without_error():
    """Units with enough tokens but too few words are now measured before they are counted:
    every measure takes such a unit (punctuation, underscores) in its stride."""
    texts = [" ".join(["—"] * 40), " ".join(["_"] * 40), " ".join(["“", "''", "..."] * 15), "— " * 30 + "a"]
    for name in sorted(MEASURES - {"words"}):
        measure = measure_by_name(name)
        for text in texts:
            measure(text)
