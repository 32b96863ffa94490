"""The command line as a user runs it: exit codes, text output, colour, standard input, file
selection, the rules/rule/test-rules commands, --version, -o and the default command.

Every test runs ``python -m newslint`` in a subprocess with tmp_path as the working folder.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from newslint import __version__
from support import newslint, one_error_line, rule, rule_pack, write

PACK = rule_pack(rule("S901"), rule("S902"), rule("A901"), rule("G901"))

ARTICLE = (
    "The council met on Monday to discuss zorblax.\n"
    "Members voted for quibbitz after a short debate.\n"
    "The mayor will flurbish the plan next week.\n"
    "A new grzzk sign went up on the corner.\n"
)
CLEAN = "The minister resigned on Monday, the agency said.\nThe talks will resume next week.\n"
LINE_RE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]\d{3}) \[(?P<sev>info|warning|error)\] (?P<msg>.+)$")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
# The pack, and only its rules: the shipped packs are being rewritten, so exact outputs come
# from rules defined here.
MY = ["--rules", "pack", "--select", "S9,A9,G9"]


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    """A work folder with the pack in pack/, an article with findings and a clean one."""
    write(tmp_path / "pack" / "mine.yaml", PACK)
    write(tmp_path / "article.txt", ARTICLE)
    write(tmp_path / "clean.txt", CLEAN)
    return tmp_path


# -- exit codes ----------------------------------------------------------------------------
def test_exit_0_when_clean(ws):
    proc = newslint(["clean.txt", *MY], cwd=ws)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "No findings in 1 file.\n"
    assert proc.stderr == ""


def test_exit_1_when_findings(ws):
    proc = newslint(["article.txt", *MY], cwd=ws)
    assert proc.returncode == 1
    assert proc.stderr == ""


def test_exit_2_for_a_missing_path_and_still_lints_the_rest(ws):
    proc = newslint(["clean.txt", "no-such-file.txt", *MY], cwd=ws)
    err = one_error_line(proc)
    assert "no-such-file.txt" in err
    assert "No findings in 1 file." in proc.stdout


def test_exit_2_for_an_unreadable_file(ws):
    (ws / "binary.txt").write_bytes(b"\x00\x01\x02 binary")
    err = one_error_line(newslint(["binary.txt"], cwd=ws))
    assert "binary.txt" in err


@pytest.mark.parametrize("args", [["--no-such-flag", "clean.txt"], ["clean.txt", "--fail-on", "fatal"], ["clean.txt", "--format", "xml"],
                                  ["clean.txt", "--date", "yesterday"], []])
def test_exit_2_for_usage_errors_with_one_line(ws, args):
    proc = newslint(args, cwd=ws)
    one_error_line(proc)
    assert proc.stdout == ""


def test_exit_2_for_a_broken_rule_pack(ws):
    write(ws / "bad" / "bad.yaml", "rules:\n  - code: S901\n    name: Bad Name\n")
    err = one_error_line(newslint(["clean.txt", "--rules", "bad"], cwd=ws))
    assert "bad.yaml" in err


def test_exit_zero_prints_findings_but_exits_0(ws):
    proc = newslint(["article.txt", *MY, "--exit-zero"], cwd=ws)
    assert proc.returncode == 0
    assert "S901 [warning]" in proc.stdout and "G901 [error]" in proc.stdout


@pytest.mark.parametrize(
    "select,fail_on,expected",
    [
        ("S902", "info", 1),  # an info finding
        ("S902", "warning", 0),
        ("S902", "error", 0),
        ("A901", "info", 1),  # a warning finding
        ("A901", "warning", 1),
        ("A901", "error", 0),
        ("G901", "info", 1),  # an error finding
        ("G901", "warning", 1),
        ("G901", "error", 1),
    ],
)
def test_fail_on(ws, select, fail_on, expected):
    proc = newslint(["article.txt", *MY, "--select", select, "--fail-on", fail_on], cwd=ws)
    assert proc.returncode == expected, proc.stderr
    assert select in proc.stdout


def test_default_fail_on_is_warning(ws):
    assert newslint(["article.txt", *MY, "--select", "S902"], cwd=ws).returncode == 0
    assert newslint(["article.txt", *MY, "--select", "A901"], cwd=ws).returncode == 1


# -- text output -----------------------------------------------------------------------------
def test_piped_text_output_is_one_line_per_finding_and_a_summary(ws):
    proc = newslint(["article.txt", *MY], cwd=ws)
    assert proc.stdout == (
        "article.txt:1:38: S901 [warning] Source one: 'zorblax'\n"
        "article.txt:2:19: S902 [info] Source two: 'quibbitz'\n"
        "article.txt:3:16: A901 [warning] Attribution: 'flurbish'\n"
        "article.txt:4:7: G901 [error] Garbled: 'grzzk'\n"
        "\n"
        "4 findings in 1 of 1 file: attribution 1, garbled 1, source 2; error 1, warning 2, info 1.\n"
    )
    assert not ANSI.search(proc.stdout)


def test_text_output_over_several_files(ws):
    write(ws / "dir" / "one.txt", "The mayor will flurbish the plan.\n")
    write(ws / "dir" / "two.txt", CLEAN)
    write(ws / "dir" / "three.md", "# Title\n\nPrevious Article\n")
    proc = newslint(["dir", *MY, "--select", "S9,A9,G9,B002"], cwd=ws)
    lines = proc.stdout.splitlines()
    findings = [LINE_RE.match(ln) for ln in lines[:-2]]
    assert all(findings), lines
    assert [(m["path"], m["code"]) for m in findings] == [
        (os.path.join("dir", "one.txt"), "A901"),
        (os.path.join("dir", "three.md"), "B002"),
    ]
    assert lines[-2] == ""
    assert lines[-1] == "2 findings in 2 of 3 files: boilerplate 1, attribution 1; warning 2."


def test_quiet_prints_only_the_finding_lines(ws):
    proc = newslint(["article.txt", *MY, "-q"], cwd=ws)
    lines = proc.stdout.splitlines()
    assert len(lines) == 4 and all(LINE_RE.match(ln) for ln in lines)


def test_color_always_gives_ansi_codes_grouped_by_file(ws):
    write(ws / "second.txt", "The mayor will flurbish the plan.\n")
    proc = newslint(["article.txt", "second.txt", *MY, "--color", "always"], cwd=ws)
    assert proc.returncode == 1
    assert ANSI.search(proc.stdout), proc.stdout
    plain = ANSI.sub("", proc.stdout).splitlines()
    # Each file is named once, on a line of its own, above its findings.
    assert plain.count("article.txt") == 1 and plain.count("second.txt") == 1
    assert plain.index("article.txt") < plain.index("second.txt")
    body = [ln for ln in plain if re.match(r"^\s+\d+:\d+", ln)]
    assert len(body) == 5
    assert not any(ln.lstrip().startswith(("article.txt:", "second.txt:")) for ln in plain)
    between = plain[plain.index("article.txt") + 1 : plain.index("second.txt")]
    assert [ln.split()[1] for ln in between if ln.strip()] == ["S901", "S902", "A901", "G901"]
    assert plain[-1].startswith("5 findings in 2 of 2 files")


def test_color_always_overrides_no_color(ws):
    # no-color.org: a command-line flag overrides the NO_COLOR environment variable.
    proc = newslint(["article.txt", *MY, "--color", "always"], cwd=ws, env={"NO_COLOR": "1"})
    assert re.search(r"\x1b\[[0-9;]*3[1-6]m", proc.stdout), proc.stdout  # a colour, not only bold


def test_no_color_turns_auto_colour_off(ws):
    proc = newslint(["article.txt", *MY], cwd=ws, env={"NO_COLOR": "1"})
    assert not ANSI.search(proc.stdout)


def test_color_never_and_auto_when_piped_give_no_ansi(ws):
    for mode in ("never", "auto"):
        proc = newslint(["article.txt", *MY, "--color", mode], cwd=ws)
        assert not ANSI.search(proc.stdout)
        assert proc.stdout.startswith("article.txt:1:38: S901")


# -- standard input --------------------------------------------------------------------------
HTML_NAV = "<p>The talks ended on Monday.</p>\n<p>Previous Article</p>\n"


def test_stdin_with_stdin_filename_reports_that_path(ws):
    proc = newslint(["-", "--stdin-filename", "news/story.txt", *MY], cwd=ws, stdin=ARTICLE)
    assert proc.returncode == 1
    first = LINE_RE.match(proc.stdout.splitlines()[0])
    assert first and first["path"] == "news/story.txt" and first["code"] == "S901"


@pytest.mark.parametrize("name,fmt,flagged", [("story.html", "html", True), ("story.htm", "html", True),
                                              ("story.txt", "text", False), ("story.md", "markdown", None)])
def test_stdin_filename_extension_picks_the_reader(ws, name, fmt, flagged):
    proc = newslint(["-", "--stdin-filename", name, "--format", "json", "--select", "B002"], cwd=ws, stdin=HTML_NAV)
    doc = json.loads(proc.stdout)
    assert [f["format"] for f in doc["files"]] == [fmt]
    assert doc["files"][0]["path"] == name
    if flagged is not None:
        # Read as HTML the navigation link is a paragraph of its own; read as text it is not
        # a line that says only "Previous Article".
        assert bool(doc["findings"]) is flagged


def test_stdin_markdown_with_front_matter(ws):
    md = "---\ntitle: A story\ndate: 2022-03-04\n---\n\nThe talks ended.\n\nPrevious Article\n"
    proc = newslint(["-", "--stdin-filename", "story.md", "--format", "json", "--select", "B002"], cwd=ws, stdin=md)
    doc = json.loads(proc.stdout)
    assert doc["files"][0]["date"]["basis"] == "metadata"
    assert [(f["code"], f["line"]) for f in doc["findings"]] == [("B002", 8)]


def test_stdin_filename_is_matched_by_per_file_ignores(ws):
    write(ws / "newslint.toml", 'rule-packs = ["pack"]\n\n[per-file-ignores]\n"drafts/*" = ["S901"]\n')
    args = ["-", "--select", "S9", "-q", "--stdin-filename"]
    assert newslint([*args, "drafts/x.txt"], cwd=ws, stdin="We discuss zorblax.\n").stdout == ""
    proc = newslint([*args, "final/x.txt"], cwd=ws, stdin="We discuss zorblax.\n")
    assert proc.stdout == "final/x.txt:1:12: S901 [warning] Source one: 'zorblax'\n"


def test_stdin_and_files_together(ws):
    proc = newslint(["article.txt", "-", "--stdin-filename", "in.txt", *MY, "-q", "--select", "A901"],
                    cwd=ws, stdin="We flurbish today.\n")
    assert sorted(ln.split(":")[0] for ln in proc.stdout.splitlines()) == ["article.txt", "in.txt"]


# -- include / exclude ---------------------------------------------------------------------
@pytest.fixture
def tree(ws: Path) -> Path:
    for rel in ("docs/a.txt", "docs/b.md", "docs/c.html", "docs/d.rst", "docs/sub/e.txt", "docs/drafts/f.txt"):
        write(ws / rel, "<p>Fine.</p>\n" if rel.endswith(".html") else "Fine.\n")
    return ws


def _linted(proc) -> list[str]:
    assert proc.returncode in (0, 1), proc.stderr
    return sorted(Path(f["path"]).as_posix() for f in json.loads(proc.stdout)["files"])


def test_default_include_lints_text_markdown_html(tree):
    assert _linted(newslint(["docs", "--format", "json"], cwd=tree)) == [
        "docs/a.txt", "docs/b.md", "docs/c.html", "docs/drafts/f.txt", "docs/sub/e.txt"]


def test_include_replaces_the_default_globs(tree):
    assert _linted(newslint(["docs", "--format", "json", "--include", "*.md,*.rst"], cwd=tree)) == ["docs/b.md", "docs/d.rst"]


def test_exclude_skips_files_and_folders(tree):
    assert _linted(newslint(["docs", "--format", "json", "--exclude", "drafts,*.html"], cwd=tree)) == [
        "docs/a.txt", "docs/b.md", "docs/sub/e.txt"]
    assert _linted(newslint(["docs", "--format", "json", "--exclude", "docs/sub/*"], cwd=tree)) == [
        "docs/a.txt", "docs/b.md", "docs/c.html", "docs/drafts/f.txt"]


def test_a_named_file_is_linted_whatever_its_extension(tree):
    assert _linted(newslint(["docs/d.rst", "--format", "json"], cwd=tree)) == ["docs/d.rst"]


# -- rules, rule, test-rules ----------------------------------------------------------------
def test_rules_lists_every_rule_with_its_fields(ws):
    rows = json.loads(newslint(["rules", "--format", "json", "--rules", "pack"], cwd=ws).stdout)
    by_code = {r["code"]: r for r in rows}
    assert {"B002", "B003", "W100", "S901", "S902", "A901", "G901"} <= set(by_code)
    assert by_code["S901"] == {"code": "S901", "name": "zz-source-one", "category": "source", "severity": "warning",
                               "kind": "phrase", "pack": "mine", "enabled": True}
    assert by_code["G901"]["kind"] == "pattern" and by_code["G901"]["severity"] == "error"
    assert by_code["B002"]["name"] == "navigation-link" and by_code["B002"]["category"] == "boilerplate"
    for r in rows:
        assert set(r) == {"code", "name", "category", "severity", "kind", "pack", "enabled"}

    text = newslint(["rules", "--rules", "pack"], cwd=ws)
    assert text.returncode == 0
    lines = text.stdout.splitlines()
    assert len(lines) == len(rows)
    for r, line in zip(rows, lines):
        assert line.split()[:6] == [r["code"], r["name"], r["category"], r["severity"], r["kind"], r["pack"]]


def test_rules_without_extra_packs_lists_only_shipped_rules(ws):
    rows = json.loads(newslint(["rules", "--format", "json"], cwd=ws).stdout)
    assert "S901" not in {r["code"] for r in rows}
    assert {"B002", "B003", "W100"} <= {r["code"] for r in rows}
    assert [r["code"] for r in rows] == sorted(r["code"] for r in rows)


def test_rules_reads_rule_packs_from_config(ws):
    write(ws / "newslint.toml", 'rule-packs = ["pack"]\n')
    rows = json.loads(newslint(["rules", "--format", "json"], cwd=ws).stdout)
    assert "S901" in {r["code"] for r in rows}


def test_rule_explains_b002(ws):
    proc = newslint(["rule", "B002"], cwd=ws)
    assert proc.returncode == 0
    out = proc.stdout
    assert out.startswith("B002 navigation-link\n")
    assert "Category: boilerplate" in out and "Severity: warning" in out and "Kind: boilerplate" in out
    # The explanation carries the rule's own description and every one of its examples, each
    # under its heading (the rule's wording is the pack author's, so it is read from the rule).
    data = json.loads(newslint(["rule", "B002", "--format", "json"], cwd=ws).stdout)
    why, flags, passes = out.index("## What it flags and why"), out.index("## Flags"), out.index("## Passes")
    assert why < flags < passes
    assert " ".join(data["description"].split()) in " ".join(out[why:flags].split())
    flag_part, pass_part = out[flags:passes], out[passes:]
    assert data["examples"]["flag"] and data["examples"]["pass"]
    for ex in data["examples"]["flag"]:
        ex = ex if isinstance(ex, dict) else {"text": ex, "match": None}
        for line in ex["text"].splitlines():
            assert f"    {line}\n" in flag_part
        if ex["match"]:
            assert f"^ flags: {ex['match']!r}" in flag_part
    for ex in data["examples"]["pass"]:
        text = ex["text"] if isinstance(ex, dict) else ex
        for line in text.splitlines():
            assert f"    {line}\n" in pass_part
    # The first shipped example: the navigation link the brief describes.
    assert "^ flags: 'Previous Article'" in flag_part


def test_rule_by_name_and_lowercase_code_and_json(ws):
    by_name = newslint(["rule", "navigation-link"], cwd=ws)
    by_lower = newslint(["rule", "b002"], cwd=ws)
    assert by_name.returncode == by_lower.returncode == 0
    assert by_name.stdout == by_lower.stdout == newslint(["rule", "B002"], cwd=ws).stdout
    data = json.loads(newslint(["rule", "B002", "--format", "json"], cwd=ws).stdout)
    assert data["code"] == "B002" and data["name"] == "navigation-link"
    assert data["examples"]["flag"] and data["examples"]["pass"]


def test_rule_from_a_user_pack(ws):
    proc = newslint(["rule", "S901", "--rules", "pack"], cwd=ws)
    assert proc.returncode == 0
    assert "S901 zz-source-one" in proc.stdout and "Pack: mine" in proc.stdout
    assert "The council met to discuss the budget." in proc.stdout


def test_rule_unknown_exits_2_with_one_line(ws):
    proc = newslint(["rule", "NOPE"], cwd=ws)
    err = one_error_line(proc)
    assert "NOPE" in err
    assert proc.stdout == ""


def test_test_rules_passes_a_good_rule_file(ws):
    proc = newslint(["test-rules", "pack/mine.yaml"], cwd=ws)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    for code in ("S901", "S902", "A901", "G901"):
        assert any(ln.startswith("ok") and code in ln for ln in lines), lines
    assert lines[-1] == "4 rules, 0 failures"
    # Only the given file's rules are tested, not the shipped ones.
    assert "B002" not in proc.stdout


BAD_RULES = """\
rules:
  - code: S201
    name: wrong-examples
    category: source
    kind: phrase
    phrases: ["officials say"]
    message: "Vague: '{match}'"
    description: "A rule whose examples are wrong on purpose."
    examples:
      flag:
        - "Nothing to see here."
        - text: "Officials say it is fine."
          match: "Officials"
        - "Officials say it is over."
      pass:
        - "Officials say nothing."
        - "The mayor said so."
  - code: S202
    name: right-examples
    category: source
    kind: phrase
    phrases: ["it is understood"]
    message: "Vague: '{match}'"
    description: "A rule whose examples are right."
    examples:
      flag: ["It is understood that the deal is off."]
      pass: ["The deal is off."]
