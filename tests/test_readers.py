"""Readers: what text each format gives the rules, what it leaves out or masks, what it reads as
metadata, and how pieces of that text map back into the source. Plus the Document's structure:
paragraphs, sentences, quotations and masking."""
from __future__ import annotations

import codecs
import datetime as dt

import pytest

from newslint.errors import ReadError
from newslint.readers import decode, format_for, read_path, read_source


def md(source: str):
    return read_source(source, "article.md")


def html(source: str):
    return read_source(source, "article.html")


def txt(source: str):
    return read_source(source, "article.txt")


def span_text(doc, span) -> str:
    return doc.text[span.start : span.end]


def src_of(doc, needle: str, nth: int = 0) -> str:
    """The source text that the ``nth`` occurrence of ``needle`` in the linted text maps to."""
    pos = -1
    for _ in range(nth + 1):
        pos = doc.text.index(needle, pos + 1)
    return doc.source[doc.source_offset(pos) : doc.source_end(pos + len(needle))]


def lines_of(doc) -> list[str]:
    return [span_text(doc, p) for p in doc.paragraphs]


# -- formats and decoding -----------------------------------------------------------------
@pytest.mark.parametrize(
    "name, fmt",
    [("a.txt", "text"), ("a.TEXT", "text"), ("a.md", "markdown"), ("a.Markdown", "markdown"),
     ("a.html", "html"), ("a.HTM", "html"), ("no_extension", "text"), ("a.rst", "text")],
)
def test_format_is_picked_by_extension(name, fmt):
    assert format_for(name) == fmt


# -- plain text -----------------------------------------------------------------------------
def test_text_lf_lines_are_paragraphs():
    doc = txt("First line.\nSecond line.\n\nFourth line.\n")
    assert doc.fmt == "text"
    assert doc.text == "First line.\nSecond line.\n\nFourth line.\n"
    assert lines_of(doc) == ["First line.", "Second line.", "Fourth line."]


def test_text_crlf_becomes_one_newline_and_maps_back():
    src = "Alpha one.\r\nBeta two.\r\n\r\nGamma three."
    doc = txt(src)
    assert doc.text == "Alpha one.\nBeta two.\n\nGamma three."
    assert "\r" not in doc.text
    assert lines_of(doc) == ["Alpha one.", "Beta two.", "Gamma three."]
    pos = doc.text.index("Gamma")
    assert doc.source_offset(pos) == src.index("Gamma")
    assert doc.line_col(doc.source_offset(pos)) == (4, 1)
    assert src_of(doc, "three") == "three"


def test_text_lone_cr_is_a_line_end():
    src = "Alpha one.\rBeta two.\r\rGamma three."
    doc = txt(src)
    assert doc.text == "Alpha one.\nBeta two.\n\nGamma three."
    assert lines_of(doc) == ["Alpha one.", "Beta two.", "Gamma three."]
    # Editors (and the LSP) count a lone CR as a line end, so line numbers must too.
    pos = doc.text.index("two")
    assert doc.line_col(doc.source_offset(pos)) == (2, 6)
    pos = doc.text.index("Gamma")
    assert doc.line_col(doc.source_offset(pos)) == (4, 1)


def test_text_mixed_line_ends():
    src = "one\r\ntwo\rthree\nfour"
    doc = txt(src)
    assert doc.text == "one\ntwo\nthree\nfour"
    for word, line in (("one", 1), ("two", 2), ("three", 3), ("four", 4)):
        assert doc.line_col(doc.source_offset(doc.text.index(word))) == (line, 1)


def test_text_tabs_are_kept_and_count_one_column():
    src = "\tIndented\tword here."
    doc = txt(src)
    assert doc.text == src
    pos = doc.text.index("word")
    assert doc.line_col(doc.source_offset(pos)) == (1, 11)
    assert lines_of(doc) == ["Indented\tword here."]


def test_text_html_comments_are_masked():
    src = "Before <!-- newslint-disable-next-line --> after."
    doc = txt(src)
    assert len(doc.text) == len(src)
    start = src.index("<!--")
    assert doc.is_masked(start + 5, start + 10)
    assert not doc.is_masked(0, 6)
    assert not doc.is_masked(src.index("after"), src.index("after") + 5)


