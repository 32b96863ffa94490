"""The faster office/speaker/source code finds exactly what the code before it found.

Each optimised module keeps its previous implementation behind a module flag, ``_LEGACY``.
These tests run both paths, never timed: the whole linter (findings and each file's ``date``
and ``extra`` in the JSON) on the seeds and on generated articles, and the rewritten helpers
directly on randomised text.
"""
from __future__ import annotations

import json
import random
import subprocess
import sys
import types
from pathlib import Path

import pytest

from conftest import ROOT

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
MODULES = ("office", "speaker", "source", "quote", "boilerplate")

_RUNNER = """
import sys
import importlib
legacy = sys.argv[1] == "1"
for name in {modules!r}:
    mod = importlib.import_module("newslint.kinds." + name)
    if hasattr(mod, "_LEGACY"):
        mod._LEGACY = legacy
from newslint.cli import main
raise SystemExit(main(sys.argv[2:]))
"""


def _lint(paths: list[str], legacy: bool, cache_dir: Path) -> dict:
    code = _RUNNER.format(modules=MODULES)
    res = subprocess.run(
        [sys.executable, "-c", code, "1" if legacy else "0", "--format", "json", "--exit-zero", "--no-cache", "-j", "1", *paths],
        cwd=ROOT, capture_output=True, text=True, check=True,
        env={**__import__("os").environ, "NEWSLINT_CACHE_DIR": str(cache_dir)},
    )
    return json.loads(res.stdout)


# -- generated articles ----------------------------------------------------------------------

_TITLES = [
    "President", "former President", "Defense Minister", "Russian Defense Minister", "Russia's Defense Minister",
    "Foreign Minister", "former Foreign Minister", "Prime Minister", "President-elect", "incoming President",
    "Secretary of State", "Chancellor", "the then President", "ex-President", "spokesman", "leader",
]
_SPEECH = ["said", "told reporters", "noted", "added", "also said", "wrote", "according to"]
_OUTLETS = ["Tass", "Yonhap", "Reuters", "the Associated Press", "RIA Novosti", "Daily Globe", "DEA News", "KCNA",
            "Xinhua", "Sputnik", "the New York Times", "Korea Herald", "Fox News", "RT", "Al Jazeera"]
_FRAMES = [
    "according to {o}", "{o} reported", "{o} news agency said", "told {o}", "news agency {o} said", "quoted by {o}",
    "reports from {o}", "(Photo: {o})", "via {o}", "{o} has reported", "in an interview with {o}", "{o} newspaper wrote",
]
_FILLER = [
    "Officials met on Tuesday to discuss the matter.", "The talks went well, he said.", "She told reporters nothing.",
    "Critics say the plan will fail.", "The decision underscores the risk.", "It was reported on 12 March 2021.",
    "The meeting took place on January 5, 2023.", "Share this article", "Leave a Reply", "Related Articles",
    "Mr. Kirby said the move was expected.", "Kirby, the spokesman, said it was over.", "Smith added that it was late.",
    "“We will respond,” said Peskov.", "Ms. Lee noted the change.", "He said the vote was close.",
    "Yoo Sang-bum said the drills were likely.", "MP Yoo Sang-bum told lawmakers.", "Next Article",
]


def _people() -> list[str]:
    from newslint.knowledge.offices import load_offices

    kb = load_offices(())
    names = sorted({h.name for h in kb.people})
    return names


def _article(rnd: random.Random, people: list[str], seeds: list[str]) -> str:
    paras = []
    for _ in range(rnd.randint(4, 12)):
        bits = []
        for _ in range(rnd.randint(1, 5)):
            kind = rnd.random()
            person = rnd.choice(people)
            if kind < 0.3:
                bits.append(f"{rnd.choice(_TITLES)} {person} {rnd.choice(_SPEECH)} the talks would go on.")
            elif kind < 0.4:
                bits.append(f"{person}, the {rnd.choice(_TITLES).lower()}, said the offer stood.")
            elif kind < 0.5:
                bits.append(f"{person.split()[-1]} {rnd.choice(_SPEECH)} nothing had changed.")
            elif kind < 0.7:
                bits.append(rnd.choice(_FRAMES).format(o=rnd.choice(_OUTLETS)).capitalize() + " the strike was real.")
            elif kind < 0.9:
                bits.append(rnd.choice(_FILLER))
            else:
                bits.append(rnd.choice(seeds))
        paras.append(" ".join(bits))
    if rnd.random() < 0.3:
        paras.insert(0, f"SEOUL ({rnd.choice(_OUTLETS)}) -- " + paras.pop(0))
    return "\n\n".join(paras) + "\n"


