"""``junit``: JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure DevOps...).

The convention of ESLint's junit formatter: one ``<testsuite>`` a linted file (named by its
path), one ``<testcase>`` a finding (named ``CODE rule-name``, with ``<failure message=...
type=CODE>`` whose text gives the location), and one passing ``<testcase>`` for a file with no
findings. A file that could not be read has a testcase with an ``<error>``. ``tests``,
``failures`` and ``errors`` are counted on every suite and on ``<testsuites>``.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import IO

from ..models import Finding

# Characters XML 1.0 cannot carry at all, even escaped (control characters a garbled article may
# hold); they are shown as \xNN instead.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _x(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _short(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _failure_text(f: Finding) -> str:
    lines = [f"{f.path}:{f.line}:{f.column}: {f.code} [{f.severity.value}] {f.message}",
             f"at line {f.line}, column {f.column} to line {f.end_line}, column {f.end_column}: {_short(f.matched)!r}"]
    if f.suggestion is not None:
        lines.append(f"suggestion: {f.suggestion!r}")
    return _x("\n".join(lines))


def build(run) -> ET.Element:
    findings: dict[str, list[Finding]] = {}
    for f in sorted(run.findings, key=Finding.sort_key):
        findings.setdefault(f.path, []).append(f)
    errors: dict[str, list] = {}
    for e in sorted(run.errors, key=lambda e: (e.path, e.message)):
        errors.setdefault(e.path, []).append(e)
    paths = sorted({r.path for r in run.files} | set(findings) | set(errors))

    root = ET.Element("testsuites", name="newslint")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for path in paths:
        suite = ET.SubElement(root, "testsuite", name=_x(path), package="newslint")
        counts = {"tests": 0, "failures": 0, "errors": 0}
        for f in findings.get(path, []):
            case = ET.SubElement(suite, "testcase", name=f"{f.code} {f.rule}", classname=_x(path), time="0")
            failure = ET.SubElement(case, "failure", message=_x(f.message), type=f.code)
            failure.text = _failure_text(f)
            counts["tests"] += 1
            counts["failures"] += 1
        for e in errors.get(path, []):
            case = ET.SubElement(suite, "testcase", name="newslint", classname=_x(path), time="0")
            error = ET.SubElement(case, "error", message=_x(e.message), type="read-error")
            error.text = _x(f"{e.path}: {e.message}")
            counts["tests"] += 1
            counts["errors"] += 1
        if not counts["tests"]:
            ET.SubElement(suite, "testcase", name="newslint", classname=_x(path), time="0")
            counts["tests"] = 1
        for k, v in counts.items():
            suite.set(k, str(v))
            totals[k] += v
        suite.set("skipped", "0")
        suite.set("time", "0")
    for k, v in totals.items():
        root.set(k, str(v))
    root.set("time", "0")
    return root


def render(run, out: IO[str], **_) -> None:
    root = build(run)
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
