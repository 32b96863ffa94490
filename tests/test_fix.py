"""``newslint --fix`` and ``--diff``, run as a user runs them: ``python -m newslint`` in a folder.

Each property of the fixer gets its own test: boilerplate lines removed in text, Markdown and
HTML; safe substitutions applied; ``--diff`` writes nothing; writes are atomic and keep the
mode; a second run changes nothing; undecodable files are not touched; CRLF and BOM survive;
Markdown paragraphs do not merge; HTML stays well-formed. A hypothesis test generates
articles with boilerplate lines mixed in, and the real pre-commit runs the ``newslint-fix`` hook.
"""
from __future__ import annotations

import codecs
import json
import os
import re
import stat
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from test_precommit import DIRTY_HTML, DIRTY_MD, DIRTY_TXT, HEADLINE, BODY, _pre_commit, _run, env, hook_repo  # noqa: F401

ROOT = Path(__file__).resolve().parents[1]

CLEAN_BODY = f"{HEADLINE}\n\n{BODY}"
FIXED = {
    "txt": CLEAN_BODY,
    "md": f"# {HEADLINE}\n\n{BODY}",
    "html": DIRTY_HTML.replace("<p>Previous Article</p>\n<h3>Leave a Reply</h3>\n", ""),
}
DIRTY = {"txt": DIRTY_TXT, "md": DIRTY_MD, "html": DIRTY_HTML}


def newslint(*args: str, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "GITHUB_ACTIONS")}
    environ["NO_COLOR"] = "1"
    return subprocess.run([sys.executable, "-m", "newslint", "--isolated", *args], cwd=cwd, input=stdin,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environ, timeout=300)


def findings(path: Path, *extra: str) -> list[dict]:
    """Lint one file (with ``--fix`` among ``extra``, fix it first): the findings reported."""
    res = newslint("--format", "json", *extra, path.name, cwd=path.parent)
    assert res.returncode in (0, 1), res.stderr.decode()
    return json.loads(res.stdout)["findings"]


# -- boilerplate removed, in every format -------------------------------------------------
@pytest.mark.parametrize("ext", ["txt", "md", "html"])
def test_fix_removes_boilerplate_lines(tmp_path, ext):
    f = tmp_path / f"article.{ext}"
    f.write_text(DIRTY[ext], encoding="utf-8")
    res = newslint("--fix", f.name, cwd=tmp_path)
    assert res.returncode == 0, res.stdout.decode() + res.stderr.decode()
    assert "fixed 2 findings in 1 file" in res.stderr.decode()  # B002 and B010
    assert f.read_text(encoding="utf-8") == FIXED[ext]
    # Linted again, the fixed file is clean.
    assert findings(f) == []


