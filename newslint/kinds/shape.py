"""What the shape of a ``pattern`` rule's expression guarantees about every match.

A pattern is read (before its ``{name}`` lists are written out) into a small tree, enough to
answer two questions the pattern kind uses to skip work, and nothing else:

- which ``{name}`` lists every match holds a phrase of (``required_lists``), so a paragraph with
  none of a list's words need not be searched;
- where a match can start relative to such a phrase (``pivots``): if the part of the expression
  before a required list can match at most *n* runs of white space, a match whose phrase of that
  list starts at *r* starts within the *n* runs of white space before *r*. The pattern is then
  tried only there, instead of at every position of the paragraph.

Both answers are conservative: a construct the reader does not know makes a list not required
and its white space unbounded, never the other way round.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from .. import regexcache

PLACEHOLDER = regexcache.compile(r"\{([a-z_][a-z0-9_]*)\}")  # a rule's {name} of a define list
_QUANTIFIER = regexcache.compile(r"(?:[?*+]|\{(?=[\d,]*\d)(\d*)(,?)(\d*)\})[?+]?")
_INLINE_FLAGS = regexcache.compile(r"\(\?[a-zA-Z-]+\)")
_SCOPED = regexcache.compile(r"\(\?[a-zA-Z-]*:")
_CAPTURE = regexcache.compile(r"\(\?P?<[A-Za-z_]\w*>")
_SPACE = regexcache.compile(r"\s")
# Property classes that contain no white space: letters, marks, numbers, punctuation.
_SPACELESS_PROPERTY = regexcache.compile(r"\\p\{(?:L[ultmo&]?|M[nce]?|N[dlo]?|P[cdseifo]?)\}")
_ZERO_WIDTH_ESCAPES = set("AbBGZ")
UNBOUNDED = float("inf")


class Unknown(ValueError):
    """A construct the reader does not follow."""


@dataclass
class Node:
    """``kind`` is "seq" (``parts``), "alt" (``parts``: sequences), "group" (``parts[0]``),
    "look" (a zero-width assertion), "list" (``name``), or "atom" (``spaces``: how many runs of
    white space one repeat can match, 0 or 1; ``only_space``: it matches nothing else, so its
    repeats make one run). ``low``/``high`` are the repeat counts."""

    kind: str
    parts: list["Node"]
    name: str = ""
    spaces: float = 0
    only_space: bool = False
    char: str = ""  # a literal character's own text
    prop: str = ""  # the property of a ``\p{...}`` atom ("Lu")
    low: int = 1
    high: float = 1


def parse(pattern: str) -> Node:
    """The tree of ``pattern``; raises ``Unknown`` for what it does not follow."""
    node, end = _alternation(pattern, 0)
    if end != len(pattern):
        raise Unknown(f"unbalanced ')' at {end}")
    return node


def _alternation(p: str, i: int) -> tuple[Node, int]:
    branches = []
    while True:
        seq, i = _sequence(p, i)
        branches.append(seq)
        if i < len(p) and p[i] == "|":
            i += 1
            continue
        return (branches[0] if len(branches) == 1 else Node("alt", branches)), i


def _sequence(p: str, i: int) -> tuple[Node, int]:
    items: list[Node] = []
    while i < len(p) and p[i] not in "|)":
        item, i = _item(p, i)
        if item is None:
            continue
        q = _QUANTIFIER.match(p, i)
        if q:
            item.low, item.high = _repeats(q)
            i = q.end()
        items.append(item)
    return Node("seq", items), i


def _repeats(q) -> tuple[int, float]:
    text = q.group(0).rstrip("?+") or q.group(0)[:1]
    if text == "?":
        return 0, 1
    if text == "*":
        return 0, UNBOUNDED
    if text == "+":
        return 1, UNBOUNDED
    low, comma, high = q.group(1), q.group(2), q.group(3)
    low_n = int(low) if low else 0
    if not comma:
        return low_n, low_n
    return low_n, int(high) if high else UNBOUNDED


def _item(p: str, i: int) -> tuple[Node | None, int]:
    c = p[i]
    if c == "(":
        if m := _INLINE_FLAGS.match(p, i):
            if regex.search(r"[rxV]", m.group(0)):
                raise Unknown(f"flags {m.group(0)} change how the pattern reads or searches")
            return None, m.end()  # a flag for the rest of the pattern: matches nothing itself
        look = p.startswith(("(?=", "(?!", "(?<=", "(?<!"), i)
        if look:
            start = i + (4 if p.startswith("(?<", i) else 3)
        elif m := (_SCOPED.match(p, i) or _CAPTURE.match(p, i)):
            start = m.end()
        elif p.startswith("(?>", i):
            start = i + 3
        elif p.startswith("(?", i):
            raise Unknown(f"group {p[i:i + 4]!r} at {i}")
        else:
            start = i + 1
        inner, j = _alternation(p, start)
        if j >= len(p) or p[j] != ")":
            raise Unknown(f"unclosed group at {i}")
        return Node("look" if look else "group", [inner]), j + 1
    if c == "{" and (m := PLACEHOLDER.match(p, i)):
        return Node("list", [], name=m.group(1)), m.end()
    if c == "[":
        return _char_class(p, i)
    if c == "\\":
        return _escape_atom(p, i)
    if c in "^$":
        return Node("look", [], char=c), i + 1
    if c in "*+?{":
        raise Unknown(f"quantifier without an atom at {i}")
    if c == ".":
        return Node("atom", [], spaces=1), i + 1
    return _literal(c), i + 1


def _literal(c: str) -> Node:
    space = bool(_SPACE.match(c))
    return Node("atom", [], spaces=int(space), only_space=space, char=c)


def _escape_atom(p: str, i: int) -> tuple[Node, int]:
    """One escape: a property, a zero-width assertion, a class such as ``\\s`` or a literal."""
    if i + 1 >= len(p):
        raise Unknown("trailing backslash")
    c = p[i + 1]
    if c in "pPN" and p.startswith("{", i + 2):
        close = p.find("}", i + 2)
        if close < 0:
            raise Unknown(f"unclosed \\{c}{{ at {i}")
        spaceless = c == "p" and _SPACELESS_PROPERTY.fullmatch(p, i, close + 1)
        return Node("atom", [], spaces=0 if spaceless else 1, prop=p[i + 3 : close] if c == "p" else ""), close + 1
    if c in _ZERO_WIDTH_ESCAPES:
        return Node("look", []), i + 2
    if c.isdigit() or c in "gk":
        raise Unknown(f"back reference at {i}")
    if c.isalnum():  # \s, \W, \D, \n, \t, \x.. may match white space; \d, \w, \S may not
        return Node("atom", [], spaces=0 if c in "dwS" else 1, only_space=c == "s"), i + 2
    return _literal(c), i + 2


def _char_class(p: str, i: int) -> tuple[Node, int]:
    """A ``[...]`` class: it may match white space if it is negated or holds any member that may."""
    j = i + 1
    negated = p.startswith("^", j)
    j += negated
    may_space = negated
    first = True
    while j < len(p) and (p[j] != "]" or first):
        first = False
        if p[j] == "[":
            raise Unknown(f"nested class at {j}")
        if p[j] == "\\":
            atom, j = _escape_atom(p, j)
            may_space = may_space or atom.kind != "atom" or atom.spaces > 0
            continue
        may_space = may_space or bool(_SPACE.match(p[j]))
        j += 1
    if j >= len(p):
        raise Unknown(f"unclosed class at {i}")
    return Node("atom", [], spaces=1 if may_space else 0), j + 1


# -- questions --------------------------------------------------------------------------------

_REVERSE_LINES = regexcache.compile(r"\(\?(?=[a-zA-Z]*m)(?=[a-zA-Z]*r)[imrsuw]+\)")


def ends_lines(pattern: str) -> bool:
    """Whether ``pattern`` is searched backwards (``(?mr)``) and every match ends where a line
    does (its last item is ``$``): then trying the pattern once at each line's end, from the last
    line up, finds all its matches."""
    flags = _REVERSE_LINES.match(pattern)
    if not flags:
        return False
    try:
        tree = parse(pattern[flags.end():])
    except Unknown:
        return False
    last = tree.parts[-1] if tree.kind == "seq" and tree.parts else None
    return last is not None and last.kind == "look" and last.char == "$" and last.low == 1


def required_lists(pattern: str) -> set[str]:
    """The ``{name}`` lists that every match of ``pattern`` contains a phrase of."""
    try:
        return _required(parse(pattern))
    except Unknown:
        return set()


def _required(node: Node) -> set[str]:
    if node.low == 0 or node.kind in ("look", "atom"):
        return set()
    if node.kind == "list":
        return {node.name}
    if node.kind == "alt":
        sets = [_required(b) for b in node.parts]
        return set.intersection(*sets) if sets else set()
    return set().union(*map(_required, node.parts)) if node.parts else set()


def spaces(node: Node, words: dict[str, int]) -> float:
    """How many runs of white space ``node`` can match at most; ``words[name]`` is the most a
    phrase of list ``name`` has (its words less one)."""
    if node.kind == "look":
        return 0
    if node.kind == "list":
        one = words.get(node.name, UNBOUNDED)
    elif node.kind == "atom":
        if node.only_space:
            return 1 if node.high >= 1 else 0  # its repeats are one run
        one = node.spaces
    elif node.kind == "alt":
        one = max(spaces(b, words) for b in node.parts)
    else:
        one = sum(spaces(x, words) for x in node.parts)
    return 0 if one == 0 else one * node.high


def pivots(pattern: str, words: dict[str, int]) -> list[tuple[str, float]]:
    """The lists that every match holds a phrase of at a fixed place in its sequence, each with the
    most runs of white space the expression can match before that phrase. Groups that are neither
    repeated, optional nor alternatives are looked into; the others end the search for pivots
    after them only if their white space is unbounded."""
    try:
        tree = parse(pattern)
    except Unknown:
        return []
    out: list[tuple[str, float]] = []
    before = 0.0

    def walk(node: Node) -> bool:
        nonlocal before
        for item in node.parts:
            transparent = item.low == item.high == 1
            if transparent and item.kind == "group" and item.parts[0].kind == "seq":
                if not walk(item.parts[0]):
                    return False
                continue
            if transparent and item.kind == "group" and item.parts[0].kind == "list":
                item = item.parts[0]
            if transparent and item.kind == "list" and before < UNBOUNDED:
                out.append((item.name, before))
            before += spaces(item, words)
            if before == UNBOUNDED:
                return False
        return True

    if tree.kind == "seq":
        walk(tree)
    return out


# Among the beginnings ``first_heads`` gives: a match may begin with an upper-case letter.
UPPER = r"\p{Lu}"
_CASELESS = regexcache.compile(r"\(\?[a-zA-Z-]*i[a-zA-Z-]*[:)]")


def first_heads(pattern: str, heads: dict[str, list[str]]) -> tuple[tuple[str, ...] | None, bool]:
    """Lower-cased beginnings, one of which the text at the start of every match begins with:
    ``heads[name]`` stands for list ``name``, a run of literal letters or digits for itself, and
    ``UPPER`` for a ``\\p{Lu}`` (in a pattern with no flag that ignores case, under which it
    would match any letter); None when a match may begin with anything else (another class or
    property, an empty match). And whether a match may begin with a list's phrase (not only with
    literal words)."""
    try:
        tree = parse(pattern)
    except Unknown:
        return None, False
    lists = bool(_leading_lists(tree))
    try:
        found, nullable = _first(tree, heads, upper=_CASELESS.search(pattern) is None)
    except Unknown:
        return None, lists
    return (None if nullable or not found else tuple(sorted(found))), lists


def _leading_lists(node: Node) -> set[str]:
    """The lists whose phrases a match may begin with."""
    if node.kind == "list":
        return {node.name}
    if node.kind in ("look", "atom"):
        return set()
    if node.kind in ("alt", "group"):
        return set().union(*(_leading_lists(x) for x in node.parts))
    out: set[str] = set()
    for item in node.parts:
        out |= _leading_lists(item)
        if not _nullable(item):
            break
    return out


def _nullable(node: Node) -> bool:
    if node.low == 0 or node.kind == "look":
        return True
    if node.kind in ("atom", "list"):
        return False
    if node.kind == "alt":
        return any(map(_nullable, node.parts))
    return all(map(_nullable, node.parts))


def _first(node: Node, heads: dict[str, list[str]], upper: bool) -> tuple[set[str], bool]:
    """The beginnings of ``node``'s matches, and whether it can match nothing; ``upper``: a
    ``\\p{Lu}`` may be a beginning (``UPPER``)."""
    if node.kind == "look":
        return set(), True
    if node.kind == "list":
        if node.name not in heads:
            raise Unknown(f"no words for {{{node.name}}}")
        found, nullable = set(heads[node.name]), False
    elif node.kind == "atom":
        if upper and node.prop == "Lu":
            found, nullable = {UPPER}, False
        elif not (node.char.isascii() and node.char.isalnum()):
            raise Unknown("begins with a class")
        else:
            found, nullable = {node.char.lower()}, False
    elif node.kind == "alt":
        found, nullable = set(), False
        for branch in node.parts:
            f, n = _first(branch, heads, upper)
            found |= f
            nullable = nullable or n
    elif node.kind == "group":
        found, nullable = _first(node.parts[0], heads, upper)
    else:
        found, nullable = _first_of_sequence(node.parts, heads, upper)
    return found, nullable or node.low == 0


def _first_of_sequence(items: list[Node], heads: dict[str, list[str]], upper: bool) -> tuple[set[str], bool]:
    found: set[str] = set()
    for k, item in enumerate(items):
        if item.kind == "atom" and item.low == item.high == 1 and item.char.isascii() and item.char.isalnum():
            word = item.char
            for nxt in items[k + 1 :]:  # a literal word: its letters, not only its first
                if not (nxt.kind == "atom" and nxt.low == nxt.high == 1 and nxt.char.isascii() and nxt.char.isalnum()):
                    break
                word += nxt.char
            found.add(word.lower())
            return found, False
        f, nullable = _first(item, heads, upper)
        found |= f
        if not nullable:
            return found, False
    return found, True
