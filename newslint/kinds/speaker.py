"""``speaker``: people cited before the article says who they are.

Two checks, chosen with ``check``:

- ``surname``: the first "Mr. Kirby said" or "Kirby noted" whose surname has no earlier full
  name ("John Kirby") or role ("spokesman Kirby", "MP Yoo Sang-bum") in the article. A bare
  surname ("Kirby said") is only judged when the article shows elsewhere that the word is a
  person's name (an honorific, or a full name that comes later), so "Moscow said" and
  "Reuters reported" are never taken for people. Only the first mention of each name is flagged.
- ``pronoun``: "he said" or "she told" with no person named or described anywhere before it.

Vocabularies (honorifics, speech verbs, role words, words that are never surnames) come from
the rule file, so a house can add its own.
"""
from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Iterable

import regex

from .. import regexcache
from ..document import CASE_TWINS, Document
from .base import Context, Match, Rule, cached_regex, phrase_regex

_NAME = r"\p{Lu}[\p{Ll}\p{Lu}’'-]*\p{Ll}[\p{Ll}’'-]*"  # a capitalised word with some lower case
_PREV_WORD = regexcache.compile(r"(?r)([\p{L}.’'-]+)\s+$")  # searched from the end: not tried at every word
_FAMILY_FIRST = regexcache.compile(r"\s+\p{Lu}\p{Ll}+(?:-\p{Ll}+)?\b")
_APPOSITIVE = regexcache.compile(r",\s+(?:the|a|an)\s")
_APPOSITIVE_OF = regexcache.compile(r",\s+\p{Ll}[\p{L}\s-]{0,40}(?:of|at|for)\s")
# Set by the equivalence test to run the implementation this module had before it was optimised.
_LEGACY = False
_HEAD = regexcache.compile(r"\w+")
# Before a speech verb, matched backwards: the word just before it and the one before that (an
# adverb may stand between a name and its verb: "Kirby also said").
_TWO_WORDS_BEFORE = regexcache.compile(r"(?r)(?:(?P<b>[\p{L}\p{N}’'-]+)\s+)?(?P<a>[\p{L}\p{N}’'-]+)\s+")


@dataclass(frozen=True)
class Heads:
    """The first word of each of some phrases: every match of a phrase starts with its first
    word as written, and ``Document.paragraph_words`` holds that word in lower case."""

    words: frozenset[str]  # lower case
    written: dict[str, tuple[str, ...]]  # lower case -> as written


def phrase_heads(phrases: Iterable[str]) -> Heads | None:
    """None when a phrase does not start with a word of ASCII letters, for which a paragraph's
    lower-cased words may not show the phrase."""
    written: dict[str, set[str]] = {}
    for p in phrases:
        m = _HEAD.match(p.strip())
        if m is None or not m.group().isascii() or not m.group().isalpha():
            return None
        written.setdefault(m.group().lower(), set()).add(m.group())
    return Heads(frozenset(written), {k: tuple(sorted(v)) for k, v in written.items()})


def words_cover_matches(doc: Document) -> bool:
    """Whether the words of ``doc.paragraph_words`` stand for every case-insensitive match of
    an ASCII word: not when the text holds 'İ' or 'ſ', which (?i) matches to 'i' and 's' but
    which lower-case to something else."""
    return not any(c in doc.text for c in CASE_TWINS)


def _alt(words: Iterable[str]) -> str:
    return phrase_regex(words, True)


