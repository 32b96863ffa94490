"""The faster pattern and metric machinery finds exactly what the plain form finds.

``alternation`` writes a phrase list as a trie; the oracle is the plain longest-first list it
replaced (``_flat_alternation``). ``shape.required_lists`` lets a pattern skip paragraphs without a
word of a list it requires; the oracle is running every pattern on every paragraph.
``word_count`` counts with one regular expression; the oracle is the character-by-character
count it replaced. Nothing is timed.
"""
from __future__ import annotations

import random
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings, strategies as st

from newslint.readers import read_source
from newslint.kinds.base import Context, _flat_alternation, alternation
from newslint.specs.pattern import Rule
from newslint.kinds.shape import required_lists

WORDS = ["a", "an", "analyst", "analysts", "a few", "a lot of", "US", "us", "U.S.", "don't", "don’t",
         "high-level", "high", "experts", "expert", "ex", "say", "says", "said", "Über", "über"]
phrases = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8)
texts = st.lists(st.sampled_from(WORDS + [" ", "  ", "\n", ",", ".", "x", "'"]), max_size=30).map("".join)


def _spans(rx, text):
    return [m.span() for m in rx.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(phrases, texts, st.booleans())
def test_trie_matches_the_flat_list(words, text, ignorecase):
    flags = regex.IGNORECASE if ignorecase else 0
    unique = sorted({w for w in words}, key=lambda s: (-len(s), s))
    flat = regex.compile(r"(?<![\w-])(?:" + _flat_alternation(unique) + r")(?![\w-])", flags)
    trie = regex.compile(r"(?<![\w-])(?:" + alternation(words, fold=False) + r")(?![\w-])", flags)
    assert _spans(trie, text) == _spans(flat, text)
    # folded, as pattern rules use it inside (?i:...)
    folded = regex.compile(r"(?i:" + alternation(words, fold=True) + r")")
    plain = regex.compile(r"(?i:" + _flat_alternation(unique) + r")")
    assert _spans(folded, text) == _spans(plain, text)


def test_trie_shares_prefixes():
    assert alternation(["analysts", "analyst", "academics"], fold=True) == "a(?:cademics|nalyst(?:s)?)"
    assert alternation(["US", "us"], fold=False) == _flat_alternation(["US", "us"])  # case variants: plain list


def test_required_lists():
    assert required_lists(r"(?:{det}\s+)?(?:{mod}\s+){0,3}{group}\s+(?:{aux}\s+)*{verb}") == {"group", "verb"}
    assert required_lists(r"{a}|{b}") == set()
    assert required_lists(r"(?<={a}\s)(?={b}){c}?[{d}]{e}{0,2}\p{Ll}{f}") == {"f"}
    assert required_lists(r"(?:x(?:{a}))+") == {"a"}


def _rule(patterns, prefilter):
    return Rule.model_validate({
        "code": "A900", "name": "test-rule", "category": "attribution", "kind": "pattern", "message": "{match}",
        "description": "a test rule for the pattern prefilter",
        "define": {"group": ["analysts", "experts", "observers"], "verb": ["say", "said", "warn"], "det": ["some", "many"]},
        "patterns": patterns, "prefilter": prefilter,
        "examples": {"flag": ["Experts say so."], "pass": ["Nobody did."]},
    })


def test_per_pattern_prefilter_finds_what_every_paragraph_finds():
    patterns = [r"(?:{det}\s+)?{group}\s+{verb}", r"\b{det}\s+\w+\s+{verb}", r"{group}|{det}"]
    fast = _rule(patterns, ["group", "det"]).compile()
    rng = random.Random(7)
    vocab = "some many analysts experts observers say said warn the a of officials claims".split()
    for _ in range(200):
        paras = [" ".join(rng.choice(vocab) for _ in range(rng.randint(1, 12))) for _ in range(rng.randint(1, 5))]
        doc = read_source("\n\n".join(paras), "t.txt")
        got = [(m.start, m.end) for m in fast.check(doc, Context())]
        want, seen = [], set()
        for p in patterns:
            rx = regex.compile(fast.sources[patterns.index(p)], regex.MULTILINE)
            for para in doc.paragraphs:
                for m in rx.finditer(doc.text, para.start, para.end):
                    if m.span() not in seen and m.end() > m.start():
                        seen.add(m.span())
                        want.append(m.span())
        assert got == want


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1_ -—&.,\n\t\u00a0\u2003é٣²½ⅷ'’\u200b")), max_size=60))
def test_word_count_counts_tokens_with_a_letter_or_digit(text):
    from newslint.kinds.metric import word_count

    assert word_count(text) == sum(1 for w in text.split() if any(c.isalnum() for c in w))


def test_paragraph_words_after_a_letter_that_lowers_to_two():
    doc = read_source("İİİİ İİİİ opened\n\nAnalysts say the mood was calm\n", "t.txt")
    assert doc.paragraph_words[1] == {"analysts", "say", "the", "mood", "was", "calm"}


def test_remembered_syllables_answer_as_the_sources_do():
    from newslint import lexicon
    from newslint.readability import _Pronunciations

    d = _Pronunciations(lexicon.SYLLABLES)
    for _ in range(2):  # the second round is answered from memory
        assert d["international"] == [["1"] * 5] and d["cat"] == [["1"]]
        for unknown in ("zzyzxq", "kyivska"):
            with pytest.raises(KeyError):
                d[unknown]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["The", "international", "Kyivska", "zzyzxq", "co-operation", "don't", "1990s",
                                 "Shoigu's", "naïve", "rhythm", "FBI", "—", ",", ".", "!", "\n", "Ελλάδα"]), max_size=40))
