"""The rule engine: which rules run, on which files, and how matches become findings.

Nothing here knows any rule kind: a kind's checker yields matches in text offsets, and the engine
maps them to source positions, drops what is masked, quoted, suppressed or ignored, applies
severity overrides and sorts the result.
"""
from __future__ import annotations

import fnmatch
import os
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Iterable

from .dates import resolve
from .document import Document
from .errors import NewslintError, ReadError
from .kinds.base import Context, Match, Rule
from .models import CATEGORIES, FileError, FileReport, Finding, Severity
from .config import Settings
from .packs import RulePacks
from . import suppress


UNUSED_SUPPRESSION = "unused-suppression"  # the kind the engine runs itself, after suppressions


# -- selection ---------------------------------------------------------------------------
def specificity(selector: str, rule: Rule) -> int | None:
    """How precisely ``selector`` names ``rule`` (higher is more precise), or None if it does not.

    ALL < category < code prefix (by length) < full code or rule name.
    """
    s = selector.strip()
    if s.upper() == "ALL":
        return 0
    if s.lower() == rule.category:
        return 1
    if s.upper() == rule.code or s.lower() == rule.name:
        return 10
    if rule.code.startswith(s.upper()) and s[:1].isalpha():
        return 1 + len(s)
    return None


def _best(selectors: Iterable[str], rule: Rule) -> int | None:
    found = [x for x in (specificity(s, rule) for s in selectors) if x is not None]
    return max(found) if found else None


def is_selected(rule: Rule, settings: Settings) -> bool:
    chosen = _best([*(settings.select or []), *settings.extend_select], rule)
    if settings.select is None and rule.enabled:
        chosen = max(chosen if chosen is not None else -1, -1)
    if chosen is not None and not rule.enabled and 0 < chosen < 3 and settings.select is not None:
        # Opt-in rules need naming by code, name or a prefix with digits (or ALL), not a category.
        chosen = None
    if chosen is None:
        return False
    ignored = _best(settings.ignore, rule)
    return ignored is None or chosen > ignored


def known_selector(selector: str, packs: RulePacks) -> bool:
    return any(specificity(selector, r) is not None for r in packs.rules)


def check_selectors(settings: Settings, packs: RulePacks, from_cli: dict[str, list[str]] | None = None,
                    origin: str = "command line") -> None:
    """Every selector in the settings must name a rule; the error says where the bad one came
    from: the command line (``from_cli``: the selectors each flag gave), the config file, or
    ``origin`` for settings that came from neither."""
    lists = [("select", settings.select or []), ("extend-select", settings.extend_select), ("ignore", settings.ignore),
             ("severity", list(settings.severity))]
    lists += [(f"per-file-ignores {k!r}", v) for k, v in settings.per_file_ignores.items()]
    for where, selectors in lists:
        for s in selectors:
            if not known_selector(s, packs):
                src = "command line" if s in (from_cli or {}).get(where, ()) else settings.source or origin
                raise NewslintError(f"{src}: {where}: {s!r} names no rule (see 'newslint rules')")


# -- results -----------------------------------------------------------------------------
@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    report: FileReport | None = None
    errors: list[FileError] = field(default_factory=list)
    cached: bool = False  # reused from the result cache (newslint/cache.py), not linted


def _posix(path: str) -> str:
    return PurePosixPath(Path(path).as_posix()).as_posix()


def glob_match(path: str, pattern: str) -> bool:
    """gitignore-like: a pattern without a slash matches the file name at any depth."""
    p = _posix(path).removeprefix("./")
    if "/" not in pattern.rstrip("/"):
        return fnmatch.fnmatch(PurePosixPath(p).name, pattern) or any(
            fnmatch.fnmatch(part, pattern.rstrip("/")) for part in PurePosixPath(p).parts[:-1]
        )
    pattern = pattern.removeprefix("./")
    return fnmatch.fnmatch(p, pattern) or fnmatch.fnmatch(p, pattern.replace("**/", "")) or PurePosixPath(p).match(pattern)


