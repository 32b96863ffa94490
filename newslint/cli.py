"""The command line.

    newslint [check] PATH...      lint files and folders (``-`` reads standard input)
    newslint report PATH... -o F  write a self-contained HTML report
    newslint rules                list every rule
    newslint rule CODE            explain one rule
    newslint test-rules FILE...   run the examples in rule files
    newslint schema               print the JSON Schema of ``--format json``
    newslint kb import FILE       turn a CSV or JSON export of office spells into a knowledge file

Exit codes: 0 nothing at or above the fail level, 1 something was, 2 a usage, config, rule or
read error. A user's mistake prints one line on standard error, never a traceback.
"""
from __future__ import annotations

import argparse
import gc
import io
import json
import os
import sys
from pathlib import Path

from . import __version__
from .errors import NewslintError

# Allocations between two collections of the youngest generation while files are linted (the
# interpreter's default is 700).
LINT_GC_THRESHOLD = 100_000

COMMANDS = ("check", "rules", "rule", "test-rules", "schema", "kb", "report")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line and exit code 2, as for any usage error
        self.exit(2, f"newslint: error: {message} (see 'newslint --help')\n")


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="newslint", description="Lint news articles for boilerplate, attribution, anachronisms, garbled text and sources.")
    p.add_argument("--version", action="version", version=f"newslint {__version__}")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    c = sub.add_parser("check", help="lint files and folders (the default command)")
    c.add_argument("paths", nargs="*", default=[], help="files or folders; - for standard input")
    c.add_argument("--format", "--output-format", dest="format", default=None,
                   help="output format: " + ", ".join(("auto", *_formats())) + " (default: auto)")
    c.add_argument("-o", "--output", help="write the output to this file instead of standard output")
    c.add_argument("--select", type=_csv, help="rules to run: codes, prefixes, categories, names or ALL")
    c.add_argument("--extend-select", type=_csv, default=[], help="rules to add to the selection")
    c.add_argument("--ignore", type=_csv, default=[], help="rules not to run")
    c.add_argument("--fail-on", choices=["info", "warning", "error"], help="lowest severity that makes the exit code 1")
    c.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings are at or above the fail level")
    c.add_argument("--date", help="the article date for files that give none (YYYY-MM-DD, YYYY-MM or YYYY)")
    c.add_argument("--language", type=_csv, help="expected languages, e.g. en or en,fr")
    c.add_argument("--rules", action="append", default=[], metavar="PATH", help="an extra rule pack folder or file")
    c.add_argument("--knowledge", action="append", default=[], metavar="PATH", help="an extra knowledge file or folder (office holders, outlets)")
    c.add_argument("--config", help="use this config file instead of looking for one")
    c.add_argument("--isolated", action="store_true", help="ignore all config files")
    c.add_argument("--include", type=_csv, help="file globs to lint in folders")
    c.add_argument("--exclude", type=_csv, default=[], help="globs of files and folders to skip")
    c.add_argument("--fix", action="store_true", help="apply safe fixes in place (remove boilerplate, safe substitutions), then lint")
    c.add_argument("--diff", action="store_true", help="print the safe fixes as a unified diff and write nothing (exit 1 if any)")
    c.add_argument("--diff-base", metavar="REF", help="report only findings on lines changed since this git ref (untracked files count as new)")
    c.add_argument("--stdin-filename", help="the path to report for standard input (its extension picks the format)")
    c.add_argument("--color", choices=["auto", "always", "never"], default="auto")
    c.add_argument("-j", "--jobs", type=int, help="worker processes (default: all cores when there are many files, two from two files up)")
    c.add_argument("-q", "--quiet", action="store_true", help="no summary or progress")
    c.add_argument("--no-cache", action="store_true", help="lint every file again instead of reusing the results of unchanged ones")

    rp = sub.add_parser("report", help="write one self-contained HTML report: charts, sources, highlighted articles")
    rp.add_argument("paths", nargs="+", help="files or folders; - for standard input")
    rp.add_argument("-o", "--output", default="newslint-report.html", help="the HTML file to write (default: newslint-report.html)")
    for action in c._actions:  # the selection flags of check, shared so they cannot drift apart
        if action.dest in _REPORT_FLAGS:
            rp._add_action(action)
    rp.set_defaults(fail_on=None, diff_base=None)

    sub.add_parser("rules", help="list every rule").add_argument("--format", choices=["text", "json"], default="text")
    r = sub.add_parser("rule", help="explain one rule")
    r.add_argument("code", help="a rule code or name")
    r.add_argument("--format", choices=["text", "json"], default="text")
    for sp in (sub.choices["rules"], r):
        sp.add_argument("--rules", action="append", default=[], metavar="PATH", help="an extra rule pack folder or file")
    t = sub.add_parser("test-rules", help="run the examples inside rule files")
    t.add_argument("files", nargs="+", help="rule files or folders")
    sub.add_parser("schema", help="print the JSON Schema of --format json")
    kb = sub.add_parser("kb", help="knowledge-base tools").add_subparsers(dest="kb_command", parser_class=_Parser, required=True)
    imp = kb.add_parser("import", help="convert a CSV or JSON export of office spells into an office file")
    imp.add_argument("file", help="CSV or JSON with person, office, country, start, end (and optional aliases)")
    imp.add_argument("-o", "--output", help="write the YAML here (default: standard output)")
    return p


