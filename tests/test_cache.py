"""The result cache (newslint/cache.py): only unchanged work is skipped.

Work is counted with the line ``NEWSLINT_CACHE_STATS=1`` makes the CLI print (files reused,
files linted), never with timings.
"""
from __future__ import annotations

import copy
import dataclasses
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from newslint import api
from newslint.cache import ResultCache, default_dir, engine_fingerprint
from newslint.config import Settings
from newslint.engine import Engine
from newslint.packs import load_packs

ARTICLES = {
    "a.txt": "No time to read?\nGet a summary\n\nThe minister spoke, according to sources.\n\nShare this article\n",
    "b.md": "---\ndate: 2025-03-01\n---\n\n# Drills\n\nDefense Minister Sergei Shoigu inspected the troops.\n",
    "c.html": "<html><body><p>Share this article</p><p>The council met on Monday, officials said.</p></body></html>\n",
    "sub/d.txt": "Defense Minister Sergei Shoigu inspected the troops, according to sources.\n",
}
PACK = """rules:
  - code: W901
    name: house-council
    category: style
    severity: info
    kind: substitution
    swap: {council: board}
    message: "House style is '{suggestion}', not '{match}'"
    description: "Our style guide says board, not council, for this test."
    examples:
      flag:
        - {text: "The council met.", match: "council", suggestion: "board"}
      pass:
        - "The board met."
"""
STATS = re.compile(r"cache: (\d+) reused, (\d+) linted")


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for name, text in ARTICLES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "pack").mkdir()
    (tmp_path / "pack" / "house.yaml").write_text(PACK, encoding="utf-8")
    return tmp_path