def test_utf8_bom_is_removed(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes(codecs.BOM_UTF8 + "Café société.\r\nSecond.".encode("utf-8"))
    doc = read_path(str(p))
    assert doc.source == "Café société.\r\nSecond."
    assert doc.text == "Café société.\nSecond."
    assert not doc.text.startswith("\ufeff")
    # Columns count characters of the file without its BOM.
    assert doc.line_col(doc.source_offset(doc.text.index("société"))) == (1, 6)


@pytest.mark.parametrize("encoding, bom", [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)])
def test_utf16_with_bom(tmp_path, encoding, bom):
    body = "Zürich said “yes”.\r\nLine two — done."
    p = tmp_path / "u16.md"
    p.write_bytes(bom + body.encode(encoding))
    doc = read_path(str(p))
    assert doc.source == body
    assert doc.fmt == "markdown"
    assert doc.text == "Zürich said “yes”. Line two — done.\n"
    assert doc.line_col(doc.source_offset(doc.text.index("done"))) == (2, 12)


def test_utf16_without_bom_is_refused_as_binary():
    with pytest.raises(ReadError, match="binary"):
        decode("Plain words".encode("utf-16-le"), "x.txt")


def test_invalid_utf8_names_the_byte_and_line():
    with pytest.raises(ReadError) as exc:
        decode(b"fine line\nsecond caf\xe9 line\n", "x.txt")
    assert "0xe9" in exc.value.reason
    assert "line 2" in exc.value.reason
    assert "\n" not in str(exc.value)


def test_binary_file_is_refused():
    with pytest.raises(ReadError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "img.txt")


def test_read_path_errors(tmp_path):
    with pytest.raises(ReadError, match="no such file"):
        read_path(str(tmp_path / "missing.txt"))
    with pytest.raises(ReadError, match="directory"):
        read_path(str(tmp_path))
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * 300)
    with pytest.raises(ReadError, match="limit"):
        read_path(str(big), max_bytes=1000)


# -- Markdown -------------------------------------------------------------------------------
FRONT = """---
title: "Budget: the vote"
date: 2023-07-25
language: de
Author: Jane Roe
---

Der Haushalt wurde beschlossen.
"""


def test_markdown_front_matter_is_metadata_not_text():
    doc = md(FRONT)
    assert doc.metadata["title"] == "Budget: the vote"
    assert doc.metadata["date"] == dt.date(2023, 7, 25)
    assert doc.metadata["language"] == "de"
    assert doc.metadata["author"] == "Jane Roe"  # keys are lower-cased
    assert "title" not in doc.text and "Jane" not in doc.text and "2023" not in doc.text
    assert lines_of(doc) == ["Der Haushalt wurde beschlossen."]
    pos = doc.text.index("Haushalt")
    assert doc.line_col(doc.source_offset(pos)) == (8, 5)


def test_markdown_front_matter_with_crlf():
    doc = md(FRONT.replace("\n", "\r\n"))
    assert doc.metadata["title"] == "Budget: the vote"
    assert doc.metadata["language"] == "de"
    assert lines_of(doc) == ["Der Haushalt wurde beschlossen."]


def test_markdown_front_matter_with_lone_cr():
    doc = md(FRONT.replace("\n", "\r"))
    assert doc.metadata["title"] == "Budget: the vote"
    assert lines_of(doc) == ["Der Haushalt wurde beschlossen."]
    assert doc.line_col(doc.source_offset(doc.text.index("Haushalt"))) == (8, 5)


def test_markdown_bad_front_matter_is_ignored_not_fatal():
    doc = md("---\ntitle: [unclosed\n---\n\nBody text.\n")
    assert lines_of(doc) == ["Body text."]
    assert "title" not in doc.metadata


def test_markdown_code_blocks_and_comments_are_left_out():
    src = (
        "Intro paragraph.\n\n"
        "```python\nfenced_secret = 1\n```\n\n"
        "~~~\ntilde_secret\n~~~\n\n"
        "    indented_secret = 2\n\n"
        "<!-- comment_secret -->\n\n"
        "<div>\nhtml_block_secret\n</div>\n\n"
        "Closing paragraph.\n"
    )
    doc = md(src)
    assert "secret" not in doc.text
    assert lines_of(doc) == ["Intro paragraph.", "Closing paragraph."]


