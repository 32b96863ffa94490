"""The round trip newslint promises: a finding's line and column, spanning to its end line and
end column, point at exactly the text it reports as ``matched``, in the original file, whatever
the format, line ends, BOM, tabs or non-ASCII text before it.

Lines are split the way editors split them (LF, CRLF or a lone CR), lines and columns are
1-based, columns count characters, and the end column is just past the last character.
"""
from __future__ import annotations

import codecs
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newslint.config import Settings
from newslint.engine import Engine
from newslint.packs import load_packs
from newslint.readers import decode, read_source

RULES_YAML = """\
pack: positions-test
rules:
  - code: W987
    name: positions-test-target
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
  - code: W988
    name: positions-test-glass
    category: style
    kind: pattern
    patterns: ['\\bgl[aä]ss\\w*']
    message: "Found '{match}'"
    description: "Test rule: flags words that start with glass or gläss."
    examples:
      flag:
        - text: "The glassy eye."
          match: "glassy"
      pass:
        - "Nothing to see."
"""
CODES = "W987,W988"
_EOL = re.compile(r"\r\n|\r|\n")


def write_rules(folder: Path) -> Path:
    rules = folder / "testrules"
    rules.mkdir()
    (rules / "test.yaml").write_text(RULES_YAML, encoding="utf-8")
    return rules


@pytest.fixture(scope="module")
def engine(tmp_path_factory) -> Engine:
    rules = write_rules(tmp_path_factory.mktemp("positions"))
    return Engine(load_packs([rules]), Settings(select=CODES.split(",")))


def decoded(data: bytes) -> str:
    """The file's text as an editor shows it: BOM dropped, UTF-16 when it says so."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    return data.decode("utf-8-sig")


def at(source: str, line: int, col: int, end_line: int, end_col: int) -> str:
    """The text of ``source`` from (line, col) to (end_line, end_col), split into lines by hand."""
    lines = _EOL.split(source)
    assert 1 <= line <= end_line <= len(lines)
    if line == end_line:
        assert 1 <= col <= end_col <= len(lines[line - 1]) + 1
        return lines[line - 1][col - 1 : end_col - 1]
    middle = lines[line : end_line - 1]
    return "\n".join([lines[line - 1][col - 1 :], *middle, lines[end_line - 1][: end_col - 1]])


def assert_round_trip(source: str, findings) -> None:
    for f in findings:
        get = (lambda k: f[k]) if isinstance(f, dict) else (lambda k: getattr(f, k))
        span = at(source, get("line"), get("column"), get("end_line"), get("end_column"))
        assert span == get("matched"), (get("code"), get("line"), get("column"), span, get("matched"))
        assert source[get("offset") : get("end_offset")] == get("matched")


def lint(engine: Engine, source: str, name: str):
    return engine.lint_document(read_source(source, name)).findings


def cli_json(tmp_path: Path, *files: str) -> tuple[dict, subprocess.CompletedProcess]:
    rules = tmp_path / "testrules"
    if not rules.exists():
        write_rules(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "newslint", "--rules", str(rules), "--select", CODES, "--format", "json", *files],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    assert "Traceback" not in proc.stderr
    assert proc.stderr == "", proc.stderr
    return json.loads(proc.stdout), proc


# -- text -----------------------------------------------------------------------------------
TEXT_CASES = {
    "lf.txt": "Zürich 日本 🎉 said the target was missed.\nSecond line, another target.\n\n\tTabbed\ttarget and glässer here.\n",
    "crlf.txt": "Ünïcödé line one.\r\nThe target on line two.\r\n\r\nÉtude target, glassware.\r\n",
    "cr.txt": "Old Mac file.\rThe target on line two.\r\rÉtude target here.\r",
    "mixed.txt": "one target\r\ntwo target\rthree target\nfour target",
}


def test_text_round_trip_cli(tmp_path):
    for name, body in TEXT_CASES.items():
        (tmp_path / name).write_bytes(body.encode("utf-8"))
    (tmp_path / "bom.txt").write_bytes(codecs.BOM_UTF8 + "Héllo target\r\n\tand glass.\r\n".encode("utf-8"))
    (tmp_path / "u16.txt").write_bytes("Çа target\r\nline two glass\r\n".encode("utf-16"))
    names = [*TEXT_CASES, "bom.txt", "u16.txt"]
    report, proc = cli_json(tmp_path, *names)
    assert proc.returncode == 1
    by_file: dict[str, list] = {n: [] for n in names}
    for f in report["findings"]:
        by_file[f["path"]].append(f)
    expected = {"lf.txt": 4, "crlf.txt": 3, "cr.txt": 2, "mixed.txt": 4, "bom.txt": 2, "u16.txt": 2}
    assert {n: len(v) for n, v in by_file.items()} == expected
    for name in names:
        source = decoded((tmp_path / name).read_bytes())
        assert_round_trip(source, by_file[name])
    # Spot checks on exact positions, counted by hand.
    lf = {(f["line"], f["column"]) for f in by_file["lf.txt"]}
    assert lf == {(1, 22), (2, 22), (4, 9), (4, 20)}
    assert {(f["line"], f["column"]) for f in by_file["cr.txt"]} == {(2, 5), (4, 7)}
    assert {f["line"] for f in by_file["mixed.txt"]} == {1, 2, 3, 4}
    assert {(f["line"], f["column"]) for f in by_file["bom.txt"]} == {(1, 7), (2, 6)}


# -- Markdown -------------------------------------------------------------------------------
MARKDOWN = """\
---
title: No target in front matter
date: 2023-05-01
---

