from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture
def shared_dir() -> Path:
    """``../shared`` beside the project; tests that need it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the project (reference data and the seed scorer live there)")
    return SHARED


@pytest.fixture(autouse=True, scope="session")
def _own_result_cache(tmp_path_factory):
    """The CLI reuses results of unchanged files (newslint/cache.py); the tests, and the
    newslint processes they start, use a cache of their own, never the user's."""
    # Inside GitHub Actions the default format is `github`; the tests expect newslint's own defaults.
    os.environ.pop("GITHUB_ACTIONS", None)
    old = os.environ.get("NEWSLINT_CACHE_DIR")
    os.environ["NEWSLINT_CACHE_DIR"] = str(tmp_path_factory.mktemp("result-cache"))
    yield
    if old is None:
        os.environ.pop("NEWSLINT_CACHE_DIR", None)
    else:
        os.environ["NEWSLINT_CACHE_DIR"] = old
