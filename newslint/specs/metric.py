"""The YAML fields of a rule of the ``metric`` kind, as pydantic validates them; its checker is
in ``newslint/kinds/metric.py``."""
from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from ..kinds.metric import Checker, MEASURES
from .base import RuleBase


class Rule(RuleBase):
    kind: Literal["metric"]
    checker = Checker
    measure: str
    unit: Literal["sentence", "paragraph", "document"] = "sentence"
    above: float | None = None
    below: float | None = None
    min_words: int = Field(0, ge=0)

    @model_validator(mode="after")
    def _valid(self):
        if self.measure not in MEASURES:
            raise ValueError(f"unknown measure {self.measure!r}; one of: {', '.join(sorted(MEASURES))}")
        if (self.above is None) == (self.below is None):
            raise ValueError("give exactly one of above or below")
        return self
