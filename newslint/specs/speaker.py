"""The YAML fields of a rule of the ``speaker`` kind, as pydantic validates them; its checker is
in ``newslint/kinds/speaker.py``."""
from __future__ import annotations

from typing import Literal

from pydantic import Field, PrivateAttr, model_validator

from ..kinds.speaker import Checker, Prepared
from .base import RuleBase


class Rule(RuleBase):
    kind: Literal["speaker"]
    checker = Checker
    check: Literal["surname", "pronoun"]
    honorifics: list[str] = Field(min_length=1)
    speech_verbs: list[str] = Field(min_length=1)
    roles: list[str] = Field(min_length=1, description="words that introduce a person by role")
    not_names: list[str] = Field(default_factory=list, description="capitalised words that are never surnames")
    pronouns: list[str] = Field(default_factory=lambda: ["he", "she"])
    inverted_verbs: list[str] = Field(
        default_factory=lambda: ["said", "says", "added", "adds", "noted", "wrote", "asked", "according to"],
        description="verbs that may come before the speaker's name (\"said Kirby\")",
    )

    # The expressions and word heads of the lists, made once when the rule is validated and kept
    # with it in the compiled packs, so a run does not rebuild them (about 5 ms a run).
    _prepared: "Prepared | None" = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _prepare(self):
        self._prepared = Prepared.of(self)
        return self
