"""The command line's watchdog stops a runaway rule as the regex module's timeouts did, and changes
nothing else: the same findings, no signal left behind. Nothing here is timed but the limits."""
from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest
import regex

from newslint.config import Settings
from newslint.engine import Engine
from newslint.packs import load_packs
from newslint.readers import read_path, read_source
from newslint.watchdog import Watchdog, unwatched

pytestmark = pytest.mark.skipif(not Watchdog.available(), reason="needs timer signals in the main thread")

ROOT = Path(__file__).resolve().parents[1]
RUNAWAY = regex.compile(r"(?:a|aa)+b")  # tries every way to split the a's: hours on 60 of them


@pytest.fixture
def watchdog():
    before = signal.getsignal(signal.SIGVTALRM)
    yield Watchdog().install()
    signal.signal(signal.SIGVTALRM, before)


def _busy(seconds: float) -> None:
    """Use ``seconds`` of CPU time (the watchdog counts CPU time, not time asleep)."""
    until = time.process_time() + seconds
    while time.process_time() < until:
        pass


def test_a_runaway_search_is_stopped_inside_the_regex_module(watchdog):
    started = time.monotonic()
    with pytest.raises(TimeoutError), watchdog.watching(0.2):
        watchdog.rule_starts()
        RUNAWAY.search("a" * 60)
    assert time.monotonic() - started < 5
    assert signal.getitimer(signal.ITIMER_VIRTUAL) == (0.0, 0.0)  # the timer is off again


def test_work_within_the_limit_is_not_stopped_and_no_tick_comes_later(watchdog):
    with watchdog.watching(0.1):
        for _ in range(3):
            watchdog.rule_starts()
            _busy(0.08)  # each rule under the limit, the file as a whole over it
            watchdog.rule_ends()
        _busy(0.2)  # between rules: ticks find nothing to stop
    _busy(0.1)
    assert signal.getitimer(signal.ITIMER_VIRTUAL) == (0.0, 0.0)


def test_time_asleep_or_waiting_is_not_counted(watchdog):
    """The limit is of CPU time: a rule slowed by a busy machine is not a runaway."""
    with watchdog.watching(0.05):
        watchdog.rule_starts()
        time.sleep(0.3)
        watchdog.rule_ends()


def test_work_done_once_is_neither_stopped_nor_charged_to_the_rule(watchdog):
    """Building the word store on a first run takes seconds inside the first rule that asks."""
    with watchdog.watching(0.2):
        watchdog.rule_starts()
        _busy(0.1)
        with unwatched():
            _busy(0.6)  # three limits long
        _busy(0.15)  # the rule's own work after it: within its limit, counted afresh
        watchdog.rule_ends()
    with pytest.raises(TimeoutError), watchdog.watching(0.2):  # still watched afterwards
        watchdog.rule_starts()
        RUNAWAY.search("a" * 60)


RUNAWAY_RULE = """rules:
  - code: W961
    name: runaway
    category: style
    kind: pattern
    patterns: ["(?:a|aa)+b"]
    message: "runaway"
    description: "Catastrophic backtracking: a or aa, repeated, before a b that never comes."
    examples:
      flag: ["aab"]
      pass: ["ccc"]
"""


def test_the_engine_reports_the_rule_that_gave_up_and_keeps_the_others(tmp_path, watchdog):
    (tmp_path / "rules.yaml").write_text(RUNAWAY_RULE, encoding="utf-8")
    engine = Engine(load_packs([tmp_path / "rules.yaml"]), Settings(select=["W961", "B002"], regex_timeout=0.3))
    engine.watchdog = watchdog
    first = engine.checkers[[r.code for r, _ in engine.checkers].index("W961")][1]
    doc = read_source("a" * 60 + "\n\nPrevious Article\n", "t.txt")
    result = engine.lint_document(doc)
    assert [e.message for e in result.errors] == ["rule W961 (runaway) gave up: it used over 0.3s of CPU time on this file"]
    assert [f.code for f in result.findings] == ["B002"]
    assert engine.checkers[[r.code for r, _ in engine.checkers].index("W961")][1] is not first  # made afresh
    again = engine.lint_document(read_source("aab ccc\n", "u.txt"))  # the next file: as usual
    assert [f.code for f in again.findings] == ["W961"] and not again.errors


def test_the_same_findings_with_the_watchdog_as_with_timeouts(watchdog):
    packs = load_packs()
    plain, watched = Engine(packs, Settings()), Engine(packs, Settings())
    watched.watchdog = watchdog
    seeds = sorted((ROOT / "seeds").glob("*"))
    assert seeds
    for path in seeds:
        doc = read_path(str(path))
        assert watched.lint_document(doc).findings == plain.lint_document(read_path(str(path))).findings, path
