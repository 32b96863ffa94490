#!/usr/bin/env python3
"""newslint and proselint 0.16.0 side by side on the same articles, in one run (issue 8).

    python bench/compare.py                          # a synthetic corpus of 2,000 articles
    python bench/compare.py --files 500 --repeat 1   # a quick look
    python bench/compare.py --corpus path/to/articles --json

proselint is not installed into newslint's virtualenv (its dependencies could conflict): unless
``--proselint CMD`` names a proselint command, the script makes (or reuses) a virtualenv of its own,
by default ``~/.cache/newslint/bench-proselint-venv``, with ``python -m venv`` and
``pip install proselint==0.16.0``.

For each tool: the whole corpus (median of ``--repeat`` runs) and the first five files (median of
``--small-repeat`` runs): wall time, MB/s of article bytes, files/s and peak RSS, then the ratios
newslint/proselint. The corpus builder and the timing (``run_once``, ``measure``) are those of
bench/benchmark.py. See bench/README.md.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchmark  # bench/benchmark.py, beside this file
from benchmark import measure, newslint_command, prepare_corpus, run_once

PROSELINT_VERSION = "0.16.0"


def default_venv() -> Path:
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "newslint" / "bench-proselint-venv"


def _version_of(cmd: list[str]) -> str | None:
    """'0.16.0' from ``proselint version`` ("Proselint 0.16.0"), or None if it does not run."""
    try:
        out = subprocess.run([*cmd, "version"], check=False, capture_output=True, text=True, timeout=120)
    except OSError:
        return None
    words = (out.stdout + out.stderr).split()
    return words[1] if out.returncode == 0 and len(words) >= 2 and words[0].lower() == "proselint" else None


def proselint_command(given: str | None, venv: Path) -> tuple[list[str], str]:
    """(the proselint command, its version): ``--proselint CMD``, else the bench virtualenv, made if need be."""
    if given:
        cmd = shlex.split(given)
        version = _version_of(cmd)
        if version is None:
            raise SystemExit(f"compare: `{given} version` did not run as proselint")
        if version != PROSELINT_VERSION:
            print(f"compare: warning: {given} is proselint {version}, not {PROSELINT_VERSION}", file=sys.stderr)
        return cmd, version
    exe = venv / "bin" / "proselint"
    if exe.is_file() and _version_of([str(exe)]) == PROSELINT_VERSION:
        return [str(exe)], PROSELINT_VERSION
    print(f"compare: installing proselint=={PROSELINT_VERSION} into {venv} ...", file=sys.stderr)
    if not (venv / "bin" / "python").is_file():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                          f"proselint=={PROSELINT_VERSION}"], check=False, capture_output=True, text=True)
    if pip.returncode != 0 or _version_of([str(exe)]) != PROSELINT_VERSION:
        raise SystemExit(f"compare: could not install proselint=={PROSELINT_VERSION} into {venv}:\n{pip.stderr[-2000:]}")
    return [str(exe)], PROSELINT_VERSION


# -- proselint runs -------------------------------------------------------------------------
def _accepting_findings(cmd: list[str]) -> list[str]:
    """``cmd`` under ``sh -c`` that exits 0 when proselint exits 0 (no findings) or 1 (findings), so
    benchmark.run_once stops only on its real errors (2 bad arguments, 3 interrupted, 4 crashed).
    The shell costs about a millisecond of wall time and a few hundred KiB it never peaks above."""
    return ["sh", "-c", '"$@"; rc=$?; [ "$rc" -le 1 ] || exit "$rc"', "sh", *cmd]


def _batches(files: list[str], fixed: list[str]) -> list[list[str]]:
    """Split ``files`` so no command line nears the kernel's limit (ARG_MAX less the environment)."""
    env = sum(len(k) + len(v) + 2 for k, v in os.environ.items())
    budget = (os.sysconf("SC_ARG_MAX") if hasattr(os, "sysconf") else 131072) // 2 - env - sum(len(a) + 9 for a in fixed)
    batches, current, used = [], [], 0
    for f in files:
        cost = len(f.encode()) + 9  # the string, its NUL and its argv pointer
        if current and used + cost > budget:
            batches.append(current)
            current, used = [], 0
        current.append(f)
        used += cost
    if current:
        batches.append(current)
    return batches


