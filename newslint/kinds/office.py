"""``office``: titles that are wrong for the article's own date, judged against the dated
office-holder knowledge base (:mod:`newslint.knowledge.offices`).

A mention is a person the knowledge base knows, with a title around the name: "Defense
Minister Sergei Shoigu", "former Russian President Vladimir Putin", "Russia's envoy to OSCE,
Andrei Kelin", "Kirby, the spokesman", "President-elect Trump", or a title and surname alone
("Defense Minister Shoigu") when only one holder fits. Each mention is true on some stretch of
time: a current title while its holder is in office, "former" after a term and outside any
later one, "-elect" in the months before a term.

With a date (metadata, ``--date``, the config), a mention is wrong when it is true on no day of
that date's window. Without one, newslint looks for the stretch of time on which the most
mentions are true (after the latest full date the text itself writes out, and not after today):
mentions that fit are the article's own evidence of its date, and only those that contradict
it are flagged. A lone mention is never judged by today's date.

``check`` picks what a rule reports: ``current`` (a plain title outside the term), ``former``
("former" while in office, or before ever holding it), ``elect`` ("-elect" or "incoming" when
already in office or long before). The analysis runs once per document and the rules share it.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable

import regex

from .. import regexcache
from ..dates import DateWindow, full_dates
from ..document import Document
from ..knowledge.offices import FAR_FUTURE, Holder, Offices, Spell, load_offices, norm
from ..models import ArticleDate
from .base import Context, Match, Rule, cached_regex

GRACE = dt.timedelta(days=7)  # reporting lag around a change of office
ELECT_LEAD = dt.timedelta(days=150)
MIN_DATE = dt.date(1900, 1, 1)
SHARED_KEY = "office_analysis"


@dataclass
class Mention:
    start: int  # text offsets of the whole titled mention
    end: int
    holder: Holder
    spells: list[Spell]  # the holder's terms in the office the title names
    title: str  # the title as written
    modifier: str  # "", "former", "elect", "skip"
    country: str | None
    intervals: list[tuple[dt.date, dt.date]]  # when the mention is true

    def true_within(self, a: dt.date, b: dt.date) -> bool:
        return any(s <= b and a <= e for s, e in self.intervals)

    def true_at(self, t: dt.date) -> bool:
        return any(s <= t <= e for s, e in self.intervals)


_MODIFIERS = {
    "former": "former", "ex": "former", "ex-": "former", "erstwhile": "former", "previous": "former", "past": "former",
    "then": "skip", "then-": "skip", "late": "skip", "outgoing": "skip", "onetime": "former", "one-time": "former",
    "incoming": "elect", "designate": "elect", "acting": "", "interim": "", "current": "", "sitting": "", "new": "",
}


_WORD = regexcache.compile(r"[\p{L}\p{N}][\p{L}\p{N}.’'\p{Pd}]*|,")
_LAST_WORD = regexcache.compile(r"(?r)[\p{L}\p{N}][\p{L}\p{N}.’'\p{Pd}]*|,")  # the last of _WORD's tokens
_ELECT_END = regexcache.compile(r"(?i)-elect$")
_EX_START = regexcache.compile(r"(?i)ex-")
_AFTER_LEAD = regexcache.compile(r",\s+(?:(?i:the|a|an)\s+)?")
_GAP = regexcache.compile(r"[\s\p{Pd}]+")
# Where a token of _Matcher.token starts with a capital: a letter not inside a word ("O’Neil").
_CAPITAL_TOKEN = regexcache.compile(r"(?<!\p{L}[’']*)(?:\p{Lu}\.(?=\s*\p{Lu})|\p{Lu}[\p{L}’']*)")
_FORMER_WORD = regexcache.compile(r"(?i)\b(?:former|ex-|ex|erstwhile|previous|past|one-?time)\s*")
_ELECT_WORD = regexcache.compile(r"(?i)-elect\b|\bincoming\s+|\s+designate\b")
_POSSESSIVE = regexcache.compile(r"(?i)(.*?['’]s\s+)")
# Set by the equivalence test to run the implementation this module had before it was optimised.
_LEGACY = False
_MAX_STARTS = 1 << 15  # capitalised words remembered (as name starts or not) before starting afresh
_MAX_TITLE_WORDS = 7
_MAX_COUNTRY_WORDS = 4


@dataclass
class _Title:
    start: int  # text offset where the titled phrase starts (before the name) or ends (after it)
    title: str
    country: str | None  # as written: "Russian", "Russia's"
    modifier: str
    elect: bool


class _Matcher:
    """Reads the words around a name against the knowledge base's titles, country words and
    modifiers: dictionary look-ups over a few words, no large regular expression to compile."""

    def __init__(self, kb: Offices) -> None:
        self.kb = kb
        self.token = cached_regex(r"\p{Lu}\.(?=\s*\p{Lu})|\p{L}[\p{L}’']*")  # initials keep their full stop
        # The first word of every name the knowledge base knows: a token that is none of these
        # cannot start a name, so _names skips it without building any longer key.
        self.first_words = {k.split(" ")[0] for k in kb.by_name} | {k.split(" ")[0] for k in kb.by_surname}
        # Every name's first words (all but its last): a run of tokens that is none of these
        # is no name, and neither is any longer run.
        self.name_prefixes = {k.rsplit(" ", n)[0] for k in kb.by_name for n in range(1, k.count(" ") + 1)}
        # The last and first normalised word of every title and country word: a run of words
        # that ends (starts) with any other is no key, however many words it has.
        self.ends = {id(t): {k.rsplit(" ", 1)[-1] for k in t} for t in (kb.titles, kb.country_words)}
        self.heads = {id(t): {k.split(" ", 1)[0] for k in t} for t in (kb.titles, kb.country_words)}
        self.starts: dict[str, str] = {}  # capitalised token -> its norm if it can start a name, else ""

    def _longest(self, words: list[str], table, backwards: bool, limit: int) -> int:
        """How many words at the end (or start) of ``words`` form the longest key of ``table``."""
        if _LEGACY:
            return self._longest_legacy(words, table, backwards, limit)
        # norm() of words joined by spaces is their own norms joined by spaces
        keys = [norm(w) for w in (words[-limit:] if backwards else words[:limit])]
        if not keys:
            return 0
        if backwards and keys[-1].rsplit(" ", 1)[-1] not in self.ends[id(table)]:
            return 0
        if not backwards and keys[0].split(" ", 1)[0] not in self.heads[id(table)]:
            return 0
        for k in range(len(keys), 0, -1):
            if " ".join(keys[-k:] if backwards else keys[:k]) in table:
                return k
        return 0

    def _longest_legacy(self, words: list[str], table, backwards: bool, limit: int) -> int:
        for k in range(min(limit, len(words)), 0, -1):
            chunk = words[-k:] if backwards else words[:k]
            if norm(" ".join(chunk)) in table:
                return k
        return 0

    def before(self, text: str, start: int) -> _Title | None:
        line_start = text.rfind("\n", 0, start) + 1
        window = text[max(line_start, start - 160) : start]
        if window and not window[-1].isspace() and window[-1] != ",":
            return None
        if not _LEGACY:  # most names follow no title: tell by the last word alone
            last = _LAST_WORD.search(window)
            if last is None:
                return None
            w = last.group()
            plain = w != "," and not _ELECT_END.search(w) and w.lower() != "designate"
            if plain and norm(w).rsplit(" ", 1)[-1] not in self.ends[id(self.kb.titles)]:
                return None
        toks = [(m.group(), m.start() + start - len(window)) for m in _WORD.finditer(window)]
        if toks and toks[-1][0] == ",":
            toks.pop()
        words = [w for w, _ in toks]
        elect = False
        if words and _ELECT_END.search(words[-1]):
            words[-1] = words[-1][: -len("-elect")]
            elect = True
        elif words and words[-1].lower() == "designate":
            words.pop()
            toks.pop()
            elect = True
        k = self._longest(words, self.kb.titles, True, _MAX_TITLE_WORDS)
        if not k:
            return None
        i = len(words) - k
        title = " ".join(words[i:])
        modifier, country = "", None
        if _EX_START.match(title):
            modifier, title = "former", title[3:]
        for _ in range(3):  # [modifier] [country] [modifier] before the title, in any order
            if i and not modifier and words[i - 1].lower() in _MODIFIERS:
                modifier = _MODIFIERS[words[i - 1].lower()]
                i -= 1
                continue
            c = self._longest(words[:i], self.kb.country_words, True, _MAX_COUNTRY_WORDS) if country is None else 0
            if c:
                country = " ".join(words[i - c : i])
                i -= c
                continue
            break
        return _Title(toks[i][1], title, country, modifier, elect)

    def after(self, text: str, end: int) -> _Title | None:
        m = _AFTER_LEAD.match(text[end : end + 4])
        if not m:
            return None
        pos = end + m.end()
        line_end = text.find("\n", pos)
        window = text[pos : min(pos + 160, line_end if line_end >= 0 else len(text))]
        toks = [(t.group(), t.end() + pos) for t in _WORD.finditer(window)]
        toks = toks[: next((n for n, (w, _) in enumerate(toks) if w == ","), len(toks))]
        words = [w for w, _ in toks]
        i, modifier, country = 0, "", None
        for _ in range(3):
            if i < len(words) and not modifier and words[i].lower() in _MODIFIERS:
                modifier = _MODIFIERS[words[i].lower()]
                i += 1
                continue
            c = self._longest(words[i:], self.kb.country_words, False, _MAX_COUNTRY_WORDS) if country is None else 0
            if c:
                country = " ".join(words[i : i + c])
                i += c
                continue
            break
        rest = words[i:]
        elect = False
        k = self._longest(rest, self.kb.titles, False, _MAX_TITLE_WORDS)
        if not k and rest:
            head = rest[: _MAX_TITLE_WORDS]
            for n in range(len(head), 0, -1):
                if _ELECT_END.search(head[n - 1]) and norm(" ".join(head[: n - 1] + [head[n - 1][:-6]])) in self.kb.titles:
                    k, elect = n, True
                    rest = head[: n - 1] + [head[n - 1][:-6]] + rest[n:]
                    break
        if not k:
            return None
        title = " ".join(rest[:k])
        last = i + k
        if country is None and last + 1 < len(words) and words[last].lower() == "of":
            c = self._longest(words[last + 1 :], self.kb.country_words, False, _MAX_COUNTRY_WORDS)
            if c:
                country = " ".join(words[last + 1 : last + 1 + c])
                last += 1 + c
        return _Title(toks[last - 1][1], title, country, modifier, elect)


_MATCHERS: dict[int, _Matcher] = {}


def _matcher(kb: Offices) -> _Matcher:
    m = _MATCHERS.get(id(kb))
    if m is None:
        m = _MATCHERS[id(kb)] = _Matcher(kb)
    return m


def _names(doc: Document, kb: Offices, m: _Matcher) -> Iterable[tuple[int, int, list[Holder], bool]]:
    """(start, end, candidate holders, surname only) for each person name in the text."""
    if _LEGACY:
        yield from _names_legacy(doc, kb, m)
        return
    text = doc.text
    if len(m.starts) >= _MAX_STARTS:
        m.starts.clear()  # a memo of every capitalised word an archive holds would keep growing
    starts, prefixes = m.starts, m.name_prefixes
    by_name, by_surname = kb.by_name, kb.by_surname
    token_at, gap_at = m.token.match, _GAP.match
    done = 0  # the end of the last name found: the tokens before it are used up
    for tok in _CAPITAL_TOKEN.finditer(text):
        word = tok.group()
        key1 = starts.get(word)
        if key1 is None:
            # (a few letters of \p{Lu} are not str.isupper(), which the tokens were judged by)
            key1 = starts[word] = norm(word) if word[0].isupper() and norm(word) in m.first_words else ""
        if not key1 or tok.start() < done:
            continue
        a = tok.start()
        # The longest run of tokens from this one, joined only by spaces and dashes (at most 5),
        # that is a known name; norm() of such a run is its tokens' norms joined by spaces.
        found, key, end = None, key1, tok.end()
        for _ in range(4):
            if key not in prefixes:
                break
            gap = gap_at(text, end)
            nxt = token_at(text, gap.end()) if gap is not None else None
            if nxt is None:
                break
            key, end = key + " " + norm(nxt.group()), nxt.end()
            if key in by_name:
                found = (a, end, by_name[key], False)
        if found is None and key1 in by_surname:
            found = (a, tok.end(), by_surname[key1], True)
        if found:
            yield found
            done = found[1]


def _names_legacy(doc: Document, kb: Offices, m: _Matcher) -> Iterable[tuple[int, int, list[Holder], bool]]:
    """(start, end, candidate holders, surname only) for each person name in the text."""
    text = doc.text
    toks = [(t.start(), t.end()) for t in m.token.finditer(text)]
    i = 0
    while i < len(toks):
        if not text[toks[i][0]].isupper():
            i += 1
            continue
        found = None
        for n in range(min(5, len(toks) - i), 0, -1):
            a, b = toks[i][0], toks[i + n - 1][1]
            if n > 1 and not all(regex.fullmatch(r"[\s\p{Pd}]+", text[toks[k][1] : toks[k + 1][0]]) for k in range(i, i + n - 1)):
                continue
            key = norm(text[a:b])
            if n > 1 and key in kb.by_name:
                found = (a, b, kb.by_name[key], False, n)
                break
            if n == 1 and key in kb.by_surname:
                found = (a, b, kb.by_surname[key], True, 1)
        if found:
            yield found[:4]
            i += found[4]
        else:
            i += 1


def _names_office(spell: Spell, offices: set[tuple[str, str | None]], country: str | None) -> bool:
    if country is not None and spell.country != country:
        return False
    return (spell.role, spell.country) in offices or (spell.role, None) in offices


def _intervals(spells: list[Spell], modifier: str) -> list[tuple[dt.date, dt.date]]:
    if modifier == "":
        return [(s.start, min(s.end + GRACE, FAR_FUTURE) if not s.open else FAR_FUTURE) for s in spells]
    if modifier == "elect":
        return [(s.start - ELECT_LEAD, s.start + GRACE) for s in spells]
    if modifier == "former":
        out = []
        ordered = sorted(spells, key=lambda s: s.start)
        for k, s in enumerate(ordered):
            if s.open:
                continue
            nxt = next((o.start for o in ordered[k + 1 :] if o.start >= s.end), FAR_FUTURE)
            if nxt > s.end:
                out.append((s.end - GRACE, min(nxt, FAR_FUTURE - GRACE) + GRACE))
        return out
    return []


def _mentions(doc: Document, kb: Offices) -> list[Mention]:
    m = _matcher(kb)
    text = doc.text
    out: list[Mention] = []
    for start, end, holders, surname_only in _names(doc, kb, m):
        hit = m.before(text, start)
        after = hit is None
        if after:
            if surname_only:  # "Shoigu, the minister" is too weak to identify a person
                continue
            hit = m.after(text, end)
            if hit is None:
                continue
        if hit.modifier == "skip":
            continue
        modifier = "elect" if hit.elect else hit.modifier
        country = kb.country_words.get(norm(hit.country)) if hit.country else None
        # The offices the title can name: (role, country) pairs; a generic title has country None.
        offices = {(role, c) for role, c in kb.titles.get(norm(hit.title), ()) if c is None or country is None or c == country}
        fitting = [(h, [sp for sp in h.spells if _names_office(sp, offices, country)]) for h in holders]
        fitting = [(h, sp) for h, sp in fitting if sp]
        if len(fitting) != 1:  # unknown to the knowledge base, or ambiguous ("President Kim")
            continue
        holder, spells = fitting[0]
        span = (start, hit.start) if after else (hit.start, end)
        out.append(Mention(span[0], span[1], holder, spells, hit.title, modifier, country, _intervals(spells, modifier)))
    return out


@dataclass
class Analysis:
    mentions: list[Mention]
    window: tuple[dt.date, dt.date] | None  # the dates the article is judged by
    wrong: list[Mention]
    basis: str  # how the window was found
    date: ArticleDate


def analyse(doc: Document, ctx: Context) -> Analysis:
    cached = ctx.shared.get(SHARED_KEY)
    if cached is not None:
        return cached
    kb = load_offices(tuple(ctx.knowledge))
    mentions = _mentions(doc, kb)
    given: DateWindow | None = ctx.date
    today = ctx.today
    if given is not None:
        window = (given.start, given.end)
        wrong = [mm for mm in mentions if not mm.true_within(*window)]
        basis = ctx.shared.get("article_date").basis if ctx.shared.get("article_date") else "flag"
        result = Analysis(mentions, window, wrong, basis, ctx.shared.get("article_date") or ArticleDate(basis="unknown"))
    else:
        written = [d for _, d in full_dates(doc.text) if d <= today]
        lower = max(written) if written else MIN_DATE
        result = _infer(mentions, lower, today, bool(written))
        ctx.shared["article_date"] = result.date
    ctx.shared[SHARED_KEY] = result
    return result


def _infer(mentions: list[Mention], lower: dt.date, upper: dt.date, from_text: bool) -> Analysis:
    """The stretch of time on which most mentions are true (the latest, on a tie)."""
    judged = [mm for mm in mentions if mm.intervals]
    if not judged:
        date = ArticleDate(value=lower.isoformat(), basis="text", detail="on or after the latest date the text writes out") if from_text else ArticleDate(basis="unknown")
        return Analysis(mentions, None, [], date.basis, date)
    cuts = sorted({lower, upper, *(p for mm in judged for iv in mm.intervals for p in iv if lower <= p <= upper)})
    # Every moment is like a cut point or like the middle of the stretch between two.
    moments = cuts + [a + (b - a) / 2 for a, b in zip(cuts, cuts[1:]) if (b - a).days > 1]
    best_n, t = max((sum(mm.true_at(m) for mm in judged), m) for m in moments)  # latest wins a tie
    fit = [mm for mm in judged if mm.true_at(t)]
    wrong = [mm for mm in judged if mm not in fit]
    # The window: where every fitting mention is true at once, around t, inside the bounds.
    lo, hi = lower, upper
    for mm in fit:
        s, e = next(iv for iv in mm.intervals if iv[0] <= t <= iv[1])
        lo, hi = max(lo, s), min(hi, e)
    detail = f"true for {len(fit)} of {len(judged)} titled mentions"
    date = ArticleDate(value=lo.isoformat() if lo > MIN_DATE else None, end=hi.isoformat(), basis="inferred", detail=detail)
    return Analysis(mentions, (lo, hi), wrong, "inferred", date)


def _month(d: dt.date) -> str:
    return d.strftime("%Y-%m")


def _describe_window(an: Analysis) -> str:
    if an.window is None:
        return "this article"
    lo, hi = an.window
    if an.basis == "inferred":
        lo_s = _month(lo) if lo > MIN_DATE else "?"
        return f"this article (dated {lo_s} to {_month(hi)} by its other titles)"
    if lo == hi:
        return f"this article (dated {lo.isoformat()})"
    return f"this article (dated {lo.isoformat()} to {hi.isoformat()})"


def _office_name(kb: Offices, mm: Mention) -> str:
    country = kb.country_name(mm.spells[0].country)
    return f"{mm.title} of {country}" if country not in ("UN", "NATO", "EU") else f"{mm.title} ({country})"


def _terms(mm: Mention) -> str:
    parts = []
    for s in mm.spells:
        parts.append(f"from {s.start.isoformat()}" + ("" if s.open else f" to {s.end.isoformat()}"))
    return ", and ".join(parts)


class Checker:
    order = 2

    def __init__(self, rule: Rule) -> None:
        self.check_kind = rule.check

    def check(self, doc: Document, ctx: Context) -> Iterable[Match]:
        an = analyse(doc, ctx)
        if not an.wrong:
            return
        kb = load_offices(tuple(ctx.knowledge))
        where = _describe_window(an)
        for mm in an.wrong:
            kind = {"": "current", "former": "former", "elect": "elect"}[mm.modifier]
            if kind != self.check_kind:
                continue
            name, office = mm.holder.name, _office_name(kb, mm)
            written = doc.text[mm.start : mm.end]
            if kind == "current":
                ended = [s for s in mm.spells if not s.open and an.window and s.end < an.window[0]]
                if ended:
                    msg = f"{name} was {office} {_terms(mm)}, so '{mm.title}' is out of date for {where}"
                    suggestion = _prefix_former(written, mm.title)
                else:
                    msg = f"{name} became {office} only on {mm.spells[0].start.isoformat()}, after {where}"
                    suggestion = None
            elif kind == "former":
                current = [s for s in mm.spells if an.window and s.start <= an.window[1] and s.end >= an.window[0]]
                if current:
                    s = current[0]
                    since = f"has been {office} since {s.start.isoformat()}" if s.open else f"was {office} {_terms(mm)}"
                    msg = f"{name} {since}, so 'former' is wrong for {where}"
                else:
                    msg = f"{name} had not yet been {office} (first {_terms(mm)}), so 'former' is wrong for {where}"
                suggestion = _FORMER_WORD.sub("", written, count=1)
            else:
                msg = f"{name} took office as {office} on {mm.spells[0].start.isoformat()}, so '-elect' is wrong for {where}"
                suggestion = _ELECT_WORD.sub("", written, count=1)
            yield Match(mm.start, mm.end, message=msg, suggestion=suggestion)


def _prefix_former(written: str, title: str) -> str:
    """'Russia's envoy X' -> "Russia's former envoy X"; 'Defense Minister X' -> 'former Defense Minister X'."""
    m = _POSSESSIVE.match(written)
    if m and title.lower() in written[m.end() :].lower()[: len(title) + 2]:
        return written[: m.end()] + "former " + written[m.end() :]
    return "former " + written
