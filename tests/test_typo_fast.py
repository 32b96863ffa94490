"""The fast paths of the typo checks (G010, G011, G012) and the article check (G023) report exactly
what their reference paths report.

``newslint.kinds.typo.FAST`` and ``newslint.kinds.article.FAST`` switch to the reference paths
(every token judged in turn, nothing remembered), which are the oracle here. The fast typo paths
judge a document's distinct runs of lower-case letters against remembered verdicts and tokenise
only around the places of the words worth a look; the nonword verdict finds its neighbours through
the index of words with a letter added; the article check remembers ``expected_article`` per word.
Each piece is compared with what it replaces, on the seeds and on generated documents that mix
typos, words in wrong places, clipped prefixes, articles, names, Unicode ("İ", "ſ", "ß", curly
quotes, combining marks, odd white space) and empty paragraphs. Fake verdicts (any word may be
flagged) check the places and neighbours the fast paths find, whatever the word data says.
"""
from __future__ import annotations

import random
import zlib
from importlib.resources import files
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings, strategies as st

import newslint.kinds.article as article
import newslint.kinds.typo as typo
from newslint import lexicon
from newslint.kinds.base import Context
from support import respec
from newslint.packs import load_packs
from newslint.readers import read_path, read_source

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
PACKS = load_packs()
RULES = {r.code: r for r in PACKS.rules}
CODES = ["G010", "G011", "G012", "G023"]
_LETTERS_ONLY = regex.compile(r"\p{L}+")

# -- generated documents -------------------------------------------------------------------------
TYPOS = "goverment recieved comittee untill seperate occured beleive wich tommorow enviroment acheive publically".split()
SLIPS = ["break out gain", "said hat the", "could break out gain,", "ten", "don", "aid", "tank", "ear", "lie", "pace", "stating", "counties", "till", "ties", "tree", "net"]
COMPOUNDS = "ant-crisis pot-war sem-final elf-defence pst-war self-made anti-war supr-power mcro-chip ultr-sound pot-bellied ant-hill ant-Crisis pot-war's semi-final inter-state itner-state".split()
ARTICLES = [
    "a offensive", "an university", "a FBI agent", "an FBI agent", "a NATO summit", "A 18-year-old", "an 18-year-old",
    "an hour", "a hour", "an historic", "a herb", "an der Elbe", "a US envoy", "an MP", "an 8", "a 11,000", "an 1800s",
    "a one-off", "an euro", "a x-ray", "points a and b", "Plan A is", "A offensive", "An university", "an t-shirt",
    "a ſtraße", "an İstanbul", "a élan", "an 80", "a 1990s", "an U-boat", "a qzxv", "an qzxv",
]
ODD = [
    "İstanbul", "ſtraße", "straße", "ß", "naïve", "café", "Ωmega", "“goverment”", "‘hat’", "don’t", "it's", "o'clock",
    "\u212aelvin", "5goverment", "goverment5", "goverment_x", "x_goverment", "3.5km", "1990s", "goverment’s", "goverment-",
    "-goverment", "goverment'", "Goverment", "gOverment", "éhat", "hatñ", "ñhat", "hat²", "goverment\u0301", "hat-trick",
    "that", "(hat)", "hat.", "gain—", "—gain", "a\u00a0offensive", "an\u2003hour", "recieved\u200b", "Ant-crisis", "ANT-CRISIS",
    "ſant-crisis", "xant-crisis", "über-cool", "ber-cool", "bér-cool", "a", "an", "A",
]
SEPARATORS = [" ", " ", " ", ", ", ". ", "; ", "\n", "\n\n", "\n \n", " \u00a0", "\t", "-", "'", "’", "—", "\u2028", "\x1c"]


def _seed_words() -> list[str]:
    words = []
    for path in SEEDS:
        words += path.read_text(encoding="utf-8").split()
    return words or "the government said the talks would resume on Monday".split()


def _text(rng: random.Random, words: list[str]) -> str:
    out = []
    for _ in range(rng.randint(0, 120)):
        r = rng.random()
        pool = TYPOS if r < 0.1 else SLIPS if r < 0.2 else COMPOUNDS if r < 0.28 else ARTICLES if r < 0.4 else ODD if r < 0.5 else words
        out.append(rng.choice(pool))
        out.append(rng.choice(SEPARATORS))
    return "".join(out)


def _documents(n: int, seed: int) -> list:
    rng = random.Random(seed)
    words = _seed_words()
    docs = [read_source(_text(rng, words) + "\n", f"gen{k}.txt", "text") for k in range(n)]
    docs += [read_source(t, f"edge{k}.txt", "text") for k, t in enumerate(["", "\n\n\n", "   \n", "hat", "goverment", "a", "ant-crisis"])]
    return docs


DOCS = _documents(150, seed=20240611)
SEED_DOCS = [read_path(str(p)) for p in SEEDS]


