"""``python -m newslint.knowledge.check FILE...``: validate knowledge files, naming file and line."""
from __future__ import annotations

import sys
from pathlib import Path

from ..errors import RuleError
from .files import is_outlet_file, read_model
from .schema import OfficeFile, OutletFile


def validate(path: Path):
    try:
        return read_model(path, OutletFile if is_outlet_file(path) else OfficeFile)
    except RuleError as exc:
        raise SystemExit(str(exc)) from None


def main(argv: list[str]) -> int:
    for name in argv:
        doc = validate(Path(name))
        n = len(doc.outlets) if isinstance(doc, OutletFile) else len(doc.people)
        print(f"{name}: ok ({n} entries)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
