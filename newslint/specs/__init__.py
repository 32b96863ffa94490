"""The registry of rule specs: the YAML fields of each kind, as pydantic models, one module a kind
(beside its checker in ``newslint/kinds``), one line here each.

Each module defines ``Rule`` (a pydantic model with ``kind: Literal[...]`` and ``checker``, its
checker class). ``rule_adapter()`` validates any rule by its ``kind``. Only building the rule packs
imports this package: a run that loads them from the compiled cache never does.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Union

from pydantic import Field, TypeAdapter

from . import article, balance, boilerplate, encoding, language, metric, office, pattern, phrase, quote, source, speaker, substitution, suppression, typo

SPEC_MODULES = {
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

AnyRule = Annotated[Union[tuple(m.Rule for m in SPEC_MODULES.values())], Field(discriminator="kind")]


@lru_cache(maxsize=1)
def rule_adapter() -> TypeAdapter:
    return TypeAdapter(AnyRule)
