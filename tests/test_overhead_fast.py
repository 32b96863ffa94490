"""The shortcuts around the small rule kinds and the readers give exactly what the plain code gave.

Never timed: each test runs the fast path and a straightforward reference (the previous code, kept
here, or the library call it replaced) on the seeds and on generated documents: random mixes of
the rules' own words and lines, Unicode that folds or lowers oddly ("İ", "ſ", "ß"), curly quotes,
brackets, control characters, mojibake, empty paragraphs and CR line ends.
"""
from __future__ import annotations

import gc
import random
import re
import sys
from pathlib import Path

import pytest

from support import plain_substitution, substitution_rule

from newslint.document import OffsetMapBuilder
from newslint.kinds import balance, boilerplate, encoding
from newslint.kinds.base import Context, Match
from newslint.packs import load_packs
from newslint.readers import read_source
from newslint.readers import text as text_reader

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*"))
RULES = {r.code: r for r in load_packs().rules}
ODD = ["İ", "ſ", "ß", "ﬁ", "é", "É", "“", "”", "‘", "’", "«", "»", "—", "–", "…", "\xa0", "\u2003", "\t", "٣", "Σ"]


def _seed_sources() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in SEEDS]


def _found(checker, doc) -> list[tuple]:
    return sorted((m.start, m.end, m.suggestion, tuple(sorted(m.fields.items()))) for m in checker.check(doc, Context()))


def _doc(text: str):
    return read_source(text, "a.txt", "text")


# -- the text reader: one linear piece when nothing needs mapping --------------------------
def _read_piecewise(source: str, path: str):
    """The text reader as it was: every line and line end added on its own."""
    b = OffsetMapBuilder()
    pos = 0
    for m in text_reader._EOL.finditer(source):
        text_reader._add_line(b, source, pos, m.start())
        b.add("\n", m.start(), m.end())
        pos = m.end()
    text_reader._add_line(b, source, pos, len(source))
    return b.build(source, path, "text")


def _fields(doc) -> dict:
    return {k: getattr(doc, k) for k in ("path", "fmt", "source", "text", "runs", "masked", "metadata", "links")}


def _text_sources(rng: random.Random, n: int) -> list[str]:
    pieces = ["word", "The", " ", " ", "\n", "\n\n", "\n \n", ".", "http://example.com/a", "a@b.org", "<!-- x -->",
              "<!--", "-->", "\r\n", "\r", "\v", "\x0c", "\u2028", *ODD]
    out = ["", "\n", "\n\n", "x", "\r", "<!-- newslint-disable B001 -->"]
    for _ in range(n):
        out.append("".join(rng.choice(pieces) for _ in range(rng.randint(0, 40))))
    return out


def test_text_reader_gives_the_piecewise_document():
    rng = random.Random(11)
    sources = _seed_sources() + _text_sources(rng, 3000)
    fast = 0
    for source in sources:
        fast += "\r" not in source and "<!--" not in source
        assert _fields(text_reader.read(source, "a.txt")) == _fields(_read_piecewise(source, "a.txt")), repr(source)
    assert fast > 500  # the shortcut was taken, not only the long way


# -- boilerplate: lines remembered, verdicts remembered, paragraphs turned away early --------
def test_many_letters_matches_the_expression():
    rng = random.Random(2)
    pieces = ["a", "Z", "5", " ", "-", ".", "é", "ß", "İ", "٣", "\u0301", "’", "—", "_", "ǅ", "Σ", "ﬁ", "\xa0"]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(100, 300)))
        assert boilerplate._has_many_letters(text) == (boilerplate._MANY_LETTERS.match(text) is not None), text
    for n in (126, 127, 128, 129):
        for filler in ("", " ", "é", "-"):
            text = (("a" + filler) * n)[: len("a" + filler) * n]
            assert boilerplate._has_many_letters(text) == (boilerplate._MANY_LETTERS.match(text) is not None)


def test_prose_line_matches_is_prose():
    rng = random.Random(4)
    pieces = list("ab .!?…\"'”’»)]") + [" word", "\xa0", "\u2003", "İ"]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 40))).strip()
        if not text:
            continue
        for n in (1, 3, 6, 12):
            assert boilerplate._is_prose_line(boilerplate._Line(text), n) == boilerplate.is_prose(text, n), text
    assert boilerplate._is_prose_line(None, 1) is boilerplate.is_prose("", 1) is False


BOILERPLATE = [r for r in RULES.values() if r.kind == "boilerplate"]


