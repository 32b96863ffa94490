"""The Python API (newslint/api.py): the same findings as the CLI's JSON, configs, dates, engines."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from newslint import api
from newslint.config import Settings
from newslint.errors import NewslintError, ReadError

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))

MARKDOWN = """---
title: Drills
---

# Russia signals joint drills

No time to read?
Get a summary

The Russian Defense Minister Sergei Shoigu raised the possibility of joint drills, according to
sources. Officials said the talks went well.

Share this article
"""

HTML = """<html><head><title>Drills</title></head>
<body>
<h1>Russia signals joint drills</h1>
<p>No time to read?</p>
<p>Get a summary</p>
<p>The Russian Defense Minister Sergei Shoigu raised the possibility of joint drills, according to
sources. Officials said the talks went well.</p>
<p>Previous Article</p>
<p>Telecinco reshuffles daytime lineup with Ana Rosa Quintana in the afternoon</p>
</body></html>
"""

SHOIGU = "Defense Minister Sergei Shoigu inspected the troops.\n"


def cli_json(args, cwd: Path) -> dict:
    proc = subprocess.run([sys.executable, "-m", "newslint", "--isolated", "--format", "json", "--exit-zero", *map(str, args)],
                          cwd=cwd, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def dumped(findings) -> list[dict]:
    return [f.to_dict() for f in findings]


@pytest.fixture(scope="module")
def seeds_cli() -> dict:
    return cli_json(["seeds/"], ROOT)


# -- the same as the CLI ------------------------------------------------------------------
def test_lint_paths_gives_the_cli_json_document_on_the_seeds(seeds_cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    report = api.lint_paths(["seeds/"], jobs=1)
    assert report.to_dict() == seeds_cli


def test_lint_text_gives_the_cli_findings_for_each_seed(seeds_cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert seeds_cli["findings"], "the seeds have findings"
    for seed in SEEDS:
        name = f"seeds/{seed.name}"
        expected = [f for f in seeds_cli["findings"] if f["path"] == name]
        assert dumped(api.lint_text(seed.read_text(encoding="utf-8"), path=name)) == expected, name


@pytest.mark.parametrize("name,text,fmt", [("a.md", MARKDOWN, "markdown"), ("b.html", HTML, "html")])
def test_markdown_and_html_strings_give_the_cli_findings(tmp_path, name, text, fmt):
    (tmp_path / name).write_text(text, encoding="utf-8")
    expected = cli_json([name], tmp_path)
    assert expected["findings"] and expected["files"][0]["format"] == fmt
    # The path's extension picks the reader, as --stdin-filename does; or fmt says it.
    assert dumped(api.lint_text(text, path=name)) == expected["findings"]
    assert dumped(api.lint_text(text, path=name, fmt=fmt)) == expected["findings"]
    result = api.lint_text_result(text.encode("utf-8"), path=name)
    assert result.report.to_dict() == expected["files"][0]
    # Without a path a string is plain text unless fmt says otherwise; findings carry "-".
    as_fmt = api.lint_text(text, fmt=fmt)
    assert [(f.code, f.line, f.column) for f in as_fmt] == [(f["code"], f["line"], f["column"]) for f in expected["findings"]]
    assert {f.path for f in as_fmt} == {"-"}


# -- config -------------------------------------------------------------------------------
def test_config_dict_select_and_ignore(tmp_path):
    text = SEEDS[0].read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    everything = {f.code for f in api.lint_text(text)}
    assert any(c.startswith("B") for c in everything) and any(c.startswith("A") for c in everything)

    only_b = api.lint_text(text, path="a.txt", config={"select": ["B"]})
    assert only_b and {f.code[0] for f in only_b} == {"B"}
    assert dumped(only_b) == cli_json(["--select", "B", "a.txt"], tmp_path)["findings"]

    no_boilerplate = api.lint_text(text, config={"ignore": ["boilerplate"], "extend-select": []})
    assert no_boilerplate and not any(f.category == "boilerplate" for f in no_boilerplate)

    graded = api.lint_text(text, config={"select": ["B001"], "severity": {"B001": "error"}})
    assert graded and {(f.code, f.severity.value) for f in graded} == {("B001", "error")}

    per_file = {"select": ["B"], "per-file-ignores": {"archive/*": ["B001"]}}
    assert any(f.code == "B001" for f in api.lint_text(text, path="news/a.txt", config=per_file))
    assert not any(f.code == "B001" for f in api.lint_text(text, path="archive/a.txt", config=per_file))


@pytest.mark.parametrize("config,named", [
    ({"selct": ["B"]}, "selct"),
    ({"select": ["B"], "fail-on": "loudly"}, "fail-on"),
    ({"date": "yesterday"}, "date"),
    ({"select": ["Z999"]}, "Z999"),
])
def test_a_bad_config_raises_newslint_error_naming_the_key(config, named):
    with pytest.raises(NewslintError, match=named):
        api.lint_text("Some text.", config=config)


def test_config_as_settings_and_as_a_file(tmp_path):
    text = SEEDS[0].read_text(encoding="utf-8")
    codes = lambda findings: {f.code[0] for f in findings}  # noqa: E731
    assert codes(api.lint_text(text, config=Settings(select=["A"]))) == {"A"}
    toml = tmp_path / "newslint.toml"
    toml.write_text('select = ["B"]\n', encoding="utf-8")
    assert codes(api.lint_text(text, config=toml)) == {"B"}
    assert codes(api.lint_text(text, config=str(toml))) == {"B"}
    toml.write_text('select = ["A"]\n', encoding="utf-8")  # an edited file is read again
    os.utime(toml, ns=(toml.stat().st_atime_ns, toml.stat().st_mtime_ns + 10**9))
    assert codes(api.lint_text(text, config=toml)) == {"A"}
    py = tmp_path / "pyproject.toml"
    py.write_text('[tool.newslint]\nselect = ["B"]\nbogus = 1\n', encoding="utf-8")
    with pytest.raises(NewslintError, match=r"pyproject.toml:3: \[tool.newslint\] bogus: unknown key"):
        api.lint_text(text, config=py)
    with pytest.raises(NewslintError, match="not found"):
        api.lint_text(text, config=tmp_path / "missing.toml")


# -- dates --------------------------------------------------------------------------------
def test_the_date_works_like_the_date_flag(tmp_path):
    (tmp_path / "a.txt").write_text(SHOIGU, encoding="utf-8")
    late = api.lint_text(SHOIGU, path="a.txt", date="2025-03-01")
    assert [f.code for f in late if f.category == "anachronism"] == ["T001"]
    assert dumped(late) == cli_json(["--date", "2025-03-01", "a.txt"], tmp_path)["findings"]
    assert not [f for f in api.lint_text(SHOIGU, date="2023-07-26") if f.category == "anachronism"]
    assert api.lint_text_result(SHOIGU, date="2025-03").report.date.basis == "flag"
    # Front matter wins over the date given.
    dated = "---\ndate: 2023-07-26\n---\n\n" + SHOIGU
    assert not [f for f in api.lint_text(dated, fmt="markdown", date="2025-03-01") if f.category == "anachronism"]
    with pytest.raises(NewslintError, match="not a date"):
        api.lint_text(SHOIGU, date="soon")


# -- engines, errors, import --------------------------------------------------------------
def test_the_engine_is_built_once_per_config_and_shared_across_dates():
    config = {"select": ["B", "A"]}
    engine = api.get_engine(config)
    assert api.get_engine(dict(config)) is engine
    assert api.get_engine(config, "2024-01") is api.get_engine(config, "2024-01")
    assert api.get_engine(config, "2024-01").checkers is engine.checkers  # a copy with the date, same compiled rules
    assert api.get_engine(config, "2024-01").date_flag == "2024-01" and engine.date_flag is None
    assert api.get_engine({"select": ["B"]}) is not engine


def test_undecodable_bytes_raise_a_read_error_and_the_result_says_why():
    with pytest.raises(ReadError, match="not valid UTF-8"):
        api.lint_text(b"caf\xe9 au lait\n")
    result = api.lint_text_result(b"caf\xe9 au lait\n", path="x.txt")
    assert result.report is None and "not valid UTF-8" in result.errors[0].message
    with pytest.raises(NewslintError, match="unknown article format"):
        api.lint_text("x", fmt="pdf")


def test_lint_paths_reports_missing_paths_and_still_lints_the_rest(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text(MARKDOWN, encoding="utf-8")
    report = api.lint_paths(["a.md", "nope.txt"], config={"select": ["B"]})
    assert [e.to_dict() for e in report.errors] == [{"path": "nope.txt", "message": "no such file or folder"}]
    assert report.totals.files == 1 and {f.path for f in report.findings} == {"a.md"}
    # cache= reuses results from the result cache (the CLI's, or a folder given).
    first = api.lint_paths("a.md", config={"select": ["B"]}, cache=tmp_path / "c")
    assert len(list((tmp_path / "c").rglob("*.json"))) == 1
    assert first.findings == report.findings == api.lint_paths("a.md", config={"select": ["B"]}, cache=tmp_path / "c").findings


def test_importing_newslint_stays_light_and_exports_the_api(tmp_path):
    code = ("import sys, newslint\n"
            "light = not any(m in sys.modules for m in ('newslint.api', 'newslint.engine', 'pydantic'))\n"
            "print(light, callable(newslint.lint_text), callable(newslint.lint_paths), 'newslint.api' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["True", "True", "True", "True"]
