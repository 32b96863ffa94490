"""Configuration: ``[tool.newslint]`` in pyproject.toml, or ``newslint.toml``, found by walking
up from the first linted path. Command-line flags override it. Unknown keys and bad values are
errors that name the file and the key.
"""
from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import NewslintError
from .models import Severity


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)

    select: list[str] | None = None
    extend_select: list[str] = Field(default_factory=list, alias="extend-select")
    ignore: list[str] = Field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict, alias="per-file-ignores")
    severity: dict[str, Severity] = Field(default_factory=dict, description="selector: severity")
    rule_packs: list[str] = Field(default_factory=list, alias="rule-packs")
    knowledge: list[str] = Field(default_factory=list, description="extra knowledge files or folders")
    fail_on: Severity = Field(Severity.warning, alias="fail-on")
    date: str | None = Field(None, description="the article date when a file gives none")
    languages: list[str] = Field(default_factory=lambda: ["en"])
    include: list[str] = Field(default_factory=lambda: ["*.txt", "*.md", "*.markdown", "*.html", "*.htm"])
    exclude: list[str] = Field(default_factory=list)
    max_file_size: float = Field(20.0, alias="max-file-size", gt=0, description="MB")
    regex_timeout: float = Field(2.0, alias="regex-timeout", gt=0,
                                 description="seconds before a runaway rule gives up on a file (see newslint/watchdog.py)")
    output_format: Literal["auto", "text", "json", "concise"] | str = Field("auto", alias="output-format")

    # Where the settings came from; paths in them are relative to this folder.
    root: Path = Field(default_factory=Path.cwd, exclude=True)
    source: str | None = Field(None, exclude=True)

    @classmethod
    def defaults(cls) -> "Settings":
        """``Settings()`` without building its validator: defaults need no checking, and a run
        with no config file (most pre-commit runs) would pay about 20 ms for the build."""
        return cls.model_construct()

    @field_validator("date", mode="before")
    @classmethod
    def _iso_date(cls, v):
        if v is None:
            return v
        from .dates import parse_date

        if parse_date(str(v)) is None:
            raise ValueError(f"{v!r} is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)")
        return str(v)


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
    try:
        return "newslint" in tomllib.loads(f.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return True  # let load_config report what is wrong with it


def load_config(path: Path) -> Settings:
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
    try:
        return Settings.model_validate({**section, "root": path.parent if path else Path.cwd(), "source": str(path) if path else None})
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"])
        what = "unknown key" if err["type"] == "extra_forbidden" else err["msg"].removeprefix("Value error, ")
        line = _line_of_key(path, str(err["loc"][0])) if path else None
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
