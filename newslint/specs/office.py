"""The fields of a ``office`` rule, as its YAML gives them; the checker is in ``newslint/kinds/office.py``."""
from __future__ import annotations

from typing import Literal

from ..kinds.office import Checker
from .base import RuleBase


class Rule(RuleBase):
    kind: Literal["office"]
    checker = Checker
    check: Literal["current", "former", "elect"]
