"""The outlet registry: who an article may cite, and how far to trust them.

Files under ``rules/knowledge/outlets/`` and users' own (``knowledge`` in the config, or
``--knowledge``; a user's outlet with the same name as a shipped one replaces it) are merged and
indexed by name, alias and domain once per process.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .files import is_outlet_file, knowledge_files
from .offices import norm

if TYPE_CHECKING:
    from .schema import Outlet

# What each rating is worth in an article's source score (0-100); state control caps it.
RATING_SCORE = {"reliable": 100, "mixed": 60, "unreliable": 20, "deprecated": 0}
STATE_CAP = 30
UNKNOWN_SCORE = 40


class OutletEntry(NamedTuple):
    """What linting needs of an outlet. A plain record: the registry is loaded from the compiled
    cache on every run, and a pydantic model per outlet costs several times as much to unpickle."""

    name: str
    kind: str
    country: str | None
    state_controlled: bool
    rating: str
    reason: str


def outlet_score(o: OutletEntry | None) -> int:
    if o is None:
        return UNKNOWN_SCORE
    score = RATING_SCORE[o.rating]
    return min(score, STATE_CAP) if o.state_controlled else score


@dataclass
class Registry:
    outlets: list[OutletEntry]
    by_name: dict[str, OutletEntry] = field(default_factory=dict)  # normalised name or alias
    by_domain: dict[str, OutletEntry] = field(default_factory=dict)
    exact: dict[str, OutletEntry] = field(default_factory=dict)  # all-capital acronyms, matched by case

    @classmethod
    def build(cls, outlets: list[Outlet]) -> "Registry":
        reg = cls([])
        for o in outlets:
            entry = OutletEntry(o.name, o.kind, o.country, o.state_controlled, o.rating, o.reason)
            reg.outlets.append(entry)
            for n in (o.name, *o.aliases):
                if len(n) <= 5 and n.isupper():  # "AP", "RT", "SPA": only ever in capitals
                    reg.exact.setdefault(n, entry)
                else:
                    reg.by_name.setdefault(norm(n), entry)
                    if norm(n).startswith("the "):
                        reg.by_name.setdefault(norm(n)[4:], entry)
            for d in o.domains:
                reg.by_domain.setdefault(d.lower().removeprefix("www."), entry)
        return reg

    def lookup(self, name: str) -> OutletEntry | None:
        return self.exact.get(name) or self.by_name.get(norm(name))

    def for_url(self, url: str) -> OutletEntry | None:
        host = url.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0].lower().removeprefix("www.")
        while host:
            if host in self.by_domain:
                return self.by_domain[host]
            if "." not in host:
                return None
            host = host.split(".", 1)[1]
        return None


def shipped_dir() -> Path:
    from ..packs import shipped_rules_dir

    return shipped_rules_dir() / "knowledge" / "outlets"


@lru_cache(maxsize=4)
def load_registry(extra: tuple[str, ...] = ()) -> Registry:
    """The shipped outlets plus users' (a later file's outlet replaces one of the same name);
    kept on disk between runs (:mod:`newslint.compiled`) while no file changes."""
    from ..compiled import cached

    files = knowledge_files((str(shipped_dir()), *extra))
    return cached("outlets", files, lambda: _build_registry(files))


def _build_registry(files: list[Path]) -> Registry:
    from .files import read_model
    from .schema import OutletFile

    merged: dict[str, Outlet] = {}
    for path in files:
        if not is_outlet_file(path):
            continue  # an office-holder file given in the same --knowledge folder
        for o in read_model(path, OutletFile).outlets:
            merged[norm(o.name)] = o  # a later file (the user's) overrides a shipped entry
    return Registry.build(sorted(merged.values(), key=lambda o: o.name))
