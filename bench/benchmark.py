#!/usr/bin/env python3
"""How fast the real ``newslint`` command lints a folder of articles.

    python bench/benchmark.py                      # a synthetic corpus of 2,000 articles
    python bench/benchmark.py --files 500 --repeat 3
    python bench/benchmark.py --corpus path/to/articles --json

Each measurement runs ``newslint --format json --exit-zero --no-cache DIR`` (or the files) as a
separate process, the way a user or CI would, so interpreter start-up, rule loading and the worker
pool are all counted. ``--no-cache`` keeps the result cache out of it (every file is linted every
run); ``--cached`` measures a second run over the unchanged corpus instead. The compiled rule and
knowledge cache stays on, as it does for users, after one warm-up run. Reported: throughput over the whole corpus (MB/s of article bytes, files/s), the
peak resident memory of the run, and the wall time of a one-file and a five-file run, which is
mostly start-up. See bench/README.md.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
WIKIWEASEL = ROOT.parent / "shared" / "data" / "wikiweasel_train.jsonl"
ARTICLE_EXTENSIONS = {".txt", ".text", ".md", ".markdown", ".html", ".htm"}

# -- the corpus ---------------------------------------------------------------------------
def _seed_paragraphs() -> tuple[list[str], list[str]]:
    """(headlines, body paragraphs) of the seed articles: their first line, their other lines."""
    headlines, paragraphs = [], []
    for path in sorted(SEEDS.glob("*.txt")):
        lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
        if lines:
            headlines.append(lines[0])
            paragraphs.extend(lines[1:])
    return headlines, paragraphs


def _wikiweasel_sentences() -> list[str]:
    """The sentences of ../shared/data/wikiweasel_train.jsonl, detokenised; none if absent."""
    if not WIKIWEASEL.is_file():
        return []
    from weasel import detokenize  # bench/weasel.py, beside this file

    rows = [json.loads(line) for line in WIKIWEASEL.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [detokenize(r["text"]).strip() for r in rows if isinstance(r.get("text"), str) and r["text"].strip()]


def build_corpus(folder: Path, n_files: int, seed: int = 20240904) -> dict:
    """Write ``n_files`` synthetic articles: a seed headline, then 4 to 12 paragraphs, each either
    one of the seeds' paragraphs (one in ten) or three to six wikiweasel sentences drawn afresh for
    that paragraph, with a fixed seed. Paragraphs are new in every article, as in a real archive,
    so nothing that remembers a whole paragraph's answer gains from the corpus; the seeds'
    boilerplate lines come along, so the corpus has findings as real articles do."""
    rng = random.Random(seed)
    headlines, seed_paras = _seed_paragraphs()
    if not seed_paras:
        raise SystemExit(f"benchmark: no seed articles in {SEEDS}")
    sentences = _wikiweasel_sentences()
    folder.mkdir(parents=True, exist_ok=True)
    width = len(str(n_files))
    for i in range(n_files):
        body = []
        for _ in range(rng.randint(4, 12)):
            if sentences and rng.random() >= 0.1:
                body.append(" ".join(rng.sample(sentences, rng.randint(3, 6))))
            else:
                body.append(rng.choice(seed_paras))
        text = rng.choice(headlines) + "\n\n" + "\n\n".join(body) + "\n"
        (folder / f"article_{i:0{width}d}.txt").write_text(text, encoding="utf-8")
    return {"synthetic": True, "seed": seed, "seed_paragraphs": len(seed_paras), "wikiweasel_sentences": len(sentences),
            "wikiweasel": str(WIKIWEASEL) if sentences else None}


def corpus_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_EXTENSIONS
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))


# -- running newslint ---------------------------------------------------------------------
def prepare_corpus(args, scratch: Path, parser: argparse.ArgumentParser) -> tuple[Path, list[Path], dict]:
    """(folder, its article files, a description with their count and bytes): ``--corpus``, or a
    synthetic corpus of ``--files`` articles written under ``scratch``."""
    if args.corpus:
        folder = args.corpus
        if not folder.is_dir():
            parser.error(f"--corpus {folder}: not a folder")
        corpus = {"synthetic": False}
    else:
        folder = scratch / "corpus"
        corpus = build_corpus(folder, args.files, args.seed)
    files = corpus_files(folder)
    if len(files) < 5:
        parser.error(f"{folder}: fewer than 5 articles ({', '.join(sorted(ARTICLE_EXTENSIONS))})")
    corpus.update(path=str(folder), files=len(files), bytes=sum(f.stat().st_size for f in files))
    return folder, files, corpus


def newslint_command(given: str | None) -> list[str]:
    if given:
        return given.split()
    beside = Path(sys.executable).with_name("newslint")
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("newslint")
    if found:
        return [found]
    return [sys.executable, "-m", "newslint"]


# As installed by pip, a package has its bytecode compiled; a shell that sets
# PYTHONDONTWRITEBYTECODE would have an editable checkout compiled from source on every run,
# which no user pays. The warm-up run writes the bytecode, for both tools alike.
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


# wait4() reports as a child's peak RSS the largest of its own and that of the process it was
# started from (Linux keeps the high-water mark across exec), so a benchmark process grown by
# parsing large reports would inflate every figure. Each command is therefore started by this
# small Python process, which reports the command's wall time, peak RSS and CPU time (those of
# the command and of its workers, which it reaps) in a file; its own size (about 13 MiB) is the
# floor of the peak RSS.
_RUNNER = """import os, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(proc.pid, 0)
wall = time.perf_counter() - start
with open(sys.argv[1], "w") as fh:
    fh.write(f"{wall!r} {usage.ru_maxrss} {usage.ru_utime + usage.ru_stime!r}")
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run_once(cmd: list[str], out_path: Path) -> tuple[float, int, float]:
    """(wall seconds, peak RSS in KiB, CPU seconds) of one run, which must exit 0; standard output
    goes to ``out_path``.

    The peak RSS is that of the largest single process of the run (the command or one of its
    workers), the CPU time that of all of them together (user and system), measured as
    ``_RUNNER`` says; the wall time is the command's, without the runner's own start-up.
    """
    measured = out_path.with_name(out_path.name + ".run")
    with out_path.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-c", _RUNNER, str(measured), *cmd], stdout=out,
                                stderr=subprocess.PIPE, env=_ENV)
        _, err_bytes = proc.communicate()
    err = err_bytes.decode("utf-8", "replace")
    if proc.returncode != 0:
        raise SystemExit(f"benchmark: {' '.join(cmd[:4])} ... exited {proc.returncode}:\n{err[-2000:]}")
    wall, peak, cpu = measured.read_text(encoding="utf-8").split()
    measured.unlink()
    return float(wall), int(peak), float(cpu)


