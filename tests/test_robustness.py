"""Bad input, through the command line as a user runs it: every problem is one line on standard
error (never a traceback), the other files of the run are still linted, and the exit code says
what happened: 0 clean, 1 findings at or above the fail level, 2 a usage, config, rule or read
error."""
from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

RULES_YAML = """\
pack: robustness-test
rules:
  - code: W987
    name: robustness-test-target
    category: style
    kind: phrase
    phrases: ["target"]
    message: "Found '{match}'"
    description: "Test rule: flags the word target wherever it is."
    examples:
      flag:
        - text: "The target is here."
          match: "target"
      pass:
        - "Nothing to see."
  - code: W986
    name: robustness-test-info
    category: style
    severity: info
    kind: phrase
    phrases: ["marker"]
    message: "Info about '{match}'"
    description: "Test rule: an info-level finding for the word marker."
    examples:
      flag:
        - text: "A marker here."
          match: "marker"
      pass:
        - "Nothing to see."
"""

GOOD_TXT = "The first good file has a target.\n"
GOOD_MD = "# Second good file\n\nAnother target here.\n"


def run(cwd: Path, *args: str, stdin: bytes | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-m", "newslint", *args], cwd=cwd, input=stdin, capture_output=True, timeout=timeout,
    )
    out, err = proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in out and "Traceback" not in err, err
    proc.out, proc.err = out, err  # type: ignore[attr-defined]
    return proc


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A folder with an empty config (so no config above tmp_path applies), a rule pack and two
    good files that each give one W987 finding."""
    (tmp_path / "newslint.toml").write_text("", encoding="utf-8")
    rules = tmp_path / "testrules"
    rules.mkdir()
    (rules / "test.yaml").write_text(RULES_YAML, encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD_TXT, encoding="utf-8")
    (tmp_path / "good2.md").write_text(GOOD_MD, encoding="utf-8")
    return tmp_path


def check(cwd: Path, *args: str, **kw) -> subprocess.CompletedProcess:
    return run(cwd, "--rules", "testrules", "--select", "W987,W986", "--format", "concise", *args, **kw)


def err_lines(proc) -> list[str]:
    return [ln for ln in proc.err.splitlines() if ln.strip()]


def assert_good_files_linted(proc) -> None:
    assert re.search(r"^good\.txt:1:\d+: W987 ", proc.out, re.M), proc.out
    assert re.search(r"^good2\.md:3:\d+: W987 ", proc.out, re.M), proc.out


# -- bad files among good ones -------------------------------------------------------------------
def _png(d: Path) -> str:
    (d / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4)
    return "image.txt"


def _bad_utf8(d: Path) -> str:
    (d / "latin1.txt").write_bytes("First line.\nCafé target in Latin-1.\n".encode("latin-1"))
    return "latin1.txt"


def _missing(d: Path) -> str:
    return "no-such-file.md"


def _utf16_no_bom(d: Path) -> str:
    (d / "u16.txt").write_bytes("A target without a BOM.".encode("utf-16-le"))
    return "u16.txt"


@pytest.mark.parametrize(
    "make, expect",
    [
        (_png, "binary"),
        (_bad_utf8, r"not valid UTF-8 \(byte 0xe9 at line 2\)"),
        (_missing, "no such file"),
        (_utf16_no_bom, "binary"),
    ],
    ids=["png-as-txt", "invalid-utf8", "missing-path", "utf16-without-bom"],
)
def test_bad_file_is_one_line_and_others_are_linted(project, make, expect):
    bad = make(project)
    proc = check(project, "good.txt", bad, "good2.md")
    assert proc.returncode == 2
    lines = err_lines(proc)
    assert len(lines) == 1, proc.err
    assert lines[0].startswith(f"newslint: {bad}: ")
    assert re.search(expect, lines[0])
    assert_good_files_linted(proc)
    assert bad not in proc.out  # no findings from the bad file


def test_all_bad_files_in_one_run(project):
    bad = [_png(project), _bad_utf8(project), _missing(project)]
    proc = check(project, bad[0], "good.txt", bad[1], "good2.md", bad[2])
    assert proc.returncode == 2
    lines = err_lines(proc)
    assert len(lines) == 3, proc.err
    assert sorted(ln.split(":")[1].strip() for ln in lines) == sorted(bad)
    assert_good_files_linted(proc)


def test_bad_standard_input_is_one_line(project):
    proc = check(project, "-", "good.txt", stdin=b"\x00\x01\x02binary")
    assert proc.returncode == 2
    lines = err_lines(proc)
    assert len(lines) == 1 and lines[0].startswith("newslint: -: ") and "binary" in lines[0]
    assert re.search(r"^good\.txt:1:\d+: W987 ", proc.out, re.M)


def test_standard_input_is_linted_under_its_filename(project):
    proc = check(project, "-", "--stdin-filename", "piped.md", stdin="# Title\n\nPiped target.\n".encode())
    assert proc.returncode == 1
    assert re.search(r"^piped\.md:3:7: W987 ", proc.out, re.M), proc.out


# -- empty and blank files -----------------------------------------------------------------------
@pytest.mark.parametrize(
    "name, data",
    [("empty.txt", b""), ("empty.md", b""), ("empty.html", b""), ("blank.txt", b"  \n\t\n\r\n   "),
     ("blank.md", b"\n\n   \n"), ("blank.html", b"<html><body>  <p> </p>\n</body></html>"), ("bom-only.txt", b"\xef\xbb\xbf")],
)
def test_empty_and_blank_files_are_clean(project, name, data):
    (project / name).write_bytes(data)
    proc = check(project, name)
    assert proc.returncode == 0, proc.err
    assert proc.err == ""
    assert proc.out == ""  # concise: no findings, nothing else


def test_empty_file_next_to_findings(project):
    (project / "empty.txt").write_bytes(b"")
    proc = run(project, "--rules", "testrules", "--select", "W987", "empty.txt", "good.txt")
    assert proc.returncode == 1
    assert proc.err == ""
    assert "1 finding in 1 of 2 files" in proc.out


# -- size limit ---------------------------------------------------------------------------------
def test_50mb_file_is_refused_and_others_linted(project):
    big = project / "huge.txt"
    line = b"A long line of article text that mentions the target once.\n"
    with open(big, "wb") as fh:
        block = line * (1024 * 1024 // len(line) + 1)
        for _ in range(50):
            fh.write(block)
    assert big.stat().st_size > 50 * 1024 * 1024
    started = time.monotonic()
    proc = check(project, "good.txt", "huge.txt", "good2.md", timeout=60)
    assert time.monotonic() - started < 30
    assert proc.returncode == 2
    lines = err_lines(proc)
    assert len(lines) == 1, proc.err
    assert lines[0].startswith("newslint: huge.txt: ")
    assert "MB" in lines[0] and "limit" in lines[0]
    assert "huge.txt:" not in proc.out
    assert_good_files_linted(proc)


def test_size_limit_comes_from_config(project):
    (project / "newslint.toml").write_text("max-file-size = 0.001\n", encoding="utf-8")
    (project / "small.txt").write_text("target " * 400, encoding="utf-8")  # 2.8 kB, over 1 kB
    proc = check(project, "small.txt", "good.txt")
    assert proc.returncode == 2
    assert len(err_lines(proc)) == 1 and "small.txt" in proc.err and "limit" in proc.err
    assert re.search(r"^good\.txt:1:\d+: W987 ", proc.out, re.M)


# -- folders --------------------------------------------------------------------------------------
def test_hidden_and_gitignored_folders_are_skipped(project):
    tree = project / "articles"
    for sub in (".hidden", "ignored", "kept", "node_modules", "kept/deeper", "kept/deeper/build"):
        (tree / sub).mkdir(parents=True, exist_ok=True)
        (tree / sub / "story.txt").write_text("A target in a story.\n", encoding="utf-8")
    (tree / ".gitignore").write_text("ignored/\n*.draft.md\n", encoding="utf-8")
    (tree / "kept" / "deeper" / ".gitignore").write_text("build/\n", encoding="utf-8")
    (tree / ".secret.txt").write_text("A hidden target.\n", encoding="utf-8")
    (tree / "note.draft.md").write_text("A draft target.\n", encoding="utf-8")
    (tree / "page.html").write_text("<p>An HTML target.</p>\n", encoding="utf-8")
    (tree / "notes.rst").write_text("Not an article target.\n", encoding="utf-8")
    proc = check(project, "articles")
    assert proc.returncode == 1
    assert proc.err == ""
    paths = sorted({ln.split(":")[0] for ln in proc.out.splitlines() if ln.strip()})
    assert paths == ["articles/kept/deeper/story.txt", "articles/kept/story.txt", "articles/page.html"]


def test_named_file_in_ignored_folder_is_linted(project):
    tree = project / "articles"
    (tree / "ignored").mkdir(parents=True)
    (tree / ".gitignore").write_text("ignored/\n", encoding="utf-8")
    (tree / "ignored" / "story.rst").write_text("Named target.\n", encoding="utf-8")
    proc = check(project, "articles/ignored/story.rst")
    assert proc.returncode == 1
    assert proc.out.startswith("articles/ignored/story.rst:1:7: W987 ")


# -- rule files -----------------------------------------------------------------------------------
def _rule_run(project: Path, folder: str, yaml_text: str):
    d = project / folder
    d.mkdir()
    (d / "rules.yaml").write_text(yaml_text, encoding="utf-8")
    proc = run(project, "--rules", folder, "--format", "concise", "good.txt", "good2.md")
    assert proc.returncode == 2
    lines = err_lines(proc)
    assert len(lines) == 1, proc.err
    assert proc.out == ""  # rules fail to load before anything is linted
    return lines[0]


def test_malformed_rule_yaml_names_file_and_line(project):
    line = _rule_run(project, "badyaml", "rules:\n  - code: W950\n    name: x\n   bad: [unclosed\n")
    assert re.match(r"newslint: error: badyaml/rules\.yaml:4: invalid YAML", line), line


def test_unhashable_yaml_key_names_file_and_line(project):
    line = _rule_run(project, "badkey", "rules:\n  - code: W950\n    {kind: phrase}: x\n")
    assert re.match(r"newslint: error: badkey/rules\.yaml:3: invalid YAML", line), line


RULE_WITH_UNKNOWN_KEY = """\
rules:
  - code: W951
    name: unknown-key-rule
    category: style
    kind: phrase
    phrases: ["target"]
    colour: red
    message: "m"
    description: "A description long enough to pass."
    examples:
      flag: ["target"]
      pass: ["nothing"]
