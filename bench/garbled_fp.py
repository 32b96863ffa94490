"""False positives of the garbled rules on clean, edited English: the label-0 sentences of the
CoNLL-2010 Wikipedia set (``../shared/data/wikiweasel_train.jsonl``), detokenised.

    python bench/garbled_fp.py [--data PATH] [--rules garbled] [--ignore G021] [--show 5] [--context 2] [--limit N]

A benchmark, not a test. Every finding on these sentences counts as a false positive, though
some are real slips of Wikipedia's editors or damage from the corpus's own extraction (footnotes
cut out leave "sentence.Next"; wiki italics '' become quote marks): read the examples printed
before tuning a rule. The figure to watch is findings per 50 sentences (the aim is below 1); the
worst rules come first, each with a few of the sentences it flagged.

The corpus is one sentence a line, in article order, so a quotation of three sentences is cut
into three lines, each with one quote mark. Each clean sentence is therefore linted as part of
a paragraph with ``--context`` neighbouring lines on each side (as in the article it came from),
and only findings inside the clean sentence count; ``--context 0`` lints it alone.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from weasel import detokenize, load_rows  # noqa: E402

from newslint.config import Settings  # noqa: E402
from newslint.engine import Engine  # noqa: E402
from newslint.packs import load_packs  # noqa: E402
from newslint.readers import read_source  # noqa: E402


_SINGLE = regex.compile(r"‘([^‘’'\n]*)'(?!\p{L})")


def _close_single_quotes(text: str) -> str:
    """The PTB text opens single quotes as ` (‘ after detokenize) but closes them with a straight
    ', which no quotation finder pairs; close them as ’ so quoted terms are seen as quoted."""
    return _SINGLE.sub(r"‘\1’", text)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "wikiweasel_train.jsonl"))
    ap.add_argument("--rules", default="garbled", help="selectors, comma-separated (default: the garbled category)")
    ap.add_argument("--ignore", default="", help="selectors to leave out, comma-separated")
    ap.add_argument("--show", type=int, default=5, help="examples printed for each rule")
    ap.add_argument("--limit", type=int, default=0, help="only the first N clean sentences")
    ap.add_argument("--context", type=int, default=2, help="neighbouring lines linted with each sentence, each side")
    args = ap.parse_args()
    rows = load_rows(args.data)
    if rows is None:
        return 2
    texts = [_close_single_quotes(detokenize(r["text"])) for r in rows]
    clean = [i for i, r in enumerate(rows) if r["label"] == 0]
    if args.limit:
        clean = clean[: args.limit]
    ignore = [x for x in args.ignore.split(",") if x]
    engine = Engine(load_packs(), Settings(select=args.rules.split(","), ignore=ignore))
    by_rule: dict[str, list[tuple[str, str, str | None]]] = defaultdict(list)
    names = {r.code: r.name for r in engine.rules}
    flagged = 0
    t0 = time.perf_counter()
    for i in clean:
        before = " ".join(texts[max(0, i - args.context) : i])
        after = " ".join(texts[i + 1 : i + 1 + args.context])
        start = len(before) + 1 if before else 0
        end = start + len(texts[i])
        para = " ".join(t for t in (before, texts[i], after) if t)
        found = [
            f for f in engine.lint_document(read_source(para, f"s{i}.txt", "text")).findings
            if start <= f.offset and f.end_offset <= end
        ]
        flagged += bool(found)
        for f in found:
            by_rule[f.code].append((texts[i], f.matched, f.suggestion))
    secs = time.perf_counter() - t0
    total = sum(len(v) for v in by_rule.values())
    n = len(clean)
    print(f"clean sentences {n}, rules {len(engine.rules)} ({args.rules}), context {args.context} lines each side, {secs:.1f}s")
    print(f"findings {total}: {50 * total / n:.2f} per 50 sentences; sentences flagged {flagged} ({100 * flagged / n:.1f}%)")
    for code, hits in sorted(by_rule.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        print(f"\n{code} {names.get(code, '')}: {len(hits)} ({50 * len(hits) / n:.2f} per 50)")
        for text, matched, suggestion in hits[: args.show]:
            arrow = f" -> {suggestion!r}" if suggestion is not None else ""
            print(f"  {matched!r}{arrow}: {text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
