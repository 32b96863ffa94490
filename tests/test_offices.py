"""Titles against dates: the office-holder knowledge base and the anachronism rules.

The tests that read ``../shared/data/office_holders.csv`` (Wikidata and government records of
office spells) skip when it is absent. They never copy it: they compare our own knowledge file
with it, and build dated sentences from its closed terms to measure the rules' precision.
"""
from __future__ import annotations

import csv
import datetime as dt
import subprocess
import sys
from collections import defaultdict

from newslint.config import Settings
from newslint.dates import parse_date
from newslint.engine import Engine
from newslint.knowledge.offices import FAR_FUTURE, load_offices, norm
from newslint.packs import load_packs
from newslint.readers import read_source

KB = load_offices()
PACKS = load_packs()


def lint(text: str, date: str | None = None, fmt: str = "text"):
    engine = Engine(PACKS, Settings(select=["anachronism"]), date_flag=date)
    name = {"text": "a.txt", "markdown": "a.md", "html": "a.html"}[fmt]
    return engine.lint_document(read_source(text, name, fmt))


def codes(text: str, date: str | None = None) -> list[tuple[str, str]]:
    return [(f.code, f.matched) for f in lint(text, date).findings]


# -- the rules on hand-made articles --------------------------------------------------------
def test_current_title_after_the_term_is_flagged_with_the_reason():
    (f,) = lint("Defense Minister Sergei Shoigu inspected the troops.", "2025-03-01").findings
    assert f.code == "T001" and f.matched == "Defense Minister Sergei Shoigu"
    assert "2024-05-12" in f.message and f.suggestion == "former Defense Minister Sergei Shoigu"


def test_former_while_in_office_is_flagged():
    (f,) = lint("Former Russian President Vladimir Putin sent greetings.", "2023-08-15").findings
    assert f.code == "T002" and "since 2012-05-07" in f.message
    assert f.suggestion == "Russian President Vladimir Putin"


def test_surname_with_title_is_recognised():
    assert codes("Defense Minister Shoigu visited the front.", "2025-06-01") == [("T001", "Defense Minister Shoigu")]


def test_spelling_variants_and_possessive_country():
    assert codes("Russia's Defence Minister Sergey Shoygu spoke.", "2025-06-01")[0][0] == "T001"
    assert codes("Russia's Defence Minister Sergey Shoygu spoke.", "2016-06-01") == []


def test_appositive_title_after_the_name():
    assert codes("Sergei Shoigu, Russia's defence minister, spoke.", "2025-06-01")[0][0] == "T001"


def test_title_elect():
    assert codes("President-elect Joe Biden spoke.", "2020-12-01") == []
    assert codes("President-elect Joe Biden spoke.", "2022-03-01")[0][0] == "T003"


def test_then_and_late_are_not_judged():
    assert codes("Then-Defense Minister Sergei Shoigu signed it in 2015.", "2025-06-01") == []


def test_undated_article_dates_itself_and_flags_the_contradiction():
    text = (
        "Defense Minister Sergey Shoygu attended the meeting.\n"
        "Last month, Russia's envoy to OSCE, Andrei Kelin appealed to Washington.\n"
    )
    result = lint(text)
    assert result.findings == []
    assert result.report.date.basis == "inferred"
    assert result.report.date.value <= "2015-08-26" and result.report.date.end >= "2012-11-06"
    bad = "Defense Minister Sergei Shoigu met Kim.\nIn related news, former President Vladimir Putin sent greetings.\n"
    assert codes(bad) == [("T002", "former President Vladimir Putin")]


def test_a_lone_mention_is_never_judged_by_todays_date():
    assert codes("Defense Minister Sergei Shoigu inspected the troops.") == []


def test_full_dates_in_the_text_bound_the_article():
    text = "On March 3, 2025, Defense Minister Sergei Shoigu inspected the troops.\n"
    assert codes(text) == [("T001", "Defense Minister Sergei Shoigu")]
    assert lint(text).report.date.value == "2025-03-03"


def test_markdown_front_matter_date_is_used():
    md = "---\ndate: 2025-03-01\n---\n\nDefense Minister Sergei Shoigu inspected the troops.\n"
    result = lint(md, fmt="markdown")
    assert [f.code for f in result.findings] == ["T001"]
    assert result.report.date.basis == "metadata"


def test_correctly_titled_undated_articles_get_no_finding():
    articles = [
        "President Joe Biden met Prime Minister Fumio Kishida in Washington. Secretary of State Antony Blinken joined them.",
        "German Chancellor Olaf Scholz and French President Emmanuel Macron met Ukrainian President Volodymyr Zelensky in Kyiv.",
        "UN Secretary-General Ban Ki-moon spoke with US President Barack Obama and Russian President Dmitry Medvedev.",
        "NATO Secretary General Jens Stoltenberg warned Russian Foreign Minister Sergei Lavrov. Chinese President Xi Jinping stayed silent.",
        "British Prime Minister Theresa May met US President Donald Trump; Foreign Secretary Boris Johnson was there too.",
        "President Donald Trump hosted Japanese Prime Minister Shigeru Ishiba; Defense Secretary Pete Hegseth attended.",
    ]
    for text in articles:
        assert codes(text) == [], text


# -- the knowledge file, against public reference data --------------------------------------
def _day(value: str, last: bool = False) -> dt.date | None:
    """A reference date, which may be a month or a year only: its first (or last) day."""
    w = parse_date(value) if value else None
    return None if w is None else (w.end if last else w.start)


