"""The YAML fields of a rule of the ``language`` kind, as pydantic validates them; its checker is
in ``newslint/kinds/language.py``."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..kinds.language import Checker
from .base import RuleBase


class Rule(RuleBase):
    kind: Literal["language"]
    checker = Checker
    scope: Literal["document", "paragraph", "sentence"] = "paragraph"
    min_words: int = Field(8, ge=1)
    min_probability: float = Field(0.9, ge=0.0, le=1.0)
