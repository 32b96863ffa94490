"""Finding and reading knowledge files: YAML validated by a schema model, errors with file and line."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from .. import regexcache
from ..errors import RuleError

if TYPE_CHECKING:
    from pydantic import BaseModel

M = TypeVar("M", bound="BaseModel")
_OUTLETS_KEY = regexcache.compile(r"(?m)^outlets\s*:")


def knowledge_files(paths: tuple[str, ...]) -> list[Path]:
    """The YAML files of each folder (sorted) and each file given, in order."""
    out: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            out.extend(sorted(path.glob("*.y*ml")))
        elif path.is_file():
            out.append(path)
        else:
            raise RuleError(str(path), None, "knowledge file or folder does not exist")
    return out


def is_outlet_file(path: Path) -> bool:
    """Outlet files and office files may share a folder; the top-level key tells them apart."""
    try:
        return _OUTLETS_KEY.search(path.read_text(encoding="utf-8", errors="replace")) is not None
    except OSError:
        return False


def read_model(path: Path, model: type[M]) -> M:
    # only when building, not when the knowledge comes from the compiled cache
    from pydantic import ValidationError

    from ..yamlload import line_for, load_with_lines

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(str(path), None, f"cannot read knowledge file: {exc}") from None
    data, lines = load_with_lines(text, str(path))
    try:
        return model.model_validate(data or {})
    except ValidationError as exc:
        err = exc.errors()[0]
        raise RuleError(str(path), line_for(lines, err["loc"]), f"{'.'.join(map(str, err['loc']))}: {err['msg']}") from None