@dataclass(frozen=True)
class Prepared:
    """What a checker of the rule needs of its lists: expressions (as source) and word heads."""

    honorific: str
    bare: str
    pronoun: str
    role: str
    verb: str
    hon_words: frozenset[str]
    role_words: frozenset[str]
    not_names: frozenset[str]
    hon_heads: Heads | None
    verb_heads: Heads | None
    inverted_heads: Heads | None
    pronoun_heads: Heads | None
    pronoun_starts: Heads | None
    role_heads: Heads | None

    @classmethod
    def of(cls, rule: Rule) -> Prepared:
        hon = "|".join(regex.escape(h.rstrip(".")) for h in sorted(rule.honorifics, key=len, reverse=True))
        verbs = _alt(rule.speech_verbs)
        pronouns = "|".join(map(regex.escape, rule.pronouns))
        return cls(
            honorific=rf"\b(?:{hon})\.?\s+(?P<name>{_NAME})",
            # "Kirby said", "Kirby also noted", "said Kirby", "according to Kirby"
            bare=rf"(?<![\p{{L}}\p{{N}}’'-])(?<!\p{{Lu}}[\p{{L}}.’'-]*\s)(?P<name>{_NAME})\s+(?:\p{{Ll}}+ly\s+|also\s+)?{verbs}"
            rf"|{_alt(rule.inverted_verbs)}\s+(?P<name>{_NAME})\b(?=\s*(?:[,.;:!?)\"”]|$)|\s+(?:on|in|at|last|this|during|who|when|after|before|and|late|early|yesterday|today)\b)",
            pronoun=rf"\b(?:(?P<p>{pronouns})\s+(?:also\s+)?{verbs}|{verbs}\s+(?P<p>{pronouns})\b)",
            role=_alt(rule.roles),
            verb=verbs,
            hon_words=frozenset(h.rstrip(".").lower() for h in rule.honorifics),
            role_words=frozenset(r.lower() for r in rule.roles),
            not_names=frozenset(w.lower() for w in rule.not_names),
            # the words every match starts with, for trying the patterns only where they can match
            hon_heads=phrase_heads(h.rstrip(".") for h in rule.honorifics),
            verb_heads=phrase_heads(rule.speech_verbs),
            inverted_heads=phrase_heads(rule.inverted_verbs),
            pronoun_heads=phrase_heads(rule.pronouns),
            pronoun_starts=phrase_heads([*rule.pronouns, *rule.speech_verbs]),
            role_heads=phrase_heads(rule.roles),
        )


