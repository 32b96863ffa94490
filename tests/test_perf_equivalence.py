"""The fast paths of the language and typo checks give exactly the findings of the reference paths.

``newslint.language.FAST`` (langdetect on a compact copy of its table, answers remembered, stopped
once no unexpected language can be found) and ``newslint.kinds.typo.FAST`` (per-word verdicts
cached for the process) can be switched off, which runs the original code. Both are run on the
seeds and on documents made by a fixed-seed generator that mixes seed paragraphs, rule examples,
typo-laden sentences and foreign sentences, and their findings for the typo and language rules
are compared. Nothing is hard-coded: the reference path is the oracle.
"""
from __future__ import annotations

import random
from pathlib import Path

import pytest

import newslint.kinds.typo as typo
import newslint.language as language
from newslint.config import Settings
from newslint.engine import Engine
from newslint.packs import load_packs
from newslint.readers import read_path, read_source

CODES = ["G010", "G011", "G012", "G040", "L001"]
SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
PACKS = load_packs()

FOREIGN = [
    "Le ministre a déclaré que les négociations reprendraient la semaine prochaine à Paris.",
    "Les manifestants ont bloqué les routes principales pendant plusieurs heures samedi matin.",
    "Nous avons décidé de continuer notre travail malgré les difficultés actuelles du marché.",
    "El gobierno anunció que las elecciones se celebrarán en noviembre del próximo año.",
    "La policía detuvo a tres personas sospechosas de participar en el robo del banco central.",
    "Pero el ministro insistió en que no habrá cambios en la política de inmigración este año.",
    "Die Regierung hat am Montag neue Maßnahmen gegen die Inflation beschlossen und vorgestellt.",
    "Wir werden alles tun, um die Sicherheit unserer Bürger in dieser schweren Zeit zu garantieren.",
    "Il governo ha approvato la legge di bilancio dopo un lungo dibattito in parlamento.",
    "O presidente afirmou que o governo vai investir mais em saúde e educação no próximo ano.",
    "De minister zei dat de onderhandelingen volgende week in Brussel zullen worden hervat.",
    "Prezydent powiedział, że rząd przygotuje nową ustawę o podatkach do końca roku.",
    "Presiden mengatakan bahwa pemerintah akan membangun jalan baru di seluruh pulau tahun depan.",
    "Prezident skazal, chto peregovory budut prodolzheny na sleduyushchey nedele v Stambule.",
    "Ya ne znayu, chto on skazal vchera na vstreche s ministrom oborony v Moskve.",
    "Daetongnyeongeun naeil oegyobu janggwan hoedameseo saeroun jeongchaegeul balpyohal yejeongimnida.",
    "Urineun oneul achime hakgyoe gaseo seonsaengnimgwa hamkke gongbureul haesseumnida.",
    "Rais alisema kwamba serikali itajenga barabara mpya katika mikoa yote mwaka ujao.",
    "Sinabi ng pangulo na magtatayo ang pamahalaan ng mga bagong paaralan sa buong bansa.",
    "Regeringen meddelade på måndagen att skatten ska sänkas för alla pensionärer nästa år.",
    "Президент заявил, что переговоры будут продолжены на следующей неделе в Стамбуле.",
    # mixed and borderline: English words around a foreign clause, cognate-heavy Romance text
    "The minister said le gouvernement va présenter une nouvelle loi sur les retraites en mars.",
    "Officials in Madrid said the plan, conocido como el plan nacional de energía, would pass.",
    "La situation politique actuelle est une crise nationale importante pour le gouvernement.",
    "La situación política actual es una crisis nacional importante para el gobierno central.",
    # foreign to langdetect although most of their words, or letters, are English: translated
    # messages, and English spliced with them
    "--load-via-partition-root charger les partitions via la table racine",
    "Pas de message de fusion -- pas de mise à jour de HEAD",
    "GNU Lesser General Public License, Version 3 oder neuer",
    "TRUE if the window should ska vara i skrivbordsväljaren.",
    "For example, style elements may be added to give a longer, slimmer look, e.g., vertical stripes, princess seams, kan inte lösa upp värde för",
    "Small blood vessels may be present in polyps, particularly -d, --minimal prøv hardt å finne en",
    # English to a reader, foreign to langdetect
    "You must put some 'deb-src' URIs in your sources.list",
    "--no-estimate-size do not estimate backup size in server side",
    "Use dpkg --contents (= dpkg-deb --contents) to list archive files contents.",
]
ENGLISH = [
    "The goverment said the talks would resume untill Friday, officials confirmed.",
    "The comittee recieved a formal protest from the embassy on Monday morning.",
    "Fighting could break out gain, the minister warned in a televised address.",
    "Officials said hat the ceasefire had collapsed after three days of shelling.",
    "The cabinet approved an ant-crisis plan and a pot-war settlement on Friday.",
    "Villagers formed elf-defence units after the sem-final was cancelled.",
    "Bryansk region reports UAV neutralization and border security operations overnight.",
    "Kim Jong Un, Sergei Shoigu, Andrei Belousov and Choe Son Hui met in Pyongyang.",
    "Nagda, Timki, Shehnai, Chakule, Singa, Tambura, Chikara and Bansuri were played.",
    "The crowd chanted “Le peuple veut la chute du régime et la fin de la corruption”, police said.",
    "Shares in Nestlé, Danone and Unilever fell 3% in early trading in Zurich and Paris.",
]


