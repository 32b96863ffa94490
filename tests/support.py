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
