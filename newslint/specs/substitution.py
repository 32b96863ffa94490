"""The YAML fields of a rule of the ``substitution`` kind, as pydantic validates them; its checker is
in ``newslint/kinds/substitution.py``."""
from __future__ import annotations

from typing import Literal

from pydantic import Field, PrivateAttr, model_validator

from ..kinds.base import phrase_regex
from ..kinds.substitution import Checker
from .base import RuleBase


class Rule(RuleBase):
    kind: Literal["substitution"]
    checker = Checker
    swap: dict[str, str] = Field(min_length=1, description="wrong form: preferred form")
    ignorecase: bool = True

    # The expression of every wrong form, made once when the rule is validated and kept with it in
    # the compiled packs, so a run does not rebuild it (about 1 ms a rule).
    _source: str | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _expression_source(self):
        self._source = phrase_regex(self.swap, self.ignorecase)
        return self
