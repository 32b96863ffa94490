"""Markdown, through pyromark (pulldown-cmark): every text event comes with its source range.

Front matter (a leading ``---`` YAML block) is read as metadata, not linted. Code blocks and raw
HTML are left out; inline code and autolinks are kept in the text but masked, so rules neither
flag them nor match across them. Soft line breaks become spaces: a paragraph is one line of text.
"""
from __future__ import annotations

import bisect
import re

import pyromark

from ..document import Document, OffsetMapBuilder

_OPTIONS = (
    pyromark.Options.ENABLE_YAML_STYLE_METADATA_BLOCKS
    | pyromark.Options.ENABLE_TABLES
    | pyromark.Options.ENABLE_STRIKETHROUGH
    | pyromark.Options.ENABLE_FOOTNOTES
    | pyromark.Options.ENABLE_TASKLISTS
)

# Containers whose end closes a line of linted text.
_BLOCK_ENDS = {"Paragraph", "Heading", "Item", "TableCell", "TableRow", "TableHead", "BlockQuote", "FootnoteDefinition", "DefinitionListTitle", "DefinitionListDefinition"}
_SKIPPED = {"CodeBlock", "HtmlBlock", "MetadataBlock", "Image"}


class _ByteToChar:
    """Maps UTF-8 byte offsets from pyromark to character offsets in the source."""

    def __init__(self, source: str) -> None:
        self.ascii = source.isascii()
        if not self.ascii:
            self.byte_starts: list[int] = []
            pos = 0
            for ch in source:
                self.byte_starts.append(pos)
                pos += len(ch.encode("utf-8"))
            self.byte_starts.append(pos)

    def __call__(self, b: int) -> int:
        if self.ascii:
            return b
        return bisect.bisect_left(self.byte_starts, b)


def _name(tag) -> str:
    return tag if isinstance(tag, str) else next(iter(tag))


def read(source: str, path: str) -> Document:
    b = OffsetMapBuilder()
    to_char = _ByteToChar(source)
    metadata: dict = {}
    skip_depth = 0
    in_meta = False
    link_urls: list[str] = []
    link_starts: list[int] = []

    def newline(at: int) -> None:
        if b.length and b.last_char() != "\n":
            b.add_synthetic("\n", at)

    # A lone CR ends a line, but pulldown-cmark misses front matter written so; LF has the same length.
    parsed = re.sub(r"\r(?!\n)", "\n", source) if "\r" in source else source
    for event, rng in pyromark.events_with_range(parsed, options=_OPTIONS):
        s, e = to_char(rng["start"]), to_char(rng["end"])
        if isinstance(event, dict):
            (kind, value), = event.items()
        else:  # bare names: Rule, SoftBreak, HardBreak
            kind, value = event, None
        if kind == "Start":
            name = _name(value)
            if name in _SKIPPED:
                skip_depth += 1
                in_meta = in_meta or name == "MetadataBlock"
            elif name == "Link":
                link_urls.append(value["Link"]["dest_url"])
                link_starts.append(b.length)
            continue
        if kind == "End":
            name = _name(value)
            if name in _SKIPPED:
                skip_depth -= 1
                if name == "MetadataBlock":
                    in_meta = False
                newline(e)
            elif name == "Link":
                b.links.append((link_starts.pop(), b.length, link_urls.pop()))
            elif name in _BLOCK_ENDS:
                newline(e)
            continue
        if in_meta and kind == "Text":
            metadata.update(_front_matter(value))
            continue
        if skip_depth:
            continue
        if kind == "Text":
            # Escapes and entities make the text differ from its source; the map then spans the piece.
            autolink = bool(link_urls) and value in (link_urls[-1], link_urls[-1].removeprefix("mailto:"))
            b.add(value, s, e, masked=autolink)
        elif kind == "Code":
            b.add(value, s, e, masked=True)
        elif kind == "SoftBreak":
            b.add(" ", s, e)
        elif kind in ("HardBreak", "Rule"):
            newline(s)
        # InlineHtml, Html, FootnoteReference, TaskListMarker, math: not prose.
    return b.build(source, path, "markdown", metadata)


def _front_matter(block: str) -> dict:
    import yaml  # only articles with front matter need it

    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k).lower(): v for k, v in data.items()}