"""


def test_test_rules_reports_each_failing_example(ws):
    write(ws / "bad.yaml", BAD_RULES)
    proc = newslint(["test-rules", "bad.yaml"], cwd=ws)
    assert proc.returncode == 1
    fails = [ln for ln in proc.stdout.splitlines() if ln.startswith("FAIL")]
    assert len(fails) == 3, proc.stdout
    assert any("does not flag" in ln and "Nothing to see here." in ln for ln in fails)
    assert any("'Officials'" in ln for ln in fails)  # the wrong span
    assert any("pass example" in ln and "Officials say nothing." in ln for ln in fails)
    assert all("S201" in ln for ln in fails)
    assert any(ln.startswith("ok") and "S202" in ln for ln in proc.stdout.splitlines())
    assert proc.stdout.splitlines()[-1] == "2 rules, 3 failures"


def test_test_rules_on_an_invalid_file_is_one_error_line(ws):
    write(ws / "broken.yaml", "rules:\n  - code: X1\n")
    err = one_error_line(newslint(["test-rules", "broken.yaml"], cwd=ws))
    assert "broken.yaml" in err


# -- version, -o, default command ---------------------------------------------------------------
def test_version(ws):
    proc = newslint(["--version"], cwd=ws)
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"newslint {__version__}"


def test_output_file(ws):
    proc = newslint(["article.txt", *MY, "-o", "out.txt"], cwd=ws)
    assert proc.returncode == 1
    assert proc.stdout == ""
    written = (ws / "out.txt").read_text(encoding="utf-8")
    assert written == newslint(["article.txt", *MY], cwd=ws).stdout


def test_output_file_json(ws):
    proc = newslint(["article.txt", *MY, "--format", "json", "--output", "out.json"], cwd=ws)
    assert proc.returncode == 1 and proc.stdout == ""
    doc = json.loads((ws / "out.json").read_text(encoding="utf-8"))
    assert doc["totals"]["findings"] == 4


def test_default_command_is_check(ws):
    plain = newslint(["article.txt", *MY], cwd=ws)
    check = newslint(["check", "article.txt", *MY], cwd=ws)
    assert plain.returncode == check.returncode == 1
    assert plain.stdout == check.stdout and plain.stdout
    plain = newslint(["--select", "A901", "article.txt", "--rules", "pack", "-q"], cwd=ws)
    assert plain.stdout == "article.txt:3:16: A901 [warning] Attribution: 'flurbish'\n"


def test_a_file_named_like_a_command_needs_check(ws):
    write(ws / "rules", "The mayor will flurbish the plan.\n")
    proc = newslint(["check", "rules", *MY, "-q", "--select", "A901"], cwd=ws)
    assert proc.stdout == "rules:1:16: A901 [warning] Attribution: 'flurbish'\n"


def test_schema_command_prints_json_schema(ws):
    proc = newslint(["schema"], cwd=ws)
    assert proc.returncode == 0
    schema = json.loads(proc.stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert {"findings", "files", "totals", "schema_version"} <= set(schema["properties"])


def test_the_command_ends_at_once_but_runs_exit_handlers_and_flushes_its_output(ws):
    """``newslint`` (``cli.entry``) skips the interpreter's tear-down: the exit code is main's,
    exit handlers (the regex record's save among them) still run, and buffered output is whole."""
    import subprocess
    import sys

    marker = ws / "handler-ran"
    code = ("import atexit, sys\n"
            f"atexit.register(lambda: open({str(marker)!r}, 'w').write('ran'))\n"
            "from newslint.cli import entry\n"
            "sys.argv = ['newslint'] + sys.argv[1:]\n"
            "entry()\n"
            "raise SystemExit('entry() returned')\n")
    args = [*MY, "--format", "jsonl", "article.txt"]
    proc = subprocess.run([sys.executable, "-c", code, *args], cwd=ws, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stderr  # findings at the fail level, as `newslint` says
    assert marker.read_text() == "ran"
    *findings, summary = map(json.loads, proc.stdout.splitlines())
    assert [f["path"] for f in findings] == ["article.txt"] * 4 and "totals" in summary
    assert "entry() returned" not in proc.stderr