def test_markdown_inline_code_and_urls_are_kept_but_masked():
    src = "Run `rm target` now, see <https://example.com/target> or www.example.org/page and mail a@b.example.\n"
    doc = md(src)
    assert doc.text == "Run rm target now, see https://example.com/target or www.example.org/page and mail a@b.example.\n"
    for piece in ("rm target", "https://example.com/target", "www.example.org/page", "a@b.example"):
        start = doc.text.index(piece)
        assert doc.is_masked(start, start + len(piece)), piece
        assert doc.is_masked(start + 1, start + 2), piece
    for word in ("Run", "now", "see", "mail"):
        start = doc.text.index(word)
        assert not doc.is_masked(start, start + len(word)), word
    # The code text differs from its source (the backticks), so the piece maps to the whole span.
    assert src_of(doc, "rm target") == "`rm target`"


def test_markdown_link_text_is_prose_and_its_url_is_not():
    doc = md("Read [the full report](https://example.com/x) today.\n")
    assert doc.text == "Read the full report today.\n"
    start = doc.text.index("full report")
    assert not doc.is_masked(start, start + 11)


def test_markdown_images_are_left_out():
    doc = md("Before ![alt words here](pic.png) after.\n")
    assert "alt words" not in doc.text
    assert "Before" in doc.text and "after." in doc.text


def test_markdown_soft_breaks_join_a_paragraph():
    src = "The minister said\nthe budget would pass\r\nnext week.\n\nSecond paragraph.\n"
    doc = md(src)
    assert lines_of(doc) == ["The minister said the budget would pass next week.", "Second paragraph."]
    assert doc.line_col(doc.source_offset(doc.text.index("next"))) == (3, 1)


def test_markdown_hard_break_ends_a_line():
    doc = md("First part  \nsecond part\\\nthird part\n")
    assert lines_of(doc) == ["First part", "second part", "third part"]


def test_markdown_headings_and_list_items_are_own_lines():
    src = (
        "# Main heading\n"
        "Setext heading\n==============\n\n"
        "- first item\n- second item\n  continued\n\n"
        "1. numbered one\n2. numbered two\n\n"
        "> quoted block\n> still quoted\n\n"
        "| Name | Role |\n|------|------|\n| Ann | Chair |\n"
    )
    doc = md(src)
    assert lines_of(doc) == [
        "Main heading", "Setext heading",
        "first item", "second item continued",
        "numbered one", "numbered two",
        "quoted block still quoted",
        "Name", "Role", "Ann", "Chair",
    ]


def test_markdown_escapes_and_entities():
    src = "Not \\*emphasis\\* here &amp; there &#8220;quoted&#8221; &copy; done.\n"
    doc = md(src)
    assert doc.text == "Not *emphasis* here & there “quoted” © done.\n"
    # Each replaced character maps to its whole escape or reference in the source.
    assert src_of(doc, "&") == "&amp;"
    assert src_of(doc, "“") == "&#8220;"
    assert src_of(doc, "©") == "&copy;"
    assert src_of(doc, "*", 0) == "*"
    assert src_of(doc, "emphasis") == "emphasis"
    assert src_of(doc, "done") == "done"


def test_markdown_emphasis_markers_are_not_text():
    doc = md("Some **bold** and _italic_ and ~~struck~~ words.\n")
    assert doc.text == "Some bold and italic and struck words.\n"
    assert src_of(doc, "italic") == "italic"
    assert src_of(doc, "words") == "words"


def test_markdown_non_ascii_offsets_are_characters_not_bytes():
    src = "# Zürich 日本\n\nÉmile 🎉 met Ωmega in Kraków.\n\n- ünïcode item here\n"
    doc = md(src)
    assert lines_of(doc) == ["Zürich 日本", "Émile 🎉 met Ωmega in Kraków.", "ünïcode item here"]
    for word in ("日本", "met", "Ωmega", "Kraków", "item"):
        pos = doc.text.index(word)
        assert doc.source_offset(pos) == src.index(word), word
        assert doc.source_end(pos + len(word)) == src.index(word) + len(word), word
    assert doc.line_col(doc.source_offset(doc.text.index("Kraków"))) == (3, 22)


