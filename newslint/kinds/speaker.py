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

from typing import Iterable, Literal

import regex
from pydantic import Field

from ..document import Document
from .base import Context, Match, RuleBase, phrase_regex

_NAME = r"\p{Lu}[\p{Ll}\p{Lu}’'-]*\p{Ll}[\p{Ll}’'-]*"  # a capitalised word with some lower case
_PREV_WORD = regex.compile(r"([\p{L}.’'-]+)\s+$")
_FAMILY_FIRST = regex.compile(r"\s+\p{Lu}\p{Ll}+(?:-\p{Ll}+)?\b")
_APPOSITIVE = regex.compile(r",\s+(?:the|a|an)\s")
_APPOSITIVE_OF = regex.compile(r",\s+\p{Ll}[\p{L}\s-]{0,40}(?:of|at|for)\s")
# Set by the equivalence test to run the implementation this module had before it was optimised.
_LEGACY = False


class Rule(RuleBase):
    kind: Literal["speaker"]
    check: Literal["surname", "pronoun"]
    honorifics: list[str] = Field(min_length=1)
    speech_verbs: list[str] = Field(min_length=1)
    roles: list[str] = Field(min_length=1, description="words that introduce a person by role")
    not_names: list[str] = Field(default_factory=list, description="capitalised words that are never surnames")
    pronouns: list[str] = Field(default_factory=lambda: ["he", "she"])
    inverted_verbs: list[str] = Field(
        default_factory=lambda: ["said", "says", "added", "adds", "noted", "wrote", "asked", "according to"],
        description="verbs that may come before the speaker's name (\"said Kirby\")",
    )

    def compile(self) -> "Checker":
        return Checker(self)


def _alt(words: Iterable[str]) -> str:
    return phrase_regex(words, True)


class Checker:
    order = 0

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        hon = "|".join(regex.escape(h.rstrip(".")) for h in sorted(rule.honorifics, key=len, reverse=True))
        verbs = _alt(rule.speech_verbs)
        self.honorific_rx = regex.compile(rf"\b(?:{hon})\.?\s+(?P<name>{_NAME})")
        # "Kirby said", "Kirby also noted", "said Kirby", "according to Kirby"
        self.bare_rx = regex.compile(
            rf"(?<![\p{{L}}\p{{N}}’'-])(?<!\p{{Lu}}[\p{{L}}.’'-]*\s)(?P<name>{_NAME})\s+(?:\p{{Ll}}+ly\s+|also\s+)?{verbs}"
            rf"|{_alt(rule.inverted_verbs)}\s+(?P<name>{_NAME})\b(?=\s*(?:[,.;:!?)\"”]|$)|\s+(?:on|in|at|last|this|during|who|when|after|before|and|late|early|yesterday|today)\b)"
        )
        self.hon_words = {h.rstrip(".").lower() for h in rule.honorifics}
        self.role_words = {r.lower() for r in rule.roles}
        self.not_names = {w.lower() for w in rule.not_names}
        self.pronoun_rx = regex.compile(
            rf"\b(?:(?P<p>{'|'.join(map(regex.escape, rule.pronouns))})\s+(?:also\s+)?{verbs}|{verbs}\s+(?P<p>{'|'.join(map(regex.escape, rule.pronouns))})\b)",
            regex.IGNORECASE,
        )
        self.role_rx = regex.compile(_alt(rule.roles), regex.IGNORECASE)
        self.full_name_rx = regex.compile(rf"(?<![\p{{L}}’'-])\p{{Lu}}\p{{Ll}}+\s+\p{{Lu}}\p{{Ll}}+(?:-\p{{Ll}}+)?\b")

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
            if regex.match(rf",\s+(?:the|a|an)\s", after) or regex.match(r",\s+\p{Ll}[\p{L}\s-]{0,40}(?:of|at|for)\s", after):
                out.append(m.start())  # "Kirby, the spokesman, said"
        return out

    def _surnames(self, doc: Document, ctx: Context) -> Iterable[Match]:
        text = doc.text
        candidates: dict[str, list[tuple[int, int, bool]]] = {}
        for m in self.honorific_rx.finditer(text, timeout=ctx.timeout):
            candidates.setdefault(m.group("name"), []).append((m.start(), m.end("name"), True))
        for m in self.bare_rx.finditer(text, timeout=ctx.timeout):
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

    # -- pronouns ------------------------------------------------------------------------
    def _pronouns(self, doc: Document, ctx: Context) -> Iterable[Match]:
        text = doc.text
        m = self.pronoun_rx.search(text, timeout=ctx.timeout)
        if m is None:
            return
        before = text[: m.start()]
        if self.honorific_rx.search(before, timeout=ctx.timeout) or self.role_rx.search(before, timeout=ctx.timeout):
            return
        if any(w.split()[0].lower() not in self.not_names for w in self.full_name_rx.findall(before, timeout=ctx.timeout)):
            return
        yield Match(m.start(), m.end(), fields={"pronoun": m.group("p")})

