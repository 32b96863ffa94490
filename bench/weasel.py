"""Sentence-level precision and recall of the vague-attribution and agentless rules on the
CoNLL-2010 Wikipedia weasel/hedge sentences (``../shared/data/wikiweasel_train.jsonl``).

    python bench/weasel.py [--data PATH] [--rules A001,A002,A003,A004] [--show-fp 20]

A benchmark, not a test: the label also covers hedges ("may", "possibly") and peacock words
("finest"), which these rules do not try to catch, so recall is partial by design; precision
is the figure that matters (a flagged sentence that the annotators did not mark is a false
positive). Each sentence is linted as its own one-line document.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newslint.config import Settings  # noqa: E402
from newslint.engine import Engine  # noqa: E402
from newslint.packs import load_packs  # noqa: E402
from newslint.readers import read_source  # noqa: E402

_PTB = [
    (r"-LRB-", "("), (r"-RRB-", ")"), (r"-LSB-", "["), (r"-RSB-", "]"), (r"-LCB-", "{"), (r"-RCB-", "}"),
    (r"``\s*", "“"), (r"\s*''", "”"), (r"`\s*", "‘"),
    (r"\(\s+", "("), (r"\s+\)", ")"), (r"\s+([,.;:!?%])", r"\1"), (r"\s+(n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1"),
    (r"\$\s+", "$"),
]


def detokenize(text: str) -> str:
    for pat, rep in _PTB:
        text = regex.sub(pat, rep, text)
    return text


def load_rows(data: str) -> list[dict] | None:
    """The labelled sentences, or None (with a message) when the data is not there."""
    path = Path(data)
    if not path.is_file():
        print(f"no data at {path}: this benchmark needs ../shared/data/wikiweasel_train.jsonl", file=sys.stderr)
        return None
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "wikiweasel_train.jsonl"))
    ap.add_argument("--rules", default="A001,A002,A003,A004")
    ap.add_argument("--show-fp", type=int, default=0, help="print this many false positives")
    ap.add_argument("--show-fn", type=int, default=0, help="print this many missed weasel sentences")
    args = ap.parse_args()
    rows = load_rows(args.data)
    if rows is None:
        return 2
    codes = args.rules.split(",")
    engine = Engine(load_packs(), Settings(select=codes))
    per_rule = {c: [0, 0] for c in codes}  # code -> [true positives, false positives]
    tp = fp = fn = 0
    fps, fns = [], []
    t0 = time.perf_counter()
    for i, row in enumerate(rows):
        text = detokenize(row["text"])
        found = engine.lint_document(read_source(text, f"s{i}.txt", "text")).findings
        flagged = bool(found)
        gold = row["label"] == 1
        for c in {f.code for f in found}:
            per_rule[c][0 if gold else 1] += 1
        if flagged and gold:
            tp += 1
        elif flagged:
            fp += 1
            fps.append((text, [f"{f.code}:{f.matched}" for f in found]))
        elif gold:
            fn += 1
            fns.append(text)
    secs = time.perf_counter() - t0
    positives = sum(r["label"] == 1 for r in rows)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / positives if positives else 0.0
    print(f"sentences {len(rows)}, labelled weasel/hedge/peacock {positives}, rules {','.join(codes)}")
    print(f"flagged {tp + fp}: true {tp}, false {fp}; precision {precision:.3f}, recall {recall:.3f} ({secs:.1f}s)")
    for c, (t, f) in per_rule.items():
        n = t + f
        print(f"  {c}: flagged {n}, precision {t / n if n else 1.0:.3f}")
    for text, what in fps[: args.show_fp]:
        print(f"FP {what}: {text}")
    for text in fns[: args.show_fn]:
        print(f"FN {text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
