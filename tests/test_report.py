"""``newslint report``: the self-contained HTML page, checked as a file and in a real browser.

The report is generated through the command line for tmp copies of the seeds plus a small
Markdown and a small HTML article. Without a browser: the page fetches nothing, parses as
well-formed HTML, holds every finding, and its highlights are exactly each finding's source text.
With headless Chromium (Debian's ``chromium`` driven by Playwright, no downloaded browser): the
charts draw one bar or segment a category or severity with findings, clicking a finding scrolls
to its highlight and marks it, clicking a highlight explains it, and the category filters hide
and show highlights and list entries.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from newslint.models import Finding, Severity
from newslint.report import highlight

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

STORY_MD = """\
---
title: Test story
date: 2023-08-01
---
# Drills planned

Share this article

Critics say the plan is risky, according to RT. Experts believe the drills were planned, **TASS reported**.

Defense Minister Sergei Shoigu said the drills would go ahead.

Related Articles
"""

PAGE_HTML = """\
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Drills &amp; more</title>
<meta name="date" content="2023-08-01"></head>
<body><nav>Home</nav>
<article><h1>Drills &amp; ties</h1>
<p>Critics say the <b>plan</b> is risky, according to <a href="https://www.rt.com/x">RT</a>. It was planned &mdash; <i>Reuters</i> reported.</p>
<p>Leave a Comment</p>
<script>var x = "<b>not text</b>";</script>
</article></body></html>
"""

# A rule whose matches cross another finding's ("Critics say" / "say the plan"), so highlights
# must be split into pieces; passed with --rules, which the report shares with check.
CROSSING_PACK = """\
pack: report-test
rules:
  - code: W901
    name: zz-crossing
    category: style
    severity: error
    kind: pattern
    patterns: ["say the plan"]
    message: "Crossing: '{match}'"
    description: "A test rule whose match crosses the vague-attribution match."
    examples:
      flag: ["They say the plan works."]
      pass: ["They like the plan."]
"""

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}


def newslint(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newslint", *args], cwd=cwd, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The articles, the report the CLI wrote for them, and the JSON findings of the same run."""
    base = tmp_path_factory.mktemp("report")
    arts = base / "articles"
    shutil.copytree(SEEDS, arts)
    (arts / "story.md").write_text(STORY_MD, encoding="utf-8")
    (arts / "page.html").write_text(PAGE_HTML, encoding="utf-8")
    (base / "pack.yaml").write_text(CROSSING_PACK, encoding="utf-8")
    out = base / "report.html"
    # The report and the JSON of the same run, side by side.
    cmd = [sys.executable, "-m", "newslint"]
    rp = subprocess.Popen([*cmd, "report", "--isolated", "--rules", "pack.yaml", str(arts), "-o", str(out)], cwd=base, stderr=subprocess.PIPE, text=True)
    jp = subprocess.Popen([*cmd, "--isolated", "--rules", "pack.yaml", "--format", "json", str(arts)], cwd=base, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True)
    j_out, j_err = jp.communicate(timeout=300)
    _, r_err = rp.communicate(timeout=300)
    assert rp.returncode == 0, r_err
    assert f"wrote {out}" in r_err
    assert jp.returncode in (0, 1), j_err
    data = json.loads(j_out)
    sources = {f["path"]: Path(f["path"]).read_text(encoding="utf-8") for f in data["files"]}
    return {"dir": arts, "path": out, "html": out.read_text(encoding="utf-8"), "json": data, "sources": sources}


