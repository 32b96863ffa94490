"""``sarif``: SARIF 2.1.0, the format code-scanning services read (GitHub code scanning, Azure
DevOps, most IDE SARIF viewers).

One run. ``tool.driver.rules`` describes every selected rule (and any rule a finding names that
is not among them), with its description and its flag/pass examples as help; each result points
at its rule by ``ruleId`` and ``ruleIndex``. Locations are relative to ``%SRCROOT%`` (the working
directory) when the file is under it, columns count Unicode code points as newslint's do, and a
finding with a suggestion carries it as a fix. Unreadable files are tool execution
notifications of the one invocation, which is then not successful.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

from ..models import Finding, Severity

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
LEVELS = {Severity.error: "error", Severity.warning: "warning", Severity.info: "note"}
_FALLBACK_URI = "https://pypi.org/project/newslint/"


def information_uri() -> str:
    """The project's home page from the installed metadata, when it names one."""
    try:
        from importlib.metadata import metadata

        md = metadata("newslint")
    except Exception:  # pragma: no cover - not installed as a distribution
        return _FALLBACK_URI
    urls = dict(u.split(", ", 1) for u in (md.get_all("Project-URL") or []) if ", " in u)
    for key in ("Homepage", "homepage", "Repository", "Source", "Documentation"):
        if urls.get(key):
            return urls[key]
    return md.get("Home-page") or _FALLBACK_URI


def artifact_location(path: str, cwd: str | None = None) -> dict[str, Any]:
    """A relative URI under ``%SRCROOT%`` for files under the working directory, else a file URI."""
    cwd = cwd or os.getcwd()
    absolute = os.path.abspath(path)
    try:
        rel = os.path.relpath(absolute, cwd)
    except ValueError:  # another drive
        rel = None
    if path == "-" or (rel is not None and not rel.startswith(os.pardir)):
        uri = path if path == "-" else Path(rel).as_posix()
        return {"uri": quote(uri, safe="/"), "uriBaseId": SRCROOT}
    return {"uri": Path(absolute).as_uri()}


def _human(name: str) -> str:
    return name.replace("-", " ").capitalize()


def _examples(rule) -> tuple[list[str], list[str]]:
    flags = [e.text.strip() for e in rule.examples.flags()]
    passes = [e.text.strip() for e in rule.examples.passes()]
    return flags, passes


def _help(rule) -> dict[str, str]:
    description = " ".join(rule.description.split())
    flags, passes = _examples(rule)
    text = [description, "", "Flags:"]
    text += [f"  - {' '.join(t.split())}" for t in flags]
    text += ["", "Passes:"]
    text += [f"  - {' '.join(t.split())}" for t in passes]
    md = [description, "", "**Flags**", ""]
    md += [f"- `{_md_code(t)}`" for t in flags]
    md += ["", "**Passes**", ""]
    md += [f"- `{_md_code(t)}`" for t in passes]
    if rule.link:
        text += ["", f"See: {rule.link}"]
        md += ["", f"See: <{rule.link}>"]
    return {"text": "\n".join(text), "markdown": "\n".join(md)}


def _md_code(text: str) -> str:
    return " ".join(text.split()).replace("`", "'")


def rule_descriptor(rule) -> dict[str, Any]:
    d: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": _human(rule.name)},
        "fullDescription": {"text": " ".join(rule.description.split())},
        "help": _help(rule),
        "defaultConfiguration": {"level": LEVELS[rule.severity], "enabled": bool(rule.enabled)},
        "properties": {
            "category": rule.category,
            "kind": rule.kind,
            "pack": rule.pack,
            "messageTemplate": rule.message,
            "tags": [rule.category],
        },
    }
    if rule.link:
        d["helpUri"] = rule.link
    return d


def _bare_descriptor(f: Finding) -> dict[str, Any]:
    """For a finding whose rule the run did not describe (a renderer called without rules)."""
    return {
        "id": f.code,
        "name": f.rule,
        "shortDescription": {"text": _human(f.rule)},
        "defaultConfiguration": {"level": LEVELS[f.severity]},
        "properties": {"category": f.category, "tags": [f.category]},
    }


def _region(f: Finding) -> dict[str, Any]:
    return {
        "startLine": f.line,
        "startColumn": f.column,
        "endLine": f.end_line,
        "endColumn": f.end_column,
        "charOffset": f.offset,
        "charLength": f.end_offset - f.offset,
    }


def result(f: Finding, rule_index: int, cwd: str | None = None) -> dict[str, Any]:
    where = artifact_location(f.path, cwd)
    region = _region(f)
    r: dict[str, Any] = {
        "ruleId": f.code,
        "ruleIndex": rule_index,
        "level": LEVELS[f.severity],
        "message": {"text": f.message},
        "locations": [{"physicalLocation": {"artifactLocation": where, "region": {**region, "snippet": {"text": f.matched}}}}],
        "properties": {"category": f.category, "rule": f.rule},
    }
    if f.suggestion is not None:
        what = f"Replace with '{f.suggestion}'" if f.suggestion else "Delete it"
        r["fixes"] = [{
            "description": {"text": what},
            "artifactChanges": [{
                "artifactLocation": where,
                "replacements": [{"deletedRegion": region, "insertedContent": {"text": f.suggestion}}],
            }],
        }]
    return r


def sarif_log(run, cwd: str | None = None) -> dict[str, Any]:
    from .. import __version__

    cwd = cwd or os.getcwd()
    findings = sorted(run.findings, key=Finding.sort_key)
    rules = sorted({r.code: r for r in getattr(run, "rules", None) or []}.values(), key=lambda r: r.code)
    descriptors = [rule_descriptor(r) for r in rules]
    index = {r.code: i for i, r in enumerate(rules)}
    for f in findings:
        if f.code not in index:
            index[f.code] = len(descriptors)
            descriptors.append(_bare_descriptor(f))
    errors = sorted(run.errors, key=lambda e: (e.path, e.message))
    notifications = [
        {
            "level": "error",
            "message": {"text": e.message},
            "locations": [{"physicalLocation": {"artifactLocation": artifact_location(e.path, cwd)}}],
        }
        for e in errors
    ]
    invocation: dict[str, Any] = {"executionSuccessful": not errors}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "newslint",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": information_uri(),
                "rules": descriptors,
            }},
            "invocations": [invocation],
            "originalUriBaseIds": {SRCROOT: {"uri": _dir_uri(cwd)}},
            "columnKind": "unicodeCodePoints",
            "results": [result(f, index[f.code], cwd) for f in findings],
        }],
    }


def _dir_uri(path: str) -> str:
    uri = Path(path).resolve().as_uri()
    return uri if uri.endswith("/") else uri + "/"


def render(run, out: IO[str], **_) -> None:
    json.dump(sarif_log(run), out, indent=2, ensure_ascii=False)
    out.write("\n")