_REPORT_FLAGS = {"select", "extend_select", "ignore", "date", "language", "rules", "knowledge", "config", "isolated",
                 "include", "exclude", "stdin_filename", "jobs", "quiet", "no_cache"}


def _formats() -> list[str]:
    from .output import FORMATS

    return list(FORMATS)


def main(argv: list[str] | None = None) -> int:
    # newslint's models use no pydantic plugin, and looking for plugins scans every installed
    # distribution's entry points (a sixth of a pre-commit run); a value the user set is kept.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # Start-up (imports, rule packs, knowledge) allocates much and frees little, so the cyclic
    # garbage collector would only walk it again and again: it is off until the engine is built
    # (_lint), then what start-up built is frozen out of later collections.
    gc_was_on, thresholds = gc.isenabled(), gc.get_threshold()
    gc.disable()
    try:
        return _main(argv)
    finally:
        gc.set_threshold(*thresholds)
        if gc_was_on:
            gc.enable()


def entry() -> None:
    """The ``newslint`` command (and ``python -m newslint``): :func:`main`, then the process
    ends at once. Tearing the interpreter down would free every object one by one (rule packs,
    word data, memos): about a tenth of a pre-commit run on a few files, for memory the system
    takes back in one go. The exit handlers still run, and the output is flushed, first.

    Its processes are newslint's own, so cache entries are built in forked children
    (``compiled.BUILD_APART``), which keeps pydantic and the building out of them."""
    from . import compiled

    compiled.BUILD_APART = True
    code = main()
    import atexit

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # the reader went away (``| head``), or it is closed
            pass
    os._exit(code)


