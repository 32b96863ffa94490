"""The outlet registry: who an article may cite, and how far to trust them.

Files under ``rules/knowledge/outlets/`` and users' own (``knowledge`` in the config, or
``--knowledge``; a user's outlet with the same name as a shipped one replaces it) are merged and
indexed by name, alias and domain once per process.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .files import is_outlet_file, knowledge_files, read_model
from .offices import norm
from .schema import Outlet, OutletFile

# What each rating is worth in an article's source score (0-100); state control caps it.
RATING_SCORE = {"reliable": 100, "mixed": 60, "unreliable": 20, "deprecated": 0}
STATE_CAP = 30
UNKNOWN_SCORE = 40


def outlet_score(o: Outlet | None) -> int:
    if o is None:
        return UNKNOWN_SCORE
    score = RATING_SCORE[o.rating]
    return min(score, STATE_CAP) if o.state_controlled else score


@dataclass
class Registry:
    outlets: list[Outlet]
    by_name: dict[str, Outlet] = field(default_factory=dict)  # normalised name or alias
    by_domain: dict[str, Outlet] = field(default_factory=dict)
    exact: dict[str, Outlet] = field(default_factory=dict)  # all-capital acronyms, matched by case

    def __post_init__(self) -> None:
        for o in self.outlets:
            for n in (o.name, *o.aliases):
                if len(n) <= 5 and n.isupper():  # "AP", "RT", "SPA": only ever in capitals
                    self.exact.setdefault(n, o)
                else:
                    self.by_name.setdefault(norm(n), o)
                    if norm(n).startswith("the "):
                        self.by_name.setdefault(norm(n)[4:], o)
            for d in o.domains:
                self.by_domain.setdefault(d.lower().removeprefix("www."), o)

    def lookup(self, name: str) -> Outlet | None:
        return self.exact.get(name) or self.by_name.get(norm(name))

    def for_url(self, url: str) -> Outlet | None:
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
    merged: dict[str, Outlet] = {}
    for path in files:
        if not is_outlet_file(path):
            continue  # an office-holder file given in the same --knowledge folder
        for o in read_model(path, OutletFile).outlets:
            merged[norm(o.name)] = o  # a later file (the user's) overrides a shipped entry
    return Registry(sorted(merged.values(), key=lambda o: o.name))