def measure_proselint(base: list[str], files: list[str], repeat: int, scratch: Path) -> dict:
    """Like benchmark.measure for ``proselint -o json check FILE...``; a long file list runs in
    batches whose wall times are summed (and whose peak RSS is the largest)."""
    cmd_head = [*base, "check", "--output-format", "json"]
    batches = _batches(files, _accepting_findings(cmd_head))
    out = scratch / "proselint.json"
    walls, rss, cpus = [], [], []
    linted, findings, errors = 0, 0, 0
    for _ in range(repeat):
        wall_sum, peak, cpu_sum = 0.0, 0, 0.0
        linted, findings, errors = 0, 0, 0
        for batch in batches:
            wall, batch_peak, cpu = run_once(_accepting_findings([*cmd_head, *batch]), out)
            wall_sum += wall
            cpu_sum += cpu
            peak = max(peak, batch_peak)
            result = json.loads(out.read_text(encoding="utf-8")).get("result", {})
            linted += len(result)
            findings += sum(len(v.get("diagnostics", [])) for v in result.values())
            errors += sum(1 for v in result.values() if "error" in v)
        walls.append(wall_sum)
        rss.append(peak)
        cpus.append(cpu_sum)
    return {"runs": repeat, "wall_s": walls, "median_s": statistics.median(walls), "min_s": min(walls),
            "cpu_s": cpus, "median_cpu_s": statistics.median(cpus), "peak_rss_mib": max(rss) / 1024,
            "batches": len(batches), "files_reported": linted, "findings": findings,
            "errors": errors}


def _in_turn(repeat: int, first, second) -> tuple[dict, dict]:
    """``repeat`` runs of each of two measurements (each a function making one run), taken in
    turn: on a machine whose speed drifts over minutes (a shared host), both tools meet the same
    drift, so their ratio holds even where their times do not."""
    runs: tuple[list[dict], list[dict]] = ([], [])
    for _ in range(repeat):
        runs[0].append(first())
        runs[1].append(second())
    return _merged(runs[0]), _merged(runs[1])


def _merged(parts: list[dict]) -> dict:
    """One measurement of several runs, from one measurement a run."""
    walls = [w for p in parts for w in p["wall_s"]]
    cpus = [c for p in parts for c in p["cpu_s"]]
    return {**parts[-1], "runs": len(walls), "wall_s": walls, "median_s": statistics.median(walls), "min_s": min(walls),
            "cpu_s": cpus, "median_cpu_s": statistics.median(cpus), "peak_rss_mib": max(p["peak_rss_mib"] for p in parts)}


