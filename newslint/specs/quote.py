"""The YAML fields of a rule of the ``quote`` kind, as pydantic validates them; its checker is
in ``newslint/kinds/quote.py``."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..kinds.quote import Checker
from .base import RuleBase


class Rule(RuleBase):
    kind: Literal["quote"]
    checker = Checker
    speech_verbs: list[str] = Field(min_length=1, description="words that attribute speech, outside the quotation")
    min_share: float = Field(0.7, gt=0, le=1)
    min_words: int = Field(4, ge=1)
