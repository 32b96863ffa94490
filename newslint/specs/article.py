"""The YAML fields of a rule of the ``article`` kind, as pydantic validates them; its checker is
in ``newslint/kinds/article.py``."""
from __future__ import annotations

from typing import Literal

from ..kinds.article import Checker
from .base import RuleBase


class Rule(RuleBase):
    kind: Literal["article"]
    checker = Checker
