"""The office-holder knowledge base: who held which office, where, from when to when.

Files under ``rules/knowledge/offices/`` (and users' own, through ``knowledge`` in the config or
``--knowledge``) are merged: roles and countries by id, people by canonical name (a later file's
person with the same name adds terms and aliases). Everything is indexed once per process.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import regex

from .. import regexcache
from .files import is_outlet_file, knowledge_files

FAR_FUTURE = dt.date(9999, 12, 31)
_DASHES = regexcache.compile(r"[\p{Pd}\s]+")


@lru_cache(maxsize=1 << 16)  # the same names and titles come back in article after article
def norm(name: str) -> str:
    """Case, hyphens and spacing folded: 'Kim Jong-un' == 'Kim Jong Un'; apostrophes unified."""
    return _DASHES.sub(" ", name.replace("’", "'").replace(".", ". ").casefold()).strip()


@dataclass(frozen=True)
class Spell:
    role: str
    country: str
    start: dt.date
    end: dt.date  # FAR_FUTURE when open
    acting: bool = False

    @property
    def open(self) -> bool:
        return self.end == FAR_FUTURE


@dataclass
class Holder:
    name: str
    aliases: set[str] = field(default_factory=set)
    spells: list[Spell] = field(default_factory=list)

    def spells_for(self, roles: set[str], country: str | None) -> list[Spell]:
        return [s for s in self.spells if s.role in roles and (country is None or s.country == country)]


@dataclass(frozen=True)
class Country:
    """What the index keeps of a country of the knowledge files (their schema's ``Country``)."""

    code: str
    name: str
    adjectives: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    titles: dict[str, list[str]] = field(default_factory=dict)  # role -> the country's own titles for it


@dataclass
class Offices:
    role_titles: dict[str, list[str]]  # role -> its titles, in any country
    countries: dict[str, Country]
    people: list[Holder]
    as_of: dt.date | None = None
    # indexes
    by_name: dict[str, list[Holder]] = field(default_factory=dict)  # normalised full name or alias
    by_surname: dict[str, list[Holder]] = field(default_factory=dict)
    titles: dict[str, set[tuple[str, str | None]]] = field(default_factory=dict)  # title -> (role, country)
    country_words: dict[str, str] = field(default_factory=dict)  # "russian", "russia's" -> RU

    def __post_init__(self) -> None:
        for h in self.people:
            family_first = any(sp.country in FAMILY_NAME_FIRST for sp in h.spells)
            for n in {h.name, *h.aliases}:
                _add(self.by_name, norm(n), h)
                words = n.split()
                if len(words) > 1:  # "Shoigu"; "Yoon" of "Yoon Suk Yeol", never "in" of "Moon Jae-in"
                    _add(self.by_surname, norm(words[-1]), h)
                    if family_first:
                        _add(self.by_surname, norm(words[0]), h)
        for rid, titles in self.role_titles.items():
            for t in titles:
                self._title(t, rid, None)
        for c in self.countries.values():
            for rid, ts in c.titles.items():
                for t in ts:
                    self._title(t, rid, c.code)
            for w in (c.name, *c.aliases):
                self.country_words[norm(w)] = c.code
                for s in ("'s", "'"):
                    self.country_words[norm(w + s)] = c.code
                self.country_words[norm("the " + w)] = c.code
            for a in c.adjectives:
                self.country_words[norm(a)] = c.code

    def _title(self, title: str, role: str, country: str | None) -> None:
        # "envoy to the OSCE" is also written "envoy to OSCE"
        for variant in {norm(title), norm(regex.sub(r"(?i)\bthe\s+", "", title))}:
            self.titles.setdefault(variant, set()).add((role, country))

    def country_name(self, code: str) -> str:
        c = self.countries.get(code)
        return c.name if c else code


# Where names are written family name first in English-language news ("President Xi", "Yoon").
FAMILY_NAME_FIRST = {"CN", "KR", "KP", "VN", "TW", "HK", "MO"}


def _add(index: dict[str, list[Holder]], key: str, h: Holder) -> None:
    bucket = index.setdefault(key, [])
    if h not in bucket:
        bucket.append(h)


def shipped_dir() -> Path:
    from ..packs import shipped_rules_dir

    return shipped_rules_dir() / "knowledge" / "offices"


@lru_cache(maxsize=4)
def load_offices(extra: tuple[str, ...] = ()) -> Offices:
    """The shipped knowledge plus ``extra`` files or folders, merged and indexed; kept on disk
    between runs (:mod:`newslint.compiled`) while no file changes."""
    from ..compiled import cached

    files = knowledge_files((str(shipped_dir()), *extra))
    return cached("offices", files, lambda: _build_offices(files))


def _build_offices(files: list[Path]) -> Offices:
    from .files import read_model
    from .schema import OfficeFile

    role_titles: dict[str, list[str]] = {}
    countries: dict[str, Country] = {}
    people: dict[str, Holder] = {}
    as_of = None
    for path in files:
        if is_outlet_file(path):
            continue
        f = read_model(path, OfficeFile)
        as_of = max(filter(None, (as_of, f.as_of)), default=None)
        role_titles.update((rid, list(role.titles)) for rid, role in f.roles.items())
        for new in f.countries:
            c = Country(new.code, new.name, tuple(new.adjectives), tuple(new.aliases), dict(new.titles))
            if c.code in countries:  # merge spellings of the same country from several files
                old = countries[c.code]
                titles = {**old.titles, **{k: sorted({*old.titles.get(k, []), *v}) for k, v in c.titles.items()}}
                c = Country(old.code, old.name, tuple(sorted({*old.adjectives, *c.adjectives})),
                            tuple(sorted({*old.aliases, *c.aliases})), titles)
            countries[c.code] = c
        for p in f.people:
            h = people.setdefault(norm(p.name), Holder(p.name))
            h.aliases.update(p.aliases)
            h.spells.extend(_spell(t) for t in p.terms)
    for h in people.values():
        h.spells = sorted(set(h.spells), key=lambda s: (s.start, s.role))
    return Offices(role_titles, countries, list(people.values()), as_of)


def _spell(t) -> Spell:
    """A term of the knowledge files (their schema's ``Term``) as the index keeps it."""
    return Spell(t.role, t.country, t.start, t.end or FAR_FUTURE, t.acting)