def _generated(tmp: Path, n: int = 60) -> list[str]:
    rnd = random.Random(20240611)
    people = _people()
    seeds = [p.strip() for f in SEEDS for p in f.read_text(encoding="utf-8").split("\n") if len(p.strip()) > 40]
    out = []
    for i in range(n):
        p = tmp / f"gen{i:03d}.txt"
        p.write_text(_article(rnd, people, seeds), encoding="utf-8")
        out.append(str(p))
    return out


def _per_file(report: dict) -> dict:
    return {f["path"]: (f["date"], f["extra"]) for f in report["files"]}


@pytest.mark.parametrize("which", ["seeds", "generated"])
def test_linter_output_unchanged(tmp_path, which):
    paths = [str(p) for p in SEEDS] if which == "seeds" else _generated(tmp_path)
    old = _lint(paths, True, tmp_path / "cache-old")
    new = _lint(paths, False, tmp_path / "cache-new")
    assert new["findings"] == old["findings"]
    assert _per_file(new) == _per_file(old)
    assert new == old
    assert old["findings"], "the comparison should cover some findings"


# -- the rewritten helpers on randomised text -------------------------------------------------

def _random_texts(rnd: random.Random, words: list[str], n: int) -> list[str]:
    gaps = [" ", "  ", "-", " - ", "\n", "–", "", ".", ", ", " \t", "’s ", "\u00a0", "\n\n", "“", "” ", "’", "'"]
    # 'İ' lower-cases to two characters and (?i) matches 'ſ' to 's': the fast paths must notice
    extra = ["said", "Minister", "The", "J. K.", "in", "U.S.", "Mr.", "spokesman", "the", "Ms", ",", "of", "İ", "ſaid", "2"]
    texts = []
    for _ in range(n):
        parts = []
        for _ in range(80):
            w = rnd.choice(words) if rnd.random() < 0.6 else rnd.choice(extra)
            w = w.upper() if rnd.random() < 0.1 else w
            parts.append(w + rnd.choice(gaps))
        texts.append("".join(parts))
    return texts


def test_office_names_unchanged(monkeypatch):
    from newslint.kinds import office
    from newslint.knowledge.offices import load_offices

    kb = load_offices(())
    m = office._matcher(kb)
    rnd = random.Random(7)
    words = sorted({w.capitalize() if rnd.random() < 0.8 else w for k in kb.by_name for w in k.split()})
    texts = _random_texts(rnd, words, 200) + [p.read_text(encoding="utf-8") for p in SEEDS]
    for text in texts:
        doc = types.SimpleNamespace(text=text)
        monkeypatch.setattr(office, "_LEGACY", True)
        old = list(office._names(doc, kb, m))
        monkeypatch.setattr(office, "_LEGACY", False)
        assert list(office._names(doc, kb, m)) == old


def _titled(rnd: random.Random, kb) -> str:
    """A person the knowledge base knows, with one of the titles of one of their offices."""
    h = rnd.choice(kb.people)
    role = rnd.choice(h.spells).role
    title = rnd.choice([t for t, offices in sorted(kb.titles.items()) if any(r == role for r, _ in offices)] or ["president"])
    title = " ".join(w.capitalize() if rnd.random() < 0.7 else w for w in title.split())
    name = rnd.choice([h.name, *sorted(h.aliases)]) if rnd.random() < 0.8 else h.name.split()[-1]
    country = rnd.choice(sorted(kb.country_words)).title() if rnd.random() < 0.4 else ""
    modifier = rnd.choice(["former", "ex-", "then", "incoming", "acting", "outgoing", ""])
    elect = "-elect" if rnd.random() < 0.1 else ""
    shape = rnd.random()
    if shape < 0.6:
        return " ".join(x for x in (modifier, country, title + elect, name) if x)
    if shape < 0.8:
        return f"{name}, the {' '.join(x for x in (modifier, country, title + elect) if x)}"
    if shape < 0.9:
        return f"{name}, {title}{elect} of {country or 'Russia'}"
    return f"{title} {name} designate"


