"""``--diff-base REF``: which lines of which files changed since a git ref.

A tracked file's changed lines are the added or modified lines of ``git diff --unified=0 REF``
(the working tree against REF, so staged and unstaged edits both count), numbered as the file is
now. A file git does not track (untracked, ignored, or outside the work tree) is all new. A
finding is kept when any line it covers changed.
"""
from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import NewslintError

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
_ESCAPES = {"a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13, '"': 34, "\\": 92}


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=300)
    except FileNotFoundError:
        raise NewslintError("--diff-base needs git, and git is not installed") from None


def _unquote(path: str) -> str:
    """git's C-style quoting of unusual paths ("a\\tb", octal bytes for what it escapes)."""
    if not (path.startswith('"') and path.endswith('"')):
        return path
    body, out, i = path[1:-1], bytearray(), 0
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            n = body[i + 1]
            if n in "01234567":
                out.append(int(body[i + 1 : i + 4], 8))
                i += 4
                continue
            out.append(_ESCAPES.get(n, ord(n)))
            i += 2
            continue
        out += c.encode("utf-8")
        i += 1
    return out.decode("utf-8", "surrogateescape")


def parse_diff(text: str) -> dict[str, set[int]]:
    """Added or modified lines (new numbering) by path, from ``git diff --unified=0`` output."""
    changed: dict[str, set[int]] = {}
    current: set[int] | None = None
    header = False  # between "diff --git" and the first hunk, where "+++ b/path" names the file
    for line in text.split("\n"):
        if line.startswith("diff --git "):
            header, current = True, None
        elif header and line.startswith("+++ "):
            target = line[4:].rstrip("\r")
            if target != "/dev/null":
                target = _unquote(target)
                current = changed.setdefault(target[2:] if target.startswith("b/") else target, set())
        elif line.startswith("@@"):
            header = False
            m = _HUNK.match(line)
            if m and current is not None:
                start, count = int(m.group(1)), int(m.group(2) if m.group(2) is not None else 1)
                current.update(range(start, start + count))
    return changed


@dataclass
class Changes:
    """The lines changed since a ref, relative to the work tree's top folder."""

    root: Path
    lines: dict[str, set[int]] = field(default_factory=dict)
    tracked: set[str] = field(default_factory=set)

    def _key(self, path: str) -> str | None:
        rel = os.path.relpath(os.path.realpath(path), self.root)
        return None if rel.startswith(os.pardir) else Path(rel).as_posix()

    def covers(self, finding) -> bool:
        key = self._key(finding.path)
        if key is None or key not in self.tracked:
            return True  # untracked or outside the repository: every line is new
        changed = self.lines.get(key)
        if not changed:
            return False
        last = finding.end_line
        if finding.end_column == 1 and last > finding.line:
            last -= 1  # the span stops at the very start of its last line
        return any(n in changed for n in range(finding.line, last + 1))

    def filter(self, run) -> None:
        """Keep only the run's findings on changed lines, and count the files' findings again."""
        run.findings[:] = [f for f in run.findings if self.covers(f)]
        by_path: dict[str, dict[str, int]] = {}
        for f in run.findings:
            counts = by_path.setdefault(f.path, {})
            counts[f.category] = counts.get(f.category, 0) + 1
        run.files[:] = [
            replace(r, counts={c: by_path.get(r.path, {}).get(c, 0) for c in r.counts})
            for r in run.files
        ]


def changed_lines(ref: str, start: Path | None = None) -> Changes:
    """What changed since ``ref`` in the git work tree holding ``start`` (default: here)."""
    start = (start or Path.cwd()).resolve()
    folder = start if start.is_dir() else start.parent
    top = _git(["rev-parse", "--show-toplevel"], folder)
    if top.returncode != 0:
        raise NewslintError(f"--diff-base: {folder} is not in a git repository")
    root = Path(os.fsdecode(top.stdout.strip()))
    if ref.startswith("-") or _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], root).returncode != 0:
        raise NewslintError(f"--diff-base: {ref!r} is not a known git revision")
    diff = _git(["-c", "core.quotePath=false", "diff", "--no-color", "--no-ext-diff", "--no-textconv", "--no-renames",
                 "--src-prefix=a/", "--dst-prefix=b/", "--unified=0", ref, "--"], root)
    if diff.returncode != 0:
        msg = os.fsdecode(diff.stderr).strip().splitlines()
        raise NewslintError(f"--diff-base: git diff {ref} failed: {msg[0] if msg else 'no reason given'}")
    files = _git(["ls-files", "-z"], root)
    tracked = {os.fsdecode(p) for p in files.stdout.split(b"\0") if p}
    return Changes(root=Path(os.path.realpath(root)), lines=parse_diff(diff.stdout.decode("utf-8", "surrogateescape")),
                   tracked=tracked)