def test_remembered_syllable_count_is_textstats(words):
    """Same count as textstat's own function (which reads the same dictionary) for any text,
    asked twice so the second answer comes from memory; and every textstat module uses it."""
    import sys

    from newslint.readability import textstat_module

    textstat = textstat_module()
    from textstat.backend.counts import _count_syllables

    fast = _count_syllables.count_syllables
    text = " ".join(words)
    for lang in ("en_US", "de_DE"):
        want = fast.original.__wrapped__(text, lang)  # textstat's own, past its cache
        assert fast(text, lang) == want and fast(text + " ", lang) == want
    assert textstat.syllable_count(text) == fast.original.__wrapped__(text, "en_US")
    assert all(getattr(m, "count_syllables", fast) is fast for n, m in sys.modules.items() if n.startswith("textstat."))


def _shipped_sources():
    from newslint.packs import load_packs

    out = []
    for r in load_packs().rules:
        if r.kind == "pattern":
            out += [(s, (regex.IGNORECASE if r.ignorecase else 0) | regex.MULTILINE) for s in r._sources]
    return out


def _new_process(regexcache, monkeypatch, record) -> None:
    """``regexcache`` as a new process finds it: nothing read, used or recorded yet, and its
    record at ``record``."""
    monkeypatch.setattr(regexcache, "_file", lambda: record)
    for name, empty in (("_recorded", None), ("_new", {}), ("_taken", {}), ("_added", False)):
        monkeypatch.setattr(regexcache, name, empty)


def _seed_text(extra: str) -> str:
    seeds = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
    return "\n".join(p.read_text(encoding="utf-8") for p in seeds) + extra


