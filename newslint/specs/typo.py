"""The YAML fields of a rule of the ``typo`` kind, as pydantic validates them; its checker is
in ``newslint/kinds/typo.py``."""
from __future__ import annotations

from typing import Literal

from .. import lexicon as store
from pydantic import Field

from ..kinds.typo import Checker
from .base import RuleBase


class Rule(RuleBase):
    kind: Literal["typo"]
    checker = Checker
    check: Literal["nonword", "realword", "prefix"]
    min_length: int = Field(4, ge=2, description="shortest word judged")
    min_gain: float = Field(2.0, description="nonword: Zipf points the suggestion must be more frequent by")
    known_gain: float = Field(0.5, description="nonword: extra Zipf points needed for a word the CMU pronouncing dictionary lists")
    max_zipf: float = Field(3.0, description="nonword: words at least this common in wordfreq are never typos")
    min_candidate_zipf: float = Field(5.0, description="realword: how common the replacement word must be")
    min_zipf_gain: float = Field(0.75, description="realword: how much more common the replacement must be than the word")
    min_word_zipf: float = Field(4.0, description="realword: rarer words are not judged (their pairs are too rare to be listed)")
    min_pair_count: int = Field(20_000_000, description="realword: how often each pair the replacement makes must occur")
    prefixes: list[str] = Field(default_factory=list, description="prefix: prefixes that join with a hyphen")
    foreign_languages: list[str] = Field(
        default_factory=lambda: list(store.FOREIGN_LANGUAGES),
        description="nonword: a word common in one of these languages (wordfreq) is foreign, not misspelt",
    )