# -- HTML -----------------------------------------------------------------------------------
PAGE = """<!DOCTYPE html>
<html lang="fr-CA">
<head>
  <title>Le budget &amp; la ville</title>
  <meta property="article:published_time" content="2021-03-04T10:00:00Z">
  <meta name="author" content="Jean Roe">
  <style>p { color: red; }</style>
  <script>var secretScript = "target";</script>
</head>
<body>
  <script>alert("bodyScript")</script>
  <style>.x { }</style>
  <noscript>noscriptText</noscript>
  <h1>Le budget</h1>
  <p>Premier paragraphe, assez court.</p>
  <div hidden>hiddenDiv text</div>
  <div aria-hidden="true">ariaHidden text</div>
  <template><p>templateText</p></template>
  <p>Deuxième <b>paragraphe</b> ici.</p>
</body>
</html>
"""


def test_html_metadata():
    doc = html(PAGE)
    assert doc.fmt == "html"
    assert doc.metadata["language"] == "fr-CA"
    assert doc.metadata["title"] == "Le budget & la ville"
    assert doc.metadata["date"] == "2021-03-04T10:00:00Z"
    assert doc.metadata["author"] == "Jean Roe"


def test_html_meta_name_date():
    doc = html('<html><head><meta name="date" content="2019-05-06"></head><body><p>x</p></body></html>')
    assert doc.metadata["date"] == "2019-05-06"


def test_html_invisible_parts_are_not_text():
    doc = html(PAGE)
    for hidden in ("secretScript", "bodyScript", "color", "noscriptText", "hiddenDiv", "ariaHidden", "templateText", "budget &"):
        assert hidden not in doc.text, hidden
    assert "Le budget & la ville" not in doc.text  # the title is metadata, not article text
    assert lines_of(doc) == ["Le budget", "Premier paragraphe, assez court.", "Deuxième paragraphe ici."]


def test_html_blocks_and_br_end_lines_inline_tags_do_not():
    src = "<p>One <em>two</em> <a href='#'>three</a></p><p>four<br>five<br/>six</p><ul><li>item a</li><li>item b</li></ul><p>Wrapped\nsource\r\nlines</p>"
    doc = html(src)
    assert lines_of(doc) == ["One two three", "four", "five", "six", "item a", "item b", "Wrapped source lines"]


def test_html_crlf_is_one_line_end():
    # HTML parsing turns CRLF into one LF, so a CRLF file reads exactly like its LF twin.
    lf = "<p>Wrapped\nsource lines</p>\n<pre>one\ntwo</pre>\n"
    crlf = lf.replace("\n", "\r\n")
    assert html(crlf).text == html(lf).text
    doc = html(crlf)
    assert lines_of(doc) == ["Wrapped source lines", "one", "two"]
    assert "\r" not in doc.text
    assert src_of(doc, "source") == "source"
    assert src_of(doc, "two") == "two"


def test_html_entities_map_back_to_source():
    src = "<p>Tom &amp; Jerry said &#8220;hi&#x201C; &eacute;t&eacute; and&nbsp;more.</p>"
    doc = html(src)
    assert doc.text == "Tom & Jerry said “hi“ été and\u00a0more.\n"
    assert src_of(doc, "&") == "&amp;"
    assert src_of(doc, "“", 0) == "&#8220;"
    assert src_of(doc, "“", 1) == "&#x201C;"
    assert src_of(doc, "\u00a0") == "&nbsp;"
    assert src_of(doc, "Jerry") == "Jerry"
    assert src_of(doc, "more") == "more"
    assert src_of(doc, "hi") == "hi"


def test_html_pre_and_code_are_masked():
    src = "<p>Use <code>the target</code> here.</p><pre>keep   spacing\nin pre</pre><p>After <kbd>Ctrl</kbd>.</p>"
    doc = html(src)
    assert "keep   spacing\nin pre" in doc.text  # <pre> keeps its white space
    for piece in ("the target", "keep   spacing", "in pre", "Ctrl"):
        start = doc.text.index(piece)
        assert doc.is_masked(start, start + len(piece)), piece
    for word in ("Use", "here", "After"):
        start = doc.text.index(word)
        assert not doc.is_masked(start, start + len(word)), word


