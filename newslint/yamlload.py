"""YAML with line numbers: every mapping key and list item remembers where it was written, so a
validation error in a rule or knowledge file can name its line."""
from __future__ import annotations

from typing import Any

import yaml

try:  # the C loader is several times faster where PyYAML was built with libyaml
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Path_ = tuple  # a path into the data: keys and list indices


def load_with_lines(text: str, path: str) -> tuple[Any, dict[Path_, int]]:
    """Parse YAML; return the data and a map from each key/item path to its 1-based line."""
    from .errors import RuleError

    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise RuleError(path, line, f"invalid YAML: {reason}") from None
    lines: dict[Path_, int] = {}
    if node is None:
        return None, lines
    loader = _Loader("")
    try:
        data = _construct(node, (), lines, loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise RuleError(path, mark.line + 1 if mark else None, f"invalid YAML: {getattr(exc, 'problem', exc)}") from None
    finally:
        loader.dispose()
    return data, lines


def _construct(node, path: Path_, lines: dict, loader) -> Any:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if isinstance(key, list):
                key = tuple(key)
            try:
                hash(key)
            except TypeError:  # a mapping or nested list as a key: one line, not a traceback
                raise yaml.constructor.ConstructorError(None, None, "found unhashable key", key_node.start_mark) from None
            child = path + (key,)
            out[key] = _construct(value_node, child, lines, loader)
            lines[child] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, path + (i,), lines, loader) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


def line_for(lines: dict[Path_, int], loc: tuple) -> int | None:
    """The line of the deepest part of ``loc`` that the file spelled out."""
    loc = tuple(loc)
    while loc:
        if loc in lines:
            return lines[loc]
        loc = loc[:-1]
    return lines.get(())