def test_recorded_regex_compiles_match_as_regex_compile_does(tmp_path, monkeypatch):
    """Every shipped pattern, compiled from the arguments recorded on disk in an earlier
    "process" (without the ``regex`` parser, which is made to fail), finds what regex.compile's
    pattern finds."""
    from newslint import regexcache

    _new_process(regexcache, monkeypatch, tmp_path / "regex.pickle")
    sources = _shipped_sources() + [(r"(?P<a>\p{Lu}\w+)\s+(?i:said|says)", 0), (r"(?r)\d+", 0)]
    regex.purge()
    for s, f in sources:
        regexcache.compile(s, f)
        regexcache.compile(s, f)  # again, in the same process: what it recorded is still saved
    regexcache.save()
    assert (tmp_path / "regex.pickle").is_file()
    _new_process(regexcache, monkeypatch, tmp_path / "regex.pickle")  # which reads it back from disk
    regex.purge()
    with monkeypatch.context() as m:
        m.setattr(regex._main, "_compile", lambda *a, **k: pytest.fail("the parser ran"))
        recorded = [regexcache.compile(s, f) for s, f in sources]
        # a pattern compiled in a second place comes from the record too, and nothing is
        # recorded anew, so the file is not written again
        assert all(regexcache.compile(s, f).pattern == s for s, f in sources)
    assert regexcache._new == {} and not regexcache._added
    text = _seed_text("\nSome analysts say that, according to reports, Officials said the the talks failed 2024.\n")
    for (s, f), rx in zip(sources, recorded):
        plain = regex.compile(s, f)
        assert rx.groupindex == plain.groupindex and rx.groups == plain.groups and rx.flags == plain.flags
        assert [m.span() for m in rx.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_recorded_re_compiles_match_as_re_compile_does(tmp_path, monkeypatch):
    """The standard library's ``re`` patterns newslint compiles through the record (ftfy's mojibake
    detector among them), compiled in a later "process" from what was recorded (with ``re``'s
    parser made to fail), find what ``re.compile``'s patterns find."""
    import re

    from ftfy.badness import BADNESS_RE

    from newslint import readability, regexcache, segment
    from newslint.kinds import balance, encoding, metric

    _new_process(regexcache, monkeypatch, tmp_path / "regex.pickle")
    sources = [(BADNESS_RE.pattern, BADNESS_RE.flags), (r"(?P<w>\w+)-(?P=w)", re.IGNORECASE)]
    sources += [(p.pattern, p.flags) for p in (balance._MARKS, encoding._CONTROL, metric._NO_ALNUM_TOKEN,
                                               readability._SENTENCE, segment._WIDE_BEFORE_STOP)]
    for s, f in sources:
        regexcache.compile_re(s, f)
    regexcache.save()
    _new_process(regexcache, monkeypatch, tmp_path / "regex.pickle")  # which reads it back from disk
    re.purge()
    with monkeypatch.context() as m:
        m.setattr(re._compiler, "compile", lambda *a, **k: pytest.fail("the parser ran"))
        recorded = [regexcache.compile_re(s, f) for s, f in sources]
    text = _seed_text("\nThe the café’s â€œmenuâ€\x9d (costs) “£5” — ok-OK\u3000. Ã©tÃ© ÐŸÑ€Ð¸\x07.\n")
    for (s, f), rx in zip(sources, recorded):
        plain = re.compile(s, f)
        assert rx.groupindex == plain.groupindex and rx.groups == plain.groups and rx.flags == plain.flags
        assert [m.span() for m in rx.finditer(text)] == [m.span() for m in plain.finditer(text)]
        assert any(True for _ in plain.finditer(text)), s[:40]  # the text does hold matches


def test_the_regex_record_keeps_at_most_its_limit_dropping_the_oldest_unused(tmp_path, monkeypatch):
    import pickle

    from newslint import regexcache

    record = tmp_path / "regex.pickle"
    monkeypatch.setattr(regexcache, "MAX_RECORDED", 5)

    def process(*patterns: str) -> list[str]:
        """A new process compiles ``patterns`` and saves; what the record then holds."""
        _new_process(regexcache, monkeypatch, record)
        for p in patterns:
            regexcache.compile(p, 0)
        regexcache.save()
        return [key[0] for key in pickle.loads(record.read_bytes())]

    assert process("a1", "b1") == ["a1", "b1"]
    assert process("c1", "d1") == ["a1", "b1", "c1", "d1"]
    assert process("e1", "f1") == ["b1", "c1", "d1", "e1", "f1"]  # the oldest, "a1", goes
    # "b1", the oldest now, is kept while the process saving uses it
    assert process("b1", "g1", "h1") == ["b1", "e1", "f1", "g1", "h1"]
    _new_process(regexcache, monkeypatch, record)
    with monkeypatch.context() as m:
        m.setattr(regex._main, "_compile", lambda *a, **k: pytest.fail("the parser ran"))
        assert regexcache.compile("b1", 0).search("xb1")


def test_damaged_or_unwritable_regex_record_falls_back(tmp_path, monkeypatch):
    from newslint import regexcache

    (tmp_path / "regex.pickle").write_bytes(b"not a pickle")
    _new_process(regexcache, monkeypatch, tmp_path / "regex.pickle")
    assert regexcache.compile(r"\bab+c", 0).findall("abbc abc ac") == ["abbc", "abc"]
    (tmp_path / "a-file").write_text("")
    monkeypatch.setattr(regexcache, "_file", lambda: tmp_path / "a-file" / "regex.pickle")
    regexcache.save()  # a file stands where the folder should be: no error, nothing written
    assert regexcache.compile(r"x+", 0).findall("xx x") == ["xx", "x"]


def test_preloaded_hyphenation_patterns_are_pyphens_own(tmp_path, monkeypatch):
    import pyphen

    from newslint.readability import _preload_hyphenation

    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    path = pyphen.LANGUAGES[pyphen.language_fallback("en_US")]
    monkeypatch.setattr(pyphen, "hdcache", {})
    _preload_hyphenation("en_US")  # parsed and stored
    monkeypatch.setattr(pyphen, "hdcache", {})
    _preload_hyphenation("en_US")  # read back from the compiled cache
    fresh = pyphen.HyphDict(path)
    assert pyphen.hdcache[path].patterns == fresh.patterns and pyphen.hdcache[path].maxlen == fresh.maxlen
    assert list((tmp_path / "compiled").glob("pyphen-*"))