"""


def test_rule_with_unknown_key_names_file_line_and_key(project):
    line = _rule_run(project, "unknown", RULE_WITH_UNKNOWN_KEY)
    assert line.startswith("newslint: error: unknown/rules.yaml:7: ")
    assert "colour" in line


def test_rule_file_with_unknown_top_level_key(project):
    line = _rule_run(project, "toplevel", "pack: x\nrulez: []\nrules: []\n")
    assert line.startswith("newslint: error: toplevel/rules.yaml:2: ")
    assert "rulez" in line


BAD_REGEX = """\
rules:
  - code: W952
    name: bad-regex-rule
    category: style
    kind: pattern
    patterns:
      - "fine"
      - "(unclosed[a-"
    message: "m"
    description: "A description long enough to pass."
    examples:
      flag: ["fine"]
      pass: ["nothing"]
"""


def test_bad_regex_fails_at_load_with_file_and_line(project):
    line = _rule_run(project, "badregex", BAD_REGEX)
    m = re.match(r"newslint: error: badregex/rules\.yaml:(\d+): ", line)
    assert m, line
    assert int(m.group(1)) in (2, 6, 8)  # the rule, its patterns key, or the bad pattern
    assert "regular expression" in line and "patterns[1]" in line


def test_missing_rule_pack_path(project):
    proc = run(project, "--rules", "nowhere", "good.txt")
    assert proc.returncode == 2
    assert len(err_lines(proc)) == 1 and "nowhere" in proc.err
    assert proc.out == ""


def test_duplicate_rule_code_names_both_files(project):
    (project / "dupe").mkdir()
    (project / "dupe" / "copy.yaml").write_text(RULES_YAML, encoding="utf-8")
    proc = run(project, "--rules", "testrules", "--rules", "dupe", "good.txt")
    assert proc.returncode == 2
    lines = err_lines(proc)
    assert len(lines) == 1 and "W98" in lines[0] and "copy.yaml" in lines[0] and "test.yaml" in lines[0]


# -- config files ---------------------------------------------------------------------------------
def test_unknown_key_in_newslint_toml(project):
    (project / "newslint.toml").write_text('select = ["W987"]\nbogus-key = 1\n', encoding="utf-8")
    proc = run(project, "--rules", "testrules", "good.txt")
    assert proc.returncode == 2
    lines = err_lines(proc)
    assert len(lines) == 1
    assert "newslint.toml:2" in lines[0] and "bogus-key" in lines[0]
    assert proc.out == ""


def test_unknown_key_in_pyproject_tool_section(project):
    (project / "newslint.toml").unlink()
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.newslint]\nfail-on = "error"\nwhat_is_this = true\n', encoding="utf-8")
    proc = run(project, "--rules", "testrules", "good.txt")
    assert proc.returncode == 2
    lines = err_lines(proc)
    assert len(lines) == 1
    assert "pyproject.toml:6" in lines[0] and "what_is_this" in lines[0]


def test_pyproject_tool_newslint_not_a_table(project):
    (project / "newslint.toml").unlink()
    (project / "pyproject.toml").write_text("[tool]\nnewslint = 1\n", encoding="utf-8")
    proc = run(project, "--rules", "testrules", "good.txt")
    assert proc.returncode == 2
    assert len(err_lines(proc)) == 1 and "pyproject.toml" in proc.err


@pytest.mark.parametrize(
    "toml, words",
    [('fail-on = "bogus"\n', ["fail-on"]), ("select = [\n", ["invalid TOML"]), ('select = "W987"\n', ["select"]),
     ("regex-timeout = -1\n", ["regex-timeout"]), ('date = "yesterday"\n', ["date"])],
)
def test_bad_config_values(project, toml, words):
    (project / "newslint.toml").write_text(toml, encoding="utf-8")
    proc = run(project, "--rules", "testrules", "good.txt")
    assert proc.returncode == 2
    lines = err_lines(proc)
    assert len(lines) == 1 and "newslint.toml" in lines[0]
    for w in words:
        assert w in lines[0]


# -- usage errors ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "args",
    [["--bogus-flag", "good.txt"], ["--select", "NOSUCHRULE", "good.txt"], ["--date", "not-a-date", "good.txt"],
     ["--format", "xml", "good.txt"], ["--fail-on", "fatal", "good.txt"], [], ["--config", "missing.toml", "good.txt"],
     ["-o", "no/such/folder/out.txt", "good.txt"], ["-o", ".", "good.txt"]],
    ids=["unknown-flag", "unknown-rule", "bad-date", "bad-format", "bad-fail-on", "no-paths", "missing-config",
         "output-in-missing-folder", "output-is-folder"],
)
def test_usage_errors_are_one_line_exit_2(project, args):
    proc = run(project, *args)
    assert proc.returncode == 2
    assert len(err_lines(proc)) == 1, proc.err


# -- exit codes -------------------------------------------------------------------------------------
def test_exit_codes_follow_the_fail_level(project):
    (project / "info.txt").write_text("Only a marker here.\n", encoding="utf-8")
    (project / "clean.txt").write_text("Nothing to flag.\n", encoding="utf-8")
    assert check(project, "clean.txt").returncode == 0
    assert check(project, "good.txt").returncode == 1  # a warning, and fail-on is warning by default
    assert check(project, "good.txt", "--fail-on", "error").returncode == 0
    assert check(project, "good.txt", "--exit-zero").returncode == 0
    info = check(project, "info.txt")
    assert info.returncode == 0 and "W986" in info.out  # reported, but below the fail level
    assert check(project, "info.txt", "--fail-on", "info").returncode == 1
    (project / "newslint.toml").write_text('fail-on = "info"\n', encoding="utf-8")
    assert check(project, "info.txt").returncode == 1


# -- catastrophic regular expressions ------------------------------------------------------------
CATASTROPHIC = """\
rules:
  - code: W960
    name: nested-quantifier
    category: style
    kind: pattern
    patterns: ["(a+)+$"]
    message: "nested"
    description: "Catastrophic backtracking: nested quantifiers on a line that ends in b."
    examples:
      flag: ["aaa"]
      pass: ["bbb"]