class Checker:
    order = 0

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        p = rule._prepared or Prepared.of(rule)
        self.honorific_rx = cached_regex(p.honorific)
        self.bare_rx = cached_regex(p.bare)
        self.hon_words, self.role_words, self.not_names = p.hon_words, p.role_words, p.not_names
        self.pronoun_rx = cached_regex(p.pronoun, regex.IGNORECASE)
        self.role_rx = cached_regex(p.role, regex.IGNORECASE)
        self.full_name_rx = cached_regex(r"(?<![\p{L}’'-])\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+(?:-\p{Ll}+)?\b")
        self.verb_rx = cached_regex(p.verb)
        self.hon_heads, self.verb_heads, self.inverted_heads = p.hon_heads, p.verb_heads, p.inverted_heads
        self.pronoun_heads, self.pronoun_starts, self.role_heads = p.pronoun_heads, p.pronoun_starts, p.role_heads

    def check(self, doc: Document, ctx: Context) -> Iterable[Match]:
        if self.rule.check == "surname":
            return self._surnames(doc, ctx)
        return self._pronouns(doc, ctx)

    # -- surnames ------------------------------------------------------------------------
    def _introductions(self, text: str, name: str) -> list[int]:
        """Offsets at which ``name`` appears with a first name or a role word."""
        if _LEGACY:
            return self._introductions_legacy(text, name)
        out = []
        find, size, pos = text.find, len(name), 0
        while True:
            # the occurrences of ``name`` not inside a longer word: (?<![\p{L}-])name(?![\p{L}-])
            start = find(name, pos)
            if start < 0:
                break
            end = start + size
            if start and (text[start - 1].isalpha() or text[start - 1] == "-"):
                pos = start + 1
                continue
            if end < len(text) and (text[end].isalpha() or text[end] == "-"):
                pos = start + 1
                continue
            pos = end
            before = text[max(0, start - 60) : start]
            after = text[end : end + 40]
            prev = _PREV_WORD.search(before)
            prev_word = prev.group(1) if prev else ""
            if prev_word and prev_word[0].isupper() and prev_word.rstrip(".").lower() not in self.hon_words:
                if prev_word.lower() not in self.not_names:
                    out.append(start)
                    continue
            if prev_word.lower().rstrip(".") in self.role_words:
                out.append(start)
                continue
            if _FAMILY_FIRST.match(after):  # "Yoo Sang-bum": family name first
                out.append(start)
                continue
            if _APPOSITIVE.match(after) or _APPOSITIVE_OF.match(after):
                out.append(start)  # "Kirby, the spokesman, said"
        return out

    def _introductions_legacy(self, text: str, name: str) -> list[int]:
        """Offsets at which ``name`` appears with a first name or a role word."""
        out = []
        for m in regex.finditer(rf"(?<![\p{{L}}-]){regex.escape(name)}(?![\p{{L}}-])", text):
            before = text[max(0, m.start() - 60) : m.start()]
            after = text[m.end() : m.end() + 40]
            prev = regex.search(r"([\p{L}.’'-]+)\s+$", before)
            prev_word = prev.group(1) if prev else ""
            if prev_word and prev_word[0].isupper() and prev_word.rstrip(".").lower() not in self.hon_words:
                if prev_word.lower() not in self.not_names:
                    out.append(m.start())
                    continue
            if prev_word.lower().rstrip(".") in self.role_words:
                out.append(m.start())
                continue
            if regex.match(r"\s+\p{Lu}\p{Ll}+(?:-\p{Ll}+)?\b", after):  # "Yoo Sang-bum": family name first
                out.append(m.start())
                continue
            if regex.match(r",\s+(?:the|a|an)\s", after) or regex.match(r",\s+\p{Ll}[\p{L}\s-]{0,40}(?:of|at|for)\s", after):
                out.append(m.start())  # "Kirby, the spokesman, said"
        return out

    def _surnames(self, doc: Document, ctx: Context) -> Iterable[Match]:
        text = doc.text
        candidates: dict[str, list[tuple[int, int, bool]]] = {}
        for m in self._honorific_matches(doc, ctx):
            candidates.setdefault(m.group("name"), []).append((m.start(), m.end("name"), True))
        for m in self._bare_matches(doc, ctx):
            name = m.group("name")
            if name.lower() in self.not_names or name.lower() in self.role_words:
                continue
            s, e = m.span("name")
            candidates.setdefault(name, []).append((s, e, False))
        for name, mentions in sorted(candidates.items(), key=lambda kv: min(x[0] for x in kv[1])):
            mentions.sort()
            intros = self._introductions(text, name)
            first = mentions[0]
            if intros and intros[0] <= first[0]:
                continue
            is_person = any(h for _, _, h in mentions) or bool(intros)
            if not is_person:
                continue
            later = f"; the article introduces {name} only later" if intros else ""
            yield Match(first[0], first[1], fields={"name": name, "later": later})

    def _honorific_matches(self, doc: Document, ctx: Context) -> Iterable[regex.Match]:
        """``honorific_rx.finditer(doc.text)``, tried only where an honorific starts."""
        if _LEGACY or self.hon_heads is None or not words_cover_matches(doc):
            return self.honorific_rx.finditer(doc.text, timeout=ctx.timeout)
        return _finditer_at(self.honorific_rx, doc.text, _occurrences(doc, self.hon_heads), ctx.timeout)

    def _bare_matches(self, doc: Document, ctx: Context) -> Iterable[regex.Match]:
        """``bare_rx.finditer(doc.text)``, tried only where a match can start: on a verb that
        comes before the name ("said Kirby"), or on the capitalised word just before a speech
        verb or before the adverb before it ("Kirby said", "Kirby also said")."""
        text = doc.text
        if _LEGACY or self.verb_heads is None or self.inverted_heads is None or not words_cover_matches(doc):
            return self.bare_rx.finditer(text, timeout=ctx.timeout)
        starts = _occurrences(doc, self.inverted_heads)
        for v in _occurrences(doc, self.verb_heads):
            if self.verb_rx.match(text, v) is None:
                continue
            before = _TWO_WORDS_BEFORE.match(text, 0, v)
            if before is None:
                continue
            for group in ("a", "b"):
                start = before.start(group)
                if start >= 0 and not text[start].islower():  # a name starts with a capital
                    starts.append(start)
        return _finditer_at(self.bare_rx, text, starts, ctx.timeout)

    # -- pronouns ------------------------------------------------------------------------
    def _pronouns(self, doc: Document, ctx: Context) -> Iterable[Match]:
        text = doc.text
        fast = not _LEGACY and None not in (self.pronoun_starts, self.hon_heads, self.role_heads) and words_cover_matches(doc)
        m = self._first_pronoun(doc, ctx) if fast else self.pronoun_rx.search(text, timeout=ctx.timeout)
        if m is None:
            return
        before = text[: m.start()]
        # The paragraphs up to the pronoun hold every word of ``before``: without an honorific
        # or a role word among them, neither pattern can match there.
        upto = doc.paragraph_index(m.start()) + 1 if fast else None
        if (not fast or _occurs(doc, self.hon_heads, upto)) and self.honorific_rx.search(before, timeout=ctx.timeout):
            return
        if (not fast or _occurs(doc, self.role_heads, upto)) and self.role_rx.search(before, timeout=ctx.timeout):
            return
        if any(w.split()[0].lower() not in self.not_names for w in self.full_name_rx.findall(before, timeout=ctx.timeout)):
            return
        yield Match(m.start(), m.end(), fields={"pronoun": m.group("p")})

    def _first_pronoun(self, doc: Document, ctx: Context) -> regex.Match | None:
        """``pronoun_rx.search(doc.text)``, tried only on pronouns and speech verbs, paragraph by
        paragraph up to the last that holds a pronoun (every match holds one)."""
        text, words = doc.text, doc.paragraph_words
        last = max((k for k, w in enumerate(words) if not w.isdisjoint(self.pronoun_heads.words)), default=-1)
        for k in range(last + 1):
            if words[k].isdisjoint(self.pronoun_starts.words):
                continue
            for start in sorted(_occurrences(doc, self.pronoun_starts, k, k + 1, lower=True)):
                m = self.pronoun_rx.match(text, start, timeout=ctx.timeout)
                if m is not None:
                    return m
        return None


