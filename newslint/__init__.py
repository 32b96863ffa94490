"""newslint: a source-reliability and quality-flag linter for news articles."""
from __future__ import annotations

__version__ = "0.1.0"

# The Python API (newslint.api), imported on first use so that ``import newslint`` stays light.
_API = ("lint_text", "lint_text_result", "lint_paths")
__all__ = ["__version__", *_API]


def __getattr__(name: str):
    if name in _API:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'newslint' has no attribute {name!r}")
