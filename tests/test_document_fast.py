"""Document-level shortcuts answer as the plain computation does. Nothing is timed."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from newslint.readers import read_source


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["see", "http://a.b/c", "https://x.org/p?q=1).", "www.example.com/x,", "a@b.co",
                                 "x.y+z@mail-host.example.org", "@", "://", "www.", "\n", " ", "\r\n", ".", "“", "İ"]),
                max_size=30).map("".join))
def test_addresses_are_found_as_by_searching_the_whole_text(text):
    from newslint.document import _URL_RE, _addresses

    assert _addresses(text) == [m.span() for m in _URL_RE.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Some", "analysts", "2reportedly", "covid19", "ſome", "İnsiders", "\u212aey", "x_y",
                                 "high-level", " ", "\n", ",", "é", "İİ"]), max_size=25).map("".join))
def test_paragraph_words_hold_every_run_of_letters_a_pattern_can_match(text):
    """Every ASCII word that a case-insensitive pattern finds in a paragraph, with no letter or hyphen
    either side, is among the paragraph's words."""
    import regex

    doc = read_source(text, "t.txt")
    word = regex.compile(r"(?i)(?<![\p{L}-])(?:some|analysts|reportedly|covid|insiders|key|high|x|y)(?![\p{L}-])")
    for p, words in zip(doc.paragraphs, doc.paragraph_words):
        for m in word.finditer(doc.text, p.start, p.end):
            assert m.group(0).translate({0x17F: "s", 0x130: "i", 0x212A: "k"}).lower() in words, (m.group(0), words)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["Some", "ANALYSTS", "2reportedly", "covid19", "x_y", "_", "9", "high-level", " ", "\n",
                                 "\t", ",", "“", "—", "\u00a0", "é", "É", "ſ", "İ", "\u212a", "\u0301", "٣", "\u200d",
                                 "Ⓐ", "€", "?", "a?b"]), max_size=25).map("".join))
def test_paragraph_words_split_on_bytes_are_those_of_the_regular_expression(text):
    from newslint.document import _paragraph_words, _words

    assert _paragraph_words(text) == _words(text.lower())


def test_no_character_outside_words_lowers_into_a_word_character():
    """What lets ``_paragraph_words`` blank every character outside ASCII of a paragraph that has
    no word character outside ASCII: lowering such a paragraph makes no new word character."""
    import sys

    import regex

    word = regex.compile(r"\w")
    odd = [hex(c) for c in range(0x80, sys.maxunicode + 1)
           if not word.match(chr(c)) and word.search(chr(c).lower())]
    assert odd == []
