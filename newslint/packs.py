"""Rule packs: folders of YAML rule files, validated by the kinds' pydantic specs
(:mod:`newslint.specs`) and kept as plain rules (:class:`newslint.kinds.base.Rule`).

A rule file holds ``rules:``, a list of rules (and optionally ``pack:``, the pack's name, which
is otherwise the folder's). Shipped packs live in ``rules/`` (inside the wheel as
``newslint/_rules``); users add their own folders or files with ``rule-packs`` or ``--rules``.
Folders named ``knowledge`` hold knowledge files, not rules. Any error names the file and line.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from .errors import RuleError
from .kinds.base import Rule

if TYPE_CHECKING:
    from .specs.base import RuleBase

_HERE = Path(__file__).resolve().parent


def shipped_rules_dir() -> Path:
    """``newslint/_rules`` in an installed wheel; the repository's ``rules/`` in a checkout."""
    for candidate in (_HERE / "_rules", _HERE.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise RuleError(str(_HERE / "_rules"), None, "the shipped rule packs are missing from this installation")


def _rule_files(root: Path) -> Iterable[Path]:
    if root.is_file():
        yield root
        return
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d != "knowledge" and not d.startswith((".", "_")))
        for name in sorted(filenames):
            if name.endswith((".yaml", ".yml")):
                yield Path(dirpath) / name


def load_file(path: Path, pack: str | None = None) -> list[RuleBase]:
    """The rules of one file, validated: their pydantic specs."""
    # only when building packs, not when they come from the compiled cache
    from pydantic import ValidationError

    from .specs import SPEC_MODULES, rule_adapter
    from .yamlload import line_for, load_with_lines

    kind_tags = set(SPEC_MODULES)  # pydantic puts the kind's tag in error locations; drop it

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(str(path), None, f"cannot read rule file: {getattr(exc, 'strerror', None) or exc}") from None
    data, lines = load_with_lines(text, str(path))
    if not isinstance(data, dict) or "rules" not in data:
        raise RuleError(str(path), 1, "a rule file is a mapping with a 'rules:' list")
    unknown = set(data) - {"rules", "pack"}
    if unknown:
        key = sorted(map(str, unknown))[0]
        raise RuleError(str(path), line_for(lines, (key,)), f"unknown key {key!r} (allowed: rules, pack)")
    if not isinstance(data["rules"], list):
        raise RuleError(str(path), line_for(lines, ("rules",)), "'rules' must be a list")
    pack_name = str(data.get("pack") or pack or path.parent.name)
    out = []
    for i, raw in enumerate(data["rules"]):
        if isinstance(raw, dict):
            raw = {**raw, "pack": pack_name}
        try:
            out.append(rule_adapter().validate_python(raw))
        except ValidationError as exc:
            err = exc.errors()[0]
            loc = ("rules", i) + tuple(p for p in err["loc"] if not (isinstance(p, str) and p in kind_tags))
            code = raw.get("code", f"rule #{i + 1}") if isinstance(raw, dict) else f"rule #{i + 1}"
            where = ".".join(str(p) for p in err["loc"] if not (isinstance(p, str) and p in kind_tags))
            msg = err["msg"].removeprefix("Value error, ")
            raise RuleError(str(path), line_for(lines, loc), f"{code}: {where + ': ' if where else ''}{msg}") from None
    return out




@dataclass
class RulePacks:
    rules: list[Rule]  # or their specs, which the engine runs alike (tests build packs of specs)

    @cached_property
    def by_code(self) -> dict[str, Rule]:
        return {r.code: r for r in self.rules}

    def get(self, key: str) -> Rule | None:
        key_u = key.upper()
        if key_u in self.by_code:
            return self.by_code[key_u]
        return next((r for r in self.rules if r.name == key.lower()), None)


def load_packs(extra: Iterable[str | Path] = (), include_shipped: bool = True) -> RulePacks:
    """Every rule of the shipped packs and ``extra`` folders or files, validated; kept on disk
    between runs (:mod:`newslint.compiled`) while no file changes."""
    roots = ([shipped_rules_dir()] if include_shipped else []) + [Path(p) for p in extra]
    for root in roots:
        if not root.exists():
            raise RuleError(str(root), None, "rule pack path does not exist")
    from .compiled import cached

    files = [f for root in roots for f in _rule_files(root)]
    return cached("rules", files, lambda: _build_packs(roots))


def _build_packs(roots: list[Path]) -> RulePacks:
    rules: list[Rule] = []
    first_file: dict[str, Path] = {}  # code or name -> the file that defined it
    for root in roots:
        if not root.exists():
            raise RuleError(str(root), None, "rule pack path does not exist")
        for f in _rule_files(root):
            for r in load_file(f, pack=root.name if root.is_dir() and f.parent == root else None):
                for key in (r.code, r.name):
                    if key in first_file:
                        raise RuleError(str(f), None, f"{key} is already defined in {first_file[key]}")
                    first_file[key] = f
                rules.append(r.runtime())
    rules.sort(key=lambda r: r.code)
    return RulePacks(rules)


def packs_for(settings, extra: Iterable[str | Path] = ()) -> RulePacks:
    """The shipped packs, the config's ``rule-packs`` (relative to the config file) and ``extra``."""
    return load_packs([str(settings.root / p) for p in settings.rule_packs] + [str(p) for p in extra])