def test_html_nested_inline_tags_map_linearly():
    src = "<p>héllo <b>bold <i>deep <span class='x'>inner</span> words</i></b> end</p>"
    doc = html(src)
    assert lines_of(doc) == ["héllo bold deep inner words end"]
    for word in ("bold", "deep", "inner", "words", "end"):
        assert src_of(doc, word) == word
        assert doc.source_offset(doc.text.index(word)) == src.index(word)


def test_html5_named_references():
    doc = html("<p>We don&apos;t know &hellip; &NotEqualTilde; end</p>")
    assert doc.text == "We don't know … \u2242\u0338 end\n"
    assert src_of(doc, "'") == "&apos;"
    assert src_of(doc, "…") == "&hellip;"
    assert src_of(doc, "end") == "end"


def test_html_unknown_entity_is_kept_as_written():
    doc = html("<p>A &bogus; entity &alsobogus here.</p>")
    assert doc.text == "A &bogus; entity &alsobogus here.\n"
    assert src_of(doc, "entity") == "entity"
    assert src_of(doc, "here") == "here"


# -- Document structure -----------------------------------------------------------------------
def test_paragraphs_are_trimmed_nonblank_lines():
    doc = txt("  First para.  \n\n\t\nSecond para.\n   \n")
    assert [span_text(doc, p) for p in doc.paragraphs] == ["First para.", "Second para."]
    assert doc.paragraph_at(doc.text.index("Second")) == doc.paragraphs[1]


def test_sentences_respect_abbreviations():
    doc = txt("Mr. Kirby said the U.S. would act. It did so on Monday. Dr. Smith left at 5 p.m. yesterday.\nNew paragraph here.")
    got = [span_text(doc, s) for s in doc.sentences]
    assert got[0] == "Mr. Kirby said the U.S. would act."
    assert got[1] == "It did so on Monday."
    assert got[-1] == "New paragraph here."
    assert not any(s in ("Mr.", "U.S.", "Kirby said the U.S. would act.") for s in got)


def test_sentence_at():
    doc = txt("The U.S. Army said so. Others did not.")
    s = doc.sentence_at(doc.text.index("Others"))
    assert span_text(doc, s) == "Others did not."
    s = doc.sentence_at(doc.text.index("Army"))
    assert span_text(doc, s) == "The U.S. Army said so."


def quotes(doc) -> list[str]:
    return [span_text(doc, q) for q in doc.quotations]


def test_quotations_curly_straight_and_guillemets():
    assert quotes(txt("He said “it is over” and left.")) == ["“it is over”"]
    assert quotes(txt('He said "it is over" and left.')) == ['"it is over"']
    assert quotes(txt("Il a dit «c’est fini» hier.")) == ["«c’est fini»"]


def test_multi_sentence_quotation_is_one_span():
    doc = txt("He said “It is over. We are done.” Then he left.")
    assert quotes(doc) == ["“It is over. We are done.”"]
    start = doc.text.index("We are")
    assert doc.in_quotation(start, start + 6)
    start = doc.text.index("Then")
    assert not doc.in_quotation(start, start + 4)


def test_markdown_quotation_across_a_soft_break():
    doc = md("She said “the plan\nwill fail” on Monday.\n")
    assert quotes(doc) == ["“the plan will fail”"]


def test_unclosed_quotation_runs_to_paragraph_end():
    doc = txt("He said “this never closes, and more\nNext paragraph is not quoted.")
    assert quotes(doc) == ["“this never closes, and more"]
    start = doc.text.index("Next")
    assert not doc.in_quotation(start, start + 4)


def test_apostrophes_are_not_quotations():
    doc = txt("I don't know Russia’s plan or the minister's view; it’s Kyiv’s call.")
    assert quotes(doc) == []
    start = doc.text.index("know")
    assert not doc.in_quotation(start, start + 4)


def test_single_curly_quotes_are_quotations():
    doc = txt("The so-called ‘peace plan’ failed, Russia’s envoy said.")
    assert quotes(doc) == ["‘peace plan’"]


def test_is_masked_boundaries():
    doc = md("Plain `code` plain.\n")
    start = doc.text.index("code")
    end = start + 4
    assert doc.is_masked(start, end)
    assert doc.is_masked(start - 3, start + 1)  # overlapping the start
    assert doc.is_masked(end - 1, end + 3)  # overlapping the end
    assert not doc.is_masked(start - 6, start - 1)  # "Plain" before it
    assert not doc.is_masked(end, end + 6)  # right after it
