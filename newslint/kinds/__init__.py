"""The registry of rule kinds: one module a kind, one line here each.

Each module defines ``Rule`` (its YAML fields, a pydantic model with ``kind: Literal[...]``) and a
checker that ``Rule.compile()`` returns. ``rule_adapter()`` validates any rule by its ``kind``; it is
built on first use, since a run that loads its rule packs from the compiled cache never needs it.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Union

from pydantic import Field, TypeAdapter

from . import article, balance, boilerplate, encoding, language, metric, office, pattern, phrase, quote, source, speaker, substitution, suppression, typo

KIND_MODULES = {
    "phrase": phrase,
    "pattern": pattern,
    "substitution": substitution,
    "boilerplate": boilerplate,
    "metric": metric,
    "language": language,
    "unused-suppression": suppression,
    "speaker": speaker,
    "quote": quote,
    "office": office,
    "encoding": encoding,
    "typo": typo,
    "source": source,
    "article": article,
    "balance": balance,
}

AnyRule = Annotated[Union[tuple(m.Rule for m in KIND_MODULES.values())], Field(discriminator="kind")]


@lru_cache(maxsize=1)
def rule_adapter() -> TypeAdapter:
    return TypeAdapter(AnyRule)