# -- running the checkers --------------------------------------------------------------------------
def _matches(checkers, docs) -> list:
    """Every checker's raw matches on every document, with a new context per document as the engine
    gives one (the typo checks share a document's runs through it)."""
    out = []
    for doc in docs:
        ctx = Context()
        for code, checker in checkers:
            out.append((doc.path, code, [(m.start, m.end, m.message, m.suggestion, m.fields) for m in checker.check(doc, ctx)]))
    return out


def _checkers(rules) -> list:
    return [(r.code, r.compile()) for r in rules]


def _compare(monkeypatch, rules, docs, codes=None) -> list:
    """The fast paths' matches (run twice: cold, then with remembered verdicts) equal the reference
    paths'; returns them."""
    article._memo.clear()
    monkeypatch.setattr(typo, "FAST", True)
    monkeypatch.setattr(article, "FAST", True)
    checkers = _checkers(rules)
    fast = _matches(checkers, docs)
    assert _matches(checkers, docs) == fast
    monkeypatch.setattr(typo, "FAST", False)
    monkeypatch.setattr(article, "FAST", False)
    reference = _matches(_checkers(rules), docs)
    assert fast == reference
    found = {code for _, code, ms in reference if ms}
    assert set(codes or ()) <= found, found  # the documents do exercise the rules
    return fast


# -- the rules as shipped ----------------------------------------------------------------------------
def test_generated_same_matches(monkeypatch):
    _compare(monkeypatch, [RULES[c] for c in CODES], DOCS, CODES)


@pytest.mark.skipif(not SEEDS, reason="no seeds")
def test_seeds_same_matches(monkeypatch):
    _compare(monkeypatch, [RULES[c] for c in CODES], SEED_DOCS)


def test_small_memos_same_matches(monkeypatch):
    """Memos cleared every few words give the same matches."""
    monkeypatch.setattr(typo, "_MAX_CACHED", 7)
    monkeypatch.setattr(article, "_MAX_MEMO", 7)
    _compare(monkeypatch, [RULES[c] for c in CODES], DOCS[:60], CODES)


def test_other_settings_same_matches(monkeypatch):
    """Shorter words judged, looser thresholds, other prefixes (one not ASCII, one hyphenated)."""
    rules = [
        respec(RULES["G010"], min_length=2, min_gain=1.0, max_zipf=4.0),
        respec(RULES["G011"], min_length=2, min_zipf_gain=0.25, min_pair_count=1000, min_word_zipf=3.0),
        respec(RULES["G012"], prefixes=["anti", "über", "x-ray", "ſemi", ""]),
        respec(RULES["G012"], prefixes=[]),
    ]
    _compare(monkeypatch, rules, DOCS, ["G010", "G011", "G012"])


def test_clean_words_not_ascii_path(monkeypatch):
    """Were the clean list to hold other letters, realword would judge runs of any lower-case
    letters: the same matches."""
    monkeypatch.setattr(lexicon, "clean_is_ascii", lambda: False)
    _compare(monkeypatch, [RULES["G011"]], DOCS, ["G011"])


# -- any word flagged: the places and neighbours the fast paths find -------------------------------
def _some(word: str, k: int = 3) -> bool:
    return zlib.crc32(word.encode("utf-8", "surrogatepass")) % k == 0


@pytest.mark.parametrize("ascii_clean", [True, False])
def test_fake_verdicts_same_matches(monkeypatch, ascii_clean):
    """Verdicts that flag a third of the words they may flag (for nonword a run of ASCII lower-case
    letters, for realword a run of lower-case letters, ASCII ones only while the clean list is
    ASCII), and a replacement that spells out the neighbours it was given."""

    def nonword(self, lex, part):
        ok = len(part) >= self.rule.min_length and typo._ASCII_LOWER.fullmatch(part)
        return part.upper() if ok and _some(part) else None

    def candidates(self, lex, word):
        ok = len(word) >= self.rule.min_length and typo._is_plain(word) and (word.isascii() or not ascii_clean)
        return (word + "x",) if ok and _some(word, 2) else ()

    def best(self, lex, prev, word, cands, nxt):
        return f"{prev}|{word}|{cands}|{nxt}"

    monkeypatch.setattr(typo.Checker, "_nonword_verdict", nonword)
    monkeypatch.setattr(typo.Checker, "_realword_candidates", candidates)
    monkeypatch.setattr(typo.Checker, "_best_replacement", best)
    monkeypatch.setattr(lexicon, "clean_is_ascii", lambda: ascii_clean)
    rules = [respec(RULES["G010"], min_length=2), respec(RULES["G011"], min_length=2)]
    fast = _compare(monkeypatch, rules, DOCS + SEED_DOCS, ["G010", "G011"])
    suggestions = [m[3] for _, code, ms in fast if code == "G011" for m in ms]
    assert any(s.startswith("None|") for s in suggestions) and any(s.endswith("|None") for s in suggestions)
    if not ascii_clean:
        assert any(not s.split("|")[1].isascii() for s in suggestions)  # the documents hold such words


