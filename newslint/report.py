"""``newslint report``: one self-contained HTML page to look at rather than read.

The page holds everything it needs: the CSS and JavaScript in ``newslint/templates/`` are inlined,
the charts are SVG drawn by that script from a JSON blob in the page, and nothing is fetched from
the network. Each article's original source (for HTML articles, the HTML source) is shown with
every finding highlighted in place from the finding's source offsets.

Findings may overlap (a long-sentence flag around a vague attribution, two rules on one span).
The highlights are built as properly nested ``<mark>`` elements: when one finding starts inside
another and ends after it, it is split into pieces that share ``data-f``, so the markup never
breaks and the pieces of a finding, read in order, are exactly its source text.

The same run gives the same bytes: no timestamps, stable ids.
"""
from __future__ import annotations

import html
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Mapping

from .models import CATEGORIES, FileError, FileReport, Finding, Severity

# One colour a category: highlights, chart bars and filter buttons share it.
CATEGORY_COLORS: dict[str, str] = {
    "boilerplate": "#7e57c2",
    "attribution": "#ef6c00",
    "anachronism": "#d81b60",
    "garbled": "#1e88e5",
    "source": "#00897b",
    "style": "#6d4c41",
    "readability": "#9e9d24",
    "language": "#546e7a",
}
SEVERITY_COLORS: dict[str, str] = {"error": "#c62828", "warning": "#f9a825", "info": "#1e88e5"}
RATINGS = ("reliable", "mixed", "unreliable", "deprecated")
DASH = "\u2014"


def _esc(text: object) -> str:
    return html.escape(str(text), quote=False)


def _attr(text: object) -> str:
    return html.escape(str(text), quote=True)


def _template(name: str) -> str:
    return resources.files("newslint").joinpath("templates", name).read_text(encoding="utf-8")


def read_sources(paths: list[str]) -> dict[str, str | None]:
    """The decoded source of each file, as the readers saw it (None when it cannot be re-read)."""
    from .errors import NewslintError
    from .readers import decode

    out: dict[str, str | None] = {}
    for p in paths:
        try:
            out[p] = decode(Path(p).read_bytes(), p)
        except (OSError, NewslintError):
            out[p] = None
    return out


# -- highlights --------------------------------------------------------------------------
@dataclass
class _Span:
    start: int
    end: int
    fid: str
    finding: Finding
    order: int


def _mark_open(span: _Span, first: bool) -> str:
    f = span.finding
    tip = f"{f.code} {f.rule} [{f.severity.value}] {f.message}"
    if f.suggestion:
        tip += f" \u2192 {f.suggestion}"
    ident = f' id="hl-{span.fid}"' if first else ""
    cont = "" if first else " cont"
    return (f'<mark class="hl c-{f.category} s-{f.severity.value}{cont}"{ident} data-f="{span.fid}" '
            f'data-cat="{f.category}" title="{_attr(tip)}">')


def highlight(source: str, findings: list[tuple[str, Finding]]) -> str:
    """``source`` as escaped HTML with each finding wrapped in (possibly several) nested marks."""
    n = len(source)
    spans: list[_Span] = []
    points: dict[int, list[_Span]] = {}  # empty spans: a marker at their offset
    for order, (fid, f) in enumerate(findings):
        s, e = max(0, min(f.offset, n)), max(0, min(f.end_offset, n))
        sp = _Span(s, e, fid, f, order)
        if e <= s:
            points.setdefault(s, []).append(sp)
        else:
            spans.append(sp)
    starts: dict[int, list[_Span]] = {}
    ends: dict[int, set[str]] = {}
    for sp in spans:
        starts.setdefault(sp.start, []).append(sp)
        ends.setdefault(sp.end, set()).add(sp.fid)
    positions = sorted({0, n, *starts, *ends, *points})
    out: list[str] = []
    stack: list[_Span] = []
    opened: set[str] = set()
    for i, pos in enumerate(positions):
        ending = ends.get(pos, set())
        if ending and any(sp.fid in ending for sp in stack):
            # Close down to the outermost span that ends here; reopen the others inside.
            low = min(k for k, sp in enumerate(stack) if sp.fid in ending)
            closing = stack[low:]
            del stack[low:]
            out.append("</mark>" * len(closing))
            reopen = [sp for sp in closing if sp.fid not in ending]
        else:
            reopen = []
        for sp in points.get(pos, ()):
            out.append(_mark_open(sp, True).replace('class="hl ', 'class="hl point ', 1) + "</mark>")
        # Longer spans outside shorter ones, so fewer of them need splitting later.
        for sp in sorted(reopen + starts.get(pos, []), key=lambda s: (-s.end, s.order)):
            out.append(_mark_open(sp, sp.fid not in opened))
            opened.add(sp.fid)
            stack.append(sp)
        if i + 1 < len(positions):
            out.append(_esc(source[pos : positions[i + 1]]))
    out.append("</mark>" * len(stack))
    return "".join(out)


# -- the page ----------------------------------------------------------------------------
def _score_class(score: object) -> str:
    if not isinstance(score, (int, float)):
        return "score-none"
    return "score-good" if score >= 80 else "score-mid" if score >= 50 else "score-bad"