def _boilerplate_lines(rng: random.Random) -> list[str]:
    """The rules' own lines and example texts, some decorated or recased, and prose of every length."""
    own = [x for r in BOILERPLATE for x in (*r.lines, *(r.after.lines if r.after else []))]
    own += [e.text for r in BOILERPLATE for e in (*r.examples.flags(), *r.examples.passes())]
    prose = ["The minister said the talks would resume on Monday.", "Read more", "Photo: AP", "World News",
             ("Markets rallied after the central bank held rates, analysts said, citing the outlook for "
              "inflation over the coming months and the strength of hiring in the spring.")]
    lines = []
    for _ in range(400):
        line = rng.choice(own + prose)
        r = rng.random()
        if r < 0.1:
            line = line.upper()
        elif r < 0.2:
            line = "• " + line + " ›"
        elif r < 0.25:
            line = line.replace("s", "ſ", 1).replace("i", "İ", 1)
        elif r < 0.35:
            line = " ".join([line] * rng.randint(2, 12))  # long lines, with and without many words
        elif r < 0.4:
            line = line.replace(" ", "\xa0")
        lines.append(line)
    return lines


def _boilerplate_docs(rng: random.Random, count: int) -> list:
    lines = _boilerplate_lines(rng)
    docs = []
    for _ in range(count):
        body = []
        for _ in range(rng.randint(1, 14)):
            body.append(rng.choice(lines) if rng.random() < 0.85 else rng.choice(["", "  ", "\t"]))
        docs.append(_doc("\n".join(body)))
    return docs


def _all_boilerplate(checkers, doc) -> list[tuple]:
    """Every boilerplate finding on ``doc``, the rules run in the engine's order sharing one context."""
    ctx = Context()
    out = []
    for code, checker in checkers:
        out += [(code, m.start, m.end) for m in checker.check(doc, ctx)]
    return sorted(out)


def test_boilerplate_finds_what_it_found_without_memos(monkeypatch):
    checkers = sorted(((r.code, r.compile()) for r in BOILERPLATE), key=lambda c: (c[1].order, c[0]))
    rng = random.Random(8)
    docs = [_doc(s) for s in _seed_sources()] + _boilerplate_docs(rng, 600)
    # twice over, so that the second pass meets every line again, remembered
    fast = [_all_boilerplate(checkers, d) for d in docs + docs]
    with monkeypatch.context() as m:
        # the previous code: a fresh line every time and every verdict worked out
        m.setattr(boilerplate, "_line", boilerplate._Line)
        m.setattr(boilerplate._LineMatcher, "__call__", boilerplate._LineMatcher._judge)
        m.setattr(boilerplate, "_is_prose_line", lambda ln, n: boilerplate.is_prose(ln.text if ln else "", n))
        plain = [_all_boilerplate(checkers, d) for d in docs + docs]
    assert fast == plain
    assert sum(map(len, plain)) > 300
    assert any(ln.verdicts for ln in boilerplate._memo.values())


def test_line_memo_is_bounded(monkeypatch):
    monkeypatch.setattr(boilerplate, "_memo", {})
    for i in range(boilerplate._MEMO_LINES + 10):
        boilerplate._line(f"line {i}")
    assert len(boilerplate._memo) <= boilerplate._MEMO_LINES
    long = "x " * boilerplate._MEMO_MAX_CHARS
    assert boilerplate._line(long) is not boilerplate._line(long)


# -- balance -------------------------------------------------------------------------------
class _PlainBalance(balance.Checker):
    """The balance checker as it was: paragraphs found from every mark, every mark tested in full."""

    def check(self, doc, ctx):
        marked = sorted({doc.paragraph_index(m.start()) for m in balance._MARKS.finditer(doc.text)})
        for k in marked:
            first = next(self._paragraph(doc, k), None)
            if first is not None:
                yield first

    def _paragraph(self, doc, k):
        text, paras = doc.text, doc.paragraphs
        para = paras[k]
        nxt = text[paras[k + 1].start] if k + 1 < len(paras) else ""
        label = balance._LIST_LABEL.match(text, para.start, para.end)
        stack, straight = [], []
        for m in balance._MARKS.finditer(text, label.end() if label else para.start, para.end):
            i, ch = m.start(), m.group()
            if doc.is_masked(i, i + 1) or balance._in_emoticon(text, i, stack):
                continue
            if i > para.start and text[i - 1].isdigit() and balance._is_inch_mark(ch, stack, straight, text):
                continue
            if ch == '"':
                straight.append(i)
            elif ch in balance._OPENERS:
                stack.append(i)
            elif stack and text[stack[-1]] == balance._PAIRS[ch]:
                stack.pop()
            elif any(text[j] == balance._PAIRS[ch] for j in stack):
                while text[stack[-1]] != balance._PAIRS[ch]:
                    yield self._unclosed(stack.pop(), text)
                stack.pop()
            else:
                yield Match(i, i + 1, fields={"what": "closing " + balance._NAMES[ch], "mark": ch, "problem": "has no opening mark"})
        last_quote = max((j for j in stack if text[j] in "“«"), default=-1)
        for i in stack:
            if i == last_quote and nxt in ("“", "«"):
                continue
            yield self._unclosed(i, text)
        if len(straight) % 2 and nxt != '"':
            yield Match(straight[-1], straight[-1] + 1, fields={"what": balance._NAMES['"'], "mark": '"', "problem": "has no partner (an odd number of straight quotes)"})