def _occurs(doc: Document, heads: Heads, upto: int) -> bool:
    """Whether any of the first ``upto`` paragraphs holds one of the ``heads`` words."""
    return any(not w.isdisjoint(heads.words) for w in doc.paragraph_words[:upto])


_ASCII_WORD_CHARS = frozenset(string.ascii_letters + string.digits + "_")


def _occurrences(doc: Document, heads: Heads, first: int = 0, upto: int | None = None, lower: bool = False) -> list[int]:
    """Where the ``heads`` words (as written, or in any case) occur in paragraphs ``first`` to
    ``upto`` as the start of a word, looking only in paragraphs whose words hold them (which
    holds when ``words_cover_matches(doc)``)."""
    text, paras, out = doc.text, doc.paragraphs, []
    for k, words in enumerate(doc.paragraph_words[first:upto], first):
        if words.isdisjoint(heads.words):
            continue
        p = paras[k]
        if lower:
            hay, a, b, shift = text[p.start : p.end].lower(), 0, p.end - p.start, p.start
            found = words & heads.words
        else:
            hay, a, b, shift = text, p.start, p.end, 0
            found = [w for key in words & heads.words for w in heads.written[key]]
        for w in found:
            i = hay.find(w, a, b)
            while i >= 0:
                if i == a or hay[i - 1] not in _ASCII_WORD_CHARS:  # not inside a word ("the")
                    out.append(i + shift)
                i = hay.find(w, i + 1, b)
    return out


def _finditer_at(rx: regex.Pattern, text: str, starts: Iterable[int], timeout: float) -> Iterable[regex.Match]:
    """``rx.finditer(text)`` when every match starts at one of ``starts``: the pattern is tried
    at each in order, going on from the end of the last match, as finditer does."""
    pos = 0
    for start in sorted(set(starts)):
        if start >= pos:
            m = rx.match(text, start, timeout=timeout)
            if m is not None:
                yield m
                pos = m.end()
