"""Archives on Dask (newslint/archive.py): a real dask.distributed cluster lints articles from
JSON Lines and from Parquet, and the findings it writes to Parquet are the CLI's on the same
texts written to files."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from dask.distributed import Client, LocalCluster

from conftest import ROOT
from newslint.archive import FINDING_COLUMNS, lint_archive, lint_frame, main
from newslint.errors import NewslintError

DATE = "2025-03-01"
GENERATED = {
    "gen/drills.md": "---\ntitle: Drills\n---\n\n# Drills\n\nNo time to read?\nGet a summary\n\n"
                     "Defense Minister Sergei Shoigu inspected the troops, according to sources.\n",
    "gen/council.html": "<html><body><h1>Council</h1><p>Share this article</p>"
                        "<p>The council met on Monday, officials said.</p><p>Previous Article</p></body></html>\n",
    "gen/dated.md": "---\ndate: 2023-07-26\n---\n\nDefense Minister Sergei Shoigu inspected the troops.\n",
    "gen/plain.txt": "In related news, former Russian President Vladimir Putin sent greetings.\n\nShare this article\n",
}
KEY = ["path", "code", "line", "column", "matched"]
# dask's Parquet reader calls a pandas method pandas 3.1 deprecates; not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore:The inplace keyword")


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    """The seeds and a few generated articles as files, and the CLI's findings on them."""
    root = tmp_path_factory.mktemp("archive")
    texts = {f"seeds/{p.name}": p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))}
    texts.update(GENERATED)
    for name, text in texts.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "newslint", "--isolated", "--format", "json", "--exit-zero", "--date", DATE,
                           "--no-cache", *texts], cwd=root, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    (root / "cli.json").write_text(proc.stdout, encoding="utf-8")
    (root / "texts.json").write_text(json.dumps(texts), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def client():
    with LocalCluster(processes=False, n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster, Client(cluster) as c:
        yield c


def expected(work: Path) -> list[tuple]:
    cli = json.loads((work / "cli.json").read_text(encoding="utf-8"))
    assert cli["findings"] and not cli["errors"]
    return sorted(tuple(f[k] for k in KEY) for f in cli["findings"])


def found(frame: pd.DataFrame) -> list[tuple]:
    return sorted(tuple(row) for row in frame[KEY].itertuples(index=False, name=None))


def test_json_lines_on_a_cluster_give_the_cli_findings(work, client, tmp_path):
    texts = json.loads((work / "texts.json").read_text(encoding="utf-8"))
    ids = {name: f"art-{i}" for i, name in enumerate(texts)}
    with open(tmp_path / "articles.jsonl", "w", encoding="utf-8") as fh:
        for name, text in texts.items():  # no date column: the job's date applies
            fh.write(json.dumps({"id": ids[name], "text": text, "path": name}) + "\n")
        fh.write(json.dumps({"id": "empty", "path": "gen/empty.txt"}) + "\n\n")
        fh.write(json.dumps({"id": "bad-date", "text": "Some text.", "date": "someday"}) + "\n")
    summary = lint_archive(str(tmp_path / "articles.jsonl"), str(tmp_path / "findings"), errors_output=str(tmp_path / "errors"),
                           date=DATE, blocksize=4000)  # several partitions
    out = pd.read_parquet(tmp_path / "findings")
    assert list(out.columns) == list(FINDING_COLUMNS)
    assert found(out) == expected(work)
    assert all(ids[p] == i for i, p in zip(out["id"], out["path"]))
    errors = pd.read_parquet(tmp_path / "errors").sort_values("id")
    assert errors.values.tolist() == [["bad-date", "bad-date", "date 'someday' is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)"],
                                      ["empty", "gen/empty.txt", "no text"]]
    assert (summary.articles, summary.findings, summary.errors) == (len(texts) + 2, len(out), 2)


def test_parquet_with_date_and_format_columns_gives_the_cli_findings(work, client, tmp_path):
    texts = json.loads((work / "texts.json").read_text(encoding="utf-8"))
    fmt = {".md": "markdown", ".html": "html", ".txt": None}
    articles = pd.DataFrame({
        "id": range(len(texts)),
        "text": list(texts.values()),
        "path": list(texts),
        "format": [fmt[Path(n).suffix] for n in texts],
        "date": [DATE] * len(texts),  # front matter still wins (gen/dated.md)
    })
    for i, part in enumerate((articles.iloc[:4], articles.iloc[4:])):
        (tmp_path / "in").mkdir(exist_ok=True)
        part.to_parquet(tmp_path / "in" / f"part{i}.parquet", index=False)
    summary = lint_archive(str(tmp_path / "in"), str(tmp_path / "findings"))
    out = pd.read_parquet(tmp_path / "findings")
    assert found(out) == expected(work)
    assert out["id"].dtype.kind == "i" and out["line"].dtype == "int64" and out["fixable"].dtype == bool
    ids = dict(zip(articles["path"], articles["id"]))
    assert all(ids[p] == i for i, p in zip(out["id"], out["path"]))
    assert (summary.articles, summary.errors) == (len(texts), 0)


def test_the_command_line_runs_on_a_scheduler(work, client, tmp_path, capsys):
    texts = json.loads((work / "texts.json").read_text(encoding="utf-8"))
    with open(tmp_path / "a.jsonl", "w", encoding="utf-8") as fh:
        for i, name in enumerate(n for n in texts if n.startswith("gen/")):
            fh.write(json.dumps({"id": i, "text": texts[name], "path": name}) + "\n")
    code = main([str(tmp_path / "a.jsonl"), str(tmp_path / "out"), "--date", DATE, "--scheduler", client.scheduler.address])
    assert code == 0, capsys.readouterr().err
    out = pd.read_parquet(tmp_path / "out")
    assert found(out) == [f for f in expected(work) if f[0].startswith("gen/")]
    assert "4 articles" in capsys.readouterr().err


def test_a_bad_config_fails_before_any_task(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"id": 1, "text": "x"}\n', encoding="utf-8")
    with pytest.raises(NewslintError, match="selct"):
        lint_archive(str(tmp_path / "a.jsonl"), str(tmp_path / "out"), config={"selct": ["B"]})
    pd.DataFrame({"name": [1], "body": ["x"]}).to_parquet(tmp_path / "b.parquet")
    with pytest.raises(NewslintError, match="id and text"):
        lint_archive(str(tmp_path / "b.parquet"), str(tmp_path / "out"))


def test_lint_frame_works_on_plain_pandas():
    frame = lint_frame(pd.DataFrame({"id": [7], "text": [GENERATED["gen/plain.txt"]]}), config={"select": ["B"]})
    assert frame["code"].tolist() and set(frame["code"].str[0]) == {"B"}
    assert set(frame["id"]) == {7} and set(frame["path"]) == {"7"}