def test_balance_finds_what_it_found():
    rule = RULES["G024"]
    fast, plain = rule.compile(), _PlainBalance(rule)
    rng = random.Random(24)
    pieces = ["(", ")", "[", "]", "{", "}", "“", "”", "«", "»", '"', "word", " ", " ", "\n", "\n\n", ":", ";", "=",
              ":-", ";-", "-", "1", "12", "a", "b) ", "1) ", " x)", "http://example.com/(a)", "see www.x.org/)",
              "‘", "’", "İ", "ß", "\xa0", "\t"]
    docs = [_doc(s) for s in _seed_sources()]
    docs += [_doc("".join(rng.choice(pieces) for _ in range(rng.randint(0, 60)))) for _ in range(6000)]
    found = 0
    for doc in docs:
        expected = _found(plain, doc)
        assert _found(fast, doc) == expected, doc.text
        found += len(expected)
    assert found > 2000


# -- encoding --------------------------------------------------------------------------------
def test_control_characters_are_the_expression_s():
    chars = {c for c in map(chr, range(sys.maxunicode + 1)) if encoding._CONTROL.match(c)}
    assert chars == set(encoding._CONTROL_CHARS)


def test_control_and_mojibake_find_what_the_plain_searches_find():
    from ftfy.badness import MOJIBAKE_CATEGORIES

    control, mojibake = RULES["G003"].compile(), RULES["G001"].compile()
    rng = random.Random(6)
    pieces = [c for v in MOJIBAKE_CATEGORIES.values() for c in v if c != "-"] + list("ÃÂÎÐØÙàâó√≈‚Äв€ГўВРСβΒΓΞΟā")
    pieces += ["a", "the ", " ", ".", "\n", "\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9f", "\t", "\r\n", "Ã©", "â€™",
               "Â ", "cafÃ©", *ODD]
    docs = [_doc(s) for s in _seed_sources()]
    docs += [_doc("".join(rng.choice(pieces) for _ in range(rng.randint(0, 80)))) for _ in range(3000)]
    found = 0
    for doc in docs:
        plain_control = sorted((m.start(), m.end(), "", ()) for m in encoding._CONTROL.finditer(doc.text))
        assert _found(control, doc) == plain_control, doc.text
        with_all = list(_plain_mojibake(doc.text))
        assert _found(mojibake, doc) == with_all, doc.text
        found += len(plain_control) + len(with_all)
    assert found > 1000


def _plain_mojibake(text: str):
    """G001 with windows around every character outside ASCII, as before ``_anchors``."""
    orig = encoding._bad_sequences
    encoding._bad_sequences = lambda t, b, w, anchors=None: orig(t, b, w)
    try:
        return sorted((m.start, m.end, m.suggestion, ()) for m in encoding._mojibake(text)) if not text.isascii() else []
    finally:
        encoding._bad_sequences = orig


