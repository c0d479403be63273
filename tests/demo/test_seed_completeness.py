"""Every sentence, figure, list item and table row of the two source plans is on
the plan's page, in the source's order."""

import html
import re
from pathlib import Path

import pytest
from django.utils.html import strip_tags

SOURCES = Path(__file__).resolve().parents[2] / "demo" / "sources"
SLUGS = ["safer-bucks-plan-2015-16", "safer-buckinghamshire-plan-2020-2023"]
# Where the page deliberately differs from the source text, and why.
KNOWN_DIFFERENCES = [
    # The one-year change is computed from the stored counts: 30,531 -> 33,529 is 9.8%.
    ("This is a 9% increase", "This is a 10% increase"),
    # Period and subtitle come from the plan's fields, in the product's own style.
    ("2015 - 16", "2015-16"),
    ("(The Buckinghamshire Community Safety Agreement)", "The Buckinghamshire Community Safety Agreement"),
    ("PRIORITY 5", "Priority 5"),
    # A source link with no target now points at the appendix; its words stay.
    ("[appendix 1](#)", "appendix 1"),
]


def normalise(text: str) -> str:
    text = html.unescape(text).replace("\u00a0", " ").replace("**", "")
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)  # 2,379 and 2379 are the same figure
    text = re.sub(r"\b(\d+)\. (?=[A-Z])", r"\1 ", text)  # "1. Introduction" / "1 Introduction"
    return re.sub(r"\s+", " ", text).strip()


def source_fragments(text: str) -> list[str]:
    for old, new in KNOWN_DIFFERENCES:
        text = text.replace(old, new)
    text = re.sub(r"<ol[^>]*>", "\n", text)
    text = re.sub(r" (\d)\. ", r"\n", text)  # the appendix's numbered items
    fragments = []
    for line in re.split(r"[\n\t]", text):
        line = re.sub(r"^\s*(?:[●⇒–-]\s*)+", "", line)  # bullets
        line = normalise(line)
        if line:
            fragments.append(line)
    return fragments


def page_text(client, slug: str) -> str:
    content = client.get(f"/plans/{slug}/").text
    article = content[content.index('id="main-content"') : content.index("</main>")]
    # Block tags become spaces so list items and table cells do not run together.
    article = re.sub(r"<(/?)(p|li|ul|ol|tr|td|th|h\d|div|section|dt|dd|caption)\b", r" <\1\2", article)
    return normalise(strip_tags(article))


@pytest.mark.parametrize("slug", SLUGS)
def test_every_fragment_of_the_source_is_on_the_page_in_order(viewer_client, demo_plans, slug):
    page = page_text(viewer_client, slug)
    position, missing = 0, []
    for fragment in source_fragments((SOURCES / f"{slug}.txt").read_text(encoding="utf-8")):
        found = page.find(fragment, position)
        if found < 0:
            missing.append(fragment)
        else:
            position = found + len(fragment)
    assert missing == []


def test_the_2015_community_safety_fund_totals_500042(viewer_client, demo_plans):
    page = page_text(viewer_client, "safer-bucks-plan-2015-16")
    assert "Total Plan £500042" in page