# -- the page as a file ------------------------------------------------------------------
class _Page(HTMLParser):
    """A strict reading: every element closed in order, plus what the tests look at."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.urls: list[tuple[str, str, str]] = []  # tag, attribute, value
        self.tags: list[tuple[str, dict]] = []
        self.src_path: str | None = None
        self.src_depth = 0
        self.src_text: dict[str, list[str]] = {}
        self.marks: list[tuple[str, dict]] = []  # open marks inside a source view
        self.mark_text: dict[tuple[str, str], list[str]] = {}  # (path, finding id) -> its pieces' text
        self.script = ""
        self.in_data = False

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a))
        for k in ("src", "href", "data", "action", "poster", "srcset", "xlink:href"):
            if k in a:
                self.urls.append((tag, k, a[k]))
        if tag == "script" and a.get("id") == "newslint-data":
            self.in_data = True
        if tag in VOID:
            return
        self.stack.append(tag)
        if self.src_path is not None:
            self.src_depth += 1
            if tag == "mark":
                self.marks.append((tag, a))
                self.mark_text.setdefault((self.src_path, a["data-f"]), [])
        elif tag == "div" and "src" in a.get("class", "").split() and "data-path" in a:
            self.src_path, self.src_depth = a["data-path"], 0
            self.src_text[self.src_path] = []

    def handle_startendtag(self, tag, attrs):
        if tag not in VOID:
            self.problems.append(f"self-closing <{tag}/>")
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}> at {self.getpos()}")
            if tag in self.stack:
                while self.stack and self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()
        if tag == "script":
            self.in_data = False
        if self.src_path is not None:
            if self.src_depth == 0:
                self.src_path = None
            else:
                self.src_depth -= 1
                if tag == "mark":
                    self.marks.pop()

    def handle_data(self, data):
        if self.in_data:
            self.script += data
        if self.src_path is not None:
            self.src_text[self.src_path].append(data)
            for _, a in self.marks:
                self.mark_text[(self.src_path, a["data-f"])].append(data)

    def unknown_decl(self, data):
        self.problems.append(f"unknown declaration {data!r}")


def parse(html: str) -> _Page:
    p = _Page()
    p.feed(html)
    p.close()
    return p


def test_self_contained(corpus):
    page = parse(corpus["html"])
    remote = [u for u in page.urls if u[2].strip().lower().startswith(("http:", "https:", "//"))]
    assert remote == []
    for tag, a in page.tags:
        if tag in ("script", "img", "iframe"):
            assert "src" not in a, f"<{tag}> loads {a['src']}"
        if tag == "link":
            assert a.get("rel") not in ("stylesheet", "preload", "modulepreload"), a
    assert "@import" not in corpus["html"] and "url(http" not in corpus["html"]
    assert corpus["html"].count("<style>") == 1 and "<script>" in corpus["html"]


def test_valid_html(corpus):
    page = parse(corpus["html"])
    assert page.problems == []
    assert page.stack == []
    assert corpus["html"].startswith("<!DOCTYPE html>")
    ids = [a["id"] for _, a in page.tags if "id" in a]
    assert len(ids) == len(set(ids)), "duplicate ids"


def test_contains_every_finding(corpus):
    findings = corpus["json"]["findings"]
    assert len(findings) >= 40 and {f["path"].rsplit(".", 1)[1] for f in findings} == {"txt", "md", "html"}
    page = parse(corpus["html"])
    blob = json.loads(page.script)

    def key(f):
        return (f["path"], f["line"], f["column"], f["code"], f["message"], f["matched"], f["suggestion"])

    assert sorted(map(key, blob["findings"])) == sorted(map(key, findings))
    assert blob["totals"] == corpus["json"]["totals"]
    items = [a for t, a in page.tags if t == "li" and "fi" in a.get("class", "").split()]
    assert len(items) == len(findings)
    for f in findings:  # each message in the findings lists, escaped
        assert f'<span class="msg">{escape(f["message"], quote=False)}</span>' in corpus["html"], f


def test_text_and_highlights_are_the_source(corpus):
    """Each article's source is shown whole, and each finding's pieces spell its source span."""
    page = parse(corpus["html"])
    blob = json.loads(page.script)
    assert set(page.src_text) == set(corpus["sources"])
    for path, source in corpus["sources"].items():
        assert "".join(page.src_text[path]) == source, path
    seen = set()
    for f in blob["findings"]:
        j = next(x for x in corpus["json"]["findings"] if (x["path"], x["code"], x["line"], x["column"], x["message"]) ==
                 (f["path"], f["code"], f["line"], f["column"], f["message"]))
        text = "".join(page.mark_text[(f["path"], f["id"])])
        assert text == corpus["sources"][f["path"]][j["offset"]:j["end_offset"]], f
        if f["path"].endswith(".txt"):
            assert text == f["matched"]
        seen.add(f["id"])
    assert len(seen) == len(blob["findings"])
    # The crossing rule's highlights were split in the Markdown and the HTML article.
    crossing = [f for f in blob["findings"] if f["code"] == "W901"]
    assert {f["path"].rsplit(".", 1)[1] for f in crossing} == {"md", "html"}
    for f in crossing:
        assert corpus["html"].count(f'data-f="{f["id"]}"') >= 3  # two pieces and the list entry


def _finding(offset: int, end: int, code: str = "A001", category: str = "attribution") -> Finding:
    return Finding(path="x", line=1, column=offset + 1, end_line=1, end_column=end + 1, offset=offset, end_offset=end,
                   code=code, rule="r", category=category, severity=Severity.warning, message="m <b>", matched="")


def test_highlight_overlaps_nest():
    source = "0123456789 <b>&amp;"
    findings = [("a", _finding(0, 6)), ("b", _finding(3, 9)), ("c", _finding(3, 9)), ("d", _finding(4, 5)),
                ("e", _finding(7, 7)), ("f", _finding(12, 40)), ("g", _finding(-3, 2))]
    out = highlight(source, findings)
    page = _Page()
    page.feed('<div class="src" data-path="x">' + out + "</div>")
    page.close()
    assert page.problems == [] and page.stack == []
    assert "".join(page.src_text["x"]) == source
    spans = {"a": (0, 6), "b": (3, 9), "c": (3, 9), "d": (4, 5), "e": (7, 7), "f": (12, len(source)), "g": (0, 2)}
    for fid, (s, e) in spans.items():
        assert "".join(page.mark_text[("x", fid)]) == source[s:e], fid
    # Crossing spans are split; every piece after the first is marked as a continuation.
    assert out.count('data-f="b"') == 2 and out.count('id="hl-b"') == 1 and 'cont" data-f="b"' in out
    assert " &lt;<mark" in out and ">b&gt;&amp;amp;</mark>" in out


def test_empty_run_and_errors(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    r = newslint("report", "--isolated", str(empty), "-o", "r.html", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    page = parse(html)
    assert page.problems == [] and "No articles" in html
    assert json.loads(page.script)["findings"] == []

    (tmp_path / "good.txt").write_text("Critics say the plan is risky.\n", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01binary")
    r = newslint("report", "--isolated", "good.txt", "bad.txt", "missing.txt", "-o", "e.html", cwd=tmp_path)
    assert r.returncode == 2
    assert "missing.txt: no such file or folder" in r.stderr
    html = (tmp_path / "e.html").read_text(encoding="utf-8")
    page = parse(html)
    assert page.problems == []
    assert "missing.txt" in html and "bad.txt" in html and "binary" in html
    assert "".join(page.src_text["good.txt"]) == "Critics say the plan is risky.\n"

    # Same input, same bytes; an unwritable output is one line and exit code 2.
    again = newslint("report", "--isolated", "good.txt", "bad.txt", "missing.txt", "-o", "e2.html", cwd=tmp_path)
    assert (tmp_path / "e2.html").read_bytes() == (tmp_path / "e.html").read_bytes(), again.stderr
    r = newslint("report", "--isolated", "good.txt", "-o", str(tmp_path / "no" / "such" / "r.html"), cwd=tmp_path)
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "cannot write the report" in r.stderr


def test_selection_flags(tmp_path):
    (tmp_path / "a.txt").write_text("Critics say the plan is risky. Share this article\n", encoding="utf-8")
    r = newslint("report", "--isolated", "--select", "attribution", "a.txt", "-o", "r.html", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    blob = json.loads(parse((tmp_path / "r.html").read_text(encoding="utf-8")).script)
    assert blob["findings"] and {f["category"] for f in blob["findings"]} == {"attribution"}
    r = newslint("report", "--isolated", "--ignore", "NOPE9", "a.txt", cwd=tmp_path)
    assert r.returncode == 2 and "names no rule" in r.stderr


# -- the page in a real browser ----------------------------------------------------------
def _chromium() -> str:
    """Debian's chromium, installed with apt when missing and we may; else the reason to skip."""
    if not os.path.exists(CHROMIUM) and shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        subprocess.run("apt-get update -qq && apt-get install -y -qq chromium", shell=True, capture_output=True, timeout=900)
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is missing and could not be installed (apt-get install chromium, as root)")
    return CHROMIUM


