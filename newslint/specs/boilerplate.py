"""The YAML fields of a rule of the ``boilerplate`` kind, as pydantic validates them; its checker is
in ``newslint/kinds/boilerplate.py``."""
from __future__ import annotations

from typing import Any, Literal

import regex
from pydantic import Field, PrivateAttr, field_validator, model_validator

from ..kinds.base import compile_regex
from ..kinds.boilerplate import Checker, _flatten, folded
from .base import RuleBase, Strict


class After(Strict):
    lines: list[str] = Field(default_factory=list)
    shapes: list[str] = Field(default_factory=list)
    take: int = Field(1, ge=1, le=50, description="at most this many headline lines after an anchor")
    headline_max_words: int = Field(20, ge=2)
    spare_subheadings: bool = Field(
        True, description="leave a headline-like line that is directly followed by a prose paragraph"
    )
    from_first_prose: bool = Field(
        False, description="only anchors at or below the first prose paragraph count (not a site header's)"
    )
    _folded: frozenset[str] | None = PrivateAttr(default=None)  # see Rule._folded

    @field_validator("lines", "shapes", mode="before")
    @classmethod
    def _flat(cls, v: Any) -> Any:
        return _flatten(v)

    @model_validator(mode="after")
    def _fold(self):
        self._folded = folded(self.lines)
        return self


class Rule(RuleBase):
    kind: Literal["boilerplate"]
    checker = Checker
    lines: list[str] = Field(default_factory=list)
    shapes: list[str] = Field(default_factory=list)
    max_words: int = Field(16, ge=1)
    zone: Literal["anywhere", "edges"] = Field(
        "anywhere", description="edges: only before the first or after the last prose paragraph"
    )
    after: After | None = None
    # The lines as compared (``folded``), made once when the rule is validated and kept with it in
    # the compiled packs, so a run does not fold them again.
    _folded: frozenset[str] | None = PrivateAttr(default=None)

    @field_validator("lines", "shapes", mode="before")
    @classmethod
    def _flat(cls, v: Any) -> Any:
        return _flatten(v)

    @model_validator(mode="after")
    def _something_to_match(self):
        if not (self.lines or self.shapes or self.after):
            raise ValueError("a boilerplate rule needs lines, shapes or after")
        shapes = self.shapes + (self.after.shapes if self.after else [])
        for i, s in enumerate(shapes):
            compile_regex(s, regex.IGNORECASE, f"shapes[{i}]")
        self._folded = folded(self.lines)
        return self
