"""Loaded rule packs and knowledge bases are kept on disk, and any change to a file rebuilds them."""
from __future__ import annotations

import pickle

from newslint import compiled
from newslint.packs import load_packs

RULE = """rules:
  - code: W950
    name: says-{word}
    category: style
    kind: phrase
    phrases: [{word}]
    message: "Avoid '{{match}}'"
    description: "A test rule that flags one word, to see the compiled cache rebuild."
    examples:
      flag: ["It was {word} cold."]
      pass: ["It was cold."]
"""


def test_packs_are_reused_and_rebuilt_when_a_file_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
    pack = tmp_path / "pack.yaml"
    pack.write_text(RULE.format(word="very"), encoding="utf-8")
    first = load_packs([pack], include_shipped=False)
    stored = list((tmp_path / "cache" / "compiled").glob("rules-*.pickle"))
    assert len(stored) == 1
    # The second load comes from disk: the same rules, without building them again.
    monkeypatch.setattr("newslint.packs._build_packs", lambda roots: (_ for _ in ()).throw(AssertionError("rebuilt")))
    again = load_packs([pack], include_shipped=False)
    assert [r.as_written for r in again.rules] == [r.as_written for r in first.rules]
    monkeypatch.undo()
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
    pack.write_text(RULE.format(word="really"), encoding="utf-8")
    changed = load_packs([pack], include_shipped=False)
    assert changed.rules[0].phrases == ["really"]
    assert len(list((tmp_path / "cache" / "compiled").glob("rules-*.pickle"))) == 2


def test_a_damaged_entry_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
    pack = tmp_path / "pack.yaml"
    pack.write_text(RULE.format(word="very"), encoding="utf-8")
    load_packs([pack], include_shipped=False)
    (entry,) = (tmp_path / "cache" / "compiled").glob("rules-*.pickle")
    entry.write_bytes(b"not a pickle")
    assert load_packs([pack], include_shipped=False).rules[0].phrases == ["very"]
    assert pickle.loads(entry.read_bytes()).rules[0].phrases == ["very"]  # rewritten


def test_an_unwritable_cache_still_builds(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(blocker))  # a file where a folder should be
    assert compiled.cached("test", [], lambda: 42) == 42


# -- built apart (the command line) -----------------------------------------------------------
def _pid() -> int:
    import os

    return os.getpid()


def _fails():
    raise ValueError("pack.yaml, line 3: not a rule")


def test_apart_an_entry_is_built_by_a_child_and_read_from_disk(tmp_path, monkeypatch):
    import os

    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(compiled, "BUILD_APART", True)
    built_by = compiled.cached("test", [], _pid)
    assert built_by != os.getpid()  # a forked child built it
    (entry,) = (tmp_path / "cache" / "compiled").glob("test-*.pickle")
    assert pickle.loads(entry.read_bytes()) == built_by
    assert compiled.cached("test", [], _fails) == built_by  # from disk


def test_apart_a_failing_build_fails_here_and_an_unwritable_cache_builds_here(tmp_path, monkeypatch):
    import os

    import pytest

    monkeypatch.setattr(compiled, "BUILD_APART", True)
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
    with pytest.raises(ValueError, match="line 3"):  # the child failed; building here says why
        compiled.cached("test", [], _fails)
    assert not list((tmp_path / "cache" / "compiled").glob("test-*.pickle"))
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(blocker))  # a file where a folder should be
    assert compiled.cached("test", [], _pid) == os.getpid()  # no child where none could write


def test_only_the_most_recently_used_entries_of_a_kind_are_kept(tmp_path, monkeypatch):
    """Every edit of a file makes a new entry: the oldest unused ones go, those in use stay, and
    other kinds are left alone."""
    import os

    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "cache" / "compiled"
    data = tmp_path / "data.txt"
    n = compiled.KEEP_PER_KIND + 4
    for i in range(n):
        data.write_text(f"version {i}", encoding="utf-8")
        assert compiled.cached("test-kind", [data], lambda i=i: i) == i
        for f in folder.glob("test-kind-*.pickle"):  # entries made earlier look older
            os.utime(f, (f.stat().st_mtime - 10, f.stat().st_mtime - 10))
        if i == 1:
            compiled.cached("other-kind", [data], lambda: "other")
    data.write_text("version 0", encoding="utf-8")
    assert compiled.cached("test-kind", [data], lambda: "rebuilt") == "rebuilt"  # pruned: built again
    assert len(list(folder.glob("test-kind-*.pickle"))) == compiled.KEEP_PER_KIND
    data.write_text(f"version {n - 1}", encoding="utf-8")
    assert compiled.cached("test-kind", [data], lambda: "rebuilt") == n - 1  # recent: still there
    assert len(list(folder.glob("other-kind-*.pickle"))) == 1


