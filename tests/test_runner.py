"""newslint.runner: a few files in two processes (one fork), many in a pool, and nothing lost
when a process fails. The engine here is a stand-in that says which process linted each file."""
from __future__ import annotations

import os
import pickle
import subprocess
import sys
import time

import pytest

from newslint import regexcache, runner

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PARENT = os.getpid()


class Spy:
    """An engine whose ``lint_path`` gives (the path, the process that linted it)."""

    def __init__(self, pause: float = 0.0, in_child=None) -> None:
        self.pause = pause
        self.in_child = in_child

    def lint_path(self, path: str):
        if os.getpid() != PARENT and self.in_child is not None:
            self.in_child(path)
        time.sleep(self.pause)
        return path, os.getpid()


@pytest.fixture
def two_cores(monkeypatch):
    monkeypatch.setattr(runner, "cpu_count", lambda: 2)


FILES = [f"article-{i}.txt" for i in range(7)]


def test_a_few_files_are_shared_by_two_processes_and_come_back_in_order(two_cores):
    results = list(runner.run(Spy(pause=0.05), FILES, split=True))
    assert [path for path, _ in results] == FILES
    pids = {pid for _, pid in results}
    assert PARENT in pids and len(pids) == 2, "both processes took files"


def test_progress_counts_every_file_once(two_cores):
    ticks = []
    list(runner.run(Spy(pause=0.02), FILES, progress=ticks.append, split=True))
    assert sum(ticks) == len(FILES)


@pytest.mark.parametrize("failure", ["exit", "raise"])
def test_a_failed_child_loses_nothing(two_cores, failure):
    def fail(path):
        if failure == "exit":
            os._exit(3)
        raise RuntimeError("the child breaks")

    results = list(runner.run(Spy(pause=0.05, in_child=fail), FILES, split=True))
    assert results == [(path, PARENT) for path in FILES], "the parent linted what the child took"


def test_when_the_files_are_split(two_cores, monkeypatch):
    assert not runner.splits(1, None)  # one file: no fork
    assert runner.splits(2, None) and runner.splits(runner.PARALLEL_MIN_FILES - 1, None)
    assert not runner.splits(runner.PARALLEL_MIN_FILES, None)  # a pool's business
    assert not runner.splits(5, 1) and not runner.splits(5, 2)  # --jobs decides
    monkeypatch.setattr(runner, "cpu_count", lambda: 1)
    assert not runner.splits(5, None)  # no second core


def test_without_split_one_process_lints_them_all(two_cores):
    """The Python API runs in programs that may run threads: it never forks for a few files."""
    assert list(runner.run(Spy(), FILES)) == [(path, PARENT) for path in FILES]
    assert list(runner.run(Spy(), FILES, jobs=1, split=True)) == [(path, PARENT) for path in FILES]


def test_patterns_compiled_in_the_child_are_recorded(two_cores):
    """The child leaves without the parent's exit handlers, so it saves what it compiled to the
    regex record itself, and the next run need not parse it again."""
    pattern = rf"(?:child-only-{PARENT}-\w+)"

    def compile_one(path):
        regexcache.compile(pattern)

    list(runner.run(Spy(pause=0.05, in_child=compile_one), FILES, split=True))
    record = pickle.loads(regexcache._file().read_bytes())
    assert (pattern, 0) in record


def test_the_command_line_prints_the_same_with_one_process_or_two():
    def lint(*args):
        proc = subprocess.run([sys.executable, "-m", "newslint", "--isolated", "--no-cache", "--format", "json",
                               "--exit-zero", *args, "seeds"], cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr[-2000:]
        return proc.stdout

    assert lint() == lint("-j", "1")
