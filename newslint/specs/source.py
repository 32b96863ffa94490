"""The YAML fields of a rule of the ``source`` kind, as pydantic validates them; its checker is
in ``newslint/kinds/source.py``."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..kinds.source import Checker
from .base import RuleBase


class Rule(RuleBase):
    kind: Literal["source"]
    checker = Checker
    check: Literal["unknown", "state", "unreliable", "deprecated", "single"]
    low_score: int = Field(30, description="'single': an outlet scoring at or below this is low-rated")
