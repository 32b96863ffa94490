"""The YAML fields of a rule of the ``phrase`` kind, as pydantic validates them; its checker is
in ``newslint/kinds/phrase.py``."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..kinds.phrase import Checker
from .base import RuleBase


class Rule(RuleBase):
    kind: Literal["phrase"]
    checker = Checker
    phrases: list[str] = Field(min_length=1)
    ignorecase: bool = True
    exceptions: list[str] = Field(default_factory=list)
    suggestion: str | None = None
