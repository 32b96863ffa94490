"""The cheaper date scan (``dates.full_dates``) and the once-a-document word look-ups of the
source frames (``source._Vocabulary.where``) find exactly what the code before them found.

Each test compares the fast path with a reference kept here (the whole-text ``finditer`` of the
date pattern; the paragraph-by-paragraph look-up that ``where`` did before) on the seeds and on
generated texts: dates in every written form, near-dates, Unicode ("İ", "ſ", "ß", other digits,
curly quotes, odd white space) and empty paragraphs. Never timed.
"""
from __future__ import annotations

import datetime as dt
import random

import pytest

from conftest import ROOT

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))

# -- dates ------------------------------------------------------------------------------------


def _reference_full_dates(text: str) -> list[tuple[int, dt.date]]:
    """``full_dates`` as it was: every match of the pattern over the whole text."""
    from newslint import dates

    out = []
    for m in dates._FULL_DATES.finditer(text):
        try:
            month = int(m.group("mnum")) if m.group("mnum") else dates._MONTHS[m.group("mon").lower().rstrip(".")]
            out.append((m.start(), dt.date(int(m.group("year")), month, int(m.group("day")))))
        except (ValueError, KeyError):
            continue
    return out


_MONTH_WORDS = ["September", "September.", "Sept.", "sept", "SEP", "Sep.", "May", "may", "June", "Jun", "jul.", "March", "mar",
                "December", "Dec.", "ſeptember", "ſept", "İan", "Febr", "Octobers", "Augustus", "aug", "xMay",
                "Ma", "NOVEMBER", "january."]
_DAYS = ["4", "04", "31", "1st", "2nd", "3rd", "4th", "22nd", "123", "0", "32", "٣", "4TH", "21st,", "9,"]
_YEARS = ["2023", "1999", "2024", "2023x", "20234", "1899", "2100", "19٩٩", "٢٠٢٣", "2023-09-04", "2023-13-40",
          "2023-9-4", "1999-02-29", "2024-02-29", "2023-09-04x", "x2023", "12023", "2023_", "2023-09-4"]
_GAPS = [" ", "  ", ", ", ",", " ,", "\n", "\n\n", "\t", "\u00a0", "\u2028", ". ", "-", "", " — ", "’s ", "“", "” ",
         ",\n", " \r\n"]
_NOISE = ["On", "the", "said", "İstanbul", "ſaid", "Straße", "ß", "“quoted”", "(AP)", "in", "19", "20", "1920",
          "20 people", "No.", "Mr.", "was"]


def _date_texts(seed: int, n: int) -> list[str]:
    rnd = random.Random(seed)
    pools = [_MONTH_WORDS, _DAYS, _YEARS, _NOISE]
    texts = []
    for _ in range(n):
        parts = []
        for _ in range(rnd.randint(0, 60)):
            shape = rnd.random()
            if shape < 0.3:  # a whole date in one of its forms, maybe spoilt
                mon, day, year = rnd.choice(_MONTH_WORDS), rnd.choice(_DAYS), rnd.choice(_YEARS)
                form = rnd.choice([f"{mon} {day}, {year}", f"{day} {mon} {year}", f"{mon}{rnd.choice(_GAPS)}{day}{rnd.choice(_GAPS)}{year}",
                                   f"{day}{rnd.choice(_GAPS)}{mon}{rnd.choice(_GAPS)}{year}", year])
                parts.append(form)
            else:
                parts.append(rnd.choice(rnd.choice(pools)))
            parts.append(rnd.choice(_GAPS))
        texts.append("".join(parts))
    return texts


def test_full_dates_match_the_whole_text_scan():
    from newslint import dates

    texts = _date_texts(3, 1500) + [p.read_text(encoding="utf-8") for p in SEEDS]
    texts += ["", "2023", "May 4, 2023", "4 May 2023", "x2023-09-04", "2023-09-04", "on\nSeptember\n4,\n2023.",
              "Sept.\u00a04,\u20282023", "May   4 ,2023", "4th of May 2023", "ſept 4, 2023", "İ May 4, 2023"]
    found = 0
    for text in texts:
        want = [(m.span(), m.groupdict()) for m in dates._FULL_DATES.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in dates._date_matches(text)] == want, text
        assert dates.full_dates(text) == _reference_full_dates(text), text
        found += len(want)
    assert found > 1000, "the texts should hold many dates"


