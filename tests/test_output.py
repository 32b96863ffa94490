"""``--format json``: valid against ``newslint schema``, the fields dashboards read, stable bytes
(also across worker processes) and the article date with where it came from."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings, strategies as st

from newslint.models import CATEGORIES, SCHEMA_VERSION
from support import newslint, rule, rule_pack, write

PACK = rule_pack(rule("S901", suggestion="the budget"), rule("S902"), rule("A901"), rule("G901"))

ARTICLE = (
    "The council met on Monday to discuss zorblax.\n"
    "Members voted for quibbitz after a short debate.\n"
    "A new grzzk sign went up on the corner.\n"
)
# The pack, and only its rules: the shipped packs are being rewritten, so exact values come from
# rules defined here.
MY = ["--rules", "pack", "--select", "S9,A9,G9"]

FINDING_KEYS = {"path", "line", "column", "end_line", "end_column", "code", "rule", "category", "severity",
                "message", "matched", "suggestion"}
FILE_KEYS = {"path", "format", "language", "date", "counts"}


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    write(tmp_path / "pack" / "mine.yaml", PACK)
    write(tmp_path / "article.txt", ARTICLE)
    return tmp_path


@pytest.fixture(scope="module")
def schema(tmp_path_factory) -> dict:
    proc = newslint(["schema"], cwd=tmp_path_factory.mktemp("schema"))
    assert proc.returncode == 0, proc.stderr
    s = json.loads(proc.stdout)
    jsonschema.Draft202012Validator.check_schema(s)
    return s


def validate(doc: dict, schema: dict) -> None:
    jsonschema.Draft202012Validator(schema).validate(doc)


def lint_json(ws: Path, *args) -> tuple[dict, subprocess.CompletedProcess]:
    """Lint with the pack's rules only (a later --select in args replaces that selection)."""
    proc = newslint([*MY, *args, "--format", "json"], cwd=ws)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout), proc


# -- schema ----------------------------------------------------------------------------------
def test_json_output_validates_against_the_schema(ws, schema):
    write(ws / "page.html", "<html lang='en'><body><p>The council met to discuss zorblax.</p><p>Previous Article</p></body></html>")
    write(ws / "story.md", "---\ndate: 2020-01-02\n---\n\nMembers voted for *quibbitz*.\n\nPrevious Article\n")
    write(ws / "clean.txt", "Nothing to report here at all.\n")
    # Every rule, shipped ones and opt-in ones included, so whatever they add must fit the schema.
    doc, _ = lint_json(ws, "article.txt", "page.html", "story.md", "clean.txt", "--select", "ALL")
    validate(doc, schema)
    assert len(doc["files"]) == 4
    assert {"S901", "S902", "G901", "B002"} <= {f["code"] for f in doc["findings"]}


def test_json_output_with_errors_validates(ws, schema):
    (ws / "bin.txt").write_bytes(b"\x00\x00binary")
    proc = newslint(["article.txt", "bin.txt", "missing.txt", *MY, "--format", "json"], cwd=ws)
    assert proc.returncode == 2
    doc = json.loads(proc.stdout)
    validate(doc, schema)
    assert [e["path"] for e in doc["errors"]] == ["bin.txt", "missing.txt"]
    assert doc["totals"]["errors"] == 2
    assert doc["totals"]["files"] == 1
    assert doc["totals"]["findings"] == 3


