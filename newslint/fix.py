"""Safe fixes: ``newslint --fix`` and ``--diff``.

A finding is fixable when its rule says ``fix: safe`` (``Finding.fixable``). Two kinds of fix,
both worked out from the finding's *source* offsets, never by searching for its text:

- a boilerplate finding removes what it covers. In text and Markdown that is the whole source
  line(s) of the finding, line ends included (a setext heading's underline too), and only when
  those lines hold no other linted text. In HTML it is the element whose only content is the
  boilerplate, climbing to parents that then hold nothing else (never ``body``, ``main``,
  ``article`` or table cells and rows), or else just the text, widened so that it never cuts an
  element in two. Blank lines left behind are collapsed so that no run of blank lines longer
  than before appears, and none is left at the top or bottom of the file where there was none;
- any other fixable finding replaces its span with the suggestion (escaped in HTML), and only
  when the source of the span is exactly the text that was linted (no entity, tag or line
  break inside it).

Every batch of fixes is checked before it is kept: the fixed source is read again and its
paragraphs must be the old ones minus those removed, in the same order (a Markdown paragraph
must not merge into its neighbour), and in HTML every removed range must hold whole elements.
A batch that fails is applied fix by fix, each with its alternatives (in Markdown, a removed
line between two paragraphs may instead become a blank line), and a fix that fails every check
is left alone and reported as usual. Fixes whose ranges overlap are applied in separate rounds:
after each round the file is linted again, at most ``MAX_ROUNDS`` times.

Files are written only if their bytes can be reproduced exactly (UTF-8 with or without BOM,
UTF-16 with its BOM), keep their line ends (a fix never touches a line end it does not remove),
and are written atomically (a temporary file in the same folder, then ``os.replace``) with their
permissions kept.
"""
from __future__ import annotations

import bisect
import codecs
import difflib
import html as _html
import os
import stat
import sys
import tempfile
from dataclasses import dataclass, field
from typing import TextIO

import regex

from . import regexcache
from .document import Document
from .errors import NewslintError, ReadError
from .models import FileError, Finding
from .readers.html import PositionedParser

MAX_ROUNDS = 5

# -- bytes <-> text, exactly -------------------------------------------------------------


@dataclass(frozen=True)
class Encoding:
    bom: bytes
    codec: str

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.codec)


def decode_exact(data: bytes, path: str) -> tuple[str, Encoding | None]:
    """The text newslint lints, and how to write it back byte for byte (None if it cannot be)."""
    from .readers import decode

    text = decode(data, path)  # a ReadError for what newslint cannot read at all
    if data.startswith(codecs.BOM_UTF8):
        enc = Encoding(codecs.BOM_UTF8, "utf-8")
    elif data.startswith(codecs.BOM_UTF16_LE):
        enc = Encoding(codecs.BOM_UTF16_LE, "utf-16-le")
    elif data.startswith(codecs.BOM_UTF16_BE):
        enc = Encoding(codecs.BOM_UTF16_BE, "utf-16-be")
    else:
        enc = Encoding(b"", "utf-8")
    try:
        same = enc.encode(text) == data
    except UnicodeEncodeError:
        same = False
    return text, (enc if same else None)


def write_atomic(path: str, data: bytes) -> None:
    """Replace the file's content in one step, keeping its permissions (and owner where allowed)."""
    real = os.path.realpath(path)  # a symlink stays a symlink to the fixed file
    st = os.stat(real)
    folder = os.path.dirname(real) or "."
    fd, tmp = tempfile.mkstemp(dir=folder, prefix="." + os.path.basename(real) + ".", suffix=".newslint-fix")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, stat.S_IMODE(st.st_mode))
        if hasattr(os, "chown"):
            try:
                os.chown(tmp, st.st_uid, st.st_gid)
            except OSError:
                pass
        os.replace(tmp, real)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


# -- lines -------------------------------------------------------------------------------
_LINE = regexcache.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


