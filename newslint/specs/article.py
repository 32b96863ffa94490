"""The fields of a ``article`` rule, as its YAML gives them; the checker is in ``newslint/kinds/article.py``."""
from __future__ import annotations

from typing import Literal

from ..kinds.article import Checker
from .base import RuleBase


class Rule(RuleBase):
    kind: Literal["article"]
    checker = Checker