def test_a_note_is_part_of_the_key(tmp_path, monkeypatch):
    """What an entry depends on besides files (the order langdetect's folder lists its profiles
    in) makes an entry of its own when it changes, and the same entry when it does not."""
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
    built = []

    def build(value):
        built.append(value)
        return value

    assert compiled.cached("test-note", [], lambda: build("a"), note="de\0en") == "a"
    assert compiled.cached("test-note", [], lambda: build("b"), note="de\0en") == "a"  # from disk
    assert compiled.cached("test-note", [], lambda: build("c"), note="en\0de") == "c"
    assert built == ["a", "c"]


# -- no pydantic at run time -------------------------------------------------------------
def _project(folder) -> None:
    """A config and two articles with attribution findings, for runs in a new process."""
    (folder / "newslint.toml").write_text('extend-select = ["R"]\nfail-on = "error"\n', encoding="utf-8")
    (folder / "a.txt").write_text("Analysts say the former President Vladimir Putin met RT.\n", encoding="utf-8")
    (folder / "b.md").write_text("# Title\n\nExperts believe the talks, it is understood, failed.\n", encoding="utf-8")


# what a process has imported of pydantic and of the specs pydantic validates with
_IMPORTED = "print('pydantic' in sys.modules, any(m.startswith('newslint.specs') for m in sys.modules))\n"


def test_a_run_from_the_compiled_cache_never_imports_pydantic(tmp_path):
    """pydantic validates rules, knowledge and config files when they are built; a run that finds
    them in the compiled cache (every run but the first) lints, and prints every output format,
    without importing it: its import alone is a third of a pre-commit run."""
    import os
    import subprocess
    import sys

    _project(tmp_path)
    code = ("import contextlib, io, sys\n"
            "from newslint.cli import main\n"
            "for fmt in ('json', 'text', 'jsonl', 'sarif', 'junit', 'github', 'concise'):\n"
            "    with contextlib.redirect_stdout(io.StringIO()) as out:\n"
            "        main(['--no-cache', '--format', fmt, 'a.txt', 'b.md'])\n"
            "    assert 'A0' in out.getvalue(), fmt\n" + _IMPORTED)
    env = {**os.environ, "NEWSLINT_CACHE_DIR": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
            for _ in range(2)]
    assert [r.returncode for r in runs] == [0, 0], runs[0].stderr + runs[1].stderr
    assert runs[0].stdout.split() == ["True", "True"]  # the first run builds and caches them
    assert runs[1].stdout.split() == ["False", "False"]


def test_on_the_command_line_even_a_first_run_lints_without_pydantic(tmp_path):
    """The command line builds the compiled cache's entries in forked children
    (``compiled.BUILD_APART``): pydantic, and what building leaves behind, stay out of the
    linting process and the workers forked from it, on a first run too. The findings are those
    of a run that builds in its own process."""
    import os
    import subprocess
    import sys

    _project(tmp_path)
    code = ("import contextlib, io, sys\n"
            "from newslint import compiled\n"
            "from newslint.cli import main\n"
            "compiled.BUILD_APART = sys.argv[1] == 'apart'\n"
            "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
            "    main(['--no-cache', '--format', 'json', 'a.txt', 'b.md'])\n" + _IMPORTED +
            "print(out.getvalue())\n")

    def first_run(how: str) -> list[str]:
        env = {**os.environ, "NEWSLINT_CACHE_DIR": str(tmp_path / f"cache-{how}")}
        proc = subprocess.run([sys.executable, "-c", code, how], cwd=tmp_path, env=env, capture_output=True, text=True,
                              timeout=300)
        assert proc.returncode == 0, proc.stderr[-2000:]
        return proc.stdout.split("\n", 1)

    flags, apart = first_run("apart")
    assert flags.split() == ["False", "False"]
    assert list((tmp_path / "cache-apart" / "compiled").glob("settings-*.pickle"))  # the config, built apart too
    here_flags, here = first_run("here")
    assert here_flags.split() == ["True", "True"] and '"A0' in here
    assert apart == here


def test_plain_rules_check_as_their_specs_do():
    """A run's rules are plain objects made from the validated specs (``RuleBase.runtime``); each
    shipped rule, run as either, finds the same in the seeds and in its own examples."""
    from support import respec
    from test_perf_equivalence import SEEDS

    from newslint.config import Settings
    from newslint.engine import Engine
    from newslint.packs import RulePacks
    from newslint.readers import read_path, read_source

    seeds = [read_path(str(p)) for p in SEEDS]
    assert len(seeds) == 5
    for rule in load_packs().rules:
        spec = respec(rule)
        assert type(spec).__module__.startswith("newslint.specs.") and spec.as_written == rule.as_written
        engines = [Engine(RulePacks([r]), Settings(select=[rule.code])) for r in (rule, spec)]
        examples = [read_source(e.text, "e.txt", "text") for e in rule.examples.flags() + rule.examples.passes()]
        for doc in seeds + examples:
            plain, validated = (e.lint_document(doc) for e in engines)
            assert plain.findings == validated.findings and plain.report == validated.report, (rule.code, doc.text[:80])