def test_anchor_windows_find_what_the_whole_text_search_finds():
    from ftfy.badness import BADNESS_RE, MOJIBAKE_CATEGORIES

    reach, anchors = encoding._reach(BADNESS_RE), encoding._anchors(BADNESS_RE)
    assert reach is not None and anchors
    assert not set("“”‘’–—") & set(anchors)  # the marks of every article open no window
    anchor_re = re.compile("[" + re.escape(anchors) + "]")
    rng = random.Random(3)
    pieces = [c for v in MOJIBAKE_CATEGORIES.values() for c in v if c != "-"] + list("ÃÂÎÐØÙàâó√≈‚Äв€ГўВРСβΒΓΞΟā")
    pieces += ["a", "Z", "z", " ", ".", "?", "\n", "the ", "é", "’", "“", "”", "Ã©", "â€™", "Â ", "\xa0"]
    found = 0
    for _ in range(8000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 60)))
        expected = [m.span() for m in BADNESS_RE.finditer(text)]
        assert [m.span() for m in encoding._bad_sequences(text, BADNESS_RE, reach, anchor_re)] == expected, text
        assert all(anchor_re.search(text, a, b) for a, b in expected), text
        found += len(expected)
    assert found > 1000
    _, _, cached = encoding._detector()
    assert cached.pattern == anchor_re.pattern


def test_anchors_pick_one_rare_set_a_branch():
    assert encoding._anchors(re.compile("[éà]b|√")) == "àé√"
    assert encoding._anchors(re.compile("[“”][éè]|x[“”]")) == "èé“”"  # the second branch has only quotes
    assert encoding._anchors(re.compile("é|a")) is None
    assert encoding._anchors(re.compile("(?:é)?x")) is None
    assert encoding._anchors(re.compile("é", re.IGNORECASE)) is None
    assert encoding._reach(re.compile("[éà]b|√")) == 2


# -- substitution: the expression of the forms a document can hold ----------------------------
def _plain_substitution(rule, text: str) -> list[tuple]:
    return [(a, b, suggestion, ()) for a, b, suggestion in plain_substitution(rule, text)]  # no fields


def _substitution_rule(swap: dict[str, str], ignorecase: bool):
    return substitution_rule(RULES["G030"], swap, ignorecase)


SUBSTITUTIONS = [
    RULES["G030"],
    RULES["G033"],
    # forms that extend one another, share words, or hold punctuation; "profound fakeſ" is a match
    # of "profound fakes" (to no avail: "ſ" is not "s" to the swap table) that hides "profound"
    _substitution_rule({"profound": "deep", "profound fake": "deepfake", "profound fakes": "deepfakes", "fake news": "misinformation",
                        "profound fake news": "deepfake news", "don't panic": "stay calm", "state-of-the-art": "modern"}, True),
    # a word outside ASCII: every document is searched with the whole expression
    _substitution_rule({"naïve plan": "simple plan", "Straße": "street", "fake news": "misinformation"}, True),
    _substitution_rule({"Joined States": "United States", "Joined Together States": "United States",
                        "Together States": "US", "İstanbul Hall": "Istanbul Hall"}, False),
]


@pytest.mark.parametrize("rule", SUBSTITUTIONS, ids=lambda r: ",".join(list(r.swap)[:2]))
def test_substitution_finds_what_the_whole_expression_finds(rule):
    rng = random.Random(len(rule.swap))
    words = list(rule.swap) + [w for k in rule.swap for w in re.split(r"[\s-]+", k)] + ["the", "minister", "said"]
    seps = [" ", " ", "  ", "\n", "\n\n", "-", ", ", "’", "'", ". ", "“", "”", "\xa0"]
    checker = rule.compile()
    docs = [_doc(s) for s in _seed_sources()]
    for _ in range(1500):
        out = []
        for _ in range(rng.randint(1, 12)):
            w = rng.choice(words)
            r = rng.random()
            w = w.upper() if r < 0.15 else w.capitalize() if r < 0.3 else w.replace("s", "ſ", 1) if r < 0.33 else w
            out += [w, rng.choice(seps)]
        docs.append(_doc("".join(out)))
    # each form held only through a case twin, which the lower-cased words do not show
    docs += [_doc(f"The {k.replace(a, b)} said.") for k in rule.swap for a, b in (("s", "ſ"), ("i", "İ"), ("S", "ſ"))]
    found = 0
    for doc in docs:
        expected = _plain_substitution(rule, doc.text)
        assert _found(checker, doc) == expected, doc.text
        found += len(expected)
    assert found > 50


# -- the command line leaves the collector as it found it ------------------------------------
def test_cli_restores_the_collector_thresholds(tmp_path, capsys):
    from newslint import cli

    (tmp_path / "a.txt").write_text("The minister said so.\n", encoding="utf-8")
    before, enabled = gc.get_threshold(), gc.isenabled()
    assert cli.main(["check", "--format", "json", "--exit-zero", "--no-cache", "-j", "1", str(tmp_path)]) == 0
    assert gc.get_threshold() == before and gc.isenabled() == enabled
    assert '"findings"' in capsys.readouterr().out
