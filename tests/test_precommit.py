"""newslint as a pre-commit hook, run by the real pre-commit as another repository would use it.

pre-commit builds the hook's environment itself (a virtualenv, ``pip install`` of this project and
its dependencies from PyPI), so these tests are slow the first time and need PyPI.

The repository under test is this project's working tree. It is copied, files tracked or not but
not ignored, into a temporary repository and committed there: ``pre-commit try-repo`` on the
project itself would take staged and modified tracked files but not untracked ones, so a hook
file or module not yet added would be missing. On a clean clone (CI) the copy is HEAD.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 900  # building the hook environment on a cold pip cache downloads every dependency

HEADLINE = "City council approves new bus routes for the east side"
BODY = (
    "The city council voted on Tuesday to add three bus routes serving the east side, the transport "
    "department said in a statement.\n\n"
    "The new routes will start running in March and connect the neighbourhoods of Riverside and "
    "Oakwood with the central station.\n"
)
CLEAN_TXT = f"{HEADLINE}\n\n{BODY}\n\"People have waited a long time for this,\" said Maria Lopez, who chairs the council's transport committee.\n"
DIRTY_TXT = f"{HEADLINE}\n\n{BODY}\nPrevious Article\n\nLeave a Reply\n"
DIRTY_MD = f"# {HEADLINE}\n\n{BODY}\nPrevious Article\n\nLeave a Reply\n"
DIRTY_HTML = (
    "<!doctype html>\n<html><head><title>Bus routes</title></head><body>\n"
    f"<h1>{HEADLINE}</h1>\n"
    + "".join(f"<p>{p}</p>\n" for p in BODY.strip().split("\n\n"))
    + "<p>Previous Article</p>\n<h3>Leave a Reply</h3>\n</body></html>\n"
)
# Not an article: the hook must leave it alone although newslint would flag it if named.
NOT_AN_ARTICLE = '"""\nPrevious Article\n"""\n'


# -- helpers ------------------------------------------------------------------------------
def _pre_commit() -> list[str]:
    beside = Path(sys.executable).with_name("pre-commit")
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("pre-commit")
    if found:
        return [found]
    return [sys.executable, "-m", "pre_commit"]  # fails loudly if pre-commit is not installed


def _env(pre_commit_home: Path) -> dict[str, str]:
    """The caller's environment without git or pre-commit state that would leak in (as when the
    test suite itself runs inside a git hook), without the user's git config, and without colour."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("GIT_", "PRE_COMMIT")) and k != "VIRTUAL_ENV"}
    env.update(
        PRE_COMMIT_HOME=str(pre_commit_home),
        PRE_COMMIT_COLOR="never",
        NO_COLOR="1",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_TERMINAL_PROMPT="0",
    )
    return env


def _run(cmd: list[str], cwd: Path, env: dict[str, str], check: bool = False) -> subprocess.CompletedProcess:
    res = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         text=True, timeout=TIMEOUT, check=False)
    if check and res.returncode != 0:
        pytest.fail(f"{' '.join(cmd)} exited {res.returncode} in {cwd}:\n{res.stdout}")
    return res


def _git_init(path: Path, env: dict[str, str]) -> None:
    path.mkdir(parents=True, exist_ok=True)
    _run(["git", "init", "-q"], path, env, check=True)
    for key, value in (("user.name", "newslint tests"), ("user.email", "tests@newslint.invalid"),
                       ("commit.gpgsign", "false"), ("core.autocrlf", "false")):
        _run(["git", "config", key, value], path, env, check=True)