def _findings(engine: Engine, docs, fast: bool, monkeypatch) -> list[list[tuple]]:
    monkeypatch.setattr(language, "FAST", fast)
    monkeypatch.setattr(typo, "FAST", fast)
    language._detect_memo.cache_clear()
    language._foreign_memo.cache_clear()
    out = []
    for doc in docs:
        found = engine.lint_document(doc).findings
        out.append([(f.code, f.offset, f.end_offset, f.message, f.matched, f.suggestion) for f in found])
    return out


def _engine(languages=("en",)) -> Engine:
    # compiled afresh, so the fast path starts with empty per-word caches and fills them here
    return Engine(PACKS, Settings(select=CODES, languages=list(languages)))


def _sentences() -> list[str]:
    out = list(FOREIGN) + list(ENGLISH)
    for rule in PACKS.rules:
        if rule.code in CODES:
            out += [e.text for e in rule.examples.flags() + rule.examples.passes()]
    for path in SEEDS:
        for para in path.read_text(encoding="utf-8").split("\n\n"):
            out += [s.strip() + "." for s in para.split(". ") if len(s.split()) >= 3]
    return out


def _generated(n: int, seed: int) -> list:
    rng = random.Random(seed)
    sentences = _sentences()
    paragraphs = [p for path in SEEDS for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    docs = []
    for k in range(n):
        paras = []
        for _ in range(rng.randint(2, 8)):
            r = rng.random()
            if r < 0.3 and paragraphs:
                paras.append(rng.choice(paragraphs))
            elif r < 0.45:
                paras.append(" ".join(rng.sample(FOREIGN, rng.randint(1, 3))))
            else:
                paras.append(" ".join(rng.choice(sentences) for _ in range(rng.randint(1, 5))))
        docs.append(read_source("\n\n".join(paras) + "\n", f"gen{k}.txt", "text"))
    return docs


@pytest.mark.skipif(not SEEDS, reason="no seeds")
def test_seeds_same_findings(monkeypatch):
    docs = [read_path(str(p)) for p in SEEDS]
    engine = _engine()
    assert _findings(engine, docs, True, monkeypatch) == _findings(engine, docs, False, monkeypatch)


@pytest.mark.parametrize("languages", [("en",), ("fr",), ("en", "de")])
def test_generated_same_findings(monkeypatch, languages):
    docs = _generated(60, seed=1234)
    engine = _engine(languages)
    fast = _findings(engine, docs, True, monkeypatch)
    # a second pass on the fast path reads the per-word and per-text caches filled by the first
    assert _findings(engine, docs, True, monkeypatch) == fast
    reference = _findings(_engine(languages), docs, False, monkeypatch)
    assert fast == reference
    if languages == ("en",):
        codes = {f[0] for doc in reference for f in doc}
        assert {"G010", "G040", "L001"} <= codes  # the documents do exercise the rules


@pytest.mark.parametrize("expected", [{"en"}, {"fr"}, {"en", "de"}, set()])
def test_foreign_fast_matches_reference(expected):
    for text in FOREIGN + ENGLISH:
        for min_probability in (0.0, 0.5, 0.9, 0.95):
            fast = language.foreign(text, expected, min_probability, 8, fast=True)
            assert fast == language.foreign(text, expected, min_probability, 8, fast=False), text


def test_detect_fast_matches_reference():
    for text in _sentences()[:400]:
        for min_words in (4, 8):
            assert language.detect(text, min_words, fast=True) == language.detect(text, min_words, fast=False)
