"""Configuration: ``[tool.newslint]`` in pyproject.toml, or ``newslint.toml``, found by walking
up from the first linted path. Command-line flags override it. Unknown keys and bad values are
errors that name the file and the key.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .errors import NewslintError
from .models import Severity


class InvalidSetting(ValueError):
    """A value that has the right type but is not allowed; ``key`` names the setting."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


def _hyphenated(name: str) -> str:
    return name.replace("_", "-")


@dataclass(kw_only=True)
class Settings:
    """The settings of a run. A plain dataclass, so that a run needs no pydantic; a config file or
    a dict of its keys is validated by pydantic (:func:`settings_from`), and the validated
    settings of a config file are kept in the compiled cache (:func:`load_config`)."""

    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    severity: dict[str, Severity] = field(default_factory=dict)
    """selector: severity"""
    rule_packs: list[str] = field(default_factory=list)
    knowledge: list[str] = field(default_factory=list)
    """extra knowledge files or folders"""
    fail_on: Severity = Severity.warning
    date: str | int | dt.date | None = None
    """the article date when a file gives none (a TOML date or year is taken as its text)"""
    languages: list[str] = field(default_factory=lambda: ["en"])
    include: list[str] = field(default_factory=lambda: ["*.txt", "*.md", "*.markdown", "*.html", "*.htm"])
    exclude: list[str] = field(default_factory=list)
    max_file_size: float = 20.0
    """MB"""
    regex_timeout: float = 2.0
    """seconds before a runaway rule gives up on a file (see newslint/watchdog.py)"""
    output_format: Literal["auto", "text", "json", "concise"] | str = "auto"

    # Where the settings came from; paths in them are relative to this folder.
    root: Path = field(default_factory=Path.cwd)
    source: str | None = None

    # for pydantic, when it validates a config: keys are hyphenated ("per-file-ignores"), though
    # the field names are accepted too, and no other key is
    __pydantic_config__ = {"extra": "forbid", "alias_generator": _hyphenated, "populate_by_name": True,
                           "use_attribute_docstrings": True}

    def __post_init__(self) -> None:
        for key in ("max_file_size", "regex_timeout"):
            if not getattr(self, key) > 0:
                raise InvalidSetting(key, "Input should be greater than 0")
        if self.date is not None:
            from .dates import parse_date

            self.date = str(self.date)
            if parse_date(self.date) is None:
                raise InvalidSetting("date", f"{self.date!r} is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)")

    @classmethod
    def defaults(cls) -> "Settings":
        return cls()


CONFIG_FILES = ("newslint.toml", ".newslint.toml", "pyproject.toml")


def find_config(start: Path) -> Path | None:
    start = start.resolve()
    folder = start if start.is_dir() else start.parent
    for d in (folder, *folder.parents):
        for name in CONFIG_FILES:
            f = d / name
            if f.is_file() and (name != "pyproject.toml" or _has_tool_section(f)):
                return f
    return None


def _has_tool_section(f: Path) -> bool:
    import tomllib  # only where a pyproject.toml is found

    try:
        return "newslint" in tomllib.loads(f.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return True  # let load_config report what is wrong with it


def load_config(path: Path) -> Settings:
    """The settings of a config file, validated once and then kept in the compiled cache
    (:mod:`newslint.compiled`) while the file does not change: a run with a config file then
    needs no pydantic."""
    from .compiled import cached

    settings = cached("settings", [path], lambda: _read_config(path))
    # the same file may be named from elsewhere: paths in it are relative to where it is now
    settings.root, settings.source = path.parent, str(path)
    return settings


def _read_config(path: Path) -> Settings:
    import tomllib

    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise NewslintError(f"{path}: cannot read config: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise NewslintError(f"{path}: config is not valid UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise NewslintError(f"{path}: invalid TOML: {exc}") from None
    tool = raw.get("tool", {})
    section = (tool.get("newslint", {}) if isinstance(tool, dict) else tool) if path.name == "pyproject.toml" else raw
    prefix = "[tool.newslint] " if path.name == "pyproject.toml" else ""
    if not isinstance(section, dict):
        raise NewslintError(f"{path}: {prefix or 'the config '}must be a table of settings")
    return settings_from(section, path, prefix)


def settings_from(section: dict, path: Path | None, prefix: str = "") -> Settings:
    """``section`` (a config file's settings, or a dict of them) validated by pydantic; errors name
    the file, the line and the key."""
    from pydantic import TypeAdapter, ValidationError

    try:
        return TypeAdapter(Settings).validate_python({**section, "root": path.parent if path else Path.cwd(),
                                                      "source": str(path) if path else None})
    except ValidationError as exc:
        err = exc.errors()[0]
        invalid = (err.get("ctx") or {}).get("error")
        if isinstance(invalid, InvalidSetting):  # a value __post_init__ refused
            loc, what = (_hyphenated(invalid.key),), str(invalid)
        else:
            loc = err["loc"]
            what = "unknown key" if err["type"] == "unexpected_keyword_argument" else err["msg"].removeprefix("Value error, ")
        key = ".".join(str(p) for p in loc)
        line = _line_of_key(path, str(loc[0])) if path else None
        where = f"{path}:{line}" if line else str(path or "config")
        raise NewslintError(f"{where}: {prefix}{key}: {what}") from None


def _line_of_key(path: Path, key: str) -> int | None:
    try:
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            stripped = line.strip()
            if stripped.startswith((key + " ", key + "=", f'"{key}"')):
                return i
    except OSError:
        pass
    return None
