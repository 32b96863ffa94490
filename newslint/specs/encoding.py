"""The YAML fields of a rule of the ``encoding`` kind, as pydantic validates them; its checker is
in ``newslint/kinds/encoding.py``."""
from __future__ import annotations

from typing import Literal

from ..kinds.encoding import Checker
from .base import RuleBase


class Rule(RuleBase):
    kind: Literal["encoding"]
    checker = Checker
    check: Literal["mojibake", "replacement", "control", "entities"]
