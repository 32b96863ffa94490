"""The fields of a ``balance`` rule, as its YAML gives them; the checker is in ``newslint/kinds/balance.py``."""
from __future__ import annotations

from typing import Literal

from ..kinds.balance import Checker
from .base import RuleBase


class Rule(RuleBase):
    kind: Literal["balance"]
    checker = Checker
