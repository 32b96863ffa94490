"""The YAML fields of a rule of the ``unused-suppression`` kind, as pydantic validates them; its
checker is in ``newslint/kinds/suppression.py``."""
from __future__ import annotations

from typing import Literal

from ..kinds.suppression import Checker
from .base import RuleBase


class Rule(RuleBase):
    kind: Literal["unused-suppression"]
    checker = Checker
