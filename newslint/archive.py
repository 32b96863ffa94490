"""Lint archives that outgrow one machine: millions of articles on a Dask cluster.

Articles come as JSON Lines or Parquet, one article a row:

======== ======================================================================================
column   meaning
======== ======================================================================================
id       the article's identifier (any type; copied to every finding of the article)
text     the article, as it would be in a file
path     optional: the name findings carry, its extension picks the reader, per-file ignores
         match it (default: the id)
format   optional: ``text``, ``markdown`` or ``html`` (default: from ``path``, else text)
date     optional: the article date when the text gives none (``2023-07-25``, ``2023-07``),
         like ``--date``; front matter and meta tags still win
======== ======================================================================================

Each partition is linted with :func:`newslint.api.lint_text_result`; the engine (rule packs
loaded and compiled) is built once per worker process and reused by every partition that worker
runs. Findings are written to Parquet, one row a finding: ``id`` and the fields of the JSON
output's findings (path, line, column, end_line, end_column, offset, end_offset, code, rule,
category, severity, message, matched, suggestion, fixable). Articles that cannot be linted (no
text, bytes that are not text, a bad date, a rule that gave up) go, one row an error (``id``,
``path``, ``message``), to ``errors_output`` when it is given; their number is always returned.

From Python, with a cluster of your own::

    from dask.distributed import Client
    from newslint.archive import lint_archive

    client = Client("tcp://scheduler:8786")          # or LocalCluster(...), or none: local threads
    summary = lint_archive("s3://news/articles-*.jsonl", "s3://news/findings/",
                           errors_output="s3://news/lint-errors/",
                           config={"ignore": ["readability"]}, date="2024-01")
    print(summary)                                   # ArchiveSummary(articles=..., findings=..., errors=...)

    import pandas as pd
    findings = pd.read_parquet("s3://news/findings/")
    findings.groupby("code").size()

From the shell (a local cluster of worker processes unless ``--scheduler`` names one)::

    python -m newslint.archive articles.jsonl findings.parquet --errors errors.parquet --workers 8

Dask, pandas and pyarrow are the ``archive`` extra: ``pip install 'newslint[archive]'``. A
``config`` given as a path must be readable at that path on every worker; a dict or a
:class:`newslint.config.Settings` travels with the tasks (rule packs and knowledge files it
names must be on the workers too).
"""
from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Sequence

from .errors import NewslintError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["FINDING_COLUMNS", "ERROR_COLUMNS", "ArchiveSummary", "read_articles", "lint_frame", "lint_archive", "main"]

# The finding fields of the JSON output, in its order, after the article's id.
FINDING_COLUMNS = ("id", "path", "line", "column", "end_line", "end_column", "offset", "end_offset", "code", "rule",
                   "category", "severity", "message", "matched", "suggestion", "fixable")
ERROR_COLUMNS = ("id", "path", "message")
_INTS = ("line", "column", "end_line", "end_column", "offset", "end_offset")
_STRINGS = ("path", "code", "rule", "category", "severity", "message", "matched", "suggestion")


def _require():
    try:
        import dask  # noqa: F401
        import pandas  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError as exc:
        raise NewslintError(f"newslint.archive needs {exc.name}: pip install 'newslint[archive]'") from None


@dataclass(frozen=True)
class ArchiveSummary:
    articles: int
    findings: int
    errors: int


# -- reading -------------------------------------------------------------------------------
def _is_parquet(source) -> bool:
    first = source[0] if isinstance(source, (list, tuple)) else source
    first = os.fspath(first).rstrip("/")
    return first.endswith((".parquet", ".pq", ".parq")) or (os.path.isdir(first) and not first.endswith((".jsonl", ".ndjson", ".json")))


_ARTICLE_COLUMNS = ("id", "text", "path", "format", "date")


def _json_block(block: bytes, path: str):
    """One block of a JSON Lines file as a DataFrame with every article column, present or not."""
    import json

    import pandas as pd

    rows = []
    for line in block.splitlines():
        line = line.strip()
        if not line:
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            raise NewslintError(f"{path}: a line is not JSON ({exc}): {line[:60]!r}") from None
        if not isinstance(obj, dict):
            raise NewslintError(f"{path}: a line is not a JSON object: {line[:60]!r}")
        rows.append([obj.get(c) for c in _ARTICLE_COLUMNS])
    df = pd.DataFrame(rows, columns=list(_ARTICLE_COLUMNS), dtype=object)
    df["id"] = pd.array([None if v is None else str(v) for v in df["id"]], dtype="string")
    return df