class Engine:
    def __init__(self, packs: RulePacks, settings: Settings, date_flag: str | None = None) -> None:
        self.packs = packs
        self.settings = settings
        self.date_flag = date_flag
        self.rules = [r for r in packs.rules if is_selected(r, settings)]
        self.knowledge = tuple(str(settings.root / k) for k in settings.knowledge)
        self.unused_rule = next((r for r in self.rules if r.kind == UNUSED_SUPPRESSION), None)
        pairs = [(r, r.compile()) for r in self.rules if r.kind != UNUSED_SUPPRESSION]
        self.checkers = sorted(pairs, key=lambda rc: (rc[1].order, rc[0].code))
        self._severity = {r.code: self._severity_for(r) for r in packs.rules}

    def _severity_for(self, rule: Rule) -> Severity:
        best, sev = None, rule.severity
        for sel, value in self.settings.severity.items():
            s = specificity(sel, rule)
            if s is not None and (best is None or s >= best):
                best, sev = s, value
        return sev

    def _file_ignores(self, path: str) -> list[str]:
        out: list[str] = []
        if not self.settings.per_file_ignores:
            return out
        rel = self._relative(path)
        for pattern, selectors in self.settings.per_file_ignores.items():
            if glob_match(rel, pattern):
                out.extend(selectors)
        return out

    def _relative(self, path: str) -> str:
        try:
            return os.path.relpath(os.path.abspath(path), self.settings.root)
        except ValueError:
            return path

    # -- one document --------------------------------------------------------------------
    # A newslint.watchdog.Watchdog: stop a runaway rule by a timer signal rather than by the
    # regex module's timeouts, which cost a system call a search (the CLI sets it).
    watchdog = None

    def lint_document(self, doc: Document) -> FileResult:
        window, article_date = resolve(doc.metadata, self.date_flag, self.settings.date)
        languages = _declared_languages(doc.metadata) or tuple(self.settings.languages)
        seconds = self.settings.regex_timeout
        watchdog = self.watchdog
        ctx = Context(date=window, languages=languages, timeout=None if watchdog else seconds, knowledge=self.knowledge)
        ctx.shared["article_date"] = article_date
        result = FileResult(doc.path)
        ignores = self._file_ignores(doc.path)
        found: dict[tuple, Finding] = {}
        if watchdog is not None:
            seconds *= max(1.0, len(doc.text) / 1_000_000)  # the limit grows with a long file
        with watchdog.watching(seconds) if watchdog is not None else nullcontext():
            for k, (rule, checker) in enumerate(self.checkers):
                if ignores and _best(ignores, rule) is not None:
                    continue
                try:
                    try:
                        if watchdog is not None:
                            watchdog.rule_starts()
                        for m in checker.check(doc, ctx):
                            f = self._finding(doc, rule, m)
                            if f is not None:
                                found.setdefault((f.code, f.offset, f.end_offset), f)
                    finally:
                        if watchdog is not None:
                            watchdog.rule_ends()  # from here on no tick stops anything
                except TimeoutError:
                    why = f"it used over {seconds:g}s of CPU time on this file" if watchdog else f"a regular expression ran over {seconds:g}s"
                    result.errors.append(FileError(path=doc.path, message=f"rule {rule.code} ({rule.name}) gave up: {why}"))
                    if watchdog is not None:
                        # stopped anywhere in its code, it may have been stopped halfway through
                        # remembering something: the next file gets a checker made afresh
                        self.checkers[k] = (rule, rule.compile())
                except RecursionError:
                    result.errors.append(FileError(path=doc.path, message=f"rule {rule.code} ({rule.name}) gave up: input nested too deeply"))
        findings = self._apply_suppressions(doc, list(found.values()), ignores)
        findings.sort(key=Finding.sort_key)
        result.findings = findings
        counts = {c: 0 for c in CATEGORIES}
        for f in findings:
            counts[f.category] += 1
        article_date = ctx.shared.get("article_date", article_date)
        result.report = FileReport(
            path=doc.path,
            format=doc.fmt,
            language=_document_language(doc),
            date=article_date,
            counts=counts,
            extra=ctx.shared.get("report_extra", {}),
        )
        return result

    def _finding(self, doc: Document, rule: Rule, m) -> Finding | None:
        start, end = m.start, m.end
        if end <= start or doc.is_masked(start, end):
            return None
        if rule.skip_quotes and doc.in_quotation(start, end):
            return None
        s0, s1 = doc.source_offset(start), doc.source_end(end)
        return self._make(doc, rule, s0, s1, doc.text[start:end], rule.render(m, doc.text[start:end]), m.suggestion)

    def _make(self, doc: Document, rule: Rule, s0: int, s1: int, matched: str, message: str, suggestion: str | None) -> Finding:
        line, col = doc.line_col(s0)
        end_line, end_col = doc.line_col(s1)
        return Finding(
            path=doc.path,
            line=line,
            column=col,
            end_line=end_line,
            end_column=end_col,
            offset=s0,
            end_offset=s1,
            code=rule.code,
            rule=rule.name,
            category=rule.category,
            severity=self._severity[rule.code],
            message=message,
            matched=matched,
            suggestion=suggestion,
            fixable=rule.fix == "safe" and (suggestion is not None or rule.kind == "boilerplate"),
        )

    def _apply_suppressions(self, doc: Document, findings: list[Finding], ignores: list[str]) -> list[Finding]:
        sup = suppress.parse(doc.source, lambda off: doc.line_col(off)[0])
        if not sup:
            return findings
        kept = []
        for f in findings:
            rule = self.packs.by_code[f.code]
            hit = False
            for d in sup.directives:
                if d.covers(f.line) and (not d.selectors or _best(d.selectors, rule) is not None):
                    d.used = hit = True
            if not hit:
                kept.append(f)
        rule = self.unused_rule
        if rule is not None and not (ignores and _best(ignores, rule) is not None):
            for d in sup.directives:
                if d.used:
                    continue
                comment = doc.source[d.start : d.end]
                m = Match(0, 0, fields={"selectors": " ".join(d.selectors) or "every rule", "action": d.action})
                kept.append(self._make(doc, rule, d.start, d.end, comment, rule.render(m, comment), None))
        return kept

    # -- files ---------------------------------------------------------------------------
    # A newslint.cache.ResultCache: reuse the results of unchanged files (the CLI sets it).
    cache = None

    def lint_path(self, path: str, *, use_cache: bool = True) -> FileResult:
        if use_cache and self.cache is not None:
            return self.cache.lint(self, path)
        from .readers import read_path

        try:
            doc = read_path(path, max_bytes=int(self.settings.max_file_size * 1024 * 1024))
        except ReadError as exc:
            return FileResult(path, errors=[FileError(path=path, message=exc.reason)])
        return self.lint_document(doc)


def _declared_languages(metadata: dict) -> tuple[str, ...]:
    value = metadata.get("language") or metadata.get("lang")
    if not value:
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(str(v) for v in value)
    return (str(value),)


def _document_language(doc: Document) -> str | None:
    from .language import detect

    sample = doc.text[:4000]
    lang, _ = detect(sample)
    return lang