def run(tree: Path, *args) -> tuple[str, tuple[int, int] | None]:
    """(JSON output, (reused, linted)) of ``newslint --format json`` over the tree's articles.

    The selection leaves out the rule families that load large dictionaries, to keep each
    process short; the cache does not care which rules run."""
    env = {**os.environ, "NEWSLINT_CACHE_DIR": str(tree / ".cache"), "NEWSLINT_CACHE_STATS": "1"}
    isolated = [] if "--config" in args else ["--isolated"]
    proc = subprocess.run(
        [sys.executable, "-m", "newslint", *isolated, "--format", "json", "--exit-zero", "--rules", "pack",
         "--select", "B,A,T,S,W901", *args, "a.txt", "b.md", "c.html", "sub"],
        cwd=tree, capture_output=True, text=True, env=env, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    m = STATS.search(proc.stderr)
    return proc.stdout, (int(m.group(1)), int(m.group(2))) if m else None


def entries(tree: Path) -> list[Path]:
    return sorted((tree / ".cache").rglob("*.json"))


# -- the command line ----------------------------------------------------------------------
def test_a_second_run_relints_nothing_and_prints_the_same_bytes(tree):
    first, stats = run(tree)
    assert stats == (0, 4)
    assert len(entries(tree)) == 4
    assert json.loads(first)["findings"], "the articles have findings"
    second, stats = run(tree)
    assert (stats, second) == ((4, 0), first)
    # Forked workers read the same cache, and their reuse is counted.
    third, stats = run(tree, "-j", "2")
    assert (stats, third) == ((4, 0), first)


def test_a_changed_file_is_relinted_alone_and_no_cache_bypasses_the_cache(tree):
    run(tree)
    (tree / "c.html").write_text(ARTICLES["c.html"].replace("Monday", "Tuesday, the council said"), encoding="utf-8")
    out, stats = run(tree)
    assert stats == (3, 1)
    assert [f["matched"] for f in json.loads(out)["findings"] if f["path"] == "c.html" and f["code"] == "W901"] == ["council"] * 2
    before = entries(tree)
    (tree / "a.txt").write_text("Share this article\n", encoding="utf-8")
    fresh, stats = run(tree, "--no-cache")
    assert stats is None and entries(tree) == before  # neither read nor written
    assert [f["matched"] for f in json.loads(fresh)["findings"] if f["path"] == "a.txt"] == ["Share this article"]
    assert run(tree)[0] == fresh


def test_a_config_change_relints_what_it_applies_to(tree):
    run(tree)
    (tree / "newslint.toml").write_text('per-file-ignores = { "sub/*" = ["A"] }\n', encoding="utf-8")
    out, stats = run(tree, "--config", "newslint.toml")
    assert stats == (3, 1)  # only sub/d.txt is affected by the new per-file ignore
    assert not [f for f in json.loads(out)["findings"] if f["path"].startswith("sub") and f["code"].startswith("A")]
    (tree / "newslint.toml").write_text('severity = { W901 = "error" }\n', encoding="utf-8")
    out, stats = run(tree, "--config", "newslint.toml")
    assert stats == (0, 4) and '"severity": "error"' in out


def test_corrupt_entries_are_ignored_and_replaced(tree):
    first, _ = run(tree)
    for e, damage in zip(entries(tree), [b"", b"{not json", b"\x00\xff" * 9, b'{"key": "k", "findings": 1}']):
        e.write_bytes(damage)
    out, stats = run(tree)
    assert (stats, out) == ((0, 4), first)
    assert run(tree)[1] == (4, 0)


# -- in process: what invalidates, what does not ------------------------------------------------
BASE = {"select": ["B", "A", "T", "S", "W901"], "rule-packs": ["pack"]}


def lint_tree(config: dict, date: str | None = None, names=tuple(sorted(ARTICLES)), cache: bool = True):
    """Lint the tree (the current folder) with the API's engine for ``config``: (results, reused)."""
    engine = copy.copy(api.get_engine(config, date))
    if cache:
        engine.cache = ResultCache(".cache").attach(engine)
    results = [engine.lint_path(name) for name in names]
    return results, sum(r.cached for r in results)


def findings(results) -> list:
    return [f for r in results for f in r.findings]


@pytest.fixture
def here(tree, monkeypatch):
    monkeypatch.chdir(tree)
    api.clear_engines()
    yield tree
    api.clear_engines()


@pytest.mark.parametrize("change,date", [
    ({"select": ["B", "W901"]}, None),
    ({"ignore": ["A"]}, None),
    ({"extend-select": ["R001"]}, None),
    ({"languages": ["en", "fr"]}, None),
    ({"severity": {"boilerplate": "error"}}, None),
    ({"date": "2020-01-01"}, None),
    ({}, "2020-01-01"),
    ({"knowledge": ["kb.yaml"]}, None),
])
def test_settings_that_change_results_relint(here, change, date):
    (here / "kb.yaml").write_text("outlets: []\n", encoding="utf-8")
    assert lint_tree(BASE)[1] == 0
    assert lint_tree(BASE)[1] == 4
    results, reused = lint_tree({**BASE, **change}, date)
    assert reused == 0
    assert findings(results) == findings(lint_tree({**BASE, **change}, date, cache=False)[0])
    assert lint_tree({**BASE, **change}, date)[1] == 4


@pytest.mark.parametrize("change", [{"fail-on": "error"}, {"ignore": ["attribution"]}, {"exclude": ["drafts/"]}, {"max-file-size": 5},
                                    {"regex-timeout": 5}, {"output-format": "concise"}])
def test_settings_that_do_not_change_results_reuse(here, change):
    lint_tree(BASE)
    assert lint_tree({**BASE, **change})[1] == 4


def test_a_changed_rule_file_or_knowledge_file_relints(here):
    (here / "kb.yaml").write_text("outlets: []\n", encoding="utf-8")
    config = {**BASE, "knowledge": ["kb.yaml"]}
    lint_tree(config)
    (here / "pack" / "house.yaml").write_text(PACK.replace("severity: info", "severity: warning"), encoding="utf-8")
    api.clear_engines()  # the API keeps engines per config; rule files are read when one is built
    results, reused = lint_tree(config)
    assert reused == 0 and {f.severity.value for f in findings(results) if f.code == "W901"} == {"warning"}
    assert lint_tree(config)[1] == 4
    (here / "kb.yaml").write_text("outlets: []\n# edited\n", encoding="utf-8")
    api.clear_engines()
    assert lint_tree(config)[1] == 0


def test_the_same_content_under_another_name_is_reused_with_its_own_path(here):
    (here / "sub" / "e.txt").write_bytes((here / "a.txt").read_bytes())
    (a,), _ = lint_tree(BASE, names=["a.txt"])
    (e,), reused = lint_tree(BASE, names=[os.path.join("sub", "e.txt")])
    assert reused == 1 and e.findings
    assert {f.path for f in e.findings} == {e.report.path} == {os.path.join("sub", "e.txt")}
    assert [dataclasses.replace(f, path="a.txt") for f in e.findings] == a.findings
    # ... unless a per-file ignore applies to the other name.
    (e,), reused = lint_tree({**BASE, "per-file-ignores": {"sub/*": ["W901"]}}, names=[os.path.join("sub", "e.txt")])
    assert reused == 0


def test_an_entry_for_another_key_is_not_used(here):
    lint_tree(BASE)
    es = entries(here)
    texts = [e.read_bytes() for e in es]
    for e, t in zip(es, texts[1:] + texts[:1]):  # every file holds another file's entry
        e.write_bytes(t)
    assert lint_tree(BASE)[1] == 0
    assert lint_tree(BASE)[1] == 4


# -- in process: keys, dates, the location -------------------------------------------------------
@pytest.fixture(scope="module")
def packs():
    return load_packs()


def test_the_key_covers_content_format_date_and_knowledge(tmp_path, packs):
    kb = tmp_path / "kb.yaml"
    kb.write_text("outlets: []\n", encoding="utf-8")
    engine = Engine(packs, Settings(knowledge=[str(kb)], root=tmp_path))
    cache = ResultCache(tmp_path / "c")
    key = cache.key(engine, "a.txt", b"Some text.\n")
    assert key == cache.key(engine, "a.txt", b"Some text.\n") == cache.key(engine, "other/b.txt", b"Some text.\n")
    assert key != cache.key(engine, "a.txt", b"Some text!\n")
    assert key != cache.key(engine, "a.md", b"Some text.\n")
    assert key != cache.key(Engine(packs, Settings(knowledge=[str(kb)], root=tmp_path), date_flag="2024"), "a.txt", b"Some text.\n")
    kb.write_text("outlets: []\n# edited\n", encoding="utf-8")
    edited = Engine(packs, Settings(knowledge=[str(kb)], root=tmp_path))
    assert engine_fingerprint(edited) != engine_fingerprint(engine)
    assert cache.key(edited, "a.txt", b"Some text.\n") != key


def test_undated_results_are_reused_only_on_the_day_they_were_made(tmp_path, packs):
    engine = Engine(packs, Settings(root=tmp_path))
    engine.cache = cache = ResultCache(tmp_path / "c")
    (tmp_path / "undated.txt").write_text("Defense Minister Sergei Shoigu inspected the troops.\n", encoding="utf-8")
    (tmp_path / "dated.md").write_text("---\ndate: 2023-07-26\n---\n\nDefense Minister Sergei Shoigu inspected the troops.\n", encoding="utf-8")
    for name in ("undated.txt", "dated.md"):
        path = str(tmp_path / name)
        first = engine.lint_path(path)
        assert not first.cached and engine.lint_path(path).cached
        key = cache.key(engine, path, Path(path).read_bytes())
        stored = json.loads(cache._file(key).read_text(encoding="utf-8"))
        tomorrow = cache.get(key, path, today="2999-01-01")
        if name == "dated.md":
            assert stored["today"] is None and tomorrow is not None and tomorrow.findings == first.findings
        else:
            assert stored["today"] is not None and tomorrow is None
    assert (cache.hits, cache.misses) == (2, 2)


def test_the_location(monkeypatch, tmp_path):
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "here"))
    assert default_dir() == tmp_path / "here"
    monkeypatch.delenv("NEWSLINT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_dir() == tmp_path / "xdg" / "newslint" / "results"


def test_an_unwritable_cache_only_costs_the_reuse(tmp_path, packs):
    (tmp_path / "a.txt").write_text("Share this article\n", encoding="utf-8")
    (tmp_path / "blocked").write_text("a file where the cache folder should be", encoding="utf-8")
    engine = Engine(packs, Settings(root=tmp_path))
    engine.cache = ResultCache(tmp_path / "blocked")
    first = engine.lint_path(str(tmp_path / "a.txt"))
    assert first.findings and engine.lint_path(str(tmp_path / "a.txt")).findings == first.findings
    assert engine.cache.stored == 0


def test_patterns_compiled_in_workers_are_recorded(tmp_path):
    """A pattern first compiled in a pool worker (the parent never lints) is saved to the regex
    record when the pool ends, so the next run need not parse it again."""
    import pickle
    import subprocess
    import sys

    cache = tmp_path / "cache"
    arts = tmp_path / "arts"
    arts.mkdir()
    for i in range(30):
        (arts / f"a{i}.txt").write_text(f"Some senior analysts say the talks would resume on day {i}.\n", encoding="utf-8")
    env = {**os.environ, "NEWSLINT_CACHE_DIR": str(cache)}
    proc = subprocess.run([sys.executable, "-m", "newslint", "check", "--no-cache", "--exit-zero", "-j", "2", str(arts)],
                          capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    from newslint.packs import load_packs

    # the window before a pivot word ("analysts") is made only while linting, so only in workers
    a001 = next(r for r in load_packs().rules if r.code == "A001")
    window = r"(?r)\S*(?:\s+\S*){0,%d}" % a001._pivots[0].runs
    [record] = list((cache / "compiled").glob("regex-*.pickle"))
    assert (window, 0) in pickle.loads(record.read_bytes())  # keyed by (pattern, flags)


def test_an_edited_module_changes_the_code_fingerprint(tmp_path):
    """Every cache key holds newslint's modules by path, size and modification time (as Python's
    bytecode cache tells an edited module): an edit, however small, changes them; compiled
    bytecode and other files do not count."""
    from support import write

    from newslint.cache import _modules

    write(tmp_path / "a.py", "x = 1\n")
    write(tmp_path / "kinds" / "b.py", "y = 2\n")
    write(tmp_path / "kinds" / "__pycache__" / "b.cpython-311.py", "compiled\n")
    write(tmp_path / "rules.yaml", "rules: []\n")
    first = _modules(str(tmp_path))
    assert [m[0] for m in first] == ["a.py", os.path.join("kinds", "b.py")]
    assert _modules(str(tmp_path)) == first
    write(tmp_path / "a.py", "x = 3\n")  # same size
    st = (tmp_path / "a.py").stat()
    os.utime(tmp_path / "a.py", ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert _modules(str(tmp_path)) != first
