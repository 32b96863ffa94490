"""The fast language detection gives langdetect's own answers.

The compact n-gram table must hold langdetect's numbers exactly and in its language order, the
detector on it must give langdetect's full probability lists, its trials run one at a time must
sum to the same, and stopping them early must never lose a foreign finding. Real langdetect
(``language._factory()``, loaded from its JSON profiles) is the oracle throughout.
"""
from __future__ import annotations

import random
import unicodedata

import pytest
from langdetect.lang_detect_exception import LangDetectException

import newslint.language as language

from support import memory_added
from test_perf_equivalence import ENGLISH, FOREIGN, SEEDS

OTHER_SCRIPTS = [
    "Президент заявил, что переговоры будут продолжены на следующей неделе.",
    "Ο πρωθυπουργός δήλωσε ότι οι διαπραγματεύσεις θα συνεχιστούν την επόμενη εβδομάδα.",
    "الرئيس قال إن المفاوضات ستستأنف الأسبوع المقبل في العاصمة",
    "总统表示，谈判将于下周在首都恢复进行。",
    "大統領は、交渉は来週首都で再開されると述べました。",
    "대통령은 협상이 다음 주에 수도에서 재개될 것이라고 말했다.",
    "प्रधानमंत्री ने कहा कि बातचीत अगले सप्ताह फिर से शुरू होगी।",
    "นายกรัฐมนตรีกล่าวว่าการเจรจาจะกลับมาดำเนินการอีกครั้งในสัปดาห์หน้า",
    "Thủ tướng cho biết các cuộc đàm phán sẽ được nối lại vào tuần tới.",
    "Başbakan, müzakerelerin gelecek hafta yeniden başlayacağını söyledi.",
    "Preşedintele a spus că negocierile vor fi reluate săptămâna viitoare la București.",
    "The minister’s “final” offer – rejected on Monday … was worth £3bn, about 12% of GDP.",
    "The NATO summit (北大西洋条約機構) opened in Vilnius on Tuesday.",
    "http://example.com/a/b?c=d info@example.com",
    "12 345 678 -- ... !!!",
    "",
]


def _texts() -> list[str]:
    # decomposed too: langdetect joins Vietnamese letters and their combining marks
    out = FOREIGN + ENGLISH + OTHER_SCRIPTS + [unicodedata.normalize("NFD", t) for t in OTHER_SCRIPTS]
    for path in SEEDS:
        out += [p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    rng = random.Random(7)
    words = " ".join(out).split()
    out += [" ".join(rng.sample(words, rng.randint(3, 30))) for _ in range(60)]
    return out


def _probabilities(factory, text):
    detector = factory.create()
    detector.append(text)
    try:
        return [(x.lang, x.prob) for x in detector.get_probabilities()], detector.langprob
    except LangDetectException as exc:  # "no features in text"
        return exc.code, None


def test_compact_tables_hold_langdetects_numbers():
    full = language._factory()
    for latin in (True, False):
        compact = language._factory_on(latin)
        assert compact.langlist == full.langlist
        table = compact.word_lang_prob_map
        rows = {w: row for w, row in full.word_lang_prob_map.items() if not latin or max(w) < "\u0300"}
        assert set(table) == set(rows)
        for word, row in rows.items():
            assert table[word] == row[: len(full.langlist)], word


def test_compact_tables_give_langdetects_answers():
    full, texts = language._factory(), _texts()
    latin = 0
    for text in texts:
        answer = _probabilities(full, text)
        assert _probabilities(language._compact_factory(text), text) == answer, text
        if language._compact_factory(text) is language._factory_on(True):
            latin += 1
            assert _probabilities(language._factory_on(False), text) == answer, text
    assert 0 < latin < len(texts)  # both tables were used


def test_trials_one_at_a_time_sum_to_langdetects():
    for text in _texts():
        _, expected = _probabilities(language._factory(), text)
        detector = language._compact_factory(text).create()
        detector.append(text)
        assert list(language._trials(detector)) == ([] if expected is None else list(range(1, 8)))
        assert detector.langprob == expected, text


def test_foreign_stops_early_and_finds_what_langdetect_finds(monkeypatch):
    runs = {"started": 0, "finished": 0}
    trials = language._trials

    def counting(detector):
        runs["started"] += 1
        yield from trials(detector)
        runs["finished"] += 1  # reached only when the caller read every trial

    monkeypatch.setattr(language, "_trials", counting)
    answers = {text: language.detect(text, 4, fast=False) for text in _texts()}
    for expected in ({"en"}, {"fr", "es"}, {"en", "de"}, set(), set(language._factory().langlist)):
        for min_probability in (0.0, 0.5, 0.9, 0.95, 0.99999):
            language._foreign_memo.cache_clear()
            for text, (lang, prob) in answers.items():
                reported = (lang, prob) if lang and lang not in expected and prob >= min_probability else None
                assert language.foreign(text, expected, min_probability, 4, fast=True) == reported, (text, expected)
    assert 0 < runs["finished"] < runs["started"]  # both early stops and full detections were checked


@pytest.mark.parametrize("latin, most", [(True, 25), (False, 55)])
def test_building_a_table_reads_the_profiles_one_at_a_time(latin, most):
    """The compact table is made from the profiles as they are read: langdetect's own map (55
    floats for each n-gram) added about 66 MiB to the process building even the Latin table. The
    peak is the kernel's high-water mark of the process (VmHWM), which unlike ``ru_maxrss`` does
    not start at the size of the process that started it."""
    added = memory_added("from newslint import language", f"language._build_table({latin})")
    assert added < most, f"building the table added {added} MiB"