def _main(argv: list[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version")):
        argv.insert(0, "check")
    args = build_parser().parse_args(argv)
    try:
        return {
            "check": cmd_check,
            "rules": cmd_rules,
            "rule": cmd_rule,
            "test-rules": cmd_test_rules,
            "schema": cmd_schema,
            "kb": cmd_kb,
            "report": cmd_report,
        }[args.command](args)
    except NewslintError as exc:
        print(f"newslint: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (``newslint ... | head``); that is not our error.
        sys.stderr.close()
        return 0


# -- check -------------------------------------------------------------------------------
def _settings(args):
    from dataclasses import replace

    from .config import Settings, find_config, load_config

    if args.isolated:
        settings = Settings.defaults()
    elif args.config:
        if not Path(args.config).is_file():
            raise NewslintError(f"{args.config}: config file not found")
        settings = load_config(Path(args.config))
    else:
        start = next((Path(p) for p in args.paths if p != "-" and Path(p).exists()), Path.cwd())
        found = find_config(start)
        settings = load_config(found) if found else Settings.defaults()
    updates = {}
    if args.select is not None:
        updates["select"] = args.select
    if args.extend_select:
        updates["extend_select"] = settings.extend_select + args.extend_select
    if args.ignore:
        updates["ignore"] = settings.ignore + args.ignore
    if args.fail_on:
        from .models import Severity

        updates["fail_on"] = Severity(args.fail_on)
    if args.language:
        updates["languages"] = args.language
    if args.include:
        updates["include"] = args.include
    if args.knowledge:
        updates["knowledge"] = settings.knowledge + [str(Path(k).resolve()) for k in args.knowledge]
    if args.exclude:
        updates["exclude"] = settings.exclude + args.exclude
    if args.date:
        from .dates import parse_date

        if parse_date(args.date) is None:
            raise NewslintError(f"--date {args.date!r} is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)")
    return replace(settings, **updates) if updates else settings


def _prepare(args):
    """Settings and rule packs from the flags, with every selector checked: shared by check and report."""
    settings = _settings(args)
    from .engine import check_selectors
    from .packs import packs_for

    packs = packs_for(settings, args.rules)
    check_selectors(settings, packs, {"select": args.select or [], "extend-select": args.extend_select, "ignore": args.ignore})
    return settings, packs


def cmd_check(args) -> int:
    from .output import FORMATS

    settings, packs = _prepare(args)
    fmt = args.format or settings.output_format
    if fmt == "auto":
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    if fmt not in FORMATS:
        raise NewslintError(f"unknown format {fmt!r}; one of: {', '.join(FORMATS)}")
    if not args.paths:
        raise NewslintError("no paths given (try 'newslint seeds/' or 'newslint -' for standard input)")

    changes = None
    if args.diff_base:
        from .gitdiff import changed_lines

        changes = changed_lines(args.diff_base, next((Path(p) for p in args.paths if p != "-" and Path(p).exists()), None))
    fix_errors = 0
    if args.fix or args.diff:  # safe fixes first (newslint/fix.py); --diff only prints them
        from . import fix

        if args.diff:
            return fix.diff(args, settings, packs)
        fix_errors = fix.apply(args, settings, packs)
    try:
        out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    except OSError as exc:
        raise NewslintError(f"{args.output}: cannot write the output: {exc.strerror or exc}") from None
    try:
        if fmt == "json" and changes is None and "-" not in args.paths:
            # Written while linting, so a whole archive never sits in memory (output/json_.py).
            from . import __version__
            from .output.json_ import Stream

            stream, read_errors = _lint(args, settings, packs, into=lambda: Stream(out, __version__))
            stream.close()
            errors, worst = stream.errors, stream.worst
        else:
            run, read_errors = _lint(args, settings, packs)
            if changes is not None:
                changes.filter(run)
            color = args.color == "always" or (args.color == "auto" and out.isatty() and not os.environ.get("NO_COLOR"))
            if fmt == "text" and args.quiet and not color:
                fmt = "concise"
            FORMATS[fmt](run, out, color=color)
            errors, worst = run.errors, max((f.severity.rank for f in run.findings), default=-1)
    finally:
        if args.output:
            out.close()
    for e in sorted(errors, key=lambda e: (e.path, e.message)):
        print(f"newslint: {e.path}: {e.message}", file=sys.stderr)
    if read_errors + fix_errors:
        return 2
    if args.exit_zero:
        return 0
    return 1 if worst >= settings.fail_on.rank else 0


def _lint(args, settings, packs, stdin_sources: dict | None = None, into=None):
    """Lint ``args.paths`` (and standard input for ``-``): the run and the number of read errors.

    ``stdin_sources``, when given, receives standard input's text under its reported name.
    ``into``, when given, makes what takes each file's result instead of a new RunResult
    (anything with ``add(result)`` and ``errors``), once the engine is built; files are linted
    in path order.
    """
    from .discover import discover
    from .engine import Engine
    from .models import FileError
    from .output import RunResult
    from .readers import decode, read_source

    engine = Engine(packs, settings, date_flag=args.date)
    from .watchdog import Watchdog

    if Watchdog.available():  # runaway rules stopped by a timer, not by a clock read at every search
        engine.watchdog = Watchdog().install()
    if not getattr(args, "no_cache", False):  # results of unchanged files are reused (newslint/cache.py)
        from .cache import ResultCache

        engine.cache = ResultCache().attach(engine)
    reused = 0
    run = RunResult(rules=engine.rules) if into is None else into()
    read_errors = 0
    paths = [p for p in args.paths if p != "-"]
    files, missing = discover(paths, settings.include, settings.exclude)
    files.sort()
    for m in missing:
        run.errors.append(FileError(path=m, message="no such file or folder"))
        read_errors += 1
    if "-" in args.paths:
        name = args.stdin_filename or "-"
        try:
            source = decode(sys.stdin.buffer.read(), name)
            doc = read_source(source, name)
        except NewslintError as exc:
            run.errors.append(FileError(path=name, message=getattr(exc, "reason", str(exc))))
            read_errors += 1
        else:
            if stdin_sources is not None:
                stdin_sources[name] = source
            run.add(engine.lint_document(doc))

    progress = _progress(len(files), args.quiet)
    from .runner import run as run_files

    gc.freeze()  # see main(): start-up is over
    # Linting allocates and frees containers by the million, nearly all freed by reference
    # counting; what survives (memos, data a rule loads on first use) would only be scanned again
    # and again by collections every 700 allocations. Collections are made rare instead.
    gc.set_threshold(LINT_GC_THRESHOLD, *gc.get_threshold()[1:])
    gc.enable()

    try:
        for result in run_files(engine, files, jobs=args.jobs, progress=progress.advance if progress else None, split=True):
            if result.report is None:
                read_errors += 1
            reused += result.cached
            run.add(result)
    finally:
        if progress:
            progress.stop()
    if engine.cache is not None and os.environ.get("NEWSLINT_CACHE_STATS"):
        print(f"newslint: cache: {reused} reused, {len(files) - reused} linted ({engine.cache.dir})", file=sys.stderr)
    return run, read_errors


# -- report ------------------------------------------------------------------------------
def cmd_report(args) -> int:
    from . import report

    settings, packs = _prepare(args)
    stdin_sources: dict[str, str] = {}
    run, read_errors = _lint(args, settings, packs, stdin_sources)
    for e in sorted(run.errors, key=lambda e: (e.path, e.message)):
        print(f"newslint: {e.path}: {e.message}", file=sys.stderr)
    sources = report.read_sources([f.path for f in run.files if f.path not in stdin_sources])
    sources.update(stdin_sources)
    try:
        report.write(run, args.output, sources)
    except OSError as exc:
        raise NewslintError(f"{args.output}: cannot write the report: {exc.strerror or exc}") from None
    if not args.quiet:
        n, k = len(run.findings), len(run.files)
        print(f"newslint: wrote {args.output}: {n} finding{'s' * (n != 1)} in {k} article{'s' * (k != 1)}", file=sys.stderr)
    return 2 if read_errors else 0


class _Progress:
    def __init__(self, total: int) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        from rich.console import Console

        self.p = Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                          console=Console(file=sys.stderr), transient=True)
        self.task = self.p.add_task("linting", total=total)
        self.p.start()

    def advance(self, n: int) -> None:
        self.p.advance(self.task, n)

    def stop(self) -> None:
        self.p.stop()


def _progress(total: int, quiet: bool):
    if quiet or total < 50 or not sys.stderr.isatty():
        return None
    return _Progress(total)


# -- rules, rule -------------------------------------------------------------------------
def cmd_rules(args) -> int:
    from .packs import packs_for

    packs = packs_for(_settings_for_listing(), args.rules)
    rows = [{"code": r.code, "name": r.name, "category": r.category, "severity": r.severity.value, "kind": r.kind,
             "pack": r.pack, "enabled": r.enabled} for r in packs.rules]
    if args.format == "json":
        print(json.dumps(rows, indent=2))
        return 0
    for row in rows:
        flag = "" if row["enabled"] else "  (opt-in)"
        print(f"{row['code']}  {row['name']:<34} {row['category']:<12} {row['severity']:<8} {row['kind']:<18} {row['pack']}{flag}")
    return 0


def _settings_for_listing():
    from .config import Settings, find_config, load_config

    found = find_config(Path.cwd())
    return load_config(found) if found else Settings.defaults()


def cmd_rule(args) -> int:
    from .packs import packs_for

    packs = packs_for(_settings_for_listing(), args.rules)
    rule = packs.get(args.code)
    if rule is None:
        raise NewslintError(f"no rule {args.code!r} (see 'newslint rules')")
    if args.format == "json":
        print(json.dumps(rule.as_written, indent=2, ensure_ascii=False))
        return 0
    print(explain(rule))
    return 0


def explain(rule) -> str:
    out = io.StringIO()
    w = out.write
    w(f"{rule.code} {rule.name}\n\n")
    w(f"Category: {rule.category}    Severity: {rule.severity.value}    Kind: {rule.kind}    Pack: {rule.pack}")
    w("" if rule.enabled else "    (opt-in: select it by code)")
    w("\n\n")
    w("## What it flags and why\n\n" + rule.description.strip() + "\n\n")
    w("## Message\n\n    " + rule.message + "\n\n")
    w("## Flags\n\n")
    for ex in rule.examples.flags():
        w(_indent(ex.text))
        if ex.date:
            w(f"      (in an article dated {ex.date})\n")
        if ex.match:
            w(f"      ^ flags: {ex.match!r}\n")
        if ex.suggestion:
            w(f"      → write instead: {ex.suggestion!r}\n")
        w("\n")
    w("## Passes\n\n")
    for ex in rule.examples.passes():
        w(_indent(ex.text) + (f"      (in an article dated {ex.date})\n" if ex.date else "") + "\n")
    if rule.fix == "safe":
        w("## Fix\n\n    Safe to apply automatically.\n\n")
    if rule.link:
        w(f"See: {rule.link}\n")
    return out.getvalue().rstrip() + "\n"


def _indent(text: str) -> str:
    return "".join(f"    {line}\n" for line in text.splitlines() or [""])


# -- test-rules, schema ------------------------------------------------------------------
def cmd_test_rules(args) -> int:
    from .examples import check_rule
    from .packs import load_packs

    packs = load_packs(args.files, include_shipped=False)
    failures = 0
    for rule in packs.rules:
        problems = check_rule(rule)
        failures += len(problems)
        for p in problems:
            print(f"FAIL {p}")
        if not problems:
            n = len(rule.examples.flag) + len(rule.examples.pass_)
            print(f"ok   {rule.code} {rule.name} ({n} examples)")
    print(f"{len(packs.rules)} rules, {failures} failure{'s' * (failures != 1)}")
    return 1 if failures else 0


def cmd_schema(args) -> int:
    from pydantic import TypeAdapter

    from .models import Report

    schema = TypeAdapter(Report).json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    print(json.dumps(schema, indent=2))
    return 0


def cmd_kb(args) -> int:
    from .knowledge.importer import convert, dump

    data, counts = convert(Path(args.file))
    text = dump(data)
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise NewslintError(f"{args.output}: cannot write: {exc.strerror}") from None
    else:
        sys.stdout.write(text)
    summary = ", ".join(f"{k} {v}" for k, v in counts.items())
    print(f"newslint kb import: {summary}", file=sys.stderr)
    return 0
