// newslint report: charts, category filters, the findings list and the details panel.
// Inlined into the page by newslint/report.py; reads its data from #newslint-data. No network.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("newslint-data").textContent);
  var SVGNS = "http://www.w3.org/2000/svg";
  var byId = {};
  data.findings.forEach(function (f) { byId[f.id] = f; });

  function el(name, attrs, parent) {
    var e = document.createElementNS(SVGNS, name);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }
  function text(parent, x, y, s, attrs) {
    var t = el("text", Object.assign({ x: x, y: y }, attrs || {}), parent);
    t.textContent = s;
    return t;
  }
  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // -- charts ---------------------------------------------------------------------------
  function barChart(svg) {
    var cats = data.categories.filter(function (c) { return data.totals.by_category[c] > 0; });
    var W = 460, rowH = 26, labelW = 110, pad = 6;
    var H = Math.max(1, cats.length) * rowH + pad * 2;
    svg.setAttribute("viewBox", "0 0 " + W + " " + H);
    svg.setAttribute("class", "chart bars");
    if (!cats.length) { text(svg, W / 2, H / 2 + 4, "No findings", { "text-anchor": "middle", "class": "empty" }); return; }
    var max = Math.max.apply(null, cats.map(function (c) { return data.totals.by_category[c]; }));
    var room = W - labelW - 50;
    cats.forEach(function (c, i) {
      var n = data.totals.by_category[c], y = pad + i * rowH;
      var g = el("g", { "class": "row" }, svg);
      text(g, labelW - 8, y + rowH / 2 + 4, c, { "text-anchor": "end" });
      var r = el("rect", { x: labelW, y: y + 4, width: Math.max(2, room * n / max), height: rowH - 8, rx: 3,
        "class": "bar c-" + c, "data-cat": c }, g);
      var tip = el("title", {}, r); tip.textContent = c + ": " + n + " (click to show or hide)";
      r.addEventListener("click", function () { toggle(c); });
      text(g, labelW + Math.max(2, room * n / max) + 6, y + rowH / 2 + 4, String(n), { "class": "value" });
    });
  }

  function donut(svg) {
    var sevs = data.severities.slice().reverse().filter(function (s) { return data.totals.by_severity[s] > 0; });
    var W = 460, H = 190, cx = 95, cy = 95, R = 80, r = 50;
    svg.setAttribute("viewBox", "0 0 " + W + " " + H);
    svg.setAttribute("class", "chart donut");
    var total = sevs.reduce(function (a, s) { return a + data.totals.by_severity[s]; }, 0);
    if (!total) {
      el("circle", { cx: cx, cy: cy, r: (R + r) / 2, fill: "none", stroke: "#e3e6ea", "stroke-width": R - r }, svg);
      text(svg, cx, cy + 5, "No findings", { "text-anchor": "middle", "class": "empty" });
      return;
    }
    var a0 = -Math.PI / 2;
    sevs.forEach(function (s, i) {
      var n = data.totals.by_severity[s], a1 = a0 + 2 * Math.PI * n / total;
      var color = data.severity_colors[s], p;
      if (n === total) { // a full ring cannot be one arc
        p = el("path", { d: ring(cx, cy, R, r), "fill-rule": "evenodd" }, svg);
      } else {
        p = el("path", { d: arc(cx, cy, R, r, a0, a1) }, svg);
      }
      p.setAttribute("class", "seg s-" + s);
      p.setAttribute("data-severity", s);
      p.setAttribute("fill", color);
      el("title", {}, p).textContent = s + ": " + n;
      a0 = a1;
      var ly = 40 + i * 32;
      el("rect", { x: 215, y: ly - 11, width: 14, height: 14, rx: 3, fill: color }, svg);
      text(svg, 237, ly, s);
      text(svg, 330, ly, n + " (" + Math.round(100 * n / total) + "%)", { "class": "value" });
    });
    text(svg, cx, cy + 4, String(total), { "text-anchor": "middle", "class": "total" });
    text(svg, cx, cy + 20, "findings", { "text-anchor": "middle", "class": "value" });
  }
  function pt(cx, cy, R, a) { return (cx + R * Math.cos(a)).toFixed(2) + " " + (cy + R * Math.sin(a)).toFixed(2); }
  function arc(cx, cy, R, r, a0, a1) {
    var big = a1 - a0 > Math.PI ? 1 : 0;
    return "M" + pt(cx, cy, R, a0) + " A" + R + " " + R + " 0 " + big + " 1 " + pt(cx, cy, R, a1) +
      " L" + pt(cx, cy, r, a1) + " A" + r + " " + r + " 0 " + big + " 0 " + pt(cx, cy, r, a0) + " Z";
  }
  function ring(cx, cy, R, r) {
    function circle(rad) {
      return "M" + (cx - rad) + " " + cy + " a" + rad + " " + rad + " 0 1 0 " + 2 * rad + " 0 a" + rad + " " + rad + " 0 1 0 " + -2 * rad + " 0 Z ";
    }
    return circle(R) + circle(r);
  }

  // -- filters --------------------------------------------------------------------------
  var body = document.body;
  function setShown(cat, shown) {
    body.classList.toggle("hide-" + cat, !shown);
    var b = document.querySelector('.cat-toggle[data-cat="' + cat + '"]');
    if (b && !b.disabled) b.setAttribute("aria-pressed", shown ? "true" : "false");
    if (!shown) {
      // An open explanation of a hidden category would point at nothing visible.
      var cur = current && byId[current];
      if (cur && cur.category === cat) deactivate(true);
    }
  }
  function shown(cat) { return !body.classList.contains("hide-" + cat); }
  function toggle(cat) { setShown(cat, !shown(cat)); }
  document.querySelectorAll(".cat-toggle").forEach(function (b) {
    b.addEventListener("click", function () { toggle(b.getAttribute("data-cat")); });
  });
  var all = document.querySelector(".cat-all"), none = document.querySelector(".cat-none");
  if (all) all.addEventListener("click", function () { data.categories.forEach(function (c) { setShown(c, true); }); });
  if (none) none.addEventListener("click", function () { data.categories.forEach(function (c) { setShown(c, false); }); });

  // -- highlights, list and panel -------------------------------------------------------
  var panel = document.getElementById("panel"), panelBody = panel.querySelector(".panel-body");
  var current = null;
  function pieces(fid) { return document.querySelectorAll('mark.hl[data-f="' + fid + '"]'); }
  function deactivate(closePanel) {
    document.querySelectorAll("mark.hl.active").forEach(function (m) { m.classList.remove("active", "flash"); });
    document.querySelectorAll(".fi.current").forEach(function (li) { li.classList.remove("current"); });
    current = null;
    if (closePanel) panel.hidden = true;
  }
  function entry(f) {
    var rows = [["rule", esc(f.rule)], ["category", esc(f.category)],
      ["severity", '<span class="sev s-' + esc(f.severity) + '">' + esc(f.severity) + "</span>"],
      ["where", "line " + f.line + ", column " + f.column + (f.end_line !== f.line ? " to line " + f.end_line : "")],
      ["message", esc(f.message)], ["matched", '<span class="matched">' + esc(f.matched.length > 300 ? f.matched.slice(0, 300) + "\u2026" : f.matched) + "</span>"]];
    if (f.suggestion !== null && f.suggestion !== undefined) rows.push(["suggestion", esc(f.suggestion)]);
    return '<div class="entry c-' + esc(f.category) + '" data-f="' + f.id + '"><h4><span class="code">' + esc(f.code) +
      "</span> " + esc(f.rule) + "</h4><dl>" + rows.map(function (r) { return "<dt>" + r[0] + "</dt><dd>" + r[1] + "</dd>"; }).join("") + "</dl></div>";
  }
  function showPanel(ids) {
    panelBody.innerHTML = ids.map(function (id) { return entry(byId[id]); }).join("");
    panel.hidden = false;
  }
  function activate(fid, opts) {
    opts = opts || {};
    deactivate(false);
    current = fid;
    var ps = pieces(fid);
    ps.forEach(function (m) {
      m.classList.add("active");
      if (opts.flash) { m.classList.remove("flash"); void m.offsetWidth; m.classList.add("flash"); }
    });
    document.querySelectorAll('.fi[data-f="' + fid + '"]').forEach(function (li) { li.classList.add("current"); });
    if (opts.scroll && ps.length) {
      var reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      ps[0].scrollIntoView({ behavior: reduce ? "auto" : "smooth", block: "center", inline: "nearest" });
    }
    showPanel(opts.ids || [fid]);
  }
  document.querySelectorAll(".fi").forEach(function (li) {
    function go() { activate(li.getAttribute("data-f"), { scroll: true, flash: true }); }
    li.addEventListener("click", go);
    li.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); go(); } });
  });
  document.addEventListener("click", function (e) {
    var m = e.target.closest && e.target.closest("mark.hl");
    if (!m) return;
    // Every visible finding under the click, innermost first.
    var ids = [];
    for (var n = m; n && !n.classList.contains("src"); n = n.parentElement) {
      if (n.matches("mark.hl") && shown(n.getAttribute("data-cat"))) {
        var id = n.getAttribute("data-f");
        if (ids.indexOf(id) < 0) ids.push(id);
      }
    }
    if (!ids.length) return;
    activate(ids[0], { ids: ids });
    var li = document.querySelector('.fi[data-f="' + ids[0] + '"]');
    if (li) li.scrollIntoView({ block: "nearest" });
  });
  panel.querySelector(".close").addEventListener("click", function () { deactivate(true); });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") deactivate(true); });

  barChart(document.getElementById("chart-category"));
  donut(document.getElementById("chart-severity"));
  body.classList.add("js");
})();
