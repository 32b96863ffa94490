"""HTML: the visible body text, each character mapped back into the HTML source.

The standard library's ``html.parser`` reports where every tag, text run and character
reference starts, so no position is ever guessed. Scripts, styles, the head (but for its title
and meta tags, read as metadata) and elements marked ``hidden`` are not linted. Block elements
and ``<br>`` end a line of text; other white space inside text becomes spaces.
"""
from __future__ import annotations

from html.entities import html5, name2codepoint
from html.parser import HTMLParser

from ..document import Document, OffsetMapBuilder

_INVISIBLE = {"script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object", "canvas", "select", "textarea"}
_CODE = {"code", "pre", "kbd", "samp", "var"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
_BLOCK = {
    "address", "article", "aside", "blockquote", "body", "dd", "details", "dialog", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hgroup", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul", "caption", "html", "br", "title",
}
_META_NAMES = {
    "date": "date", "pubdate": "date", "publishdate": "date", "dc.date": "date", "dcterms.date": "date",
    "article:published_time": "date", "og:published_time": "date", "article:modified_time": "modified",
    "author": "author", "og:site_name": "source", "og:title": "title", "description": "description",
}
_WS = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "\f": " "})


class PositionedParser(HTMLParser):
    """An HTMLParser that knows the character offset of the token it is handling."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self._line_starts = [0]  # html.parser counts lines by LF, as these starts do
        i = source.find("\n")
        while i != -1:
            self._line_starts.append(i + 1)
            i = source.find("\n", i + 1)

    def _offset(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col


class _Extractor(PositionedParser):
    def __init__(self, source: str) -> None:
        super().__init__(source)
        self.b = OffsetMapBuilder()
        self.metadata: dict = {}
        self.hidden_stack: list[str] = []  # open elements that hide their content
        self.code_depth = 0
        self.open_links: list[tuple[int, str]] = []
        self.pre_depth = 0
        self.in_title = False
        self.title: list[str] = []

    def _break(self) -> None:
        if self.b.length and self.b.last_char() != "\n":
            self.b.add_synthetic("\n", self._offset())

    def handle_starttag(self, tag, attrs):
        attrs_d = {k.lower(): (v or "") for k, v in attrs}
        if tag == "html" and attrs_d.get("lang"):
            self.metadata.setdefault("language", attrs_d["lang"])
        if tag == "meta":
            key = (attrs_d.get("name") or attrs_d.get("property") or "").lower()
            if key in _META_NAMES and attrs_d.get("content"):
                self.metadata.setdefault(_META_NAMES[key], attrs_d["content"])
            return
        if tag == "time" and attrs_d.get("datetime") and "date" not in self.metadata:
            self.metadata["date"] = attrs_d["datetime"]
        if tag == "title":
            self.in_title = True
        if tag in _VOID:
            if tag in ("br", "hr") and not self.hidden_stack:
                self._break()
            return
        if self.hidden_stack or tag in _INVISIBLE or "hidden" in attrs_d or attrs_d.get("aria-hidden") == "true":
            self.hidden_stack.append(tag)
            return
        if tag in _BLOCK:
            self._break()
        if tag == "a":
            self.open_links.append((self.b.length, attrs_d.get("href", "")))
        if tag in _CODE:
            self.code_depth += 1
        if tag == "pre":
            self.pre_depth += 1

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self.hidden_stack and self.hidden_stack[-1] == tag:
            self.hidden_stack.pop()

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
            if self.title:
                self.metadata.setdefault("title", "".join(self.title).strip())
        if self.hidden_stack:
            if tag in self.hidden_stack:
                while self.hidden_stack and self.hidden_stack.pop() != tag:
                    pass
            return
        if tag == "a" and self.open_links:
            start, href = self.open_links.pop()
            if href:
                self.b.links.append((start, self.b.length, href))
        if tag in _CODE and self.code_depth:
            self.code_depth -= 1
        if tag == "pre" and self.pre_depth:
            self.pre_depth -= 1
        if tag in _BLOCK:
            self._break()

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        if self.hidden_stack:
            return
        start = self._offset()
        for k, piece in enumerate(data.split("\r\n")):
            if k:  # CRLF is one line end in HTML, as LF is: one space (a newline in <pre>)
                self.b.add("\n" if self.pre_depth else " ", start, start + 2, masked=bool(self.code_depth))
                start += 2
            text = piece if self.pre_depth else piece.translate(_WS)
            self.b.add(text, start, start + len(piece), masked=bool(self.code_depth))
            start += len(piece)

    def _reference(self, char: str, raw_len_without_semicolon: int) -> None:
        if self.in_title:
            self.title.append(char)
        if self.hidden_stack:
            return
        start = self._offset()
        end = start + raw_len_without_semicolon
        if self.source.startswith(";", end):
            end += 1
        self.b.add(char, start, end, masked=bool(self.code_depth))

    def handle_entityref(self, name):
        cp = name2codepoint.get(name)
        semi = self.source.startswith(";", self._offset() + len(name) + 1)
        # HTML5 names (&apos; and others) too; an unknown name stays as written.
        char = chr(cp) if cp else html5.get(name + ";" if semi else name) or f"&{name}{';' * semi}"
        self._reference(char.translate(_WS), len(name) + 1)

    def handle_charref(self, name):
        try:
            cp = int(name[1:], 16) if name[:1] in "xX" else int(name)
            char = chr(cp)
        except (ValueError, OverflowError):
            char = "\ufffd"
        self._reference(char.translate(_WS), len(name) + 2)


def read(source: str, path: str) -> Document:
    parser = _Extractor(source)
    parser.feed(source)
    parser.close()
    return parser.b.build(source, path, "html", parser.metadata)