@pytest.fixture(scope="module")
def browser():
    executable = _chromium()
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, corpus):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    pg = ctx.new_page()
    requests, errors = [], []
    pg.on("request", lambda r: requests.append(r.url))
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(corpus["path"].as_uri())
    pg.wait_for_selector("body.js")
    yield pg
    assert errors == [], errors
    assert all(u.startswith(("file:", "data:", "about:")) for u in requests), requests
    ctx.close()


VISIBLE_MARKS = """() => [...document.querySelectorAll('mark.hl')].filter(m => {
    const s = getComputedStyle(m);
    return s.display !== 'none' && (s.backgroundColor !== 'rgba(0, 0, 0, 0)' || s.borderBottomColor !== 'rgba(0, 0, 0, 0)');
}).length"""


def _blob(corpus) -> dict:
    return json.loads(parse(corpus["html"]).script)


def test_charts_render(page, corpus):
    totals = corpus["json"]["totals"]
    cats = [c for c, n in totals["by_category"].items() if n]
    sevs = [s for s, n in totals["by_severity"].items() if n]
    for sel in ("#chart-category", "#chart-severity"):
        box = page.locator(sel).bounding_box()
        assert box and box["width"] > 100 and box["height"] > 50, sel
    bars = page.locator("#chart-category rect.bar")
    assert bars.count() == len(cats)
    assert sorted(bars.nth(i).get_attribute("data-cat") for i in range(bars.count())) == sorted(cats)
    widths = {}
    for i in range(bars.count()):
        b = bars.nth(i).bounding_box()
        assert b["width"] > 0 and b["height"] > 0
        widths[bars.nth(i).get_attribute("data-cat")] = b["width"]
    biggest = max(cats, key=lambda c: totals["by_category"][c])
    smallest = min(cats, key=lambda c: totals["by_category"][c])
    assert widths[biggest] == max(widths.values()) and widths[smallest] == min(widths.values())
    segs = page.locator("#chart-severity path.seg")
    assert segs.count() == len(sevs)
    assert sorted(segs.nth(i).get_attribute("data-severity") for i in range(segs.count())) == sorted(sevs)
    for i in range(segs.count()):
        b = segs.nth(i).bounding_box()
        assert b["width"] > 0 and b["height"] > 0


