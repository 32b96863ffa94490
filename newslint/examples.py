"""Running the examples inside rules: every rule must flag its ``flag`` examples at the span
given, with the suggestion given, and pass its ``pass`` examples; a suggestion, applied, must
clear the finding. Used by the test suite and by ``newslint test-rules`` for rule writers."""
from __future__ import annotations

from .config import Settings
from .engine import Engine
from .kinds.base import Example, Rule
from .packs import RulePacks
from .readers import read_source

_EXT = {"text": "example.txt", "markdown": "example.md", "html": "example.html"}


def _lint(rule: Rule, ex: Example, text: str | None = None):
    engine = Engine(RulePacks([rule]), Settings(select=[rule.code]), date_flag=ex.date)
    doc = read_source(ex.text if text is None else text, _EXT[ex.format], ex.format)
    return [f for f in engine.lint_document(doc).findings if f.code == rule.code]


def check_rule(rule: Rule) -> list[str]:
    """Every way the rule's examples fail; empty when they all hold."""
    problems = []
    for ex in rule.examples.flags():
        found = _lint(rule, ex)
        short = ex.text if len(ex.text) < 70 else ex.text[:67] + "..."
        if not found:
            problems.append(f"{rule.code}: does not flag {short!r}")
            continue
        if ex.match is not None:
            at = [f for f in found if f.matched == ex.match]
            if not at:
                problems.append(f"{rule.code}: flags {[f.matched for f in found]!r} in {short!r}, expected {ex.match!r}")
                continue
            source_span = ex.text[at[0].offset : at[0].end_offset]
            if ex.format == "text" and source_span != ex.match:
                problems.append(f"{rule.code}: reports offsets of {source_span!r}, expected {ex.match!r}")
            found = at
        if ex.suggestion is not None:
            with_s = [f for f in found if f.suggestion == ex.suggestion]
            if not with_s:
                problems.append(f"{rule.code}: suggests {[f.suggestion for f in found]!r} for {short!r}, expected {ex.suggestion!r}")
                continue
            f = with_s[0]
            fixed = ex.text[: f.offset] + ex.suggestion + ex.text[f.end_offset :]
            after = [g for g in _lint(rule, ex, fixed) if g.offset == f.offset]
            if after:
                problems.append(f"{rule.code}: still flags {fixed!r} after its own suggestion")
    for ex in rule.examples.passes():
        found = _lint(rule, ex)
        if found:
            problems.append(f"{rule.code}: flags {[f.matched for f in found]!r} in pass example {ex.text!r}")
    return problems
