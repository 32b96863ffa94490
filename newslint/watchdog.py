"""Stopping a runaway rule on the command line, without asking the clock at every search.

A regular expression can backtrack for hours on the wrong text (a user's ``(a+)+$`` on a line of
``a``), so no rule may run unbounded. The regex module can stop a search itself (``timeout=``),
but it reads a CPU-time clock that costs a system call, twice a search, and a run makes hundreds
of thousands of searches: that was about a sixteenth of a whole run.

On the command line the engine uses a :class:`Watchdog` instead. While a file is linted, a timer
signal comes after every quarter of the time limit of CPU time the process uses (``ITIMER_VIRTUAL``,
so a busy machine does not stop a slow but sound rule); when the rule running then has used more
than the limit since the first signal that found it running, the signal handler raises
:class:`TimeoutError`, which the engine reports as it reported the regex module's own ("rule
W960 (name) gave up: ..."). So a runaway rule stops after between one and one and a half times
the limit. The regex module looks for signals while it searches, so a runaway search is stopped
inside it. A file's limit is the ``regex-timeout`` setting, times the file's length in millions
of characters when it is longer.

Signals need the main thread of a process that is newslint's own: the command line (and its
forked workers) has both; the Python API, which may run in threads of someone else's program,
keeps the regex module's timeouts.

Work done once a process, when a rule first needs it, is no runaway: building the word store
takes seconds on a first run, and other data is built into the compiled cache. Such work runs
``unwatched()``: no signal stops it, and the rule's clock starts again after it.
"""
from __future__ import annotations

import math
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

_paused = 0  # how deep in unwatched() work this process is
_current: Watchdog | None = None  # the watchdog of the file being linted, if any


@contextmanager
def unwatched() -> Iterator[None]:
    """Work that no watchdog stops and that the running rule's clock does not count."""
    global _paused
    _paused += 1
    try:
        yield
    finally:
        _paused -= 1
        if _current is not None and not _paused:
            _current.started = None  # the clock starts again at the next signal


class Watchdog:
    def __init__(self) -> None:
        self.limit = math.inf  # CPU seconds the rule now running may use; infinite between rules
        self.started: float | None = None  # CPU time (process_time) at the first signal it ran through
        self.file_limit = math.inf  # the limit of each rule on the file being linted

    @staticmethod
    def available() -> bool:
        """Whether this process can use one: timer signals exist and this is the main thread."""
        return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()

    def install(self) -> Watchdog:
        """Take the timer signal (forked workers inherit the handler)."""
        signal.signal(signal.SIGVTALRM, self._tick)
        return self

    def _tick(self, signum, frame) -> None:
        if _paused or self.limit == math.inf:
            return
        now = time.process_time()
        if self.started is None:
            self.started = now
        elif now - self.started > self.limit:
            self.limit = math.inf  # raised once; the next rule sets its own limit
            raise TimeoutError("a rule ran over its time limit")

    @contextmanager
    def watching(self, limit: float) -> Iterator[Watchdog]:
        """Ticks while one file is linted, ``rule_starts`` and ``rule_ends`` around each rule:
        a rule that has used more than ``limit`` CPU seconds when a tick comes is stopped."""
        global _current
        tick = max(limit / 4, 0.001)
        self.file_limit = limit
        _current = self
        signal.setitimer(signal.ITIMER_VIRTUAL, tick, tick)
        try:
            yield self
        finally:
            self.limit = math.inf  # a tick that comes before the timer is off finds nothing to stop
            signal.setitimer(signal.ITIMER_VIRTUAL, 0)
            _current = None

    def rule_starts(self) -> None:
        self.started = None
        self.limit = self.file_limit

    def rule_ends(self) -> None:
        self.limit = math.inf
