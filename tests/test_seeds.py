"""The seeds, scored by the editors' own scorer (../shared/eval/score.py), as the README shows."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT


def _score(shared_dir, tmp_path):
    out = tmp_path / "f.json"
    res = subprocess.run(
        [sys.executable, "-m", "newslint", "--format", "json", "--exit-zero", "seeds/"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )
    out.write_text(res.stdout, encoding="utf-8")
    score = subprocess.run(
        [sys.executable, str(shared_dir / "eval" / "score.py"), str(out)], capture_output=True, text=True
    )
    assert score.returncode == 0, score.stderr
    rows = {}
    for line in score.stdout.splitlines():
        parts = line.split()
        if len(parts) == 6 and parts[0] not in ("category",):
            try:
                rows[parts[0]] = {"precision": float(parts[4]), "recall": float(parts[5])}
            except ValueError:
                pass
    return rows, score.stdout, json.loads(res.stdout)


def test_seeds_have_no_finding_on_a_never_line(shared_dir, tmp_path):
    _, text, _ = _score(shared_dir, tmp_path)
    assert "TRAP" not in text, text


# What each issue promised on the seeds: (least recall, least precision).
TARGETS = {
    "boilerplate": (1.0, 1.0),
    "attribution": (1.0, 0.9),
}


@pytest.mark.parametrize("category", sorted(TARGETS))
def test_seed_category_meets_its_target(shared_dir, tmp_path, category):
    rows, text, _ = _score(shared_dir, tmp_path)
    recall, precision = TARGETS[category]
    assert rows[category]["recall"] >= recall and rows[category]["precision"] >= precision, text
