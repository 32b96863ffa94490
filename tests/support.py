"""Helpers the CLI tests share: run newslint as a user does, write files, read a one-line error."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def newslint(args, cwd: Path, stdin: str | None = None, env: dict | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    """``python -m newslint ARGS`` in ``cwd``, with colour left to newslint's own defaults."""
    e = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    e.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "newslint", *map(str, args)],
        cwd=cwd, input=stdin, capture_output=True, text=True, env=e, timeout=timeout,
    )


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def one_error_line(proc: subprocess.CompletedProcess, *, nothing_else: bool = False) -> str:
    """The single stderr line of a run that failed with exit code 2 (and, if asked, printed nothing)."""
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    err = proc.stderr.strip()
    assert err and "\n" not in err, f"expected one line on stderr, got: {proc.stderr!r}"
    assert "Traceback" not in err
    if nothing_else:
        assert proc.stdout == ""
    return err


# -- the test rule pack --------------------------------------------------------------------
# Rules on made-up words, so exact values come from rules defined here rather than from the
# shipped packs (which change). Each test file takes the ones it needs, changing what it tests.
RULES = {
    "S901": {"code": "S901", "name": "zz-source-one", "category": "source", "severity": "warning", "kind": "phrase",
             "phrases": ["zorblax"], "message": "Source one: '{match}'", "description": "A test rule that flags a made-up word.",
             "examples": {"flag": ["The council met to discuss zorblax."], "pass": ["The council met to discuss the budget."]}},
    "S902": {"code": "S902", "name": "zz-source-two", "category": "source", "severity": "info", "kind": "phrase",
             "phrases": ["quibbitz"], "message": "Source two: '{match}'",
             "description": "A test rule that flags another made-up word.",
             "examples": {"flag": ["Members voted for quibbitz."], "pass": ["Members voted for the plan."]}},
    "A901": {"code": "A901", "name": "zz-attribution", "category": "attribution", "severity": "warning", "kind": "phrase",
             "phrases": ["flurbish"], "message": "Attribution: '{match}'", "description": "A test rule in the attribution category.",
             "examples": {"flag": ["The mayor will flurbish the plan."], "pass": ["The mayor will present the plan."]}},
    "G901": {"code": "G901", "name": "zz-garbled", "category": "garbled", "severity": "error", "kind": "pattern",
             "patterns": ["grz+k"], "message": "Garbled: '{match}'",
             "description": "A test rule in the garbled category, a regular expression.",
             "examples": {"flag": ["A new grzzk sign went up."], "pass": ["A new stop sign went up."]}},
}


def rule(code: str, **changes) -> dict:
    """One of RULES, with ``changes`` to its fields."""
    return {**RULES[code], **changes}


def rule_pack(*rules: dict) -> str:
    """The YAML of a pack named "mine" holding ``rules``."""
    import yaml

    return yaml.safe_dump({"pack": "mine", "rules": list(rules)}, sort_keys=False, allow_unicode=True)


def plain_substitution(rule, text: str) -> list[tuple]:
    """What a substitution rule finds in ``text`` by its whole expression, the oracle its fast
    paths are held to: (start, end, suggestion), in order."""
    import regex

    from newslint.kinds import substitution
    from newslint.kinds.base import phrase_regex

    checker = rule.compile()
    rx = regex.compile(phrase_regex(rule.swap, rule.ignorecase), regex.IGNORECASE if rule.ignorecase else 0)
    out = []
    for m in rx.finditer(text):
        preferred = checker.swap.get(checker.norm(m.group().replace("’", "'"))) or checker.swap.get(checker.norm(m.group()))
        if preferred is not None:
            out.append((m.start(), m.end(), substitution.keep_case(m.group(), preferred)))
    return sorted(out)


def substitution_rule(base, swap: dict[str, str], ignorecase: bool):
    """The substitution rule ``base`` with another table of forms."""
    return respec(base, swap=swap, ignorecase=ignorecase)


def respec(rule, **changes):
    """The pydantic spec of a loaded rule (its YAML form validated again), with ``changes`` to its
    fields, validated as well, so the values its validators prepare follow them."""
    from newslint.specs import rule_adapter

    return rule_adapter().validate_python({**rule.as_written, **changes})


def memory_added(setup: str, work: str, args: list[str] = (), env: dict | None = None) -> int:
    """MiB that running ``work`` adds to the memory high-water mark of a new Python process, once
    ``setup`` has run there. The mark is the kernel's VmHWM, which unlike ``ru_maxrss`` does not
    start at the size of the process that started it (pytest's); the test skips where there is
    no Linux ``/proc/self/status`` to read it from."""
    import pytest

    if not os.path.isfile("/proc/self/status"):
        pytest.skip("the process's memory high-water mark is read from Linux's /proc/self/status")
    code = (f"import sys\n{setup}\n"
            "def peak(): return int(open('/proc/self/status').read().split('VmHWM:')[1].split()[0])\n"
            f"before = peak()\n{work}\nprint((peak() - before) // 1024)\n")
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=600,
                          env={**os.environ, **(env or {})})
    assert proc.returncode == 0, proc.stderr[-2000:]
    return int(proc.stdout)