# Héading with target

Intro paragraph in Ωmega land, the target
wraps onto a second line with another target.

- list item target
- item with **bold glass** and _target_ inside
  1. nested ünïcode target

> Block quote with a target.
> > Nested quote, target again.

| Column | Other |
|--------|-------|
| cell target | Zürich glässer |

Link to [the target page](https://example.com/target) and `code target`.

Footnote here[^1] target.

[^1]: The footnote target.

```
fenced target not linted
```

<!-- a comment target -->
"""


VARIANTS = {  # file name suffix: (line end, BOM)
    "lf": ("\n", b""), "crlf": ("\r\n", b""), "cr": ("\r", b""),
    "lf-bom": ("\n", codecs.BOM_UTF8), "crlf-bom": ("\r\n", codecs.BOM_UTF8), "cr-bom": ("\r", codecs.BOM_UTF8),
}


def lint_variants(tmp_path: Path, body: str, ext: str) -> dict[str, tuple[bytes, list]]:
    """Every line-end and BOM variant of ``body`` in one CLI run: {name: (file bytes, findings)}."""
    files = {}
    for suffix, (eol, bom) in VARIANTS.items():
        name = f"article-{suffix}.{ext}"
        files[name] = bom + body.replace("\n", eol).encode("utf-8")
        (tmp_path / name).write_bytes(files[name])
    report, proc = cli_json(tmp_path, *files)
    assert proc.returncode == 1
    assert len(report["files"]) == len(files)
    return {n: (data, [f for f in report["findings"] if f["path"] == n]) for n, data in files.items()}


def test_markdown_round_trip_cli(tmp_path):
    for name, (data, findings) in lint_variants(tmp_path, MARKDOWN, "md").items():
        assert_round_trip(decoded(data), findings)
        assert all(f["line"] == f["end_line"] for f in findings), name
        assert {(f["line"], f["matched"]) for f in findings} == MARKDOWN_EXPECTED, name


MARKDOWN_EXPECTED = {
        (6, "target"), (8, "target"), (9, "target"),
        (11, "target"), (12, "glass"), (12, "target"), (13, "target"),
        (15, "target"), (16, "target"),
        (20, "target"), (20, "glässer"),
        (22, "target"),
        (24, "target"), (26, "target"),
}


# -- HTML -----------------------------------------------------------------------------------
HTML = """\
<!DOCTYPE html>
<html lang="en">
<head>
  <title>The target title</title>
  <script>var target = "target";</script>
</head>
<body>
<h1>Héading <em>with</em> target</h1>
<p>Tom &amp; Jerry &#8220;met&#8221; the target, &eacute;t&eacute; glass.</p>
<p>Nested <b>bold <i>deep <span class="x">target</span></i></b> here.</p>
<ul>
  <li>Item ünïcode target</li>
  <li><a href="/target">link target</a></li>
</ul>
<blockquote><p>Quoted block target</p></blockquote>
<table><tr><th>Head target</th><td>Cell <strong>glässer</strong></td></tr></table>
<p>Wrapped
  over lines, the
  target&nbsp;glass.</p>
<pre>pre target</pre>
<p>Inline <code>code target</code> and<br>after break target.</p>
<div hidden>hidden target</div>
</body>
</html>
"""


def test_html_round_trip_cli(tmp_path):
    for name, (data, findings) in lint_variants(tmp_path, HTML, "html").items():
        assert_round_trip(decoded(data), findings)
        assert {(f["line"], f["matched"]) for f in findings} == HTML_EXPECTED, name


HTML_EXPECTED = {
        (8, "target"), (9, "target"), (9, "glass"), (10, "target"),
        (12, "target"), (13, "target"), (15, "target"),
        (16, "target"), (16, "glässer"),
        (19, "target"), (19, "glass"),
        (21, "target"),
}


# -- API: more shapes, and the suppression comments that depend on line numbers ---------------------
@pytest.mark.parametrize(
    "name, source, count",
    [
        ("a.txt", "\t\ttarget\n" * 3, 3),
        ("a.txt", "ßßß " * 50 + "target\n" + "日本語 target glass", 3),
        ("a.md", "1. First\r\n2. Second target\r\n   continued glass\r\n", 2),
        ("a.md", "Term with *emphasis* then target, and `code` glass.\n", 2),
        ("a.md", "Setext target\n-------------\n\n***\n\nAfter rule target\n", 2),
        ("a.md", "- [x] done target\n- [ ] open glass\n", 2),
        ("a.md", "Hard break  \r\ntarget here\\\r\nglass\r\n", 2),
        ("a.html", "<p>&lt;&gt;&quot;&#39; target</p><p>&#x1F389; glass</p>", 2),
        ("a.html", "<p>a <!-- c -->target <![CDATA[x]]> glass</p>", 2),
        ("a.html", "<p>a<!-- c -->target glass</p>", 1),  # renders as "atarget"
        ("a.html", "<div><span>x</span>\ttarget<br/>\t\tglass</div>", 2),
    ],
)
def test_round_trip_api_shapes(engine, name, source, count):
    findings = lint(engine, source, name)
    assert len(findings) == count
    assert_round_trip(source, findings)


@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_disable_next_line_follows_line_numbers(engine, eol):
    source = eol.join(["target one", "<!-- newslint-disable-next-line W987 -->", "", "target three", "target four"])
    findings = lint(engine, source, "a.txt")
    assert [f.line for f in findings] == [1, 5]
    assert_round_trip(source, findings)


@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_disable_file_covers_every_line(engine, eol):
    source = eol.join(["<!-- newslint-disable-file W987 -->", "target", "more", "", "last target glass"])
    findings = lint(engine, source, "a.txt")
    assert [(f.code, f.line) for f in findings] == [("W988", 5)]


# -- property test --------------------------------------------------------------------------
WORDS = ["the", "minister", "said", "report", "target", "Target", "TARGET", "glass", "glässer",
         "café", "naïve", "Zürich", "Ωmega", "日本", "🎉", "Kraków", "über", "on", "Monday"]
NON_ASCII = st.text(
    alphabet=st.characters(min_codepoint=0xA1, max_codepoint=0x1FAFF,
                           categories=("Ll", "Lu", "Lo", "Mn", "So", "Nd", "Sm")),
    min_size=1, max_size=4,
)


def _is_hit(word: str) -> bool:
    return word.lower() == "target" or re.fullmatch(r"gl[aä]ss\w*", word) is not None


@st.composite
def documents(draw, fmt: str):
    """(source, number of words the rules must flag) for one randomly built document."""
    eol = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    mixed = draw(st.booleans())
    paragraphs, hits = [], 0
    for _ in range(draw(st.integers(1, 5))):
        words = draw(st.lists(st.one_of(st.sampled_from(WORDS), NON_ASCII), min_size=1, max_size=14))
        lines, line = [], []
        for w in words:
            hits += _is_hit(w)
            wrap = draw(st.integers(0, 9))
            if fmt == "markdown" and not _is_hit(w) and w.isalpha() and wrap < 3:
                w = ["*{}*", "**{}**", "_{}_"][wrap].format(w)
            elif fmt == "html" and wrap < 3:
                w = ["<b>{}</b>", "<i><span class='k'>{}</span></i>", "<a href='#x'>{}</a>"][wrap].format(w)
            elif fmt == "html" and wrap == 3:
                line.append("&amp;")
            line.append(w)
            if draw(st.integers(0, 5)) == 0:  # wrap the source line inside the paragraph
                lines.append(line)
                line = []
        if line:
            lines.append(line)
        sep = draw(st.sampled_from([" ", "\t", " "])) if fmt == "text" else " "
        text_lines = [sep.join(ln) for ln in lines]
        if fmt == "text":
            paragraphs.append(text_lines)
        elif fmt == "markdown":
            paragraphs.append(text_lines)
        else:
            paragraphs.append(["<p>" + text_lines[0], *text_lines[1:-1], text_lines[-1] + "</p>"] if len(text_lines) > 1
                              else ["<p>" + text_lines[0] + "</p>"])
    out = []
    for para in paragraphs:
        for ln in para:
            out.append(ln + (draw(st.sampled_from(["\n", "\r\n", "\r"])) if mixed else eol))
        out.append(eol)  # a blank line between paragraphs
    source = "".join(out)
    if fmt == "html":
        source = "<html><body>" + eol + source + "</body></html>" + eol
    return source, hits


@pytest.mark.parametrize("fmt, name", [("text", "a.txt"), ("markdown", "a.md"), ("html", "a.html")])
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data(), bom=st.booleans())
def test_round_trip_property(engine, fmt, name, data, bom):
    source, hits = data.draw(documents(fmt))
    raw = (codecs.BOM_UTF8 if bom else b"") + source.encode("utf-8")
    doc = read_source(decode(raw, name), name)
    findings = engine.lint_document(doc).findings
    assert len(findings) == hits
    assert_round_trip(decoded(raw), findings)
    for f in findings:
        assert f.line == f.end_line
