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
    assert [r.model_dump() for r in again.rules] == [r.model_dump() for r in first.rules]
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