class Lines:
    """The source's lines: start, end of content and end with the line end, for each."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.starts: list[int] = []
        self.content_ends: list[int] = []
        self.ends: list[int] = []
        for m in _LINE.finditer(source):
            s, e = m.span()
            self.starts.append(s)
            self.ends.append(e)
            body = m.group().rstrip("\r\n")
            self.content_ends.append(s + len(body))

    def __len__(self) -> int:
        return len(self.starts)

    def index(self, offset: int) -> int:
        return max(bisect.bisect_right(self.starts, offset) - 1, 0)

    def blank(self, i: int) -> bool:
        return not self.source[self.starts[i] : self.content_ends[i]].strip()


# -- changes -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Change:
    """One way to fix one finding: delete (or blank) whole lines, or replace a span."""

    start: int  # the source range the change touches, for overlaps
    end: int
    lines: tuple[int, int] | None = None  # first and last line to delete
    blank: bool = False  # leave one empty line instead of the deleted ones
    replacement: str | None = None  # for a span change
    removes: bool = True  # the linted text in the range goes away (else it is replaced)


@dataclass
class Plan:
    findings: list[Finding]  # more than one when removing a parent element fixes several
    choices: list[Change]
    element: tuple[int, int] | None = None  # HTML: the source range of what it removes

    @property
    def start(self) -> int:
        return self.choices[0].start

    @property
    def end(self) -> int:
        return self.choices[0].end


def build(source: str, lines: Lines, changes: list[Change]) -> str:
    """The source with ``changes`` (which do not overlap) applied and blank lines collapsed."""
    deleted: set[int] = set()
    blanked: set[int] = set()
    edits: list[tuple[int, int, str]] = []
    for ch in changes:
        if ch.lines is not None:
            a, b = ch.lines
            if ch.blank:
                blanked.add(a)
                deleted.update(range(a + 1, b + 1))
            else:
                deleted.update(range(a, b + 1))
        else:
            edits.append((ch.start, ch.end, ch.replacement or ""))
    touched: set[int] = set()
    for s, e, _ in edits:
        touched.update(range(lines.index(s), lines.index(max(e - 1, s)) + 1))
    for i in sorted(deleted | _collapse(lines, deleted, blanked, touched)):
        edits.append((lines.starts[i], lines.ends[i], ""))
    for i in blanked:
        edits.append((lines.starts[i], lines.content_ends[i], ""))
    edits.sort()
    out, pos = [], 0
    for s, e, text in edits:
        if s < pos:  # never happens with non-overlapping changes; keep the earlier edit
            continue
        out.append(source[pos:s])
        out.append(text)
        pos = e
    out.append(source[pos:])
    return "".join(out)


def _collapse(lines: Lines, deleted: set[int], blanked: set[int], touched: set[int]) -> set[int]:
    """Blank lines to drop so that deleting lines creates no longer run of blank lines.

    Kept blank lines that end up next to each other (only deleted lines between them) form a
    group; the group keeps as many as the longest run it was made of, none at the top or the
    bottom of the file unless the file started or ended with them.
    """
    if not deleted:
        return set()
    n = len(lines)
    kept = [i for i in range(n) if i not in deleted]

    def is_blank(i: int) -> bool:
        return i not in touched and (i in blanked or lines.blank(i))

    drop: set[int] = set()
    k = 0
    while k < len(kept):
        if not is_blank(kept[k]):
            k += 1
            continue
        j = k
        while j + 1 < len(kept) and is_blank(kept[j + 1]):
            j += 1
        group = kept[k : j + 1]
        runs: list[list[int]] = [[group[0]]]
        for i in group[1:]:
            if i == runs[-1][-1] + 1:
                runs[-1].append(i)
            else:
                runs.append([i])
        at_start, at_end = k == 0, j == len(kept) - 1
        # Only a group that deleted lines changed: split runs, or a file edge it now touches.
        changed = len(runs) > 1 or (at_start and group[0] != 0) or (at_end and group[-1] != n - 1)
        if changed:
            allowed = max(len(r) for r in runs)
            if at_start:
                allowed = min(allowed, len(runs[0]) if runs[0][0] == 0 else 0)
            if at_end:
                allowed = min(allowed, len(runs[-1]) if runs[-1][-1] == n - 1 else 0)
            drop.update(i for i in group[allowed:] if i not in blanked)
        k = j + 1
    return drop


# -- planning ----------------------------------------------------------------------------
_PROTECTED = {"html", "head", "body", "main", "article", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "colgroup", "template"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}


@dataclass
class _El:
    tag: str
    start: int
    open_end: int
    parent: "_El | None"
    close_start: int = -1
    close_end: int = -1
    explicit: bool = False  # closed by its own end tag (or self-closed), so its extent is known


class _Elements(PositionedParser):
    """Every element of an HTML source with the source range of its tags."""

    def __init__(self, source: str) -> None:
        super().__init__(source)
        self.elements: list[_El] = []
        self.stack: list[_El] = []
        self.tags: list[tuple[str, str, int, int]] = []  # (start|end, tag, source start, source end)

    def handle_starttag(self, tag, attrs):
        start = self._offset()
        end = start + len(self.get_starttag_text() or "")
        if tag in _VOID:
            return
        self.tags.append(("start", tag, start, end))
        el = _El(tag, start, end, self.stack[-1] if self.stack else None)
        self.elements.append(el)
        self.stack.append(el)

    def handle_startendtag(self, tag, attrs):
        start = self._offset()
        end = start + len(self.get_starttag_text() or "")
        if tag in _VOID:
            return
        el = _El(tag, start, end, self.stack[-1] if self.stack else None, end, end, True)
        self.elements.append(el)

    def handle_endtag(self, tag):
        start = self._offset()
        gt = self.source.find(">", start)
        end = gt + 1 if gt != -1 else len(self.source)
        if tag in _VOID:
            return
        self.tags.append(("end", tag, start, end))
        if not any(el.tag == tag for el in self.stack):
            return  # a stray end tag closes nothing
        while self.stack:
            el = self.stack.pop()
            if el.tag == tag:
                el.close_start, el.close_end, el.explicit = start, end, True
                break
            el.close_start = el.close_end = start

    def finish(self) -> "_Elements":
        self.feed(self.source)
        self.close()
        while self.stack:
            el = self.stack.pop()
            el.close_start = el.close_end = len(self.source)
        return self


def balanced(source: str, start: int, end: int) -> bool:
    """True if the tags inside source[start:end] open and close whole elements."""
    p = _Elements(source[start:end])
    p.feed(p.source)
    p.close()
    depth: list[str] = []
    for kind, tag, _, _ in p.tags:
        if kind == "start":
            depth.append(tag)
        elif not depth or depth.pop() != tag:
            return False
    return not depth


class _Planner:
    def __init__(self, doc: Document, kinds: dict[str, str]) -> None:
        self.doc = doc
        self.source = doc.source
        self.kinds = kinds
        self.lines = Lines(doc.source)
        self._els: list[_El] | None = None
        self._headings: list[tuple[int, int]] | None = None
        runs = sorted(zip(*doc.runs), key=lambda r: (r[2], r[3])) if doc.runs[0] else []
        self._runs = runs
        self._reach: list[int] = []  # the furthest source end of this run and every one before it
        for r in runs:
            self._reach.append(max(r[3], self._reach[-1] if self._reach else 0))

    def plans(self, findings: list[Finding]) -> list[Plan]:
        out = [p for p in map(self.plan, findings) if p is not None]
        return self._merge_elements(out) if self.doc.fmt == "html" else out

    def plan(self, f: Finding) -> Plan | None:
        if not f.fixable or f.end_offset <= f.offset:
            return None
        kind = self.kinds.get(f.code)
        if kind == "boilerplate" and self.doc.fmt == "html":
            rng = self._remove_html(f)
            return Plan([f], [self._removal(*rng)], rng) if rng else None
        if kind == "boilerplate":
            choices = self._remove_lines(f)
        elif f.suggestion is not None:
            choices = self._substitute(f)
        else:
            choices = []
        return Plan([f], choices) if choices else None

    # -- substitutions -------------------------------------------------------------------
    def _substitute(self, f: Finding) -> list[Change]:
        o, e = f.offset, f.end_offset
        if self.source[o:e] != f.matched:  # an entity, tag or line break inside: not safe
            return []
        text = _html.escape(f.suggestion, quote=False) if self.doc.fmt == "html" else f.suggestion
        if text == f.matched:
            return []
        return [Change(o, e, replacement=text, removes=False)]

    # -- text and Markdown: whole lines ---------------------------------------------------
    def _remove_lines(self, f: Finding) -> list[Change]:
        o, e = f.offset, f.end_offset
        if self.doc.fmt == "markdown":
            for hs, he in self.headings:  # a setext heading's underline goes with it
                if hs <= o and e <= he:
                    o, e = hs, max(e, he)
                    break
        ln = self.lines
        if not len(ln):
            return []
        a, b = ln.index(o), ln.index(max(e - 1, o))
        if not self._only_text(ln.starts[a], ln.content_ends[b], f.offset, f.end_offset):
            return []
        out = [Change(ln.starts[a], ln.ends[b], lines=(a, b))]
        if self.doc.fmt == "markdown" and a > 0 and b + 1 < len(ln) and not ln.blank(a - 1) and not ln.blank(b + 1):
            out.append(Change(ln.starts[a], ln.ends[b], lines=(a, b), blank=True))
        return out

    @property
    def headings(self) -> list[tuple[int, int]]:
        if self._headings is None:
            import pyromark

            from .readers.markdown import _OPTIONS, _ByteToChar

            src = self.source
            parsed = regex.sub(r"\r(?!\n)", "\n", src) if "\r" in src else src
            to_char = _ByteToChar(src)
            out = []
            for event, rng in pyromark.events_with_range(parsed, options=_OPTIONS):
                if isinstance(event, dict) and "Start" in event:
                    tag = event["Start"]
                    if (tag if isinstance(tag, str) else next(iter(tag))) == "Heading":
                        out.append((to_char(rng["start"]), to_char(rng["end"])))
            self._headings = out
        return self._headings

    def _only_text(self, start: int, end: int, o: int, e: int) -> bool:
        """True if every non-blank linted character from source[start:end] lies in [o, e)."""
        text = self.doc.text
        i = bisect.bisect_right(self._reach, start)
        while i < len(self._runs):
            t0, t1, s0, s1 = self._runs[i]
            i += 1
            if s0 >= end:
                break
            if s1 <= start:
                continue
            if t1 - t0 == s1 - s0:  # linear: look at the characters outside [o, e)
                lo, hi = max(s0, start), min(s1, end)
                for x, y in ((lo, min(hi, o)), (max(lo, e), hi)):
                    if x < y and text[t0 + x - s0 : t0 + y - s0].strip():
                        return False
            elif (s0 < o or s1 > e) and text[t0:t1].strip():
                return False
        return True

    # -- HTML: elements ------------------------------------------------------------------
    @property
    def elements(self) -> list[_El]:
        if self._els is None:
            self._els = _Elements(self.source).finish().elements
        return self._els

    def _remove_html(self, f: Finding) -> tuple[int, int] | None:
        src, els = self.source, self.elements
        o, e = f.offset, f.end_offset
        # Widen the span until it cuts no element in two.
        for _ in range(100):
            o0, e0 = o, e
            for el in els:
                if el.start >= e0 or el.close_end <= o0:
                    continue
                if o <= el.start < e and el.close_end > e:
                    e = el.close_end
                if o <= el.close_start < e and el.start < o:
                    o = el.start
                if el.start < o < el.open_end:
                    o = el.start
                if el.close_start < e < el.close_end:
                    e = el.close_end
            if (o, e) == (o0, e0):
                break
        else:
            return None
        if not self._only_text(o, e, f.offset, f.end_offset) or not balanced(src, o, e):
            return None
        inner = [el for el in els if el.open_end <= o and e <= el.close_start]
        box = max(inner, key=lambda el: el.start) if inner else None
        rng = (o, e)
        while box is not None and box.explicit and box.tag not in _PROTECTED and \
                not src[box.open_end : rng[0]].strip() and not src[rng[1] : box.close_start].strip():
            rng = (box.start, box.close_end)  # the element holds nothing else: remove it whole
            box = box.parent
        return rng

    def _removal(self, rs: int, re_: int) -> Change:
        """Remove source[rs:re_]: its whole lines if nothing else is on them."""
        src, ln = self.source, self.lines
        a, b = ln.index(rs), ln.index(max(re_ - 1, rs))
        if not src[ln.starts[a] : rs].strip() and not src[re_ : ln.content_ends[b]].strip():
            return Change(ln.starts[a], ln.ends[b], lines=(a, b))
        return Change(rs, re_, replacement="")

    def _merge_elements(self, plans: list[Plan]) -> list[Plan]:
        """An element whose content is nothing but what several fixes remove goes as a whole
        (a share bar whose every button is boilerplate), climbing as a single removal does."""
        removals = [p for p in plans if p.element is not None]
        if len(removals) < 2:
            return plans
        src = self.source
        others = [p for p in plans if p.element is None]
        for el in sorted(self.elements, key=lambda el: el.close_end - el.start):
            if not el.explicit or el.tag in _PROTECTED:
                continue
            inside = [p for p in removals if el.open_end <= p.element[0] and p.element[1] <= el.close_start]
            if not inside:
                continue
            pos, empty = el.open_end, True
            for p in sorted(inside, key=lambda p: p.element):
                if src[pos : p.element[0]].strip():
                    empty = False
                    break
                pos = max(pos, p.element[1])
            if not empty or src[pos : el.close_start].strip():
                continue
            merged = Plan([f for p in inside for f in p.findings], [self._removal(el.start, el.close_end)],
                          (el.start, el.close_end))
            removals = [p for p in removals if p not in inside] + [merged]
        return others + removals


# -- checking a result -------------------------------------------------------------------
def _paragraphs(doc: Document) -> list[tuple[str, int, int]]:
    out = []
    for p in doc.paragraphs:
        out.append((doc.text[p.start : p.end], doc.source_offset(p.start), doc.source_end(p.end)))
    return out


def verify(old: Document, new: Document, changes: list[Change]) -> bool:
    """The fixed document keeps every paragraph it did not remove, in order (and, in HTML,
    every removed range held whole elements)."""
    removed = [(ch.start, ch.end) for ch in changes if ch.removes]
    edited = [(ch.start, ch.end) for ch in changes if not ch.removes]
    if old.fmt == "html":
        for ch in changes:
            if ch.removes and not balanced(old.source, ch.start, ch.end):
                return False
    expected: list[str | None] = []
    for text, s0, s1 in _paragraphs(old):
        if any(a <= s0 and s1 <= b for a, b in removed):
            continue
        if any(s0 < b and a < s1 for a, b in removed + edited):
            expected.append(None)  # touched by a fix: its text may change
        else:
            expected.append(text)
    got = [t for t, _, _ in _paragraphs(new)]
    if len(got) != len(expected):
        return False
    return all(x is None or x == y for x, y in zip(expected, got))


# -- one document ------------------------------------------------------------------------
@dataclass
class Outcome:
    source: str
    fixed: int = 0  # findings fixed


def fix_source(engine, source: str, path: str) -> Outcome:
    """Apply every safe fix to ``source`` (the text of ``path``), linting again after each round."""
    from .readers import read_source

    kinds = {code: rule.kind for code, rule in engine.packs.by_code.items()}
    doc = read_source(source, path)
    fixed = 0
    for _ in range(MAX_ROUNDS):
        findings = engine.lint_document(doc).findings
        planner = _Planner(doc, kinds)
        plans = planner.plans([f for f in findings if f.fixable])
        if not plans:
            break
        plans.sort(key=lambda p: (p.start, -p.end))
        chosen: list[Plan] = []
        for p in plans:
            if chosen and p.start < chosen[-1].end:
                continue  # overlaps an earlier fix: next round
            chosen.append(p)
        doc, n = _apply_round(doc, planner.lines, chosen)
        if not n:
            break
        fixed += n
    return Outcome(doc.source, fixed)


def _apply_round(doc: Document, lines: Lines, chosen: list[Plan]) -> tuple[Document, int]:
    from .readers import read_source

    first = [p.choices[0] for p in chosen]
    candidate = build(doc.source, lines, first)
    new = read_source(candidate, doc.path, doc.fmt)
    if verify(doc, new, first):
        return new, sum(len(p.findings) for p in chosen)
    # One at a time, later ones first so that earlier offsets stay valid.
    applied = 0
    for p in sorted(chosen, key=lambda p: p.start, reverse=True):
        cur_lines = Lines(doc.source)
        for ch in p.choices:
            candidate = build(doc.source, cur_lines, [ch])
            new = read_source(candidate, doc.path, doc.fmt)
            if verify(doc, new, [ch]):
                doc, applied = new, applied + len(p.findings)
                break
    return doc, applied


# -- files -------------------------------------------------------------------------------
@dataclass
class FixRun:
    changed: list[str] = field(default_factory=list)
    fixed: int = 0
    errors: list[FileError] = field(default_factory=list)


def unified_diff(path: str, old: str, new: str) -> str:
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    out = []
    for line in difflib.unified_diff(a, b, fromfile=path, tofile=path):
        out.append(line)
        if not line.endswith(("\n", "\r")):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)


def fix_files(engine, files: list[str], *, write: bool, out: TextIO | None = None,
              stdin_name: str | None = None) -> FixRun:
    """Fix ``files`` in place (``write``) or print their diffs to ``out``.

    A file that cannot be read gets an error (linting reports it too). ``stdin_name`` (diff
    only) reads standard input as that file.
    """
    result = FixRun()
    max_bytes = int(engine.settings.max_file_size * 1024 * 1024)
    if stdin_name is not None:
        try:
            source, _ = decode_exact(sys.stdin.buffer.read(), stdin_name)
        except ReadError as exc:
            result.errors.append(FileError(path=stdin_name, message=exc.reason))
        else:
            _one(engine, stdin_name, source, None, b"", result, write=False, out=out)
    for path in files:
        try:
            if os.path.getsize(path) > max_bytes:
                raise ReadError(path, f"is over the {engine.settings.max_file_size:g} MB limit (max-file-size)")
            with open(path, "rb") as fh:
                data = fh.read()
            source, enc = decode_exact(data, path)
        except ReadError as exc:
            result.errors.append(FileError(path=path, message=exc.reason))
            continue
        except OSError as exc:
            result.errors.append(FileError(path=path, message=exc.strerror or str(exc)))
            continue
        if enc is None and write:
            result.errors.append(FileError(path=path, message="not fixed: its bytes cannot be written back exactly"))
            continue
        _one(engine, path, source, enc, data, result, write=write, out=out)
    return result


def _one(engine, path: str, source: str, enc: Encoding | None, data: bytes, result: FixRun, *, write: bool,
         out: TextIO | None) -> None:
    outcome = fix_source(engine, source, path)
    if outcome.source == source:
        return
    result.changed.append(path)
    result.fixed += outcome.fixed
    if out is not None:
        out.write(unified_diff(path, source, outcome.source))
    if not write or enc is None:
        return
    try:
        with open(path, "rb") as fh:
            if fh.read() != data:
                result.errors.append(FileError(path=path, message="not fixed: the file changed while it was being fixed"))
                return
        write_atomic(path, enc.encode(outcome.source))
    except OSError as exc:
        result.errors.append(FileError(path=path, message=f"not fixed: cannot write: {exc.strerror or exc}"))


def _setup(args, settings, packs):
    from .discover import discover
    from .engine import Engine

    engine = Engine(packs, settings, date_flag=args.date)
    files, missing = discover([p for p in args.paths if p != "-"], settings.include, settings.exclude)
    return engine, files, [FileError(path=m, message="no such file or folder") for m in missing]


def diff(args, settings, packs) -> int:
    """``--diff``: print what ``--fix`` would change as a unified diff; write nothing.

    The exit code: 2 if a file could not be read, else 1 if a file would change, else 0.
    """
    engine, files, errors = _setup(args, settings, packs)
    name = (args.stdin_filename or "-") if "-" in args.paths else None
    res = fix_files(engine, files, write=False, out=sys.stdout, stdin_name=name)
    sys.stdout.flush()
    errors += res.errors
    for e in sorted(errors, key=lambda e: (e.path, e.message)):
        print(f"newslint: {e.path}: {e.message}", file=sys.stderr)
    return 2 if errors else (1 if res.changed else 0)


def apply(args, settings, packs) -> int:
    """``--fix``: fix the files in place before they are linted as usual.

    Returns how many files could not be written (each reported on standard error); a file that
    cannot be read is left to the lint that follows to report.
    """
    if "-" in args.paths:
        raise NewslintError("--fix cannot write standard input; use --diff to see the fixes")
    engine, files, _ = _setup(args, settings, packs)
    res = fix_files(engine, files, write=True)
    failed = [e for e in res.errors if e.message.startswith("not fixed:")]
    for e in failed:
        print(f"newslint: {e.path}: {e.message}", file=sys.stderr)
    if not args.quiet and res.changed:
        n, m = res.fixed, len(res.changed)
        print(f"newslint: fixed {n} finding{'s' * (n != 1)} in {m} file{'s' * (m != 1)}", file=sys.stderr)
    return len(failed)