def _sources_table(report: FileReport) -> str:
    extra = report.extra or {}
    if "sources" not in extra:
        return '<p class="muted">Source rules were not run for this article.</p>'
    sources = extra.get("sources") or []
    if not sources:
        return '<p class="muted">No outlets cited.</p>'
    rows = []
    for s in sources:
        rating = s.get("rating") or ("unknown" if not s.get("known") else "unrated")
        state = s.get("state_controlled")
        state_txt = "yes" if state else "no" if state is False else "\u2014"
        rows.append(
            f'<tr class="rating-{_attr(rating)}{" state" if state else ""}">'
            f'<td class="outlet">{_esc(s.get("name", "?"))}</td>'
            f'<td><span class="rating">{_esc(rating)}</span></td>'
            f'<td class="{"flag" if state else ""}">{state_txt}</td>'
            f'<td>{_esc(s.get("kind") or DASH)}</td>'
            f'<td>{_esc(s.get("country") or DASH)}</td>'
            f'<td class="num">{_esc(s.get("citations", ""))}</td>'
            f'<td class="num">{_esc(s.get("line", ""))}</td>'
            f'<td class="num"><span class="score {_score_class(s.get("score"))}">{_esc(s.get("score", DASH))}</span></td></tr>'
        )
    return ('<table class="sources"><thead><tr><th>Outlet</th><th>Rating</th><th>State-controlled</th><th>Kind</th>'
            '<th>Country</th><th class="num">Citations</th><th class="num">First line</th><th class="num">Score</th>'
            '</tr></thead><tbody>' + "".join(rows) + "</tbody></table>")


def _score_badge(report: FileReport) -> str:
    score = (report.extra or {}).get("source_score")
    label = "\u2014" if score is None else str(score)
    tip = "Source score: citation-weighted outlet scores, 0-100" if score is not None else "No outlets cited"
    return f'<span class="score big {_score_class(score)}" title="{_attr(tip)}">source score {label}</span>'


def _date_text(report: FileReport) -> str:
    d = report.date
    if not d.value:
        return "date unknown"
    text = d.value if not d.end else f"{d.value} \u2013 {d.end}"
    return f"{text} ({d.basis})"


def _finding_item(fid: str, f: Finding) -> str:
    sugg = f' <span class="sugg">\u2192 {_esc(f.suggestion)}</span>' if f.suggestion else ""
    return (f'<li class="fi c-{f.category} s-{f.severity.value}" data-f="{fid}" data-cat="{f.category}" tabindex="0">'
            f'<span class="loc">{f.line}:{f.column}</span> <span class="code">{_esc(f.code)}</span> '
            f'<span class="sev">{f.severity.value}</span> <span class="msg">{_esc(f.message)}</span>{sugg}</li>')


def _mini_bar(counts: Mapping[str, int]) -> str:
    total = sum(counts.values())
    if not total:
        return '<span class="mini empty"></span>'
    parts = "".join(
        f'<span class="c-{c}" data-cat="{c}" style="flex:{counts[c]}" title="{c}: {counts[c]}"></span>'
        for c in CATEGORIES if counts.get(c)
    )
    return f'<span class="mini">{parts}</span>'