def test_empty_report_in_browser(browser, tmp_path):
    (tmp_path / "empty").mkdir()
    assert newslint("report", "--isolated", "empty", "-o", "r.html", cwd=tmp_path).returncode == 0
    pg = browser.new_page()
    errors = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto((tmp_path / "r.html").as_uri())
    pg.wait_for_selector("body.js")
    assert pg.locator("#chart-category rect.bar").count() == 0
    assert "No findings" in pg.locator("#chart-category").text_content()
    assert pg.locator("#chart-severity path.seg").count() == 0
    assert errors == []
    pg.close()


def _pieces_text(page, fid: str) -> str:
    return page.evaluate("id => [...document.querySelectorAll(`mark.hl[data-f='${id}']`)].map(m => m.textContent).join('')", fid)


def test_clicking_a_finding_scrolls_to_its_highlight(page, corpus):
    from playwright.sync_api import expect

    blob = _blob(corpus)
    jf = {(f["path"], f["code"], f["line"], f["column"]): f for f in corpus["json"]["findings"]}
    # The last finding of the page (needs scrolling), one nested in a longer span, and a text one.
    nested = next(f for f in blob["findings"] if f["code"].startswith("S") and f["path"].endswith(".txt") and
                  page.locator(f"mark.hl[data-f='{f['id']}']").first.evaluate("m => !!m.parentElement.closest('mark.hl')"))
    crossing = next(f for f in blob["findings"] if f["code"] == "W901" and f["path"].endswith(".md"))
    chosen = [blob["findings"][-1], nested, crossing, blob["findings"][len(blob["findings"]) // 2]]
    for f in chosen:
        src = jf[(f["path"], f["code"], f["line"], f["column"])]
        first = page.locator(f"#hl-{f['id']}")
        item = page.locator(f".fi[data-f='{f['id']}']")
        item.scroll_into_view_if_needed()
        if f is chosen[0]:
            page.evaluate("window.scrollTo(0, 0)")
            expect(first).not_to_be_in_viewport()
            item = page.locator(f".fi[data-f='{f['id']}']")
            item.evaluate("li => li.click()")  # the list item is off screen at the top of the page
        else:
            item.click()
        expect(first).to_be_in_viewport()
        expect(first).to_have_class(re.compile(r"\bactive\b"))
        expect(item).to_have_class(re.compile(r"\bcurrent\b"))
        pieces = page.locator(f"mark.hl[data-f='{f['id']}']").count()
        assert page.locator("mark.hl.active").count() == pieces and pieces >= (2 if f is crossing else 1)
        assert _pieces_text(page, f["id"]) == corpus["sources"][f["path"]][src["offset"]:src["end_offset"]]
        if f["path"].endswith(".txt"):
            assert _pieces_text(page, f["id"]) == f["matched"]
        panel = page.locator("#panel")
        expect(panel).to_be_visible()
        assert f["code"] in panel.inner_text() and f["message"] in panel.inner_text()


def test_highlight_explains_itself(page, corpus):
    from playwright.sync_api import expect

    blob = _blob(corpus)
    # Hover: the innermost highlight carries its explanation as a tooltip.
    f = next(x for x in blob["findings"] if x["suggestion"]) if any(x["suggestion"] for x in blob["findings"]) else blob["findings"][0]
    mark = page.locator(f"#hl-{f['id']}")
    mark.scroll_into_view_if_needed()
    mark.hover()
    title = mark.get_attribute("title")
    assert f["code"] in title and f["message"] in title and f["severity"] in title
    if f["suggestion"]:
        assert f["suggestion"] in title
    # Click: the panel explains every finding under the pointer, innermost first.
    nested = [x for x in blob["findings"] if page.locator(f"#hl-{x['id']}").evaluate(
        "m => !!m.parentElement.closest('mark.hl') && m.parentElement.closest('.src') !== null")]
    assert nested, "the corpus has nested findings"
    inner = nested[0]
    outer_id = page.locator(f"#hl-{inner['id']}").evaluate("m => m.parentElement.closest('mark.hl').dataset.f")
    page.locator(f"#hl-{inner['id']}").click()
    panel = page.locator("#panel")
    expect(panel).to_be_visible()
    entries = panel.locator(".entry")
    assert entries.count() >= 2
    assert entries.nth(0).get_attribute("data-f") == inner["id"]
    assert outer_id in [entries.nth(i).get_attribute("data-f") for i in range(entries.count())]
    text = entries.nth(0).inner_text()
    for part in (inner["code"], inner["rule"], inner["severity"].upper(), inner["message"]):
        assert part in text or part.lower() in text.lower()
    expect(page.locator(f"#hl-{inner['id']}")).to_have_class(re.compile(r"\bactive\b"))
    page.locator("#panel .close").click()
    expect(panel).to_be_hidden()
    assert page.locator("mark.hl.active").count() == 0


def test_category_filters(page, corpus):
    from playwright.sync_api import expect

    by_cat = corpus["json"]["totals"]["by_category"]
    total_marks = page.locator("mark.hl").count()
    assert page.evaluate(VISIBLE_MARKS) == total_marks
    cat = max(by_cat, key=by_cat.get)
    cat_marks = page.locator(f"mark.hl.c-{cat}").count()
    assert cat_marks >= by_cat[cat]
    button = page.locator(f".cat-toggle[data-cat='{cat}']")
    expect(button).to_have_attribute("aria-pressed", "true")

    def visible_items(c):
        items = page.locator(f".fi.c-{c}")
        return sum(1 for i in range(items.count()) if items.nth(i).is_visible())

    other = next(c for c, n in by_cat.items() if n and c != cat)
    assert visible_items(cat) == by_cat[cat] and visible_items(other) == by_cat[other]

    button.click()
    expect(button).to_have_attribute("aria-pressed", "false")
    assert page.evaluate(VISIBLE_MARKS) == total_marks - cat_marks
    assert visible_items(cat) == 0 and visible_items(other) == by_cat[other]
    # A hidden category's highlight no longer answers clicks.
    page.locator(f"mark.hl.c-{cat}").first.scroll_into_view_if_needed()
    page.locator(f"mark.hl.c-{cat}").first.evaluate("m => m.click()")
    panel_ids = page.locator("#panel .entry").evaluate_all("es => es.map(e => e.dataset.f)")
    cat_ids = page.locator(f"mark.hl.c-{cat}").evaluate_all("ms => ms.map(m => m.dataset.f)")
    assert not set(panel_ids) & set(cat_ids)

    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    assert page.evaluate(VISIBLE_MARKS) == total_marks
    assert visible_items(cat) == by_cat[cat]

    page.locator(".cat-none").click()
    assert page.evaluate(VISIBLE_MARKS) == 0
    assert page.locator(".fi").evaluate_all("ls => ls.filter(l => l.offsetParent !== null).length") == 0
    page.locator(".cat-all").click()
    assert page.evaluate(VISIBLE_MARKS) == total_marks
    # A bar in the chart toggles its category too.
    page.locator(f"#chart-category rect.bar[data-cat='{other}']").click()
    expect(page.locator(f".cat-toggle[data-cat='{other}']")).to_have_attribute("aria-pressed", "false")
    assert page.evaluate(VISIBLE_MARKS) == total_marks - page.locator(f"mark.hl.c-{other}").count()