def test_unfixable_findings_still_reported_and_set_the_exit_code(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Some experts say the plan will fail.\n\nShare this article\n", encoding="utf-8")
    res = newslint("--fix", f.name, cwd=tmp_path)
    out = res.stdout.decode()
    assert res.returncode == 1, out
    assert "A001" in out and "B020" not in out, out
    assert f.read_text(encoding="utf-8") == "Some experts say the plan will fail.\n"
    res = newslint("--fix", "--format", "json", f.name, cwd=tmp_path)
    assert [x["code"] for x in json.loads(res.stdout)["findings"]] == ["A001"]


# -- substitutions --------------------------------------------------------------------------
RULE_PACK = """\
pack: house
rules:
  - code: W901
    name: house-towards
    category: style
    severity: warning
    kind: substitution
    fix: safe
    swap: {toward: towards, "in order to": to}
    message: "House style is '{suggestion}', not '{match}'"
    description: "Our style guide spells it 'towards', as British English does."
    examples:
      flag:
        - {text: "They moved toward the border.", match: "toward", suggestion: "towards"}
      pass:
        - "They moved towards the border."
"""


@pytest.mark.parametrize("ext, before, after", [
    ("txt", "Toward dawn they moved toward the border in order to\nwatch it.\n",
     "Towards dawn they moved towards the border to\nwatch it.\n"),
    ("md", "They moved *toward* the [border](https://example.org/toward).\n",
     "They moved *towards* the [border](https://example.org/toward).\n"),
    ("html", "<p title=\"toward\">They moved toward Tom &amp; Jerry&#39;s border.</p>\n",
     "<p title=\"toward\">They moved towards Tom &amp; Jerry&#39;s border.</p>\n"),
])
def test_fix_applies_safe_substitutions(tmp_path, ext, before, after):
    (tmp_path / "house.yaml").write_text(RULE_PACK, encoding="utf-8")
    f = tmp_path / f"a.{ext}"
    f.write_text(before, encoding="utf-8")
    remaining = findings(f, "--fix", "--rules", "house.yaml")
    assert f.read_text(encoding="utf-8") == after
    assert not [x for x in remaining if x["code"] == "W901"]


def test_substitution_inside_a_quotation_or_across_markup_is_left_alone(tmp_path):
    (tmp_path / "house.yaml").write_text(RULE_PACK, encoding="utf-8")
    f = tmp_path / "a.html"
    text = "<p>They said \u201cwe moved toward it\u201d and moved to<b>ward</b> it.</p>\n"
    f.write_text(text, encoding="utf-8")
    newslint("--fix", "--rules", "house.yaml", f.name, cwd=tmp_path)
    assert f.read_text(encoding="utf-8") == text


# -- --diff ---------------------------------------------------------------------------------
def test_diff_prints_a_unified_diff_and_writes_nothing(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(DIRTY_TXT, encoding="utf-8")
    before = f.stat()
    res = newslint("--diff", f.name, cwd=tmp_path)
    out = res.stdout.decode()
    assert res.returncode == 1, out + res.stderr.decode()
    assert out.startswith("--- a.txt\n+++ a.txt\n@@ "), out
    assert "-Previous Article\n" in out and "-Leave a Reply\n" in out
    assert not [ln for ln in out.splitlines() if ln.startswith("+") and not ln.startswith("+++")]
    assert f.read_text(encoding="utf-8") == DIRTY_TXT
    assert (f.stat().st_mtime_ns, f.stat().st_ino) == (before.st_mtime_ns, before.st_ino)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]

    g = tmp_path / "b.txt"
    g.write_text(DIRTY_TXT, encoding="utf-8")
    newslint("--fix", "b.txt", cwd=tmp_path)
    assert g.read_text(encoding="utf-8") == FIXED["txt"]

    clean = newslint("--diff", "b.txt", cwd=tmp_path)
    assert (clean.returncode, clean.stdout) == (0, b"")


def test_diff_reads_standard_input_and_fix_refuses_it(tmp_path):
    res = newslint("--diff", "-", "--stdin-filename", "x.md", cwd=tmp_path, stdin=DIRTY_MD.encode())
    assert res.returncode == 1
    assert res.stdout.decode().startswith("--- x.md\n+++ x.md\n")
    res = newslint("--fix", "-", cwd=tmp_path, stdin=DIRTY_MD.encode())
    assert res.returncode == 2
    assert "--fix cannot write standard input" in res.stderr.decode()


# -- writing ----------------------------------------------------------------------------------
def test_atomic_write_keeps_mode_and_leaves_no_temporary_file(tmp_path):
    f = tmp_path / "a.md"
    f.write_text(DIRTY_MD, encoding="utf-8")
    f.chmod(0o640)
    ino = f.stat().st_ino
    res = newslint("--fix", f.name, cwd=tmp_path)
    assert res.returncode == 0, res.stderr.decode()
    st_after = f.stat()
    assert stat.S_IMODE(st_after.st_mode) == 0o640
    assert st_after.st_ino != ino, "the file was rewritten in place, not replaced"
    assert f.read_text(encoding="utf-8") == FIXED["md"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]


def test_fix_through_a_symlink_fixes_the_target(tmp_path):
    target = tmp_path / "real.txt"
    target.write_text(DIRTY_TXT, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target.name)
    newslint("--fix", "link.txt", cwd=tmp_path)
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == FIXED["txt"]


@pytest.mark.parametrize("ext", ["txt", "md", "html"])
def test_second_run_changes_nothing(tmp_path, ext):
    f = tmp_path / f"a.{ext}"
    f.write_text(DIRTY[ext], encoding="utf-8")
    newslint("--fix", f.name, cwd=tmp_path)
    once = f.read_bytes()
    res = newslint("--fix", f.name, cwd=tmp_path)
    assert f.read_bytes() == once
    assert "fixed" not in res.stderr.decode()


def test_undecodable_file_is_left_untouched(tmp_path):
    f = tmp_path / "latin1.txt"
    data = "Caf\u00e9 owners said the plan would help.\n\nPrevious Article\n".encode("latin-1")
    f.write_bytes(data)
    mtime = f.stat().st_mtime_ns
    res = newslint("--fix", f.name, cwd=tmp_path)
    assert res.returncode == 2
    assert "not valid UTF-8" in res.stderr.decode()
    assert f.read_bytes() == data and f.stat().st_mtime_ns == mtime
    assert newslint("--diff", f.name, cwd=tmp_path).returncode == 2


def test_crlf_and_bom_are_preserved(tmp_path):
    f = tmp_path / "a.txt"
    text = DIRTY_TXT.replace("\n", "\r\n")
    f.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    res = newslint("--fix", f.name, cwd=tmp_path)
    assert res.returncode == 0, res.stderr.decode()
    data = f.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    assert data == codecs.BOM_UTF8 + FIXED["txt"].replace("\n", "\r\n").encode("utf-8")
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_utf16_file_keeps_its_encoding(tmp_path):
    f = tmp_path / "a.md"
    f.write_bytes(codecs.BOM_UTF16_LE + DIRTY_MD.replace("\n", "\r\n").encode("utf-16-le"))
    res = newslint("--fix", f.name, cwd=tmp_path)
    assert res.returncode == 0, res.stderr.decode()
    assert f.read_bytes() == codecs.BOM_UTF16_LE + FIXED["md"].replace("\n", "\r\n").encode("utf-16-le")


# -- structure ------------------------------------------------------------------------------
def _html_paragraphs(markdown: str) -> list[str]:
    import pyromark

    return re.findall(r"<p>(.*?)</p>", pyromark.html(markdown), re.S)


@pytest.mark.parametrize("boilerplate", [
    "\n# Share this article\n",           # a heading between two paragraphs, no blank lines
    "\n\nLeave a Reply\n=============\n",  # setext headings: their underline goes too
    "\n\nLeave a Reply\n-------------\n",
    "\n- Share this article\n\n",       # a list item that interrupts a paragraph
])
def test_markdown_paragraphs_do_not_merge(tmp_path, boilerplate):
    one = "The council voted on Tuesday to add three bus routes."
    two = "Work on the routes will begin in March, the council said."
    f = tmp_path / "a.md"
    source = f"{one}{boilerplate}{two}\n"
    f.write_text(source, encoding="utf-8")
    assert _html_paragraphs(source) == [one, two]
    remaining = findings(f, "--fix")
    fixed = f.read_text(encoding="utf-8")
    assert not [x for x in remaining if x["category"] == "boilerplate"], fixed
    assert _html_paragraphs(fixed) == [one, two], fixed
    assert fixed == f"{one}\n\n{two}\n"


def test_markdown_list_item_and_link_line_removed(tmp_path):
    f = tmp_path / "a.md"
    f.write_text("- Bus routes\n- Share this article\n- Timetables\n\n[Previous Article](https://example.org/p)\n",
                 encoding="utf-8")
    newslint("--fix", f.name, cwd=tmp_path)
    assert f.read_text(encoding="utf-8") == "- Bus routes\n- Timetables\n"


class _Tags(HTMLParser):
    """Start and end tags in order; ``data-bp`` marks elements the fixer should remove."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}

    def __init__(self, source: str) -> None:
        super().__init__()
        self.seq: list[tuple[str, str, bool]] = []
        self.feed(source)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.seq.append(("start", tag, any(k == "data-bp" for k, _ in attrs)))

    def handle_endtag(self, tag):
        self.seq.append(("end", tag, False))


def _without_marked(seq):
    out, depth = [], 0
    for kind, tag, marked in seq:
        if depth:
            if tag not in _Tags.VOID:
                depth += 1 if kind == "start" else -1
            continue
        if marked:
            depth = 1
            continue
        out.append((kind, tag))
    return out


def _balanced(seq) -> bool:
    stack = []
    for kind, tag in seq:
        if tag in _Tags.VOID:
            continue
        if kind == "start":
            stack.append(tag)
        elif not stack or stack.pop() != tag:
            return False
    return not stack


HTML_PAGE = """\
<!doctype html>
<html lang="en"><head><title>Bus routes</title></head>
<body>
<article>
<h1>City council approves new bus routes</h1>
<div class="share" data-bp>
  <ul>
    <li><a href="https://facebook.com/share">Share on Facebook</a></li>
    <li><a href="https://twitter.com/share">Share this article</a></li>
  </ul>
</div>
<p>The city council voted on Tuesday to add three bus routes serving the east side.</p>
<p data-bp>Leave a <b>Reply</b></p>
<p>The new routes will start running in March.</p><p data-bp>Advertisement</p><p>Tickets cost the same.</p>
<div><span data-bp>Previous Article</span><br><p>Riverside and Oakwood get a direct link.</p></div>
<table><tr><td>Share this article</td><td>Route 7</td></tr></table>
<nav data-bp>
  <a href="/prev">Previous Article</a>
</nav>
</article>
</body></html>
"""


def test_html_stays_well_formed(tmp_path):
    f = tmp_path / "a.html"
    f.write_text(HTML_PAGE, encoding="utf-8")
    before = _Tags(HTML_PAGE).seq
    remaining = findings(f, "--fix")
    fixed = f.read_text(encoding="utf-8")
    after = [(k, t) for k, t, _ in _Tags(fixed).seq]
    assert after == _without_marked(before), fixed
    assert _balanced(after)
    for text in ("Share on Facebook", "Leave a", "Advertisement", "Previous Article", "Share this article"):
        assert text not in fixed, fixed
    for text in ("three bus routes", "start running in March.</p><p>Tickets", "Route 7", "direct link"):
        assert text in fixed, fixed
    assert "<td></td><td>Route 7</td>" in fixed  # a table cell is emptied, never removed
    assert "\n\n" not in fixed
    assert not [x for x in remaining if x["category"] == "boilerplate"]


# -- properties, on generated articles -------------------------------------------------------
BOILERPLATE = ["Previous Article", "Next Article", "Leave a Reply", "Share this article", "Advertisement",
               "Comments (3)", "Story continues below advertisement", "Share on Facebook", "Sponsored content",
               "Sign up for our newsletter"]
SENTENCES = [
    "The council voted on Tuesday to add three bus routes.",
    "Work on the routes will begin in March.",
    "The new line will connect Riverside with the central station.",
    "Residents have asked for better service for years.",
    "The transport department published the timetable on its website.",
    "Tickets will cost the same as on other routes.",
    "Construction crews will close two streets during the summer.",
    "The project is paid for by a regional grant.",
]
paragraphs = st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3).map(" ".join)
blocks = st.lists(st.one_of(paragraphs.map(lambda p: (False, p)), st.sampled_from(BOILERPLATE).map(lambda b: (True, b))),
                  min_size=1, max_size=8)
HTML_WRAPS = ["<p>{}</p>", "<h3>{}</h3>", '<div class="x"><a href="/x">{}</a></div>']


@st.composite
def articles(draw):
    ext = draw(st.sampled_from(["txt", "md", "html"]))
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    bom = draw(st.booleans())
    items = draw(blocks)
    lines: list[tuple[bool, str]] = []
    if ext == "html":
        lines.append((False, "<html><body>"))
    for k, (is_bp, text) in enumerate(items):
        if k and (ext == "md" or draw(st.booleans())):
            lines.append((False, ""))  # Markdown needs a blank line between blocks
        if ext == "html":
            text = draw(st.sampled_from(HTML_WRAPS)).format(text) if is_bp else f"<p>{text}</p>"
        lines.append((is_bp, text))
    if ext == "html":
        lines.append((False, "</body></html>"))
    source = eol.join(text for _, text in lines) + (eol if draw(st.booleans()) else "")
    kept = [text for is_bp, text in lines if text and not is_bp]
    return ext, eol, bom, source, kept


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(articles(), min_size=1, max_size=8))
def test_fix_properties_on_generated_articles(docs):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = []
        for i, (ext, eol, bom, source, kept) in enumerate(docs):
            f = folder / f"a{i}.{ext}"
            f.write_bytes((codecs.BOM_UTF8 if bom else b"") + source.encode("utf-8"))
            files.append(f)

        res = newslint("--fix", "--format", "json", ".", cwd=folder)
        assert res.returncode in (0, 1), res.stderr.decode()
        remaining = json.loads(res.stdout)["findings"]
        assert not [x for x in remaining if x["category"] == "boilerplate"], remaining

        fixed = {f: f.read_bytes() for f in files}
        for f, (ext, eol, bom, source, kept) in zip(files, docs):
            data = fixed[f]
            assert data.startswith(codecs.BOM_UTF8) == bom
            text = data.removeprefix(codecs.BOM_UTF8).decode("utf-8")
            # Every paragraph that is not boilerplate survives, unchanged and in order.
            assert [ln for ln in re.split(r"\r\n|\n", text) if ln] == kept, (source, text)
            # Line ends are the file's own.
            assert re.sub(re.escape(eol), "", text).count("\n") == 0 and "\r" not in text.replace("\r\n", "")
            # No run of blank lines longer than the one the source had.
            assert "\n\n\n" not in text.replace("\r\n", "\n")

        # Idempotent: a second run would change nothing.
        again = newslint("--diff", ".", cwd=folder)
        assert (again.returncode, again.stdout) == (0, b""), again.stdout.decode()
        assert {f: f.read_bytes() for f in files} == fixed


# -- the pre-commit hook ----------------------------------------------------------------------
def test_hook_definition_keeps_newslint_and_adds_newslint_fix():
    import yaml

    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert hooks["newslint"]["entry"] == "newslint"
    assert hooks["newslint-fix"]["entry"] == "newslint --fix"
    assert hooks["newslint-fix"]["files"] == hooks["newslint"]["files"]


def test_pre_commit_newslint_fix_hook(hook_repo, env, tmp_path):  # noqa: F811
    from test_precommit import _git_init

    repo = tmp_path / "articles"
    _git_init(repo, env)
    names = [f"dirty.{ext}" for ext in DIRTY]
    for ext, name in zip(DIRTY, names):
        (repo / name).write_text(DIRTY[ext], encoding="utf-8")
    _run(["git", "add", *names], repo, env, check=True)
    path, rev = hook_repo
    cmd = [*_pre_commit(), "try-repo", str(path), "newslint-fix", "--ref", rev, "--files", *names]

    first = _run(cmd, repo, env)
    assert first.returncode == 1, first.stdout
    assert "Failed" in first.stdout and "files were modified by this hook" in first.stdout, first.stdout
    for ext, name in zip(DIRTY, names):
        assert (repo / name).read_text(encoding="utf-8") == FIXED[ext]

    second = _run(cmd, repo, env)
    assert second.returncode == 0, second.stdout
    assert "Passed" in second.stdout, second.stdout
    for ext, name in zip(DIRTY, names):
        assert (repo / name).read_text(encoding="utf-8") == FIXED[ext]
