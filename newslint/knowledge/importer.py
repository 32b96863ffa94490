"""``newslint kb import``: turn a CSV or JSON export of office spells into an office file.

The input has the columns of a Wikidata-style export: ``person``, ``office``, ``country``,
``start``, ``end`` (empty when in office), and optionally ``aliases`` (separated by ``|``).
JSON is a list of objects with the same keys. Offices are matched to the knowledge base's roles
by their titles ("Minister of Defence" is ``defence-minister``) and countries by name or
adjective; an office the knowledge base does not know becomes a new role named after it, and a
row whose country is unknown is reported and left out. The result is YAML in the shape of
``rules/knowledge/offices/*.yaml``, ready to pass to ``--knowledge``.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import regex
import yaml

from ..errors import NewslintError
from .offices import Offices, load_offices, norm

REQUIRED = ("person", "office", "country", "start")


def _rows(path: Path) -> list[dict]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise NewslintError(f"{path}: cannot read: {exc}") from None
    if path.suffix.lower() == ".json" or text.lstrip().startswith(("[", "{")):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise NewslintError(f"{path}:{exc.lineno}: invalid JSON: {exc.msg}") from None
        if isinstance(data, dict):
            data = data.get("rows") or data.get("results", {}).get("bindings") or []
        if not isinstance(data, list):
            raise NewslintError(f"{path}: expected a list of objects")
        rows = [{k: (v.get("value") if isinstance(v, dict) else v) for k, v in r.items()} for r in data if isinstance(r, dict)]
    else:
        rows = list(csv.DictReader(io.StringIO(text)))
    if rows:
        missing = [c for c in REQUIRED if c not in rows[0]]
        if missing:
            raise NewslintError(f"{path}: missing column(s): {', '.join(missing)} (need {', '.join(REQUIRED)}, end)")
    return rows


def _date(value) -> dt.date | None:
    if value in (None, ""):
        return None
    m = regex.match(r"^\+?(\d{4})-(\d{2})-(\d{2})", str(value).strip())
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _slug(text: str) -> str:
    return regex.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "office"


def convert(path: Path, kb: Offices | None = None) -> tuple[dict, dict[str, int]]:
    """The office file (as data) and counts of what happened to the rows."""
    kb = kb or load_offices()
    counts = {"rows": 0, "imported": 0, "unknown country": 0, "bad date": 0, "new roles": 0}
    roles: dict[str, dict] = {}
    people: dict[str, dict] = {}
    for row in _rows(path):
        counts["rows"] += 1
        country = kb.country_words.get(norm(str(row.get("country", ""))))
        if country is None:
            counts["unknown country"] += 1
            continue
        start, end = _date(row.get("start")), _date(row.get("end"))
        if start is None or (row.get("end") not in (None, "") and end is None):
            counts["bad date"] += 1
            continue
        office = str(row["office"]).strip()
        known = {r for r, c in kb.titles.get(norm(office), ()) if c in (None, country)}
        if known:
            role = sorted(known)[0]
        else:
            role = _slug(office)
            if role not in roles:
                roles[role] = {"titles": [office]}
                counts["new roles"] += 1
        name = str(row["person"]).strip()
        person = people.setdefault(name, {"name": name, "aliases": set(), "terms": []})
        for alias in str(row.get("aliases") or "").split("|"):
            if alias.strip() and alias.strip() != name:
                person["aliases"].add(alias.strip())
        term = {"role": role, "country": country, "start": start.isoformat()}
        if end is not None:
            term["end"] = end.isoformat()
        if term not in person["terms"]:
            person["terms"].append(term)
        counts["imported"] += 1
    out: dict = {"as_of": dt.date.today().isoformat()}
    if roles:
        out["roles"] = roles
    out["people"] = [
        {"name": p["name"], **({"aliases": sorted(p["aliases"])} if p["aliases"] else {}), "terms": p["terms"], "source": f"imported from {path.name}"}
        for p in people.values()
    ]
    return out, counts


def dump(data: dict) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120)