"""


def test_catastrophic_regex_times_out_with_one_warning(project):
    (project / "cat").mkdir()
    (project / "cat" / "rules.yaml").write_text(CATASTROPHIC, encoding="utf-8")
    (project / "long.txt").write_text("a" * 5000 + "b\nStill a target on line two.\n", encoding="utf-8")
    started = time.monotonic()
    proc = run(project, "--rules", "testrules", "--rules", "cat", "--select", "W987,W960", "--format", "concise",
               "good.txt", "long.txt", "good2.md", timeout=60)
    assert time.monotonic() - started < 30
    lines = err_lines(proc)
    assert len(lines) == 1, proc.err
    assert lines[0].startswith("newslint: long.txt: ")
    assert "W960" in lines[0] and re.search(r"gave up|time", lines[0])
    assert re.search(r"^long\.txt:2:9: W987 ", proc.out, re.M), proc.out  # the file's other findings are kept
    assert "W960" not in proc.out
    assert_good_files_linted(proc)
    assert proc.returncode == 1


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["I", "A", "ab", "Mr", ".", " ", "\u00a0", "\u3000", "\u2009", "\u202f", "\u2028", "?",
                                 "The", "x", "U.S."]), min_size=1, max_size=20).map("".join))
def test_sentences_of_any_paragraph_with_wide_spaces(text):
    """sentencex panics on "I\u3000." (a Rust panic, not an Exception); the segmenter must not let
    it reach the user, and its spans must stay inside the paragraph, in order."""
    from newslint.segment import split_sentences

    spans = split_sentences(text)
    assert all(0 <= a < b <= len(text) for a, b in spans)
    assert all(b1 <= a2 for (_, b1), (a2, _) in zip(spans, spans[1:]))


def test_a_file_with_a_wide_space_before_a_full_stop_is_linted(tmp_path):
    (tmp_path / "a.txt").write_text("I\u3000. The minister said the talks would resume.\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "newslint", "check", "--no-cache", str(tmp_path / "a.txt")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    assert "panicked" not in proc.stderr and "Traceback" not in proc.stderr