def test_schema_rejects_a_report_missing_a_finding_field(ws, schema):
    # The schema is not vacuous: a finding without its code, or with an unknown severity, fails.
    doc, _ = lint_json(ws, "article.txt")
    validate(doc, schema)
    del doc["findings"][0]["code"]
    with pytest.raises(jsonschema.ValidationError):
        validate(doc, schema)
    doc, _ = lint_json(ws, "article.txt")
    doc["findings"][0]["severity"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        validate(doc, schema)


# -- fields ----------------------------------------------------------------------------------
def test_findings_have_every_field_with_the_right_values(ws):
    doc, _ = lint_json(ws, "article.txt")
    assert doc["schema_version"] == SCHEMA_VERSION
    assert doc["tool"] == "newslint"
    for f in doc["findings"]:
        assert FINDING_KEYS <= set(f)
    s901, s902, g901 = doc["findings"]
    assert {k: s901[k] for k in FINDING_KEYS} == {
        "path": "article.txt", "line": 1, "column": 38, "end_line": 1, "end_column": 45,
        "code": "S901", "rule": "zz-source-one", "category": "source", "severity": "warning",
        "message": "Source one: 'zorblax'", "matched": "zorblax", "suggestion": "the budget",
    }
    assert {k: s902[k] for k in FINDING_KEYS} == {
        "path": "article.txt", "line": 2, "column": 19, "end_line": 2, "end_column": 27,
        "code": "S902", "rule": "zz-source-two", "category": "source", "severity": "info",
        "message": "Source two: 'quibbitz'", "matched": "quibbitz", "suggestion": None,
    }
    assert (g901["code"], g901["line"], g901["column"], g901["end_column"], g901["category"], g901["severity"], g901["matched"]) == (
        "G901", 3, 7, 12, "garbled", "error", "grzzk")
    # Offsets point at the matched text in the source.
    for f in doc["findings"]:
        assert ARTICLE[f["offset"]:f["end_offset"]] == f["matched"]


def test_a_finding_spanning_lines(ws):
    write(ws / "wrap.txt", "The first line ends with zorb-\nblax and goes on.\n")
    write(ws / "pack2" / "two.yaml", """\
rules:
  - code: S950
    name: zz-spanning
    category: source
    kind: pattern
    patterns: ["with zorb-\\\\nblax"]
    message: "Spans: '{match}'"
    description: "A test rule whose match runs over a line break."
    examples:
      flag: ["It ends with zorb-\\nblax."]
      pass: ["It ends."]
""")
    doc, _ = lint_json(ws, "wrap.txt", "--rules", "pack2", "--select", "S950")
    (f,) = doc["findings"]
    assert (f["line"], f["column"], f["end_line"], f["end_column"]) == (1, 21, 2, 5)


def test_files_entries(ws):
    write(ws / "story.md", "# A story\n\nThe council discussed zorblax, and then zorblax again, all day long.\n")
    doc, _ = lint_json(ws, "article.txt", "story.md")
    files = {f["path"]: f for f in doc["files"]}
    assert list(files) == ["article.txt", "story.md"]
    for f in files.values():
        assert FILE_KEYS <= set(f)
        assert set(f["date"]) >= {"value", "basis"}
        assert set(f["counts"]) == set(CATEGORIES)
    assert files["article.txt"]["format"] == "text" and files["story.md"]["format"] == "markdown"
    assert files["article.txt"]["language"] == "en" and files["story.md"]["language"] == "en"
    assert files["article.txt"]["counts"] == {**{c: 0 for c in CATEGORIES}, "source": 2, "garbled": 1}
    assert files["story.md"]["counts"] == {**{c: 0 for c in CATEGORIES}, "source": 2}


def test_file_language_is_detected(ws):
    write(ws / "fr.txt", "Le ministre a déclaré lundi que les négociations reprendraient la semaine prochaine "
                         "à Paris avec les représentants des deux pays et de la région.\n")
    doc, _ = lint_json(ws, "fr.txt")
    assert doc["files"][0]["language"] == "fr"


def test_totals(ws):
    write(ws / "two.txt", "We will flurbish it.\n")
    write(ws / "three.txt", "Nothing here.\n")
    doc, _ = lint_json(ws, "article.txt", "two.txt", "three.txt")
    t = doc["totals"]
    assert t["files"] == 3 and t["findings"] == 4 and t["errors"] == 0
    assert t["by_category"] == {**{c: 0 for c in CATEGORIES}, "source": 2, "attribution": 1, "garbled": 1}
    assert t["by_severity"] == {"info": 1, "warning": 2, "error": 1}
    assert t["findings"] == len(doc["findings"])


def test_html_finding_positions_are_in_the_source(ws):
    src = "<html><body>\n<p>Intro.</p>\n<p>The council met to discuss <b>zorblax</b>.</p>\n</body></html>\n"
    write(ws / "page.html", src)
    doc, _ = lint_json(ws, "page.html", "--select", "S901")
    (f,) = doc["findings"]
    assert (f["line"], f["column"]) == (3, 34)
    assert src[f["offset"]:f["end_offset"]] == "zorblax"


# -- determinism -------------------------------------------------------------------------------
def test_same_input_twice_gives_identical_bytes(ws):
    write(ws / "b.md", "# Head\n\nThe mayor will flurbish the plan.\n\nPrevious Article\n")
    args = ["article.txt", "b.md", "--rules", "pack", "--format", "json"]
    first, second = newslint(args, cwd=ws), newslint(args, cwd=ws)
    assert first.stdout and first.stdout == second.stdout
    assert json.loads(first.stdout)["totals"]["findings"] >= 5
    # The order paths are given in does not change the report.
    third = newslint(["b.md", "article.txt", "--rules", "pack", "--format", "json"], cwd=ws)
    assert third.stdout == first.stdout


def test_parallel_jobs_give_the_same_bytes(ws):
    for i in range(36):
        body = [f"Story {i}: the council met on Monday.\n"]
        if i % 2:
            body.append("The council met to discuss zorblax.\n")
        if i % 3 == 0:
            body.append("The mayor will flurbish the plan.\n")
        if i % 5 == 0:
            body += ["A new grzzk sign went up.\n", "\n", "Previous Article\n"]
        ext = (".txt", ".md", ".html")[i % 3]
        text = "".join(body)
        if ext == ".html":
            text = "".join(f"<p>{line.strip()}</p>\n" for line in body if line.strip())
        write(ws / "many" / f"sub{i % 4}" / f"story{i:02d}{ext}", text)
    args = ["many", "--rules", "pack", "--format", "json"]
    one = newslint([*args, "-j", "1"], cwd=ws)
    two = newslint([*args, "-j", "2"], cwd=ws)
    four = newslint([*args, "-j", "4"], cwd=ws)
    assert one.returncode == two.returncode == four.returncode == 1
    assert one.stdout == two.stdout == four.stdout
    doc = json.loads(one.stdout)
    assert doc["totals"]["files"] == 36
    mine = [f for f in doc["findings"] if f["code"] in ("S901", "A901", "G901", "B002")]
    assert len(mine) == 18 + 12 + 2 * 8
    assert [f["path"] for f in doc["files"]] == sorted(f["path"] for f in doc["files"])


# -- the article date ------------------------------------------------------------------------
def test_front_matter_date_has_basis_metadata(ws):
    write(ws / "story.md", "---\ntitle: T\ndate: 2021-03-04\n---\n\nThe talks ended.\n")
    doc, _ = lint_json(ws, "story.md")
    assert doc["files"][0]["date"]["value"] == "2021-03-04"
    assert doc["files"][0]["date"]["basis"] == "metadata"


def test_metadata_date_beats_the_flag_and_the_config(ws):
    write(ws / "newslint.toml", 'date = "2001-01-01"\n')
    write(ws / "story.md", "---\ndate: 2021-03-04\n---\n\nThe talks ended.\n")
    doc, _ = lint_json(ws, "story.md", "--date", "2010-10-10")
    assert (doc["files"][0]["date"]["value"], doc["files"][0]["date"]["basis"]) == ("2021-03-04", "metadata")


def test_html_meta_date_has_basis_metadata(ws):
    write(ws / "page.html", '<html><head><meta name="date" content="2019-11-12"></head><body><p>The talks ended.</p></body></html>')
    doc, _ = lint_json(ws, "page.html")
    assert doc["files"][0]["date"]["value"] == "2019-11-12"
    assert doc["files"][0]["date"]["basis"] == "metadata"


def test_date_flag_has_basis_flag(ws):
    doc, _ = lint_json(ws, "article.txt", "--date", "2018-06-07")
    assert doc["files"][0]["date"] == {"value": "2018-06-07", "end": None, "basis": "flag", "detail": None}


def test_date_flag_month_is_a_window(ws):
    doc, _ = lint_json(ws, "article.txt", "--date", "2024-02")
    assert doc["files"][0]["date"] == {"value": "2024-02-01", "end": "2024-02-29", "basis": "flag", "detail": None}


def test_config_date_has_basis_config_and_the_flag_beats_it(ws):
    write(ws / "newslint.toml", 'date = "2017-08-09"\n')
    doc, _ = lint_json(ws, "article.txt")
    assert doc["files"][0]["date"]["value"] == "2017-08-09"
    assert doc["files"][0]["date"]["basis"] == "config"
    doc, _ = lint_json(ws, "article.txt", "--date", "2018-06-07")
    assert doc["files"][0]["date"]["basis"] == "flag"


def test_no_date_has_basis_unknown(ws):
    doc, _ = lint_json(ws, "article.txt")
    assert doc["files"][0]["date"]["value"] is None
    assert doc["files"][0]["date"]["basis"] == "unknown"


# -- concise ---------------------------------------------------------------------------------
def test_concise_format_is_only_finding_lines(ws):
    proc = newslint(["article.txt", *MY, "--format", "concise"], cwd=ws)
    assert proc.stdout == (
        "article.txt:1:38: S901 [warning] Source one: 'zorblax'\n"
        "article.txt:2:19: S902 [info] Source two: 'quibbitz'\n"
        "article.txt:3:7: G901 [error] Garbled: 'grzzk'\n"
    )


# -- bytes ------------------------------------------------------------------------------------
_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=20)
_VALUE = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), _TEXT,
                   st.floats(allow_nan=False, allow_infinity=False, min_value=-1e6, max_value=1e6).map(lambda x: round(x, 3)))