def _reference_rows(shared_dir):
    path = shared_dir / "data" / "office_holders.csv"
    with open(path, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _match(row):
    """(holder, role, country code) when our file covers this row's person and office."""
    country = KB.country_words.get(norm(row["country"]))
    if country is None:
        return None
    roles = {r for r, c in KB.titles.get(norm(row["office"]), ()) if c in (None, country)}
    if not roles:
        return None
    holders = [h for h in KB.by_name.get(norm(row["person"]), []) if h.spells_for(roles, country)]
    if len(holders) != 1:
        return None
    return holders[0], roles, country


def test_knowledge_agrees_with_the_reference_where_they_overlap(shared_dir):
    rows = _reference_rows(shared_dir)
    overlap = agree = 0
    disagreements = []
    for row in rows:
        m = _match(row)
        if m is None or not row["start"]:
            continue
        holder, roles, country = m
        start, end = _day(row["start"]), _day(row["end"], last=True)
        if start is None:
            continue
        overlap += 1
        spells = holder.spells_for(roles, country)
        # The reference splits some terms by cabinet: a spell of ours may cover several rows.
        ok = any(
            s.start - dt.timedelta(days=5) <= start <= (s.end if not s.open else FAR_FUTURE)
            and (end is None or s.start <= end <= (s.end + dt.timedelta(days=5) if not s.open else FAR_FUTURE))
            for s in spells
        )
        agree += ok
        if not ok:
            disagreements.append(f"{row['person']} {row['office']} {row['start']}..{row['end']}: ours {[(str(s.start), str(s.end)) for s in spells]}")
    people_covered = len({r["person"] for r in rows if _match(r)})
    print(f"\nreference rows matched to our file: {overlap}; agreeing within 5 days: {agree} ({agree / overlap:.1%}); people: {people_covered}")
    for d in disagreements[:40]:
        print("  differs:", d)
    assert overlap >= 300
    assert agree / overlap >= 0.93


def _cases(rows):
    """Dated sentences from the reference's closed terms, with what the rules should say."""
    by_person_office = defaultdict(list)
    for row in rows:
        if row["start"]:
            by_person_office[(row["person"], row["office"], row["country"])].append(
                (_day(row["start"]), _day(row["end"], last=True) if row["end"] else FAR_FUTURE)
            )

    def holds(key, day):
        return any(s <= day <= e for s, e in by_person_office[key])

    for row in rows:
        if not row["end"] or not row["start"] or row.get("end_is_scheduled") == "1" or _match(row) is None:
            continue  # a scheduled end has not happened yet
        key = (row["person"], row["office"], row["country"])
        start, end = _day(row["start"]), _day(row["end"], last=True)
        if start is None or end is None or (end - start).days < 60:
            continue
        inside = start + (end - start) / 2
        after = end + dt.timedelta(days=90)
        title, person = row["office"], row["person"]
        yield f"{title} {person} spoke on Monday.", inside, False
        yield f"Former {title} {person} spoke on Monday.", inside, True
        if not holds(key, after):
            yield f"{title} {person} spoke on Monday.", after, True
            yield f"Former {title} {person} spoke on Monday.", after, False


def test_rules_on_sentences_built_from_reference_terms(shared_dir):
    rows = _reference_rows(shared_dir)
    engine = Engine(PACKS, Settings(select=["anachronism"]))
    tp = fp = fn = 0
    wrong = []
    for text, day, should_flag in _cases(rows):
        engine.date_flag = day.isoformat()
        flagged = bool(engine.lint_document(read_source(text, "a.txt", "text")).findings)
        if flagged and should_flag:
            tp += 1
        elif flagged:
            fp += 1
            wrong.append(f"{day} {text}")
        elif should_flag:
            fn += 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    print(f"\ncases {tp + fp + fn}: flagged {tp + fp}, precision {precision:.3f}, recall {tp / (tp + fn):.3f}")
    for w in wrong[:20]:
        print("  false flag:", w)
    assert tp >= 300
    assert precision >= 0.99


# -- kb import -----------------------------------------------------------------------------
def test_kb_import_converts_an_export_and_the_result_is_usable(tmp_path):
    src = tmp_path / "export.csv"
    src.write_text(
        "person,office,country,start,end,aliases\n"
        "Jane Example,Minister of Defence,Russia,2030-01-01,2031-06-30,J. Example|Jane Exampleova\n"
        "Jane Example,Minister of Whimsy,Russia,2032-01-01,,\n"
        "Joe Nowhere,President,Atlantis,2001-01-01,,\n",
        encoding="utf-8",
    )
    out = tmp_path / "imported.yaml"
    res = subprocess.run([sys.executable, "-m", "newslint", "kb", "import", str(src), "-o", str(out)], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert "imported 2" in res.stderr and "unknown country 1" in res.stderr and "new roles 1" in res.stderr
    article = tmp_path / "a.txt"
    article.write_text("Defence Minister Jane Example reviewed the parade.\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "newslint", "--isolated", "--select", "T", "--knowledge", str(out), "--date", "2033-01-01", str(article)],
        capture_output=True, text=True,
    )
    assert run.returncode == 1 and "T001" in run.stdout and "2031-06-30" in run.stdout
    json_src = tmp_path / "export.json"
    json_src.write_text('[{"person": "Jane Example", "office": "Defence Minister", "country": "Russia", "start": "2030-01-01", "end": ""}]')
    res = subprocess.run([sys.executable, "-m", "newslint", "kb", "import", str(json_src)], capture_output=True, text=True)
    assert res.returncode == 0 and "defence-minister" in res.stdout


def test_kb_import_bad_input_is_one_line(tmp_path):
    src = tmp_path / "bad.csv"
    src.write_text("name,job\nX,Y\n", encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "newslint", "kb", "import", str(src)], capture_output=True, text=True)
    assert res.returncode == 2 and "missing column" in res.stderr and "Traceback" not in res.stderr