def _project_files() -> list[str]:
    """The project's files: what git tracks or would track, else everything but tool folders."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}  # e.g. a hook's GIT_INDEX_FILE
    res = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                         cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=False)
    if res.returncode == 0 and res.stdout:
        return [f for f in res.stdout.decode("utf-8", "surrogateescape").split("\0") if f]
    skip = {".git", ".venv", "venv", "__pycache__", ".pytest_cache", ".hypothesis", "build", "dist"}
    out = []
    for dirpath, dirnames, filenames in os.walk(ROOT):
        dirnames[:] = [d for d in dirnames if d not in skip and not d.endswith(".egg-info")]
        out += [str((Path(dirpath) / f).relative_to(ROOT)) for f in filenames]
    return out


# -- fixtures -----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict[str, str]:
    if shutil.which("git") is None:
        pytest.skip("git is not installed; pre-commit needs it")
    # One pre-commit store for the module, so `git commit` builds the hook environment once.
    # (try-repo always uses a store of its own in a temporary folder; pip's cache makes that quick.)
    return _env(tmp_path_factory.mktemp("pre-commit-home"))


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory, env) -> tuple[Path, str]:
    """(a git repository holding this project's working tree, its commit)."""
    snap = tmp_path_factory.mktemp("newslint-repo")
    for rel in _project_files():
        src = ROOT / rel
        if src.is_file():  # a tracked file deleted in the working tree is left out
            dst = snap / rel
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
    assert (snap / ".pre-commit-hooks.yaml").is_file(), "the project has no .pre-commit-hooks.yaml"
    _git_init(snap, env)
    _run(["git", "add", "-A"], snap, env, check=True)
    _run(["git", "commit", "-q", "--no-verify", "-m", "snapshot of the newslint working tree"], snap, env, check=True)
    rev = _run(["git", "rev-parse", "HEAD"], snap, env, check=True).stdout.strip()
    return snap, rev


@pytest.fixture
def articles(tmp_path, env) -> Path:
    """A fresh git repository holding a clean and a dirty article in each format."""
    repo = tmp_path / "articles"
    _git_init(repo, env)
    (repo / "clean.txt").write_text(CLEAN_TXT, encoding="utf-8")
    (repo / "dirty.txt").write_text(DIRTY_TXT, encoding="utf-8")
    (repo / "dirty.md").write_text(DIRTY_MD, encoding="utf-8")
    (repo / "dirty.html").write_text(DIRTY_HTML, encoding="utf-8")
    (repo / "notes.py").write_text(NOT_AN_ARTICLE, encoding="utf-8")
    return repo


def _try_repo(hook_repo, articles, env, *files: str) -> subprocess.CompletedProcess:
    path, rev = hook_repo
    return _run([*_pre_commit(), "try-repo", str(path), "newslint", "--ref", rev, "--files", *files],
                articles, env)


# -- tests --------------------------------------------------------------------------------
def test_try_repo_fails_on_dirty_articles(hook_repo, articles, env):
    res = _try_repo(hook_repo, articles, env, "dirty.txt", "dirty.md", "dirty.html", "clean.txt")
    out = res.stdout
    assert res.returncode == 1, out
    assert "newslint" in out and "Failed" in out, out
    for name in ("dirty.txt", "dirty.md", "dirty.html"):
        assert f"{name}:" in out, f"{name} not reported:\n{out}"
    assert "B002" in out and "'Previous Article'" in out, out
    assert "clean.txt:" not in out, out


def test_try_repo_passes_clean_article(hook_repo, articles, env):
    res = _try_repo(hook_repo, articles, env, "clean.txt", "notes.py")
    assert res.returncode == 0, res.stdout
    assert "Passed" in res.stdout, res.stdout
    assert "Previous Article" not in res.stdout, "the hook linted a file that is not an article:\n" + res.stdout


def test_git_commit_is_blocked_by_dirty_article(hook_repo, articles, env):
    path, rev = hook_repo
    (articles / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {path.as_posix()}\n    rev: {rev}\n    hooks:\n      - id: newslint\n", encoding="utf-8")
    _run([*_pre_commit(), "install"], articles, env, check=True)
    assert (articles / ".git" / "hooks" / "pre-commit").is_file()

    _run(["git", "add", ".pre-commit-config.yaml", "dirty.txt"], articles, env, check=True)
    blocked = _run(["git", "commit", "-m", "add a dirty article"], articles, env)
    assert blocked.returncode != 0, blocked.stdout
    assert "newslint" in blocked.stdout and "Failed" in blocked.stdout, blocked.stdout
    assert "dirty.txt:" in blocked.stdout and "'Previous Article'" in blocked.stdout, blocked.stdout
    assert _run(["git", "rev-parse", "--verify", "-q", "HEAD"], articles, env).returncode != 0, "a commit was made"

    _run(["git", "rm", "-q", "--cached", "dirty.txt"], articles, env, check=True)
    _run(["git", "add", "clean.txt", "notes.py"], articles, env, check=True)
    done = _run(["git", "commit", "-m", "add a clean article"], articles, env)
    assert done.returncode == 0, done.stdout
    assert "Passed" in done.stdout, done.stdout
    committed = _run(["git", "ls-tree", "-r", "--name-only", "HEAD"], articles, env, check=True).stdout.split()
    assert sorted(committed) == [".pre-commit-config.yaml", "clean.txt", "notes.py"]