def read_articles(source, *, blocksize: str | int | None = "64MB"):
    """A Dask DataFrame of the articles in ``source``: JSON Lines (``.jsonl``, ``.ndjson``,
    ``.json``, or compressed, ``.jsonl.gz``: those are read whole, a file a partition) or
    Parquet (``.parquet`` files or a folder of them); a path, a glob or a list of paths, local
    or remote as Dask reads them. ``blocksize`` splits large JSON Lines files into partitions of
    about that size.

    JSON Lines give the columns id, text, path, format and date whichever of them a line has
    (ids become strings); Parquet gives its columns as stored (ids keep their type). Dates are
    not parsed.
    """
    _require()
    import dask.dataframe as dd
    import pandas as pd
    from dask import delayed
    from dask.bytes import read_bytes

    if _is_parquet(source):
        ddf = dd.read_parquet(source)
        where = source
    else:
        first = os.fspath(source[0] if isinstance(source, (list, tuple)) else source)
        compressed = first.endswith((".gz", ".bz2", ".xz", ".zst"))
        _, blocks, paths = read_bytes(source, delimiter=b"\n", blocksize=None if compressed else blocksize, sample=False,
                                      compression="infer", include_path=True)
        parts = [delayed(_json_block)(b, p) for bs, p in zip(blocks, paths) for b in bs]
        meta = pd.DataFrame({c: pd.Series(dtype="string" if c == "id" else object) for c in _ARTICLE_COLUMNS})
        ddf = dd.from_delayed(parts, meta=meta) if parts else dd.from_pandas(meta, npartitions=1)
        where = first
    missing = [c for c in ("id", "text") if c not in ddf.columns]
    if missing:
        raise NewslintError(f"{where}: articles need the columns id and text (missing: {', '.join(missing)})")
    return ddf


# -- linting -------------------------------------------------------------------------------
def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        import pandas as pd

        return bool(pd.isna(value)) if not isinstance(value, (str, bytes, list, tuple, dict)) else False
    except (TypeError, ValueError):
        return isinstance(value, float) and math.isnan(value)


def _date_text(value: Any) -> str | None:
    if _missing(value):
        return None
    if isinstance(value, dt.datetime) or hasattr(value, "to_pydatetime"):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def lint_frame(articles: "pd.DataFrame", *, config=None, date: str | None = None) -> "pd.DataFrame":
    """Lint a pandas DataFrame of articles (columns as in the module's documentation).

    One row a finding (the columns :data:`FINDING_COLUMNS`), then one row an article that could
    not be linted, with a null ``code`` and the reason in ``message``. Integer columns are
    nullable (``Int64``) because of those rows. This is the function Dask maps over partitions;
    it runs as well on a plain DataFrame::

        >>> import pandas as pd
        >>> lint_frame(pd.DataFrame({"id": [1], "text": ["Share this article\\n\\nThe council met."]}))  # doctest: +SKIP
    """
    import pandas as pd

    from .api import FORMATS, lint_text_result
    from .dates import parse_date

    cols = set(articles.columns)
    rows: dict[str, list] = {c: [] for c in FINDING_COLUMNS if c != "id"}
    where: list[int] = []  # the position of each row's article, for its id

    def error(i: int, path: str, message: str) -> None:
        where.append(i)
        for c in rows:
            rows[c].append(None)
        rows["path"][-1], rows["message"][-1] = path, message

    records = zip(
        articles["id"].tolist(),
        articles["text"].tolist(),
        articles["path"].tolist() if "path" in cols else [None] * len(articles),
        articles["format"].tolist() if "format" in cols else [None] * len(articles),
        articles["date"].tolist() if "date" in cols else [None] * len(articles),
    )
    for i, (ident, text, path, fmt, day) in enumerate(records):
        has_path = not _missing(path)
        name = str(path) if has_path else "-" if _missing(ident) else str(ident)
        if _missing(text) or not isinstance(text, (str, bytes)):
            error(i, name, "no text")
            continue
        fmt = None if _missing(fmt) else str(fmt).strip().lower()
        if fmt is not None and fmt not in FORMATS:
            error(i, name, f"unknown format {fmt!r}; one of: {', '.join(FORMATS)}")
            continue
        day = _date_text(day) or date
        if day is not None and parse_date(day) is None:
            error(i, name, f"date {day!r} is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)")
            continue
        # Config and rule errors are the whole job's, and raise; an article's own are rows.
        result = lint_text_result(text, path=name, fmt=fmt or (None if has_path else "text"), date=day, config=config)
        for f in result.findings:
            where.append(i)
            for c in rows:
                rows[c].append(getattr(f, c))
        for e in result.errors:
            error(i, name, e.message)
    out = pd.DataFrame({"id": articles["id"].iloc[where].reset_index(drop=True)})
    for c, values in rows.items():
        if c == "severity":
            values = [v.value if v is not None else None for v in values]
        dtype = "Int64" if c in _INTS else "boolean" if c == "fixable" else "string"
        out[c] = pd.array(values, dtype=dtype)
    return out


