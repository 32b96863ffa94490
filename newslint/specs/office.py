"""The YAML fields of a rule of the ``office`` kind, as pydantic validates them; its checker is
in ``newslint/kinds/office.py``."""
from __future__ import annotations

from typing import Literal

from ..kinds.office import Checker
from .base import RuleBase


class Rule(RuleBase):
    kind: Literal["office"]
    checker = Checker
    check: Literal["current", "former", "elect"]