# -- main -----------------------------------------------------------------------------------
def _rates(run: dict, n_files: int, size: int) -> dict:
    t = run["median_s"]
    return {"mb_per_s": size / 1e6 / t, "files_per_s": n_files / t}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Benchmark newslint against proselint 0.16.0 on the same articles.")
    p.add_argument("--corpus", type=Path, help="a folder of articles (default: a synthetic corpus in a temporary folder)")
    p.add_argument("--files", type=int, default=2000, help="articles in the synthetic corpus (default: 2000)")
    p.add_argument("--repeat", type=int, default=3, help="runs over the whole corpus; the median is reported (default: 3)")
    p.add_argument("--small-repeat", type=int, default=5, help="runs of the five-file case (default: 5)")
    p.add_argument("--jobs", type=int, help="pass --jobs to newslint (default: its own choice)")
    p.add_argument("--newslint", help="the newslint command (default: newslint beside this Python, or on PATH)")
    p.add_argument("--proselint", help="an existing proselint command (default: the one in --proselint-venv)")
    p.add_argument("--proselint-venv", type=Path, default=default_venv(),
                   help=f"virtualenv for proselint=={PROSELINT_VERSION}, made if missing (default: {default_venv()})")
    p.add_argument("--seed", type=int, default=20240904, help="random seed of the synthetic corpus")
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    args = p.parse_args(argv)
    if args.files < 5 or args.repeat < 1 or args.small_repeat < 1:
        p.error("--files must be at least 5, --repeat and --small-repeat at least 1")

    pl_base, pl_version = proselint_command(args.proselint, args.proselint_venv)
    nl_base = newslint_command(args.newslint)
    if args.jobs is not None:
        nl_base = [*nl_base, "--jobs", str(args.jobs)]
    benchmark.CACHED = False
    nl_base = [*nl_base, "--no-cache"]  # measure() adds --format json --exit-zero

    with tempfile.TemporaryDirectory(prefix="newslint-compare-") as tmp:
        scratch = Path(tmp)
        folder, paths, corpus = prepare_corpus(args, scratch, p)
        files = [str(f) for f in paths]
        size = corpus["bytes"]
        size5 = sum(f.stat().st_size for f in paths[:5])

        # Untimed warm-ups: the file cache, Python's bytecode caches, newslint's compiled-rule cache.
        run_once([*nl_base, "--format", "json", "--exit-zero", files[0]], scratch / "warm.json")
        run_once(_accepting_findings([*pl_base, "check", "--output-format", "json", files[0]]), scratch / "warm.json")

        nl_five, pl_five = _in_turn(args.small_repeat, lambda: measure(nl_base, files[:5], 1, scratch),
                                    lambda: measure_proselint(pl_base, files[:5], 1, scratch))
        nl_full, pl_full = _in_turn(args.repeat, lambda: measure(nl_base, [str(folder)], 1, scratch),
                                    lambda: measure_proselint(pl_base, files, 1, scratch))

    for name, run in (("newslint", nl_full), ("proselint", pl_full)):
        if run["files_reported"] != len(files):
            print(f"compare: warning: {name} reported {run['files_reported']} files of {len(files)}", file=sys.stderr)
    nl_rate, pl_rate = _rates(nl_full, len(files), size), _rates(pl_full, len(files), size)
    result = {
        "python": platform.python_version(),
        "cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "corpus": corpus,
        "newslint": {"command": " ".join(nl_base) + " --format json --exit-zero", "throughput": nl_rate,
                     "corpus_run": nl_full, "five_files": {**nl_five, **_rates(nl_five, 5, size5)}},
        "proselint": {"command": " ".join(pl_base) + " check --output-format json FILE...", "version": pl_version,
                      "throughput": pl_rate, "corpus_run": pl_full, "five_files": {**pl_five, **_rates(pl_five, 5, size5)}},
        "ratios_newslint_over_proselint": {
            "mb_per_s": nl_rate["mb_per_s"] / pl_rate["mb_per_s"],
            "files_per_s": nl_rate["files_per_s"] / pl_rate["files_per_s"],
            "five_files_median_wall": nl_five["median_s"] / pl_five["median_s"],
            "corpus_peak_rss": nl_full["peak_rss_mib"] / pl_full["peak_rss_mib"],
        },
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_table(result)
    return 0


def print_table(r: dict) -> None:
    c, nl, pl, ratio = r["corpus"], r["newslint"], r["proselint"], r["ratios_newslint_over_proselint"]
    source = "synthetic from seeds/" + (" + wikiweasel" if c.get("wikiweasel") else "") if c["synthetic"] else c["path"]
    print(f"newslint vs proselint {pl['version']}  (Python {r['python']}, {r['cpus']} CPUs)")
    print(f"corpus: {c['files']} files, {c['bytes'] / 1e6:.2f} MB, {source}")
    print(f"newslint:  {nl['command']}")
    print(f"proselint: {pl['command']}" + (f"  ({pl['corpus_run']['batches']} batches, times summed)"
                                            if pl["corpus_run"]["batches"] > 1 else ""))
    print()
    rows = [("measurement", "newslint", "proselint", "newslint/proselint")]
    for label, key in (("whole corpus", "corpus_run"), ("five files", "five_files")):
        n, q = nl[key], pl[key]
        rn, rq = (nl["throughput"], pl["throughput"]) if key == "corpus_run" else (n, q)
        runs = f"{n['runs']} run{'s' if n['runs'] > 1 else ''}"
        rows += [
            (f"{label}: median wall ({runs})", f"{n['median_s']:.3f} s", f"{q['median_s']:.3f} s",
             f"{n['median_s'] / q['median_s']:.3f}"),
            (f"{label}: MB/s", f"{rn['mb_per_s']:.3f}", f"{rq['mb_per_s']:.3f}", f"{rn['mb_per_s'] / rq['mb_per_s']:.2f}"),
            (f"{label}: files/s", f"{rn['files_per_s']:.1f}", f"{rq['files_per_s']:.1f}",
             f"{rn['files_per_s'] / rq['files_per_s']:.2f}"),
            (f"{label}: median CPU, all processes", f"{n['median_cpu_s']:.3f} s", f"{q['median_cpu_s']:.3f} s",
             f"{n['median_cpu_s'] / q['median_cpu_s']:.3f}"),
            (f"{label}: peak RSS (one process)", f"{n['peak_rss_mib']:.0f} MiB", f"{q['peak_rss_mib']:.0f} MiB",
             f"{n['peak_rss_mib'] / q['peak_rss_mib']:.2f}"),
            (f"{label}: findings", str(n["findings"]), str(q["findings"]), ""),
        ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for k, row in enumerate(rows):
        print("  ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)))
        if k == 0:
            print("  ".join("-" * w for w in widths))
    print()
    print(f"throughput ratio newslint/proselint (whole corpus): {ratio['mb_per_s']:.2f}x MB/s, "
          f"{ratio['files_per_s']:.2f}x files/s; five-file median wall ratio: {ratio['five_files_median_wall']:.3f}")
    print("Findings are not comparable: the two tools check different things.")


if __name__ == "__main__":
    sys.exit(main())
