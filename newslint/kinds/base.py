"""What every rule has, whatever its kind, and the contract between a kind and the engine.

A kind's YAML fields are a pydantic model in :mod:`newslint.specs`; validated, a rule becomes a plain
:class:`Rule`, whose ``compile()`` returns a checker of its kind (``checker_class``). A checker
looks at a :class:`~newslint.document.Document` and yields :class:`Match` objects in *text*
offsets; the engine maps them to source positions, skips quotations and masked text, applies
suppressions and turns them into findings.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Literal, Protocol

import regex

from .. import regexcache
from ..document import Document


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    message: str | None = None  # a full message; None means the rule's template
    suggestion: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)  # extra values for the template


@dataclass
class Context:
    """What the engine knows about the run, shared by every rule on one document."""

    date: Any = None  # the article's date (newslint.dates.ArticleDate), when known
    languages: tuple[str, ...] = ("en",)
    shared: dict[str, Any] = field(default_factory=dict)  # per-document scratch space between rules
    # seconds a single regular-expression search may take; None when the engine's watchdog
    # stops a runaway rule instead (newslint/watchdog.py)
    timeout: float | None = 2.0
    knowledge: tuple[str, ...] = ()  # users' knowledge files and folders, beside the shipped ones
    today: dt.date = field(default_factory=dt.date.today)  # no article is dated after this


class Checker(Protocol):
    order: int

    def check(self, doc: Document, ctx: Context) -> Iterable[Match]: ...


@dataclass(frozen=True)
class Example:
    """An example text a rule must flag (with the span it matches) or pass.

    A plain dataclass, validated by pydantic inside a rule's spec (``newslint/specs``) and kept as
    is in the compiled packs, so loading them needs no pydantic."""

    text: str
    match: str | None = None
    """flag examples: the exact text of the span flagged"""
    suggestion: str | None = None
    format: Literal["text", "markdown", "html"] = "text"
    date: str | None = None
    """the article date to assume, YYYY or YYYY-MM-DD"""

    __pydantic_config__ = {"extra": "forbid", "use_attribute_docstrings": True}


@dataclass(frozen=True)
class Examples:
    flag: list[Example | str]
    pass_: list[Example | str]

    # the YAML key of ``pass_`` is ``pass``
    __pydantic_config__ = {"extra": "forbid", "alias_generator": lambda name: name.rstrip("_"), "populate_by_name": True}

    def __post_init__(self) -> None:
        if not self.flag:
            raise ValueError("give at least one flag example")
        if not self.pass_:
            raise ValueError("give at least one pass example")

    def flags(self) -> list[Example]:
        return [e if isinstance(e, Example) else Example(text=e) for e in self.flag]

    def passes(self) -> list[Example]:
        return [e if isinstance(e, Example) else Example(text=e) for e in self.pass_]


class Rule:
    """A validated rule as a run uses it: the fields of its spec (:mod:`newslint.specs`) and the
    values its validators prepared, as plain attributes, with the checker class of its kind.

    It pickles without pydantic, so a run that loads its rule packs from the compiled cache never
    imports pydantic (about 80 ms of a pre-commit run). ``as_written`` is the rule as its YAML
    gives it (JSON values, by alias), for ``newslint rule`` and for the result cache's key."""

    def __init__(self, fields: dict[str, Any], checker_class: type, as_written: dict[str, Any]) -> None:
        self.__dict__.update(fields)
        self.checker_class = checker_class
        self.as_written = as_written

    def __repr__(self) -> str:
        return f"<Rule {self.code} {self.name}>"

    def compile(self) -> Checker:
        return self.checker_class(self)

    def render(self, m: Match, matched: str) -> str:
        return render(self.message, m, matched)


def render(template: str, m: Match, matched: str) -> str:
    """A finding's message: the match's own, else the rule's template filled in."""
    if m.message is not None:
        return m.message
    values = {"match": matched, "suggestion": m.suggestion or "", **m.fields}
    return template.format_map(_Defaults(values))


class _Defaults(dict):
    def __missing__(self, key):
        return "{" + key + "}"


@lru_cache(maxsize=None)
def cached_regex(pattern: str, flags: int = 0):
    """Each pattern is compiled once a process, whether a validator or a checker asks first,
    and its compiled form is kept on disk for the next process (:mod:`newslint.regexcache`)."""
    return regexcache.compile(pattern, flags)


def compile_regex(pattern: str, flags: int, what: str):
    """Compile with the ``regex`` module, turning a bad pattern into a ValueError that says why."""
    try:
        return cached_regex(pattern, flags)
    except regex.error as exc:
        raise ValueError(f"bad regular expression in {what}: {exc}") from None


_APOSTROPHES = regexcache.compile(r"\\?['’]")


def _flat_alternation(phrases: list[str]) -> str:
    return "|".join(r"\s+".join(_APOSTROPHES.sub("['’]", regex.escape(w)) for w in p.split()) for p in phrases)


def _atoms(phrase: str) -> list[str]:
    out: list[str] = []
    for i, word in enumerate(phrase.split()):
        if i:
            out.append(r"\s+")
        out.extend("['’]" if c in "'’" else regex.escape(c) for c in word)
    return out


def alternation(phrases: Iterable[str], fold: bool) -> str:
    """The regular expression of "any of these phrases" (longest first, spaces matching any run of
    white space, either apostrophe matching either), written as a trie: "analysts|analyst|academics"
    becomes "a(?:cademics|nalyst(?:s)?)". The engine then rejects most positions on one character
    instead of trying every phrase, and the parser (a large part of start-up) reads less.

    The trie matches exactly what the longest-first list matches: two branches of a node begin
    with different atoms, which no input can match both of, so only phrases of which one extends
    the other compete at a position, and a node tries its longer branches before it ends, as the
    list does. ``fold``: the expression is used case-insensitively, so "US" and "us" are one
    branch. Phrases outside ASCII (where case folding may let different characters match the same
    one) keep the plain list, and so does a trie with a node whose branches differ only in case,
    which a case-insensitive flag would let both match."""
    phrases = sorted({p.strip() for p in phrases if p.strip()}, key=lambda s: (-len(s), s))
    if not phrases:
        return "(?!)"
    if not all(c.isascii() or c == "’" for p in phrases for c in p):
        return _flat_alternation(phrases)
    root: dict = {}
    for p in phrases:
        node = root
        for atom in _atoms(p):
            node = node.setdefault(atom.lower() if fold else atom, {})
        node[""] = {}

    def emit(node: dict) -> str | None:
        branches = [k for k in node if k]
        if len({k.lower() for k in branches}) != len(branches):
            return None  # "US" and "us" under a case-insensitive flag: both could match
        alts = []
        for k in branches:
            rest = emit(node[k])
            if rest is None:
                return None
            alts.append(k + rest)
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and "" not in node else "(?:" + "|".join(alts) + ")"
        return body + "?" if "" in node else body

    trie = emit(root)
    return _flat_alternation(phrases) if trie is None else trie


def phrase_regex(phrases: Iterable[str], ignorecase: bool) -> str:
    """One alternation of literal phrases, longest first, on word boundaries; spaces match any
    run of white space, straight and curly apostrophes match each other. ``ignorecase`` is not
    a flag of its own: the caller compiles (or embeds) the expression as it needs."""
    words = [p for p in phrases if p.strip()]
    if not words:
        return r"(?!)"
    return r"(?<![\w-])(?:" + alternation(words, fold=False) + r")(?![\w-])"
