"""``python -m newslint.knowledge.check FILE...``: validate knowledge files, naming file and line."""
from __future__ import annotations

import sys
from pathlib import Path

from pydantic import ValidationError

from ..yamlload import line_for, load_with_lines
from .schema import OfficeFile, OutletFile


def validate(path: Path):
    data, lines = load_with_lines(path.read_text(encoding="utf-8"), str(path))
    model = OutletFile if isinstance(data, dict) and "outlets" in data else OfficeFile
    try:
        return model.model_validate(data or {})
    except ValidationError as exc:
        err = exc.errors()[0]
        raise SystemExit(f"{path}:{line_for(lines, err['loc'])}: {'.'.join(map(str, err['loc']))}: {err['msg']}") from None


def main(argv: list[str]) -> int:
    for name in argv:
        doc = validate(Path(name))
        n = len(doc.outlets) if isinstance(doc, OutletFile) else len(doc.people)
        print(f"{name}: ok ({n} entries)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