CACHED = False  # set from --cached in main()


def measure(base: list[str], targets: list[str], repeat: int, scratch: Path) -> dict:
    cmd = [*base, "--format", "json", "--exit-zero", *targets]
    out = scratch / "report.json"
    if CACHED:
        run_once(cmd, out)  # fill the result cache; the measured runs reuse it
    walls, rss, cpus = [], [], []
    for _ in range(repeat):
        wall, peak, cpu = run_once(cmd, out)
        walls.append(wall)
        rss.append(peak)
        cpus.append(cpu)
    report = json.loads(out.read_text(encoding="utf-8"))
    totals = report.get("totals", {})
    return {"runs": repeat, "wall_s": walls, "median_s": statistics.median(walls), "min_s": min(walls),
            "cpu_s": cpus, "median_cpu_s": statistics.median(cpus), "peak_rss_mib": max(rss) / 1024, "files_reported": totals.get("files"), "findings": totals.get("findings"),
            "errors": totals.get("errors")}


# -- main ---------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Benchmark the newslint command on a folder of articles.")
    p.add_argument("--corpus", type=Path, help="a folder of articles (default: a synthetic corpus in a temporary folder)")
    p.add_argument("--files", type=int, default=2000, help="articles in the synthetic corpus (default: 2000)")
    p.add_argument("--repeat", type=int, default=3, help="runs over the whole corpus; the median is reported (default: 3)")
    p.add_argument("--small-repeat", type=int, default=5, help="runs of the one-file and five-file cases (default: 5)")
    p.add_argument("--jobs", type=int, help="pass -j/--jobs to newslint (default: its own choice)")
    p.add_argument("--newslint", help="the command to run (default: newslint beside this Python, or on PATH)")
    p.add_argument("--seed", type=int, default=20240904, help="random seed of the synthetic corpus")
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    p.add_argument("--cached", action="store_true", help="measure runs that reuse the result cache (default: --no-cache)")
    p.add_argument("--scaling", metavar="MB,MB,...",
                   help="instead: one run over synthetic corpora of these sizes (e.g. 1,10,100), to show that "
                        "throughput and peak memory stay flat as the archive grows")
    args = p.parse_args(argv)
    if args.files < 5 or args.repeat < 1 or args.small_repeat < 1:
        p.error("--files must be at least 5, --repeat and --small-repeat at least 1")

    base = newslint_command(args.newslint)
    if args.jobs is not None:
        base = [*base, "--jobs", str(args.jobs)]
    global CACHED
    CACHED = args.cached
    if not args.cached:
        base = [*base, "--no-cache"]
    if args.scaling:
        try:
            sizes = [float(x) for x in args.scaling.split(",")]
        except ValueError:
            p.error("--scaling takes sizes in MB separated by commas, e.g. 1,10,100")
        result = scaling(base, sizes, args.seed)
        if args.json:
            print(json.dumps(result, indent=2))
        else:
            print_scaling(result)
        return 0
    with tempfile.TemporaryDirectory(prefix="newslint-bench-") as tmp:
        scratch = Path(tmp)
        folder, files, corpus = prepare_corpus(args, scratch, p)
        size = corpus["bytes"]

        # Warm the file cache and Python's bytecode cache so the first timed run is not an outlier.
        run_once([*base, "--format", "json", "--exit-zero", str(files[0])], scratch / "warm.json")
        one = measure(base, [str(files[0])], args.small_repeat, scratch)
        five = measure(base, [str(f) for f in files[:5]], args.small_repeat, scratch)
        full = measure(base, [str(folder)], args.repeat, scratch)

    if full["files_reported"] != len(files):
        print(f"benchmark: warning: newslint reported {full['files_reported']} files of {len(files)}", file=sys.stderr)
    t = full["median_s"]
    result = {
        "newslint": " ".join(base),
        "python": platform.python_version(),
        "cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "corpus": corpus,
        "throughput": {"mb_per_s": size / 1e6 / t, "files_per_s": len(files) / t},
        "corpus_run": full,
        "one_file": one,
        "five_files": five,
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_table(result)
    return 0


def scaling(base: list[str], sizes_mb: list[float], seed: int) -> dict:
    """One run over a synthetic corpus of each size: MB/s, peak RSS and RSS per MB."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="newslint-scaling-") as tmp:
        scratch = Path(tmp)
        sample = scratch / "sample"
        build_corpus(sample, 200, seed)
        per_file = sum(f.stat().st_size for f in corpus_files(sample)) / 200
        shutil.rmtree(sample)
        for mb in sizes_mb:
            folder = scratch / f"corpus-{mb:g}MB"
            build_corpus(folder, max(5, round(mb * 1e6 / per_file)), seed)
            files = corpus_files(folder)
            size = sum(f.stat().st_size for f in files)
            run_once([*base, "--format", "json", "--exit-zero", str(files[0])], scratch / "warm.json")
            wall, peak, _ = run_once([*base, "--format", "json", "--exit-zero", str(folder)], scratch / "report.json")
            rows.append({"mb": size / 1e6, "files": len(files), "wall_s": wall, "mb_per_s": size / 1e6 / wall,
                         "peak_rss_mib": peak / 1024})
            shutil.rmtree(folder)
    return {"newslint": " ".join(base), "python": platform.python_version(), "runs": rows}


def print_scaling(r: dict) -> None:
    print(f"newslint scaling: {r['newslint']}  (Python {r['python']})")
    print(f"{'corpus':>10}  {'files':>6}  {'wall':>8}  {'MB/s':>6}  {'peak RSS':>9}")
    for row in r["runs"]:
        print(f"{row['mb']:>7.1f} MB  {row['files']:>6}  {row['wall_s']:>6.1f} s  {row['mb_per_s']:>6.2f}  "
              f"{row['peak_rss_mib']:>5.0f} MiB")


def print_table(r: dict) -> None:
    c, full, one, five = r["corpus"], r["corpus_run"], r["one_file"], r["five_files"]
    source = "synthetic from seeds/" + (" + wikiweasel" if c.get("wikiweasel") else "") if c["synthetic"] else c["path"]
    print(f"newslint benchmark: {r['newslint']}  (Python {r['python']}, {r['cpus']} CPUs)")
    print(f"corpus: {c['files']} files, {c['bytes'] / 1e6:.2f} MB, {source}")
    print(f"corpus run: {full['findings']} findings, {full['errors']} errors")
    print()
    rows = [
        ("measurement", "median", "min", "runs", "peak RSS", "CPU (median)"),
        (f"whole corpus ({c['files']} files)", f"{full['median_s']:.2f} s", f"{full['min_s']:.2f} s", str(full["runs"]),
         f"{full['peak_rss_mib']:.0f} MiB", f"{full['median_cpu_s']:.2f} s"),
        ("one file", f"{one['median_s'] * 1000:.0f} ms", f"{one['min_s'] * 1000:.0f} ms", str(one["runs"]),
         f"{one['peak_rss_mib']:.0f} MiB", f"{one['median_cpu_s'] * 1000:.0f} ms"),
        ("five files", f"{five['median_s'] * 1000:.0f} ms", f"{five['min_s'] * 1000:.0f} ms", str(five["runs"]),
         f"{five['peak_rss_mib']:.0f} MiB", f"{five['median_cpu_s'] * 1000:.0f} ms"),
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for k, row in enumerate(rows):
        print("  ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)))
        if k == 0:
            print("  ".join("-" * w for w in widths))
    print()
    print(f"throughput: {r['throughput']['mb_per_s']:.3f} MB/s, {r['throughput']['files_per_s']:.1f} files/s "
          "(whole corpus, median run, start-up included)")


if __name__ == "__main__":
    sys.exit(main())