def render(run, sources: Mapping[str, str | None], *, title: str = "newslint report") -> str:
    """The whole page for ``run`` (a :class:`newslint.output.RunResult`)."""
    rep = run.report()
    findings_by_path: dict[str, list[tuple[str, Finding]]] = {}
    data_findings = []
    for i, f in enumerate(rep.findings):
        fid = f"f{i}"
        findings_by_path.setdefault(f.path, []).append((fid, f))
        data_findings.append({
            "id": fid, "path": f.path, "line": f.line, "column": f.column, "end_line": f.end_line,
            "end_column": f.end_column, "code": f.code, "rule": f.rule, "category": f.category,
            "severity": f.severity.value, "message": f.message, "matched": f.matched, "suggestion": f.suggestion,
        })
    totals = rep.totals
    data = {
        "tool": "newslint", "version": rep.version, "categories": list(CATEGORIES), "severities": [s.value for s in Severity],
        "colors": CATEGORY_COLORS, "severity_colors": SEVERITY_COLORS,
        "totals": totals.to_dict(), "findings": data_findings,
    }
    reported = {fr.path for fr in rep.files}
    errors_by_path: dict[str, list[FileError]] = {}
    for e in rep.errors:
        errors_by_path.setdefault(e.path, []).append(e)

    body: list[str] = []
    w = body.append
    w('<header class="top"><h1>newslint report</h1>'
      f'<p class="summary"><b>{totals.files}</b> article{"s" * (totals.files != 1)}, '
      f'<b>{totals.findings}</b> finding{"s" * (totals.findings != 1)}'
      + (f', <b class="err">{totals.errors}</b> error{"s" * (totals.errors != 1)}' if totals.errors else "")
      + f' <span class="muted">\u00b7 newslint {_esc(rep.version)}</span></p></header>')

    # Filters: one toggle a category that has findings, plus all/none.
    w('<nav class="toolbar" aria-label="Filter by category"><span class="label">Show:</span>')
    for c in CATEGORIES:
        n = totals.by_category.get(c, 0)
        dis = " disabled" if not n else ""
        w(f'<button type="button" class="cat-toggle c-{c}" data-cat="{c}" aria-pressed="{"true" if n else "false"}"{dis}>'
          f'<span class="swatch"></span>{c} <span class="n">{n}</span></button>')
    w('<span class="sep"></span><button type="button" class="cat-all">all</button>'
      '<button type="button" class="cat-none">none</button></nav>')

    w('<main>')
    w('<section class="charts card"><h2>Totals</h2><div class="chart-row">'
      '<figure><figcaption>Findings by category</figcaption><svg id="chart-category" role="img" aria-label="Findings by category"></svg></figure>'
      '<figure><figcaption>Findings by severity</figcaption><svg id="chart-severity" role="img" aria-label="Findings by severity"></svg></figure>'
      '</div></section>')

    if rep.files:
        w('<section class="card overview"><h2>Articles</h2><table class="files"><thead><tr><th>Article</th><th>Format</th>'
          '<th>Date</th><th class="num">Findings</th><th>By category</th><th class="num">Source score</th></tr></thead><tbody>')
        for k, fr in enumerate(rep.files):
            n = sum(fr.counts.values())
            score = (fr.extra or {}).get("source_score")
            w(f'<tr><td><a href="#a{k}">{_esc(fr.path)}</a></td><td>{fr.format}</td><td>{_esc(_date_text(fr))}</td>'
              f'<td class="num">{n}</td><td>{_mini_bar(fr.counts)}</td>'
              f'<td class="num"><span class="score {_score_class(score)}">{DASH if score is None else score}</span></td></tr>')
        w('</tbody></table></section>')
    else:
        w('<section class="card empty-run"><h2>No articles</h2><p>Nothing was linted: no article was found or every '
          'path failed to read.</p></section>')

    unread = [e for e in rep.errors if e.path not in reported]
    if rep.errors:
        w('<section class="card errors"><h2>Errors</h2><ul>')
        for e in rep.errors:
            cls = ' class="unread"' if e in unread else ""
            w(f'<li{cls}><code>{_esc(e.path)}</code>: {_esc(e.message)}</li>')
        w('</ul></section>')

    for k, fr in enumerate(rep.files):
        items = findings_by_path.get(fr.path, [])
        src = sources.get(fr.path)
        w(f'<section class="card article" id="a{k}" data-path="{_attr(fr.path)}">')
        w(f'<header><h2>{_esc(fr.path)}</h2><p class="meta"><span>{fr.format}</span><span>'
          f'{_esc(fr.language or "language undecided")}</span><span>{_esc(_date_text(fr))}</span>'
          f'<span>{len(items)} finding{"s" * (len(items) != 1)}</span>{_score_badge(fr)}</p></header>')
        for e in errors_by_path.get(fr.path, []):
            w(f'<p class="file-error">{_esc(e.message)}</p>')
        w('<details class="sources-box" open><summary>Sources cited</summary>' + _sources_table(fr) + '</details>')
        w('<div class="article-body">')
        if src is None:
            w('<div class="src unavailable">The source of this article could not be read again for the report.</div>')
        else:
            label = "HTML source" if fr.format == "html" else "Text"
            w(f'<div class="src-wrap"><div class="src-label">{label}</div><div class="src" data-path="{_attr(fr.path)}">'
              + highlight(src, items) + '</div></div>')
        w('<aside class="flist-wrap"><h3>Findings</h3>')
        if items:
            w('<ol class="flist">' + "".join(_finding_item(fid, f) for fid, f in items) + '</ol>')
        else:
            w('<p class="muted">No findings.</p>')
        w('</aside></div></section>')
    w('</main>')
    w('<aside id="panel" class="panel" hidden aria-live="polite"><button type="button" class="close" aria-label="Close">\u00d7</button>'
      '<div class="panel-body"></div></aside>')

    cat_css = "".join(
        f".c-{c}{{--c:{col};--cb:{col}2e;--ca:{col}66}}"
        f"body.hide-{c} .hl.c-{c}{{background:transparent;border-bottom-color:transparent;text-decoration:none;cursor:text}}"
        f"body.hide-{c} .fi.c-{c}{{display:none}}"
        f"body.hide-{c} .chart .bar.c-{c}{{opacity:.25}}"
        for c, col in CATEGORY_COLORS.items()
    )
    blob = json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>{_esc(title)}</title>\n<style>\n{_template('report.css')}\n{cat_css}\n</style></head>\n"
        "<body>\n" + "\n".join(body) + "\n"
        f'<script type="application/json" id="newslint-data">{blob}</script>\n'
        f"<script>\n{_template('report.js')}\n</script>\n</body></html>\n"
    )


def write(run, path: str, sources: Mapping[str, str | None] | None = None) -> None:
    if sources is None:
        sources = read_sources([f.path for f in run.files])
    Path(path).write_text(render(run, sources), encoding="utf-8")