@settings(max_examples=100, deadline=None)
@given(_TEXT, _TEXT, st.dictionaries(st.sampled_from(["source_score", "sources", "note"]), st.one_of(_VALUE, st.lists(_VALUE, max_size=3))))
def test_json_bytes_are_those_of_the_json_module(message, matched, extra):
    """The renderer writes the JSON itself; what it writes is what json.dump(indent=2,
    ensure_ascii=False) writes for the same report, for any text and any values in ``extra``."""
    import io

    from newslint.models import FileReport, Finding, Severity
    from newslint.output import RunResult
    from newslint.output.json_ import render

    f = Finding(path="a.txt", line=1, column=2, end_line=1, end_column=5, offset=1, end_offset=4, code="G001",
                rule="r", category="garbled", severity=Severity.warning, message=message, matched=matched, suggestion=matched or None)
    run = RunResult(findings=[f], files=[FileReport(path="a.txt", format="text", counts={"garbled": 1}, extra=extra)])
    out = io.StringIO()
    render(run, out)
    assert out.getvalue() == json.dumps(run.report().to_dict(), indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("names", [["article.txt", "page.html", "b/story.md", "bin.txt", "clean.txt"], ["clean.txt"], []])
def test_streamed_json_is_the_rendered_json(ws, names, monkeypatch):
    """``--format json`` over files is written while linting (output/json_.py Stream); its bytes
    are those of rendering the whole run at once, with findings, file reports and errors."""
    import io

    from newslint.config import Settings
    from newslint.engine import Engine
    from newslint.output import RunResult
    from newslint.output.json_ import Stream, render
    from newslint.packs import load_packs

    write(ws / "page.html", "<p>The council discussed zorblax.</p><p>A grzzk sign.</p>")
    write(ws / "b" / "story.md", "# Title\n\nMembers voted for *quibbitz*.\n")
    (ws / "bin.txt").write_bytes(b"\x00\x01binary")
    write(ws / "clean.txt", "Nothing to see here.\n")
    engine = Engine(load_packs([ws / "pack"]), Settings(select=["S9", "A9", "G9"]))
    results = [engine.lint_path(str(ws / n)) for n in sorted(names)]
    whole, streamed = io.StringIO(), io.StringIO()
    run = RunResult()
    stream = Stream(streamed, "9.9")
    for r in results:
        run.add(r)
        stream.add(r)
    stream.close()
    monkeypatch.setattr("newslint.__version__", "9.9")
    render(run, whole)
    assert streamed.getvalue() == whole.getvalue()
    assert stream.errors == run.errors and (names != [] or '"findings": []' in whole.getvalue())


_CHOICE = st.sampled_from


@settings(max_examples=200, deadline=None)
@given(_TEXT, _TEXT, st.one_of(st.none(), _TEXT), st.booleans(), _CHOICE(["info", "warning", "error"]),
       st.dictionaries(st.sampled_from(["source_score", "sources", "note"]),
                       st.one_of(_VALUE, st.lists(_VALUE, max_size=3), st.dictionaries(_TEXT, _VALUE, max_size=2))),
       st.one_of(st.none(), _TEXT), _CHOICE(["metadata", "inferred", "unknown"]), st.integers(0, 3))
def test_models_written_by_hand_are_the_json_modules_bytes(message, matched, suggestion, fixable, severity, extra,
                                                           date, basis, depth):
    """The streamed ``--format json`` writes each model itself; what it writes is
    ``json.dumps(model.to_dict(), indent=2, ensure_ascii=False)``, indented as deep, for any text
    and values."""
    from newslint.models import ArticleDate, FileError, FileReport, Finding, Severity, Totals
    from newslint.output.json_ import _nested

    models = [
        Finding(path=matched, line=1, column=2, end_line=3, end_column=5, offset=10**9, end_offset=4, code="G001",
                rule="r", category="garbled", severity=Severity(severity), message=message, matched=matched,
                suggestion=suggestion, fixable=fixable),
        FileReport(path=message, format="html", language=suggestion, counts={"garbled": 1, message: 0}, extra=extra,
                   date=ArticleDate(value=date, end=suggestion, basis=basis, detail=message)),
        FileReport(path="a", format="text", language=None, counts={}, extra={}),
        FileError(path=matched, message=message),
        Totals(files=2, findings=1, errors=0, by_category={"garbled": 1}, by_severity={severity: 1}),
    ]
    for m in models:
        expected = json.dumps(m.to_dict(), indent=2, ensure_ascii=False)
        assert _nested(m, depth) == expected.replace("\n", "\n" + "  " * depth)
