"""Errors that are the user's to fix: each prints as one line, never as a traceback."""
from __future__ import annotations


class NewslintError(Exception):
    """A usage, configuration or rule error: exit code 2."""


class ReadError(NewslintError):
    """A file that could not be read as an article; the other files are still linted."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.reason = message


class RuleError(NewslintError):
    """A rule file that does not load, named with its path and line."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")
        self.path, self.line, self.reason = path, line, message