def test_office_mentions_unchanged(monkeypatch):
    from newslint.kinds import office
    from newslint.knowledge.offices import load_offices

    kb = load_offices(())
    rnd = random.Random(17)
    noise = ["said", "The", "Mr.", "U.S.", "J. K.", "İ", "ſ", "and", ",", ";", "(", "O’Neil", "\n"]
    gaps = [" ", "  ", "\n", ", ", "-", " – ", "\t", ".", "’s ", "\u00a0"]
    texts = ["".join((_titled(rnd, kb) if rnd.random() < 0.5 else rnd.choice(noise)) + rnd.choice(gaps) for _ in range(30))
             for _ in range(300)]
    found = 0
    for text in texts + [p.read_text(encoding="utf-8") for p in SEEDS]:
        doc = types.SimpleNamespace(text=text)
        monkeypatch.setattr(office, "_LEGACY", True)
        old = office._mentions(doc, kb)
        monkeypatch.setattr(office, "_LEGACY", False)
        assert office._mentions(doc, kb) == old, text
        found += len(old)
    assert found > 200, "the texts should hold many titled mentions"


def _attribution_checker(kind: str, check: str | None = None):
    """A checker built from the shipped rule file's own vocabularies."""
    from newslint.packs import load_file, shipped_rules_dir

    rules = load_file(shipped_rules_dir() / "attribution" / "attribution.yaml")
    rule = next(r for r in rules if r.kind == kind and getattr(r, "check", None) == check)
    return rule.compile()


def _speaker_checker():
    return _attribution_checker("speaker", "surname")


_ATTRIBUTION_WORDS = [
    "Kirby", "Shoigu", "Lee", "Yoo", "O’Neil", "Smith-Jones", "Kim", "John", "Sang-bum", "Mr.", "Mr", "Ms.", "Dr",
    "spokesman", "the", "a", "The", "Moscow", "of", "at", "for", "said", "Said", "SAID", "says", "told", "noted", "also",
    "quickly", "according to", "according\nto", "he", "He", "she", "She", "was quoted as saying", "pointed\nout", "added",
    "asked", "wrote", "on", "who", "today", "President", "minister", "official", "MP", "Sen.", "2said", "said_", "x",
    "“We will", "respond”", "“", "”", "\"", "‘", "’", "«", "»", "the", "he_",
]


def _attribution_docs(seed: int, n: int) -> list:
    from newslint.readers.text import read

    rnd = random.Random(seed)
    gaps = [" ", "  ", "\n", "\n\n", ", ", ". ", "-", "\t", "", ":", " “", "” ", "\u00a0"]
    docs = []
    for i in range(n):
        words = _ATTRIBUTION_WORDS + (["İ", "ſaid", "ſhe"] if i % 4 == 0 else [])
        text = "".join(rnd.choice(words) + rnd.choice(gaps) for _ in range(rnd.randint(3, 80)))
        docs.append(read(text, f"r{i}.txt"))
    return docs + [read(p.read_text(encoding="utf-8"), p.name) for p in SEEDS]


def test_speaker_patterns_unchanged():
    """The speaker patterns, tried only where a match can start, find what a search finds."""
    from newslint.kinds import speaker
    from newslint.kinds.base import Context

    checker = _speaker_checker()
    ctx = Context()
    for doc in _attribution_docs(19, 400):
        text = doc.text
        assert [m.span() for m in checker._honorific_matches(doc, ctx)] == [m.span() for m in checker.honorific_rx.finditer(text)]
        assert [m.span() for m in checker._bare_matches(doc, ctx)] == [m.span() for m in checker.bare_rx.finditer(text)]
        if speaker.words_cover_matches(doc):
            got = checker._first_pronoun(doc, ctx)
            want = checker.pronoun_rx.search(text)
            assert (got and got.span()) == (want and want.span()), text


