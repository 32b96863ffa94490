"""Inline suppression comments, the same in text, Markdown and HTML: disable/enable ranges,
disable-next-line, disable-file; by code, prefix, category or name, or none for every rule; and
W100, which reports a comment that suppresses nothing.

The documents are built from a list of lines, each line with an id word (``id0``, ``id1``...), so
the tests say which lines are flagged, whatever the format does to line numbers.
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import re
from pathlib import Path

import pytest
from support import newslint, rule, rule_pack

PACK = rule_pack(rule("S901"), rule("S902", severity="warning"), rule("A901"))
# Only the pack's rules and W100 run: exact results do not depend on the shipped packs.
SELECT = ["--select", "S9,A9,W100"]
FORMATS = ["txt", "md", "html"]
ID = re.compile(r"\bid(\d+)\b")


def render(lines: list[str], fmt: str) -> str:
    """Text lines and ``<!-- ... -->`` comments as a text, Markdown or HTML source. Markdown puts
    a blank line between blocks (so disable-next-line has blank lines to skip); HTML puts each
    text line in a paragraph."""
    if fmt == "txt":
        return "\n".join(lines) + "\n"
    if fmt == "md":
        return "# Title\n\n" + "\n\n".join(lines) + "\n"
    body = "\n".join(ln if ln.startswith("<!--") else f"<p>{ln}</p>" for ln in lines)
    return f"<html>\n<body>\n{body}\n</body>\n</html>\n"


def run_main(args: list[str], cwd: Path) -> tuple[int, str, str]:
    """``newslint ARGS`` in this process (the same entry point as the console script), for speed:
    the many small suppression cases do not need an interpreter each. Tests that are about the
    process (exit codes, printed output) use :func:`newslint` instead."""
    from newslint.cli import main

    out, err = io.StringIO(), io.StringIO()
    old = os.getcwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main([str(a) for a in args])
    finally:
        os.chdir(old)
    return code, out.getvalue(), err.getvalue()


def lint(tmp_path: Path, lines: list[str], fmt: str, *extra: str) -> tuple[dict[str, set[int]], list[dict], str]:
    """Lint the document; return {code: ids of the lines it flagged}, the W100 findings and the source."""
    (tmp_path / "pack").mkdir(exist_ok=True)
    (tmp_path / "pack" / "mine.yaml").write_text(PACK, encoding="utf-8")
    src = render(lines, fmt)
    (tmp_path / f"doc.{fmt}").write_text(src, encoding="utf-8")
    code, out, err = run_main([f"doc.{fmt}", "--rules", "pack", *SELECT, *extra, "--format", "json"], tmp_path)
    assert code in (0, 1), err
    findings = json.loads(out)["findings"]
    src_lines = src.splitlines()
    flagged: dict[str, set[int]] = {}
    unused = []
    for f in findings:
        if f["code"] == "W100":
            unused.append(f)
            continue
        m = ID.search(src_lines[f["line"] - 1])
        assert m, f"finding on a line with no id: {f}"
        flagged.setdefault(f["code"], set()).add(int(m.group(1)))
    return flagged, unused, src


# -- disable / enable ranges ---------------------------------------------------------------
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("selector", ["S901", "s901", "S9", "S90", "source", "zz-source-one"])
def test_disable_enable_range_by_selector(tmp_path, fmt, selector):
    lines = [
        "id0 zorblax and quibbitz flurbish here.",
        f"<!-- newslint-disable {selector} -->",
        "id1 zorblax and quibbitz flurbish here.",
        "id2 zorblax again.",
        f"<!-- newslint-enable {selector} -->",
        "id3 zorblax and quibbitz flurbish here.",
    ]
    flagged, unused, _ = lint(tmp_path, lines, fmt)
    # S902 (on id1, not id2) is suppressed too by the selectors that name it (a prefix, the
    # category), not by those that name S901 alone.
    s902 = {0, 1, 3} if selector in ("S901", "s901", "zz-source-one") else {0, 3}
    assert flagged == {"S901": {0, 3}, "S902": s902, "A901": {0, 1, 3}}
    assert unused == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_disable_with_no_selector_suppresses_every_rule(tmp_path, fmt):
    lines = [
        "id0 zorblax flurbish.",
        "<!-- newslint-disable -->",
        "id1 zorblax flurbish quibbitz.",
        "<!-- newslint-enable -->",
        "id2 zorblax flurbish.",
    ]
    flagged, unused, _ = lint(tmp_path, lines, fmt)
    assert flagged == {"S901": {0, 2}, "A901": {0, 2}}
    assert unused == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_disable_without_enable_runs_to_the_end(tmp_path, fmt):
    lines = [
        "id0 zorblax flurbish.",
        "<!-- newslint-disable attribution -->",
        "id1 zorblax flurbish.",
        "id2 zorblax flurbish.",
        "id3 zorblax flurbish.",
    ]
    flagged, unused, _ = lint(tmp_path, lines, fmt)
    assert flagged == {"S901": {0, 1, 2, 3}, "A901": {0}}
    assert unused == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_enable_without_selector_closes_every_open_range(tmp_path, fmt):
    lines = [
        "<!-- newslint-disable S901 -->",
        "<!-- newslint-disable zz-attribution -->",
        "id0 zorblax flurbish.",
        "<!-- newslint-enable -->",
        "id1 zorblax flurbish.",
    ]
    flagged, unused, _ = lint(tmp_path, lines, fmt)
    assert flagged == {"S901": {1}, "A901": {1}}
    assert unused == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_enable_of_one_selector_leaves_the_other_range_open(tmp_path, fmt):
    lines = [
        "<!-- newslint-disable S901 -->",
        "<!-- newslint-disable A901 -->",
        "id0 zorblax flurbish.",
        "<!-- newslint-enable S901 -->",
        "id1 zorblax flurbish.",
    ]
    flagged, unused, _ = lint(tmp_path, lines, fmt)
    assert flagged == {"S901": {1}}
    assert unused == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_several_selectors_in_one_comment(tmp_path, fmt):
    lines = [
        "<!-- NEWSLINT-DISABLE-NEXT-LINE S901, zz-attribution -->",
        "id0 zorblax flurbish quibbitz.",
        "id1 zorblax flurbish quibbitz.",
    ]
    flagged, unused, _ = lint(tmp_path, lines, fmt)
    assert flagged == {"S901": {1}, "A901": {1}, "S902": {0, 1}}
    assert unused == []


# -- disable-next-line -------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("selector", ["A901", "A9", "attribution", "zz-attribution"])
def test_disable_next_line_by_selector(tmp_path, fmt, selector):
    lines = [
        "id0 zorblax flurbish.",
        f"<!-- newslint-disable-next-line {selector} -->",
        "id1 zorblax flurbish.",
        "id2 zorblax flurbish.",
    ]
    flagged, unused, _ = lint(tmp_path, lines, fmt)
    assert flagged == {"S901": {0, 1, 2}, "A901": {0, 2}}
    assert unused == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_disable_next_line_with_no_selector(tmp_path, fmt):
    lines = ["<!-- newslint-disable-next-line -->", "id0 zorblax flurbish.", "id1 zorblax flurbish."]
    flagged, unused, _ = lint(tmp_path, lines, fmt)
    assert flagged == {"S901": {1}, "A901": {1}}
    assert unused == []


def test_disable_next_line_skips_blank_lines_in_text(tmp_path):
    lines = ["<!-- newslint-disable-next-line S901 -->", "", "   ", "", "id0 zorblax flurbish.", "id1 zorblax."]
    flagged, unused, src = lint(tmp_path, lines, "txt")
    assert src.startswith("<!-- newslint-disable-next-line S901 -->\n\n   \n\nid0")
    assert flagged == {"S901": {1}, "A901": {0}}
    assert unused == []


def test_disable_next_line_covers_only_that_line_of_a_paragraph(tmp_path):
    # In text, a paragraph may run over several lines: only the next line is covered.
    lines = ["<!-- newslint-disable-next-line S901 -->", "id0 zorblax and", "id1 zorblax in one paragraph."]
    flagged, _, _ = lint(tmp_path, lines, "txt")
    assert flagged == {"S901": {1}}


def test_directive_at_the_end_of_a_line_covers_the_next_line(tmp_path):
    lines = ["id0 zorblax. <!-- newslint-disable-next-line S901 -->", "id1 zorblax.", "id2 zorblax."]
    flagged, _, _ = lint(tmp_path, lines, "txt")
    assert flagged == {"S901": {0, 2}}


# -- disable-file --------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", FORMATS)
def test_disable_file_with_no_selector(tmp_path, fmt):
    lines = ["id0 zorblax flurbish.", "<!-- newslint-disable-file -->", "id1 zorblax flurbish quibbitz."]
    flagged, unused, _ = lint(tmp_path, lines, fmt)
    assert flagged == {}
    assert unused == []


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("selector,left", [("S901", {"A901", "S902"}), ("S9", {"A901"}), ("source", {"A901"}),
                                           ("zz-source-two", {"S901", "A901"}), ("attribution", {"S901", "S902"})])
def test_disable_file_by_selector_covers_lines_before_it_too(tmp_path, fmt, selector, left):
    lines = ["id0 zorblax flurbish quibbitz.", "id1 zorblax flurbish quibbitz.", f"<!-- newslint-disable-file {selector} -->",
             "id2 zorblax flurbish quibbitz."]
    flagged, unused, _ = lint(tmp_path, lines, fmt)
    assert flagged == {code: {0, 1, 2} for code in left}
    assert unused == []


# -- W100: unused suppressions -----------------------------------------------------------------
@pytest.mark.parametrize("fmt", FORMATS)
def test_unused_disable_next_line_is_reported(tmp_path, fmt):
    comment = "<!-- newslint-disable-next-line S901 -->"
    lines = ["id0 zorblax.", comment, "id1 nothing to flag on this line.", "id2 flurbish."]
    flagged, unused, src = lint(tmp_path, lines, fmt)
    assert flagged == {"S901": {0}, "A901": {2}}
    assert len(unused) == 1
    (w,) = unused
    assert w["matched"] == comment
    assert src.splitlines()[w["line"] - 1] == comment
    assert w["column"] == 1
    assert w["category"] == "style"
    assert "s901" in w["message"].lower()


@pytest.mark.parametrize("fmt", FORMATS)
def test_directive_naming_a_rule_that_does_not_fire_there_is_unused(tmp_path, fmt):
    # Something is flagged on the next line, but not by the rule the comment names.
    lines = ["<!-- newslint-disable-next-line zz-source-two -->", "id0 zorblax flurbish."]
    flagged, unused, _ = lint(tmp_path, lines, fmt)
    assert flagged == {"S901": {0}, "A901": {0}}
    assert [w["matched"] for w in unused] == ["<!-- newslint-disable-next-line zz-source-two -->"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_unused_range_and_file_directives_are_reported(tmp_path, fmt):
    lines = [
        "<!-- newslint-disable-file S902 -->",
        "id0 zorblax.",
        "<!-- newslint-disable A901 -->",
        "id1 zorblax.",
        "<!-- newslint-enable A901 -->",
        "id2 flurbish.",
    ]
    flagged, unused, _ = lint(tmp_path, lines, fmt)
    assert flagged == {"S901": {0, 1}, "A901": {2}}
    assert sorted(w["matched"] for w in unused) == ["<!-- newslint-disable A901 -->", "<!-- newslint-disable-file S902 -->"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_used_directives_are_not_reported(tmp_path, fmt):
    lines = [
        "<!-- newslint-disable-file S902 -->",
        "id0 quibbitz.",
        "<!-- newslint-disable-next-line S901 A901 -->",
        "id1 zorblax only.",
        "<!-- newslint-disable attribution -->",
        "id2 flurbish.",
        "<!-- newslint-enable attribution -->",
    ]
    flagged, unused, _ = lint(tmp_path, lines, fmt)
    assert flagged == {}
    assert unused == []


def test_w100_can_be_ignored_and_is_info(tmp_path):
    lines = ["<!-- newslint-disable-next-line S901 -->", "id0 clean line."]
    flagged, unused, _ = lint(tmp_path, lines, "txt")
    assert len(unused) == 1 and unused[0]["severity"] == "info"
    # An info finding does not fail the run under the default fail-on.
    proc = newslint(["doc.txt", "--rules", "pack", *SELECT], cwd=tmp_path)
    assert proc.returncode == 0 and "W100" in proc.stdout
    flagged, unused, _ = lint(tmp_path, lines, "txt", "--ignore", "W100")
    assert unused == []
    flagged, unused, _ = lint(tmp_path, lines, "txt", "--ignore", "unused-suppression")
    assert unused == []


def test_w100_respects_per_file_ignores(tmp_path):
    (tmp_path / "newslint.toml").write_text('[per-file-ignores]\n"doc.txt" = ["W100"]\n', encoding="utf-8")
    _, unused, _ = lint(tmp_path, ["<!-- newslint-disable-next-line S901 -->", "id0 clean line."], "txt")
    assert unused == []


def test_suppressed_findings_do_not_count(tmp_path):
    lines = ["<!-- newslint-disable-file -->", "id0 zorblax flurbish."]
    lint(tmp_path, lines, "txt")
    proc = newslint(["doc.txt", "--rules", "pack", *SELECT], cwd=tmp_path)
    assert proc.returncode == 0
    assert proc.stdout == "No findings in 1 file.\n"


@pytest.mark.parametrize("fmt", FORMATS)
def test_comment_text_is_not_linted(tmp_path, fmt):
    # The words inside a suppression comment are not article text.
    lines = ["id0 clean.", "<!-- newslint-disable-next-line A901 zorblax -->", "id1 flurbish."]
    flagged, unused, _ = lint(tmp_path, lines, fmt)
    assert flagged == {}
    assert unused == []
