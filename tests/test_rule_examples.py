"""Every shipped rule carries examples, and every example holds: the one generic rule test."""
from __future__ import annotations

import pytest

from newslint.examples import check_rule
from newslint.packs import load_packs

RULES = load_packs().rules


def test_there_are_rules_in_every_shipped_pack():
    packs = {r.pack for r in RULES}
    assert {"boilerplate", "readability", "core"} <= packs


@pytest.mark.parametrize("rule", RULES, ids=lambda r: f"{r.code}-{r.name}")
def test_rule_examples(rule):
    assert rule.examples.flags() and rule.examples.passes(), "a rule needs flag and pass examples"
    assert check_rule(rule) == []


@pytest.mark.parametrize("rule", RULES, ids=lambda r: f"{r.code}-{r.name}")
def test_rule_documents_itself(rule):
    # `newslint rule CODE` prints these; an editor must be able to tell what and why.
    assert len(rule.description.split()) >= 12
    assert rule.message.strip()


def test_check_rule_catches_a_broken_example(tmp_path):
    """The generic test is only worth something if it fails on a wrong example."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        """rules:
  - code: W901
    name: says-very
    category: style
    kind: phrase
    phrases: [very]
    message: "Avoid '{match}'"
    description: "Flags the word very, which weakens whatever it qualifies in news copy."
    examples:
      flag:
        - text: "It was very cold."
          match: "cold"
      pass:
        - "It was very cold."
""",
        encoding="utf-8",
    )
    (rule,) = load_packs([bad], include_shipped=False).rules
    problems = check_rule(rule)
    assert any("expected 'cold'" in p for p in problems)
    assert any("pass example" in p for p in problems)