def test_speaker_and_quote_findings_unchanged(monkeypatch):
    from newslint.kinds import quote, speaker
    from newslint.kinds.base import Context

    checkers = [_attribution_checker("speaker", "surname"), _attribution_checker("speaker", "pronoun"), _attribution_checker("quote")]

    def findings(doc):
        return [[(m.start, m.end, m.fields) for m in c.check(doc, Context())] for c in checkers]

    total = 0
    for doc in _attribution_docs(23, 400):
        monkeypatch.setattr(speaker, "_LEGACY", True)
        monkeypatch.setattr(quote, "_LEGACY", True)
        old = findings(doc)
        monkeypatch.setattr(speaker, "_LEGACY", False)
        monkeypatch.setattr(quote, "_LEGACY", False)
        assert findings(doc) == old, doc.text
        total += sum(map(len, old))
    assert total > 100


def test_speaker_introductions_unchanged(monkeypatch):
    from newslint.kinds import speaker

    checker = _speaker_checker()
    rnd = random.Random(11)
    names = ["Kirby", "Shoigu", "Lee", "Yoo", "O’Neil", "Smith-Jones", "Kim", "Ann-", "Kirb"]
    words = names + ["John", "Sang-bum", "Mr.", "spokesman", "the", "a", "The", "Moscow", "of", "at", "for", "said", "MP"]
    for text in _random_texts(rnd, words, 200) + [p.read_text(encoding="utf-8") for p in SEEDS]:
        for name in names:
            monkeypatch.setattr(speaker, "_LEGACY", True)
            old = checker._introductions(text, name)
            monkeypatch.setattr(speaker, "_LEGACY", False)
            assert checker._introductions(text, name) == old, (name, text)


def test_source_citations_unchanged(monkeypatch):
    from newslint.kinds import source
    from newslint.knowledge.outlets import load_registry
    from newslint.readers.text import read

    reg = load_registry(())
    rnd = random.Random(13)
    words = ["Tass", "Yonhap", "News", "news", "agency", "Agency", "Daily", "Globe", "DEA", "said", "reported", "has",
             "also", "according", "to", "newspaper", "the", "The", "of", "RIA", "Novosti", "wrote", "U.S.", "claims",
             "told", "foretold", "via", "trivia", "TV", "channel", "media", "outlet", "as", "per", "in", "an", "interview",
             "with", "a", "report", "by", "Photo", "source", "credit", "Iran", "ran", "state", "Voice", "&", "(", ")", "--",
             "SEOUL", "ACCORDING", "3rd"]
    texts = _random_texts(rnd, words, 300) + [p.read_text(encoding="utf-8") for p in SEEDS]
    texts += ["Tass news\nagency said so.\nDaily Globe reported it.", "Yonhap\treported\nRIA Novosti has said",
              "Foretold Reuters; as\n per Tass", "ACCORDING TO TASS, it fell. ſource: Yonhap", "İstanbul: according to Tass"]
    for text in texts:
        doc = read(text, "a.txt")
        monkeypatch.setattr(source, "_LEGACY", True)
        old = source.find_citations(doc, reg)
        monkeypatch.setattr(source, "_LEGACY", False)
        assert source.find_citations(doc, reg) == old, text


def test_source_frames_unchanged_when_the_vocabulary_is_forgotten(monkeypatch):
    """Each frame, tried only where a match can start, finds what finditer finds, also while
    the words learnt from earlier texts are forgotten every few texts."""
    from newslint.kinds import source
    from newslint.knowledge.outlets import load_registry
    from newslint.readers.text import read

    source.find_citations(read("", "a.txt"), load_registry(()))  # builds the frames
    monkeypatch.setattr(source._VOCABULARY, "limit", 40)
    rnd = random.Random(29)
    words = ["Tass", "News", "news", "agency", "Daily", "said", "reported", "also", "according", "to", "the", "told",
             "via", "TV", "channel", "media", "as", "per", "in", "an", "interview", "a", "report", "Photo", "ran", "state"]
    for text in _random_texts(rnd, words, 200):
        doc = read(text, "a.txt")
        anchors = source._Anchors(doc, source._VOCABULARY)
        for frame in source._FRAMES:
            got = [m.span() for m in source._frame_matches(frame, doc.text, anchors)]
            assert got == [m.span() for m in frame.rx.finditer(doc.text)], (frame.how, text)