def lint_archive(
    source,
    output: str,
    *,
    errors_output: str | None = None,
    config=None,
    date: str | None = None,
    blocksize: str | int | None = "64MB",
    overwrite: bool = False,
    storage_options: dict | None = None,
) -> ArchiveSummary:
    """Lint every article in ``source`` (see :func:`read_articles`) on the current Dask scheduler
    (a ``dask.distributed.Client`` if one is active, else local threads) and write the findings
    to the Parquet dataset ``output``, one row a finding. ``config`` and ``date`` are those of
    :func:`newslint.api.lint_text`; the config is checked here first, so a bad key fails before
    any task runs. Each article is linted once even though findings, errors and counts are
    three outputs: they are computed together.
    """
    _require()
    import dask
    import pandas as pd

    from .api import get_engine

    get_engine(config, date)  # raises NewslintError for a bad config or date, here and now
    articles = read_articles(source, blocksize=blocksize)
    meta = lint_frame(articles._meta, config=config, date=date)
    linted = articles.map_partitions(lint_frame, config=config, date=date, meta=meta)
    ok = linted["code"].notnull()
    findings = linted[ok].astype({c: "int64" for c in _INTS} | {"fixable": "bool"})
    errors = linted[~ok][list(ERROR_COLUMNS)]
    kw = {"write_index": False, "compute": False, "overwrite": overwrite, "storage_options": storage_options}
    writes = [findings.to_parquet(output, **kw)]
    if errors_output is not None:
        writes.append(errors.to_parquet(errors_output, **kw))
    n_articles = articles.map_partitions(len, meta=pd.Series(dtype="int64")).sum()
    n_findings = ok.sum()
    n_errors = (~ok).sum()
    *_, a, f, e = dask.compute(*writes, n_articles, n_findings, n_errors)
    return ArchiveSummary(articles=int(a), findings=int(f), errors=int(e))


# -- command line ----------------------------------------------------------------------------
def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m newslint.archive", description="Lint an archive of articles (JSON Lines or Parquet) on Dask; findings to Parquet.")
    p.add_argument("source", nargs="+", help="JSON Lines or Parquet files, globs or folders")
    p.add_argument("output", help="the Parquet dataset (folder) to write findings to")
    p.add_argument("--errors", help="a Parquet dataset for the articles that could not be linted")
    p.add_argument("--config", help="a config file (newslint.toml or pyproject.toml); default: the built-in settings")
    p.add_argument("--date", help="the article date for articles that give none")
    p.add_argument("--scheduler", help="a Dask scheduler address (default: a local cluster)")
    p.add_argument("--workers", type=int, default=None, help="local worker processes (default: every core)")
    p.add_argument("--blocksize", default="64MB", help="JSON Lines partition size (default: 64MB)")
    p.add_argument("--overwrite", action="store_true", help="replace the output datasets if they exist")
    args = p.parse_args(argv)
    try:
        _require()
        from dask.distributed import Client, LocalCluster

        if args.scheduler:
            client, cluster = Client(args.scheduler), None
        else:
            cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, dashboard_address=None)
            client = Client(cluster)
        try:
            summary = lint_archive(args.source if len(args.source) > 1 else args.source[0], args.output,
                                   errors_output=args.errors, config=args.config, date=args.date,
                                   blocksize=args.blocksize, overwrite=args.overwrite)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    except NewslintError as exc:
        print(f"newslint: error: {exc}", file=sys.stderr)
        return 2
    print(f"newslint: {summary.articles} articles, {summary.findings} findings, {summary.errors} errors -> {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