def test_runs_hold_every_token_they_stand_for():
    """Every token of lower-case ASCII letters is among the document's ASCII runs, and every token
    of lower-case letters among its lower-case runs."""
    for doc in DOCS + SEED_DOCS:
        ctx = Context()
        tokens = {t for p in doc.paragraphs for t in typo._TOKEN.findall(doc.text, p.start, p.end) if len(t) >= 2}
        ascii_runs, lower_runs = typo._ascii_runs(doc, ctx), typo._lower_runs(doc, ctx)
        assert {t for t in tokens if typo._ASCII_LOWER.fullmatch(t)} <= ascii_runs, doc.path
        assert {t for t in tokens if typo._is_plain(t)} <= lower_runs, doc.path


def test_places_are_the_tokens_and_their_neighbours():
    """``_places`` finds each token equal to one of the words (words of letters only, as the checks
    ask about), with the neighbours that splitting the whole paragraph gives."""
    rng = random.Random(7)
    for doc in DOCS + SEED_DOCS:
        tokens_of = [list(typo._TOKEN.finditer(doc.text, p.start, p.end)) for p in doc.paragraphs]
        vocabulary = sorted({t.group() for tokens in tokens_of for t in tokens if _LETTERS_ONLY.fullmatch(t.group())})
        words = set(rng.sample(vocabulary, min(len(vocabulary), 25))) | {"hat", "ant", "ß", "ſ", "a"}
        expected = [
            (t.group(), typo._word_at(tokens, i - 1), (t.start(), t.end()), typo._word_at(tokens, i + 1))
            for tokens in tokens_of
            for i, t in enumerate(tokens)
            if t.group() in words
        ]
        got = [(w, prev, (t.start(), t.end()), nxt) for w, prev, t, nxt in typo._places(doc, words)]
        assert got == expected, doc.path


# -- the pieces the fast paths use instead of the reference's ---------------------------------------
def _misspellings(words: list[str]) -> list[str]:
    out = []
    for k, w in enumerate(words):
        i = k % len(w)
        out += [w[:i] + w[i + 1 :], w[:i] + w[i] + w[i:], w[:i] + "qzxe"[k % 4] + w[i + 1 :], w[:i] + w[i + 1 : i + 2] + w[i] + w[i + 2 :]]
    return out


def test_frequent_neighbours_are_the_neighbours_filtered():
    lex = typo.lexicon()
    common = sorted({w for w in _seed_words() if w.isalpha() and w.islower()})[:1500]
    words = sorted(set(_misspellings(common) + TYPOS + ["teh", "ab", "zzzz", "a", "aa"]))
    assert len(words) > 2000
    for w in words:
        for min_zipf in (3.0, 1.0):
            assert lex.frequent_neighbours(w, min_zipf) == {c for c in lex.neighbours(w) if lex.zipf(c) >= min_zipf}, w


def test_clean_is_ascii_as_the_dictionary_says():
    text = (files("symspellpy") / "frequency_dictionary_en_82_765.txt").read_text(encoding="utf-8")
    words = [line.partition(" ")[0] for line in text.splitlines()]
    assert lexicon.clean_is_ascii() is all(w.isascii() for w in words)


def test_clipped_prefixes_found_where_a_verdict_is():
    """The prefix check's search finds the start of every compound it would report."""
    checker = RULES["G012"].compile()
    lex = typo.lexicon()
    for doc in DOCS + SEED_DOCS:
        starts = {m.start() for m in checker._clipped.finditer(doc.text)}
        for p in doc.paragraphs:
            for t in typo._TOKEN.finditer(doc.text, p.start, p.end):
                if "-" in t.group() and checker._prefix_verdict(lex, t.group()) is not None:
                    assert t.start() in starts, t.group()


def test_expected_article_remembered():
    article._memo.clear()
    tokens = [a.split()[-1] for a in ARTICLES] + ODD + TYPOS + _seed_words()[:3000] + ["8", "11", "18,000", "1,100s", "Ü", "ſ"]
    for _ in range(2):
        for t in tokens:
            assert article._expected(t) == article.expected_article(t), t


@settings(max_examples=3000, deadline=None)
@given(st.text("abcz-'é", max_size=7), st.text("abcz-'é", max_size=8))
def test_one_edit_is_membership_in_the_edits(word, other):
    from newslint.kinds.typo import _edits, _one_edit

    assert _one_edit(word, other) == (other in _edits(word))


def test_one_edit_on_neighbours_of_real_words():
    from newslint.kinds.typo import _edits, _one_edit

    for word in ["goverment", "parliament", "the", "ceasefire", "minster", "a"]:
        edits = _edits(word)
        for other in edits | {word, word[::-1], word + "xy", word[1:-1]}:
            assert _one_edit(word, other) == (other in edits), (word, other)
