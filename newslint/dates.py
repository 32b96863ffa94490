"""The article's date: what it is, and how newslint knows it.

A date may be exact (2023-07-25) or a window (2023-07, 2023, or a range inferred from the text).
The basis says where it came from: the file's metadata, the ``--date`` flag, the config's
default, the text itself, or an inference; ``unknown`` when nothing says.
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from . import regexcache
from .models import ArticleDate


@dataclass(frozen=True)
class DateWindow:
    start: dt.date
    end: dt.date

    def __str__(self) -> str:
        return self.start.isoformat() if self.start == self.end else f"{self.start.isoformat()} to {self.end.isoformat()}"


_ISO = regexcache.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T\s].*)?$")


def parse_date(value) -> DateWindow | None:
    """A date from metadata or a flag: YYYY-MM-DD (with an optional time), YYYY-MM or YYYY."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return DateWindow(value, value)
    m = _ISO.match(str(value))
    if not m:
        return None
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    try:
        if d:
            day = dt.date(y, int(mo), int(d))
            return DateWindow(day, day)
        if mo:
            last = calendar.monthrange(y, int(mo))[1]
            return DateWindow(dt.date(y, int(mo), 1), dt.date(y, int(mo), last))
        return DateWindow(dt.date(y, 1, 1), dt.date(y, 12, 31))
    except ValueError:
        return None


def resolve(metadata: dict, flag: str | None, config: str | None) -> tuple[DateWindow | None, ArticleDate]:
    """The date to judge the article by: the file's own metadata, then ``--date``, then the config."""
    for value, basis in ((metadata.get("date"), "metadata"), (flag, "flag"), (config, "config")):
        if value is None:
            continue
        window = parse_date(value)
        if window is not None:
            return window, ArticleDate(value=window.start.isoformat(), end=window.end.isoformat() if window.end != window.start else None, basis=basis)
    return None, ArticleDate(basis="unknown")


_MONTHS = {
    m: i
    for i, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
         ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")],
        start=1,
    )
    for m in names
}
_MONTH_RE = r"(?P<mon>(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?))\.?"
_FULL_DATES = regexcache.compile(
    rf"\b{_MONTH_RE}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b"
    rf"|\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH_RE},?\s+(?P<year>(?:19|20)\d\d)\b"
    r"|\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"
)


# Every full date holds a year, which starts after white space or a character that is no digit
# (so a scan for years, which never runs over a digit, finds it).
_YEAR = regexcache.compile(r"(?:19|20)\d\d")
# Matched backwards from a year: "September 4, " of "September 4, 2023", "4 Sept. " of "4 Sept.
# 2023". The word before the year is all of its run of non-space characters (at most
# "september.,"), and the date starts where the run of word characters before that starts.
_BEFORE_YEAR = regexcache.compile(r"(?r)\w+\.?\s+\S{1,11}\s+")


def _date_starts(text: str) -> list[int]:
    """Every offset where a match of ``_FULL_DATES`` can start (and some where none does): at a
    year ("2023-09-04"), or two words before it ("September 4, 2023")."""
    out = []
    for y in _YEAR.finditer(text):
        out.append(y.start())
        m = _BEFORE_YEAR.match(text, 0, y.start())
        if m is not None:
            out.append(m.start())
    return out


def _date_matches(text: str):
    """``_FULL_DATES.finditer(text)``, trying the pattern only where a match can start."""
    pos, match = 0, _FULL_DATES.match
    for start in sorted(set(_date_starts(text))):
        if start >= pos:  # finditer goes on from the end of the last match
            m = match(text, start)
            if m is not None:
                yield m
                pos = m.end()


def full_dates(text: str) -> list[tuple[int, dt.date]]:
    """Every full calendar date written in ``text`` ("September 4, 2023", "4 Sept 2023",
    "2023-09-04"), with its offset."""
    out = []
    for m in _date_matches(text):
        try:
            month = int(m.group("mnum")) if m.group("mnum") else _MONTHS[m.group("mon").lower().rstrip(".")]
            out.append((m.start(), dt.date(int(m.group("year")), month, int(m.group("day")))))
        except (ValueError, KeyError):
            continue
    return out
