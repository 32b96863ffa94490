"""The shapes of the knowledge files, validated like rule files (unknown keys are errors).

Office holders (``rules/knowledge/offices/*.yaml``)::

    roles:                      # what a title means, with its spellings
      defence-minister:
        titles: [Defense Minister, Defence Minister, Minister of Defence, ...]
    countries:
      - code: RU                # ISO 3166 alpha-2, or an organisation code (UN, NATO, EU)
        name: Russia
        adjectives: [Russian]
        aliases: [Russian Federation]
        titles:                 # country-specific spellings of a role's title
          defence-minister: [Defence Minister]
    people:
      - name: Sergei Shoigu
        aliases: [Sergey Shoygu, Sergei Shoygu]
        terms:
          - {role: defence-minister, country: RU, start: 2012-11-06, end: 2024-05-12}
        source: "kremlin.ru decree of 2024-05-12; Wikidata Q316476"

Outlets (``rules/knowledge/outlets/*.yaml``)::

    outlets:
      - name: TASS
        aliases: [Tass, ITAR-TASS]
        domains: [tass.com, tass.ru]
        country: RU
        kind: wire-agency
        ownership: state
        state_controlled: true
        rating: unreliable
        reason: "Russian state news agency; relays official positions without independent checks"
        basis: "state ownership; Wikipedia RSP (2022) deprecated for Russian government positions"
"""
from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Role(_Strict):
    titles: list[str] = Field(min_length=1)
    description: str | None = None


class Country(_Strict):
    code: str = Field(pattern=r"^[A-Z]{2,5}$")
    name: str
    adjectives: list[str] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list)
    titles: dict[str, list[str]] = Field(default_factory=dict)


class Term(_Strict):
    role: str
    country: str
    start: dt.date
    end: dt.date | None = None  # None: in office as far as the file knows
    acting: bool = False
    note: str | None = None

    @model_validator(mode="after")
    def _ordered(self):
        if self.end is not None and self.end < self.start:
            raise ValueError(f"term ends ({self.end}) before it starts ({self.start})")
        return self


class Person(_Strict):
    name: str
    aliases: list[str] = Field(default_factory=list)
    terms: list[Term] = Field(min_length=1)
    source: str | None = None


class OfficeFile(_Strict):
    as_of: dt.date | None = Field(None, description="the date the file's open terms were last checked")
    roles: dict[str, Role] = Field(default_factory=dict)
    countries: list[Country] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)


OutletKind = Literal[
    "wire-agency", "public-broadcaster", "state-media", "newspaper", "broadcaster", "magazine",
    "digital-native", "tabloid", "content-farm", "satire", "aggregator", "partisan", "blog-platform",
    "government", "think-tank", "other",
]
Rating = Literal["reliable", "mixed", "unreliable", "deprecated"]


class Outlet(_Strict):
    name: str
    aliases: list[str] = Field(default_factory=list)
    domains: list[str] = Field(default_factory=list)
    country: str | None = None
    kind: OutletKind
    ownership: Literal["state", "public", "private", "unknown"] = "private"
    state_controlled: bool = False
    rating: Rating
    reason: str = Field(min_length=10)
    basis: str = Field(min_length=3)


class OutletFile(_Strict):
    outlets: list[Outlet] = Field(default_factory=list)
