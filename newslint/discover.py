"""Which files to lint: the paths given, and in folders the files that match ``include``.

Hidden files and folders, folders that are never articles (virtual environments, caches,
``node_modules``) and whatever ``.gitignore`` files ignore are skipped while walking; ``exclude``
globs apply to walked and named files alike. Files named on the command line are linted whatever
their extension. ``.gitignore`` patterns are matched by pathspec, which implements git's rules.
"""
from __future__ import annotations

import os
from pathlib import Path

from .engine import glob_match

SKIP_DIRS = {"node_modules", "__pycache__", "venv", "site-packages", "_build"}


def _gitignore(folder: Path):
    f = folder / ".gitignore"
    if not f.is_file():
        return None
    import pathspec

    try:
        return pathspec.GitIgnoreSpec.from_lines(f.read_text(encoding="utf-8", errors="replace").splitlines())
    except Exception:  # a malformed .gitignore should not stop linting
        return None


def discover(paths: list[str], include: list[str], exclude: list[str]) -> tuple[list[str], list[str]]:
    """(files to lint, paths that do not exist), files in a stable order without duplicates."""
    files: list[str] = []
    missing: list[str] = []
    seen: set[str] = set()

    def add(p: str) -> None:
        key = os.path.normcase(os.path.abspath(p))
        if key not in seen and not any(glob_match(p, x) for x in exclude):
            seen.add(key)
            files.append(p)

    for raw in paths:
        p = Path(raw)
        if p.is_file():
            add(raw)
        elif p.is_dir():
            for f in _walk(p, include, exclude):
                add(f)
        else:
            missing.append(raw)
    return files, missing


def _walk(root: Path, include: list[str], exclude: list[str]):
    specs: list[tuple[Path, object]] = []
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        specs = [(d, s) for d, s in specs if here == d or d in here.parents]
        spec = _gitignore(here)
        if spec is not None:
            specs.append((here, spec))

        def ignored(path: Path, is_dir: bool) -> bool:
            for base, sp in specs:
                rel = path.relative_to(base).as_posix() + ("/" if is_dir else "")
                if sp.match_file(rel):
                    return True
            return False

        dirnames[:] = sorted(
            d for d in dirnames
            if not d.startswith(".") and d not in SKIP_DIRS and not ignored(here / d, True)
            and not any(glob_match(str(here / d) + "/", x) for x in exclude)
        )
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            if any(glob_match(name, pat) for pat in include) and not ignored(here / name, False):
                out.append(str(here / name))
    return out