def test_every_date_starts_where_the_scan_tries_it():
    """Each match of the date pattern starts at an offset the year scan proposes (so that the
    fast path cannot miss one even where the matches of finditer would hide it)."""
    from newslint import dates

    for text in _date_texts(5, 400):
        starts = set(dates._date_starts(text))
        for m in dates._FULL_DATES.finditer(text, overlapped=True):
            assert m.start() in starts, (m.group(), text)


# -- source frames ----------------------------------------------------------------------------


def _reference_where(vocabulary, doc) -> dict[str, dict[int, int]]:
    """``_Vocabulary.where`` as it was: the words learnt and looked up paragraph by paragraph."""
    out: dict[str, dict[int, int]] = {}
    for p, words in zip(doc.paragraphs, doc.paragraph_words):
        vocabulary._learn(words)
        for w in words & vocabulary.holding:
            for a in vocabulary.inside[w]:
                out.setdefault(a, {})[p.start] = p.end
    return out


_SOURCE_WORDS = ["Tass", "Yonhap", "News", "news", "agency", "Agency", "Daily", "said", "reported", "reports", "has",
                 "according", "to", "newspaper", "the", "The", "told", "foretold", "via", "trivia", "TV", "channel",
                 "media", "as", "per", "percent", "in", "an", "interview", "a", "report", "by", "Photo", "source",
                 "Iran", "ran", "state", "statement", "credit", "İstanbul", "ſaid", "Straße", "ß", "“", "”", "’s",
                 "(", ")", "--", "SEOUL", "ACCORDING", "Xinhua", "Reuters", "wrote", "cited", "claims", "video"]


def _source_docs(seed: int, n: int) -> list:
    from newslint.readers.text import read

    rnd = random.Random(seed)
    gaps = [" ", "  ", "\n", "\n\n", "\n \n", ", ", ". ", "-", "\t", "", ":", "\u00a0", "\u2028", "’"]
    docs = []
    for i in range(n):
        words = _SOURCE_WORDS + ([f"w{rnd.randint(0, 10 ** 6)}ran"] if i % 3 == 0 else [])  # words not seen before
        text = "".join((w.upper() if rnd.random() < 0.1 else w) + rnd.choice(gaps)
                       for w in (rnd.choice(words) for _ in range(rnd.randint(0, 90))))
        docs.append(read(text, f"s{i}.txt"))
    return docs + [read(p.read_text(encoding="utf-8"), p.name) for p in SEEDS]


@pytest.mark.parametrize("limit", [200_000, 30])
def test_where_once_a_document_is_where_paragraph_by_paragraph(limit):
    """Given the document's words or not, and while the vocabulary is forgotten every few
    documents, ``where`` answers as the paragraph-by-paragraph look-up does."""
    from newslint.kinds import source
    from newslint.knowledge.outlets import load_registry

    source.find_citations(_source_docs(1, 1)[0], load_registry(()))  # builds the frames and their anchors
    anchors = source._VOCABULARY.anchors
    fast, slow = source._Vocabulary(anchors, limit), source._Vocabulary(anchors, limit)
    for doc in _source_docs(11, 300):
        want = _reference_where(slow, doc)
        assert fast.where(doc) == want, doc.text
        assert fast.where(doc, frozenset().union(*doc.paragraph_words)) == want, doc.text


def test_source_analysis_unchanged(monkeypatch):
    """The analysis the rules share finds what the implementation before the fast paths found,
    and the citations are the same given the document's words (``doc.words``, as the analysis
    passes them) or not."""
    from newslint.kinds import source
    from newslint.kinds.base import Context
    from newslint.knowledge.outlets import load_registry

    found = 0
    for doc in _source_docs(23, 300):
        monkeypatch.setattr(source, "_LEGACY", True)
        want = source.analyse(doc, Context()).citations
        monkeypatch.setattr(source, "_LEGACY", False)
        assert source.analyse(doc, Context()).citations == want, doc.text
        reg = load_registry(())
        assert source.find_citations(doc, reg, doc.words) == source.find_citations(doc, reg), doc.text
        found += len(want)
    assert found > 150, "the texts should cite many outlets"
