"""The YAML fields of a rule of the ``balance`` kind, as pydantic validates them; its checker is
in ``newslint/kinds/balance.py``."""
from __future__ import annotations

from typing import Literal

from ..kinds.balance import Checker
from .base import RuleBase


class Rule(RuleBase):
    kind: Literal["balance"]
    checker = Checker
