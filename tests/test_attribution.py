"""Attribution rules on news sentences that are not their own examples: the construction, not
the list. Each case names the rule that must fire (or that none of the family may)."""
from __future__ import annotations

import pytest

from newslint.config import Settings
from newslint.engine import Engine
from newslint.packs import load_packs
from newslint.readers import read_source

ENGINE = Engine(load_packs(), Settings(select=["attribution"]))


def codes(text: str, fmt: str = "text") -> list[tuple[str, str]]:
    doc = read_source(text, {"text": "a.txt", "markdown": "a.md", "html": "a.html"}[fmt], fmt)
    return [(f.code, f.matched) for f in ENGINE.lint_document(doc).findings]


FLAG = [
    ("A001", "Western diplomats and security experts believe the offensive has stalled."),
    ("A001", "Many economists expected the central bank to hold rates."),
    ("A001", "Independent observers have questioned the official turnout figures."),
    ("A001", "Market watchers speculated that the merger would collapse."),
    ("A001", "Critics argued the ruling would chill free speech."),
    ("A001", "Unconfirmed reports suggested the convoy had been ambushed."),
    ("A001", "The rebels control the city, according to local media reports."),
    ("A001", "It is generally accepted that the treaty failed."),
    ("A001", "Some Israeli analysts warned of a wider war."),
    ("A001", "The plan, some argued, was doomed from the start."),
    ("A001", "Most experts agree that the drought will worsen."),
    ("A002", "Senior Pentagon officials told reporters the strike was a success."),
    ("A002", "Two people familiar with the negotiations said a deal was close."),
    ("A002", "The minister will resign, according to a government source."),
    ("A002", "Intelligence officials have said that the attack was planned."),
    ("A002", "The official, who spoke on condition of anonymity, said the talks had stalled."),
    ("A002", "Diplomats said the vote could be delayed."),
    ("A003", "Dozens of fighters are believed to have crossed the border overnight."),
    ("A003", "The company is said to be weighing a sale."),
    ("A003", "It has been alleged that the ballots were tampered with."),
    ("A003", "The tanker, thought to be carrying Iranian oil, was seized."),
    ("A003", "The militia is widely seen as a proxy force."),
    ("A004", "The suspect allegedly fled to Spain."),
    ("A004", "The two leaders reportedly discussed arms sales."),
    ("A005", "Mr. Lavrov said the proposal was unacceptable."),
    ("A005", "“We will not retreat,” Dr. Okafor told the crowd."),
    ("A006", "The proposal is unacceptable, she said."),
    ("A007", "The vote was delayed.\n\n“This is a dark day for our democracy and for every citizen who believed in it.”\n"),
    ("A008", "The announcement signals a shift in Beijing's approach."),
    ("A008", "The sanctions threaten to further inflame tensions in the region."),
]

PASS = [
    "Foreign Minister Sergei Lavrov said the proposal was unacceptable. Mr. Lavrov added that talks could resume.",
    "Analysts at JPMorgan expect the central bank to hold rates.",
    "Pentagon spokesman Pat Ryder said the strike was a success.",
    "The strike was a success, the Pentagon said in a statement.",
    "Dozens of fighters crossed the border overnight, according to the Syrian Observatory for Human Rights.",
    "The company said it was weighing a sale.",
    "Some of the soldiers were wounded.",
    "Many of the votes have not been counted.",
    "The experts' report was published on Monday.",
    "The sources of the river lie in the mountains.",
    "“Analysts say it will fail, and critics argue it is too late,” the minister said.",
    "Officials in the city reopened the bridge on Monday after repairs.",
    "The meeting is expected to take place on Tuesday.",
    "Kyiv said the attack killed five people.",
    "Reuters reported that the tanker had been seized.",
    "The decision came after weeks of talks.",
    "The study, published in Nature, found that the drought will worsen.",
    "Police said the suspect fled to Spain.",
    "The President of the Commission, Ursula von der Leyen, said the deal was fair. She said talks would continue.",
    "Prime Minister Keir Starmer spoke in London.\n\n“We will not retreat,” he said.\n\n“We will win.”\n",
]


@pytest.mark.parametrize("code,text", FLAG, ids=[f"{c}-{i}" for i, (c, _) in enumerate(FLAG)])
def test_flags(code, text):
    found = codes(text)
    assert code in {c for c, _ in found}, found


@pytest.mark.parametrize("text", PASS, ids=range(len(PASS)))
def test_passes(text):
    assert codes(text) == []


def test_vague_and_anonymous_are_told_apart():
    found = dict(codes("Analysts say the deal is dead. US officials say it is alive."))
    assert found == {"A001": "Analysts say", "A002": "US officials say"}


def test_only_the_first_unintroduced_mention_is_flagged():
    text = "Mr. Kirby said talks would continue.\nMr. Kirby said more.\nMr. Kirby noted the risk.\n"
    assert [c for c, _ in codes(text)] == ["A005"]


def test_agentless_finding_covers_the_claim():
    (found,) = codes("Sanctions hit three entities believed to be linked to arms deals.")
    assert found == ("A003", "believed to be linked to arms deals")


def test_attribution_rules_work_in_markdown_and_html():
    md = "# Talks\n\nWestern analysts say the *talks* will fail.\n"
    html = "<html><body><p>Western analysts say the <b>talks</b> will fail.</p></body></html>"
    assert codes(md, "markdown") == [("A001", "Western analysts say")]
    assert codes(html, "html") == [("A001", "Western analysts say")]
