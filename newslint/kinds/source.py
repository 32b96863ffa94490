"""``source``: the outlets an article cites, and how far the registry trusts them.

Citations are found by their frames, not by searching the whole text for outlet names:
"according to X", "X reported", "told X", "quoted by X", "reports from X", "X news agency",
"news agency X", "via X", datelines ("SEOUL (Yonhap) --"), photo credits ("(AP Photo/...)",
"(Korean Central News Agency/Korea News Service via AP)") and links to an outlet's domain.
The words a frame captures are resolved against the registry (the longest run of words that is
a known name or alias). A capture the registry does not know counts as an *unknown outlet* only
when it is named like one ("DEA News", "the Daily Globe", "news agency Bolt"): "according to
South Korea" or "the White House said" are not outlets.

``check`` picks what a rule reports: ``unknown``, ``state`` (state-controlled), ``unreliable``,
``deprecated``, or ``single`` (an article that rests on one low-rated outlet). Each outlet is
reported once, at its first citation. The file's JSON entry lists every cited outlet with its
rating and a 0-100 source score for dashboards.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

import regex

from .. import regexcache
from ..document import CASE_TWINS, Document
from ..knowledge.offices import norm
from ..knowledge.outlets import OutletEntry, Registry, load_registry, outlet_score
from .base import Context, Match, Rule, cached_regex, phrase_regex

SHARED_KEY = "source_analysis"
_TWINS_AS_ASCII = str.maketrans(CASE_TWINS)

OUTLET_NOUNS = [
    "news agency", "press agency", "wire service", "agency", "newspaper", "daily", "weekly", "tabloid", "magazine",
    "outlet", "media outlet", "news outlet", "news site", "news website", "website", "site", "broadcaster",
    "public broadcaster", "state broadcaster", "channel", "TV channel", "television", "TV", "radio", "radio station",
    "network", "news portal", "portal", "paper", "state media", "state news agency", "newswire", "blog",
]
# Words that make a capitalised name an outlet's ("DEA News", "Daily Globe").
OUTLET_WORDS = {
    "news", "times", "post", "daily", "herald", "journal", "gazette", "agency", "tv", "radio", "press", "tribune",
    "telegraph", "globe", "chronicle", "observer", "express", "mail", "mirror", "courier", "monitor", "review",
    "weekly", "magazine", "media", "network", "broadcasting", "broadcast", "wire", "today", "insider", "digest",
    "bulletin", "register", "standard", "guardian", "independent", "pravda", "izvestia", "shimbun", "ilbo",
    "sinmun", "zeitung", "channel", "television", "newspaper", "inquirer", "dispatch", "sentinel", "examiner",
    "ledger", "argus", "beacon", "informer", "newswire", "noticias", "presse", "nachrichten", "novosti", "vesti",
    "telegraaf", "kurier", "tageblatt", "gazeta", "gazzetta", "corriere", "diario", "jornal", "folha", "nouvelles",
    "hebdo", "report", "reporter", "times-union", "star-ledger", "newsweek", "newsday", "news24", "tv24",
}
_W = r"(?:[\p{L}\p{N}&'’-]|\.(?=[\p{L}\p{N}]))*"  # a full stop only inside a word ("U.S"), never at its end
_NAME = rf"(?P<name>(?:\p{{Lu}}{_W}|\p{{N}}+\p{{L}}*)(?:[ \t]+(?:(?:of|the|de|la|al|du|for|and|&|di|del)[ \t]+)?(?:\p{{Lu}}{_W}|\p{{N}}+\p{{L}}*)){{0,5}})"
_VERBS = r"(?:reported|reports|said|says|quoted|cites|cited|wrote|writes|published|broadcast|aired|announced|claimed|claims|revealed|reveals|carried|ran)"


@dataclass
class Citation:
    start: int
    end: int
    name: str  # as written
    outlet: OutletEntry | None  # None: named like an outlet, but unknown to the registry
    how: str  # the frame that found it


@dataclass(frozen=True)
class _Frame:
    """A frame and where its matches can start, so that only those places are tried.

    A match starts where one of the ``at`` words starts, where a ``lead`` (a reverse pattern:
    "as" before "per") ends at its word, or, for ``after`` (words, the pattern that must match
    there, a reverse pattern over the name before them), on a capital or digit of that name. A
    frame with none of these is cheap enough to search the whole text for."""

    how: str
    rx: regex.Pattern
    at: tuple[str, ...] = ()
    lead: tuple[tuple[str, regex.Pattern], ...] = ()
    after: tuple[tuple[str, ...], regex.Pattern, regex.Pattern] | None = None

    @property
    def anchored(self) -> bool:
        return bool(self.at or self.lead or self.after)


_NAME_CHAR = r"[\p{L}\p{N}&'’.-]"  # every character of a name's words and connectors
_NAME_START = regexcache.compile(r"[\p{Lu}\p{N}]")
# The words of _VERBS: their lower-case stems, so that "reported" and "reports" are one search.
_VERB_WORDS = ("said", "says", "report", "quoted", "cite", "wrote", "writes", "published", "broadcast", "aired",
               "announced", "claim", "reveal", "carried", "ran")


def _back(words: int) -> regex.Pattern:
    """Matched backwards from a word: up to ``words`` words before it, each followed by white
    space. A name of six words and five connectors ("Voice of the People of Korea") fits in 11."""
    return cached_regex(rf"(?r)(?:{_NAME_CHAR}+\s+){{1,{words}}}")


def _frames() -> list[_Frame]:
    nouns = phrase_regex(OUTLET_NOUNS, True)
    desc = rf"(?:(?:the|a|an)\s+)?(?:[\p{{L}}’'-]+\s+){{0,3}}?{nouns}\s+"
    pre = r"(?i:according\s+to|as\s+per|told|quoted\s+by|cited\s+by|reported\s+by|via|reports?\s+(?:from|by|in)|in\s+an\s+interview\s+with|speaking\s+to|writing\s+in|published\s+(?:by|in)|a\s+report\s+(?:by|from|in))"
    noun = r"(?i:news\s+agency|newspaper|daily|tabloid|broadcaster|news\s+outlet|media\s+outlet|website|TV\s+channel)(?![\p{L}-])"
    verb = rf"{_VERBS}(?![\p{{L}}-])"
    return [
        _Frame("named-after", cached_regex(rf"{pre}\s+(?:(?:the)\s+)?(?:{desc})?{_NAME}"),
               at=("according", "told", "quoted", "cited", "report", "via", "speaking", "writing", "published"),
               lead=(("per", cached_regex(r"(?r)as\s+")), ("interview", cached_regex(r"(?r)in\s+an\s+")),
                     ("report", cached_regex(r"(?r)a\s+")))),
        # a lower-case descriptor before the name ("news agency Yonhap"), never part of a name ("Daily Globe")
        _Frame("outlet-noun", cached_regex(rf"(?<![\p{{L}}-])(?:news\s+agency|agency|newspaper|daily|tabloid|outlet|broadcaster|channel|website|magazine|state\s+media)\s+{_NAME}"),
               at=("news", "agency", "daily", "tabloid", "outlet", "broadcaster", "channel", "website", "magazine", "state")),
        _Frame("noun-after", cached_regex(rf"{_NAME}\s+{noun}"),
               after=(("news", "daily", "tabloid", "broadcaster", "media", "website", "tv"), cached_regex(noun), _back(11))),
        # the name may be followed by "news agency" and an adverb before the verb: 14 words
        _Frame("verb-after", cached_regex(rf"{_NAME}(?:[ \t]+(?i:news\s+agency|newspaper))?[ \t]+(?:(?i:also|has|had|earlier|first|later)[ \t]+)?{verb}"),
               after=(_VERB_WORDS, cached_regex(rf"(?<=[ \t]){verb}"), _back(14))),
        _Frame("dateline", cached_regex(r"(?m)^[\p{Lu}][\p{Lu}\p{N} ,.’'/-]{1,60}\((?P<name>[^()\n]{2,40})\)\s*[-–—]+")),
        _Frame("dateline", cached_regex(r"(?m)^\((?P<name>[^()\n]{2,40})\)\s*[-–—]+")),
        _Frame("credit", cached_regex(r"\((?P<name>[^()\n]{2,120}?)(?:,\s*(?i:file|pool|handout))?\)(?=\s*$|\s*\n)")),
        _Frame("credit", cached_regex(r"(?i:photo|image|video|source|credit|photograph)s?\s*(?::|by)\s*(?P<name>[^\n.;)]{2,80})"),
               at=("photo", "image", "video", "source", "credit")),
    ]


_FRAMES: list[_Frame] | None = None
# Set by the equivalence test to run the implementation this module had before it was optimised.
_LEGACY = False


class _Vocabulary:
    """Which anchor words each lower-case word holds ("reported" holds "report"), learnt word by
    word as texts bring new ones; forgotten when it grows past ``limit`` words. A lock keeps it
    whole when threads lint at once."""

    def __init__(self, anchors: Iterable[str], limit: int = 200_000) -> None:
        self.anchors = tuple(sorted(set(anchors)))
        self.any = re.compile("|".join(self.anchors))  # a quick test: few words hold any
        self.limit = limit
        self.seen: set[str] = set()
        self.holding: set[str] = set()  # the words that hold any
        self.inside: dict[str, tuple[str, ...]] = {}
        self.lock = threading.Lock()

    def where(self, doc: Document, words: frozenset[str] | None = None) -> dict[str, dict[int, int]]:
        """Anchor word -> the start and end of each paragraph of ``doc`` whose words hold it.

        ``words``: all of ``doc.paragraph_words`` at once, when the caller has them. They are
        learnt and looked up once a document, not once a paragraph: each paragraph is then
        looked up only for the few words of the document that hold an anchor."""
        if words is None:
            words = frozenset().union(*doc.paragraph_words)
        with self.lock:
            self._learn(words)
            held = words & self.holding
            inside = {w: self.inside[w] for w in held}
        out: dict[str, dict[int, int]] = {}
        if held:
            for p, para_words in zip(doc.paragraphs, doc.paragraph_words):
                for w in para_words & held:
                    for a in inside[w]:
                        out.setdefault(a, {})[p.start] = p.end
        return out

    def _learn(self, words: frozenset[str]) -> None:
        new = words - self.seen
        if not new:
            return
        if len(self.seen) > self.limit:
            self.seen, self.holding, self.inside = set(), set(), {}
            new = words
        self.seen |= new
        for w in new:
            if self.any.search(w) is not None:
                self.inside[w] = tuple(a for a in self.anchors if a in w)
                self.holding.add(w)


_VOCABULARY: _Vocabulary | None = None


class _Anchors:
    """A text's lower-case copy, in which every case-insensitive match of a lower-case ASCII word
    is found at the same offset, and where each anchor word occurs in it (searched for once, in
    the paragraphs whose words hold it)."""

    def __init__(self, doc: Document, vocabulary: _Vocabulary, words: frozenset[str] | None = None) -> None:
        text = doc.text
        # Document.paragraph_words, lower-cased, show every case-insensitive match of an anchor
        # unless the text has a case twin ('İ', 'ſ'): then the whole text is searched for each
        # anchor, with the twins written as the letters (?i) matches them to.
        plain = not any(c in text for c in CASE_TWINS)
        self.text, self.low = text, (text if plain else text.translate(_TWINS_AS_ASCII)).lower()
        self._found: dict[str, list[int]] = {}
        self._where = vocabulary.where(doc, words) if plain else None  # anchor word -> paragraphs holding it

    def of(self, word: str) -> list[int]:
        got = self._found.get(word)
        if got is None:
            got = self._found[word] = []
            find = self.low.find
            spans = {0: len(self.low)} if self._where is None else self._where.get(word, {})
            for start, end in spans.items():
                i = find(word, start, end)
                while i >= 0:
                    got.append(i)
                    i = find(word, i + 1, end)
        return got

    def starts(self, frame: _Frame) -> list[int]:
        """Every offset at which a match of ``frame`` can start (and some where it cannot)."""
        out = [i for w in frame.at for i in self.of(w)]
        for word, lead in frame.lead:
            for i in self.of(word):
                m = lead.match(self.low, 0, i)
                if m is not None:
                    out.append(m.start())
        if frame.after is not None:
            words, here, back = frame.after
            text = self.text
            for w in words:
                for i in self.of(w):
                    if here.match(text, i) is None:
                        continue
                    m = back.match(text, 0, i)
                    if m is not None:
                        out.extend(c.start() for c in _NAME_START.finditer(text, m.start(), i))
        return sorted(set(out))


def _frame_matches(frame: _Frame, text: str, anchors: _Anchors) -> Iterable[regex.Match]:
    """``frame.rx.finditer(text)``, trying the pattern only where a match can start."""
    if _LEGACY or not frame.anchored:
        yield from frame.rx.finditer(text)
        return
    pos, match = 0, frame.rx.match
    for start in anchors.starts(frame):
        if start >= pos:  # finditer goes on from the end of the last match
            m = match(text, start)
            if m is not None:
                yield m
                pos = m.end()


def _resolve(reg: Registry, words: list[tuple[str, int, int]]) -> tuple[OutletEntry, int, int] | None:
    """The longest run of ``words`` that names a known outlet: (outlet, start, end).

    Words the run leaves out must not make the capture another outlet's name: "Russian Tass"
    and "Yonhap News Agency" are TASS and Yonhap, but "Daily Globe" is not "The Globe"."""
    n = len(words)
    for size in range(min(n, 6), 0, -1):
        for i in range(0, n - size + 1):
            chunk = " ".join(w for w, _, _ in words[i : i + size])
            o = reg.lookup(chunk)
            if o is None:
                continue
            before = [w for w, _, _ in words[:i]]
            after = [w.lower() for w, _, _ in words[i + size :]]
            # Before the name only descriptions may stand ("Russian", "state"); after it only
            # words that still name the same outlet ("News Agency", "Photo").
            if any(w[:1].isupper() and norm(w) not in _country_words() for w in before):
                continue
            if any(w not in OUTLET_WORDS and w not in _CREDIT_WORDS and w not in _STOP for w in after):
                continue
            return o, words[i][1], words[i + size - 1][2]
    return None


_CREDIT_WORDS = {"photo", "photos", "image", "images", "video", "file", "pool", "handout", "graphic", "illustration"}


@lru_cache(maxsize=1)
def _country_words() -> frozenset[str]:
    """Nationality adjectives and country names, which may describe an outlet ("Russian Tass")."""
    from ..knowledge.offices import load_offices

    return frozenset(load_offices().country_words)


_WORDS = regexcache.compile(rf"[\p{{L}}\p{{N}}]{_W}")
_STOP = {"the", "a", "an", "of", "and", "for", "de", "la", "al", "du", "di", "del", "&"}


_CREDIT_SEP = regexcache.compile(r"\s*(?:/|\bvia\b|,|;|\band\b)\s*")


def _credit_parts(seg: str, start: int) -> list[tuple[str, int]]:
    """'KCNA/Korea News Service via AP' -> each name with its text offset."""
    out, pos = [], 0
    for sep in _CREDIT_SEP.finditer(seg):
        out.append((seg[pos : sep.start()], start + pos))
        pos = sep.end()
    out.append((seg[pos:], start + pos))
    return [(p, o) for p, o in out if p.strip()]


def _looks_like_outlet(name: str, how: str) -> bool:
    words = [w.lower().strip(".") for w in name.split()]
    if not words or not name[:1].isupper():
        return False
    if how == "outlet-noun":
        return len(words) <= 4
    return any(w in OUTLET_WORDS for w in words[1:] + words[:1]) and len(words) <= 5


def find_citations(doc: Document, reg: Registry, words: frozenset[str] | None = None) -> list[Citation]:
    """The citations of ``doc``; ``words``: every word of ``doc.paragraph_words``, if known."""
    global _FRAMES, _VOCABULARY
    if _FRAMES is None:
        _FRAMES = _frames()
        _VOCABULARY = _Vocabulary(w for f in _FRAMES for w in (*f.at, *(w for w, _ in f.lead), *(f.after[0] if f.after else ())))
    text = doc.text
    anchors = _Anchors(doc, _VOCABULARY, words)
    found: dict[tuple[int, int], Citation] = {}
    for frame in _FRAMES:
        how = frame.how
        for m in _frame_matches(frame, text, anchors):
            start, end = m.span("name")
            seg = text[start:end]
            parts = _credit_parts(seg, start) if how == "credit" else [(seg, start)]
            for part, pstart in parts:
                words = [(w.group(), pstart + w.start(), pstart + w.end()) for w in _WORDS.finditer(part)]
                if not words:
                    continue
                hit = _resolve(reg, words)
                if hit is not None:
                    o, a, b = hit
                    found.setdefault((a, b), Citation(a, b, text[a:b], o, how))
                    continue
                if how in ("credit", "dateline"):
                    continue  # a photographer's name or a place is not an unknown outlet
                core = words
                while core and core[-1][0].lower() in _STOP:
                    core = core[:-1]
                name = text[core[0][1] : core[-1][2]] if core else ""
                if name and _looks_like_outlet(name, how):
                    found.setdefault((core[0][1], core[-1][2]), Citation(core[0][1], core[-1][2], name, None, how))
    for a, b, url in doc.links:
        o = reg.for_url(url)
        if o is not None and b > a:
            found.setdefault((a, b), Citation(a, b, text[a:b], o, "link"))
    # A known outlet inside a longer unknown capture ("DEA News Agency" vs "News Agency") wins.
    cites = sorted(found.values(), key=lambda c: (c.start, -(c.end - c.start)))
    out: list[Citation] = []
    for c in cites:
        if out and c.start < out[-1].end:
            if out[-1].outlet is None and c.outlet is not None:
                out[-1] = c
            continue
        out.append(c)
    return out


@dataclass
class SourceAnalysis:
    citations: list[Citation]
    first: dict[str, Citation]  # outlet key -> its first citation


def _key(c: Citation) -> str:
    return c.outlet.name if c.outlet is not None else "?" + c.name.lower()


def analyse(doc: Document, ctx: Context) -> SourceAnalysis:
    got = ctx.shared.get(SHARED_KEY)
    if got is not None:
        return got
    reg = load_registry(tuple(ctx.knowledge))
    cites = [c for c in find_citations(doc, reg, doc.words) if not doc.is_masked(c.start, c.end) or c.how == "link"]
    first: dict[str, Citation] = {}
    counts: dict[str, int] = {}
    for c in cites:
        first.setdefault(_key(c), c)
        counts[_key(c)] = counts.get(_key(c), 0) + 1
    sources = []
    for key, c in first.items():
        o = c.outlet
        sources.append({
            "name": o.name if o else c.name,
            "known": o is not None,
            "rating": o.rating if o else None,
            "state_controlled": o.state_controlled if o else None,
            "kind": o.kind if o else None,
            "country": o.country if o else None,
            "citations": counts[key],
            "line": doc.line_of_text(c.start),
            "score": outlet_score(o),
        })
    total = sum(counts.values())
    score = round(sum(s["score"] * s["citations"] for s in sources) / total) if total else None
    extra = ctx.shared.setdefault("report_extra", {})
    extra["sources"] = sources
    extra["source_score"] = score
    result = SourceAnalysis(cites, first)
    ctx.shared[SHARED_KEY] = result
    return result


class Checker:
    order = 0

    def __init__(self, rule: Rule) -> None:
        self.rule = rule

    def check(self, doc: Document, ctx: Context) -> Iterable[Match]:
        an = analyse(doc, ctx)
        kind = self.rule.check
        if kind == "single":
            outlets = list(an.first.values())
            if len(outlets) == 1 and outlet_score(outlets[0].outlet) <= self.rule.low_score:
                c = outlets[0]
                what = f"{c.outlet.name} ({_rating_words(c.outlet)})" if c.outlet else f"'{c.name}', which newslint does not know"
                yield Match(c.start, c.end, message=f"The article's only cited outlet is {what}; no other source corroborates it")
            return
        for c in an.first.values():
            o = c.outlet
            if kind == "unknown" and o is None:
                yield Match(c.start, c.end, message=f"'{c.name}' is cited like a news outlet but is not in the outlet registry; check that it exists and what it is")
            elif o is None:
                continue
            elif kind == "state" and o.state_controlled:
                yield Match(c.start, c.end, message=f"{o.name} is state-controlled media{_of(o)}: {o.reason}")
            elif kind == "unreliable" and o.rating == "unreliable" and not o.state_controlled:
                yield Match(c.start, c.end, message=f"{o.name} is rated unreliable: {o.reason}")
            elif kind == "deprecated" and o.rating == "deprecated":
                yield Match(c.start, c.end, message=f"{o.name} should not be cited for facts: {o.reason}")


def _of(o: OutletEntry) -> str:
    return f" ({o.country})" if o.country else ""


def _rating_words(o: OutletEntry) -> str:
    return "state-controlled" if o.state_controlled else f"rated {o.rating}"
