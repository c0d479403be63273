"""The demo plans' PDFs: what they say, in what order, and how they are tagged."""

import re

import pytest

from .expected import find_in_order
from .pdftext import squash

# One worker runs this file's tests (make test's --dist loadgroup): the demo plans'
# PDFs (demo_pdfs, rendered once a session) are then rendered by that worker alone.
pytestmark = pytest.mark.xdist_group("demo_pdfs")

DRAFT = "safer-bucks-plan-2015-16"
PUBLISHED = "safer-buckinghamshire-plan-2020-2023"
BOTH = [DRAFT, PUBLISHED]


def body_after_contents(plan) -> str:
    """The text from the first chapter on (the contents list names every heading too)."""
    read = plan.read
    first_chapter_page = read.outline[2][1]  # after the cover's title and "Contents"
    return "".join(squash(page.body) for page in read.pages[first_chapter_page:])


@pytest.mark.parametrize("slug", BOTH)
def test_the_pdf_says_everything_the_plan_holds_in_document_order(demo_pdfs, slug):
    plan = demo_pdfs[slug]
    assert len(plan.expected) > 100
    assert find_in_order(body_after_contents(plan), plan.expected) == []


def test_the_community_safety_fund_adds_up_to_its_published_total(demo_pdfs):
    body = body_after_contents(demo_pdfs[DRAFT])
    for lines in [
        ["Community Safety Fund Plan 2015/16", "Drugs Interventions Programme", "£85,910"],
        ["Retained funding to respond to in-year needs", "£49,525", "Total Plan", "£500,042"],
        ["Buckinghamshire County Council investment 2015/16", "Reducing Re-offending", "£50,000"],
        ["Total", "£512,000", "Appendix One"],
    ]:
        assert find_in_order(body, lines) == []


def test_stated_and_computed_figures_are_shown_as_the_source_states_them(demo_pdfs):
    draft = body_after_contents(demo_pdfs[DRAFT])
    assert (
        find_in_order(draft, ["Total crime decreased in Bucks by 5%", "Change in total crime", "-5%"]) == []
    )
    published = body_after_contents(demo_pdfs[PUBLISHED])
    # 33,529 on 30,531 is +9.8%, shown rounded; on 23,643 five years before, +42%.
    assert find_in_order(published, ["33,529", "10% increase on the 30,531", "42% increase"]) == []
    assert find_in_order(published, ["2018/19", "33,529", "+10%", "+42%"]) == []


@pytest.mark.parametrize("slug", BOTH)
def test_the_contents_page_numbers_point_at_the_pages_the_headings_are_on(demo_pdfs, slug):
    plan = demo_pdfs[slug]
    pages = plan.read.pages
    contents = "\n".join(page.body for page in pages[1:3])
    entries = [entry for top in plan.toc for entry in (top, *top["children"])]
    assert len(entries) >= 10
    for entry in entries:
        label = r"\s*".join(re.escape(char) for char in squash(entry["label"]))
        match = re.search(label + r"[\s.]*?(\d+)\s*(?:\n|$)", contents)
        assert match, f"{entry['label']!r} is not in the contents"
        page_number = int(match.group(1))
        assert squash(entry["label"]) in squash(pages[page_number - 1].body), entry["label"]


@pytest.mark.parametrize("slug", BOTH)
def test_every_page_after_the_cover_says_page_n_of_m_and_the_plan_title(demo_pdfs, slug):
    plan = demo_pdfs[slug]
    pages = plan.read.pages
    for number, page in enumerate(pages[1:], start=2):
        assert f"Page{number}of{len(pages)}" in squash(page.margins)
        assert squash(plan.title) in squash(page.margins)


def test_every_page_of_a_draft_is_marked_draft(demo_pdfs):
    pages = demo_pdfs[DRAFT].read.pages
    assert len(pages) > 5
    for page in pages:
        assert "DRAFT" in page.body + page.margins


def test_a_published_plan_carries_no_draft_marking(demo_pdfs):
    for page in demo_pdfs[PUBLISHED].read.pages:
        assert "DRAFT" not in (page.body + page.margins).upper()


@pytest.mark.parametrize("slug", BOTH)
def test_the_pdf_is_tagged_with_its_title_and_language(demo_pdfs, slug):
    plan = demo_pdfs[slug]
    read = plan.read
    assert read.reader.metadata.title == plan.title
    assert read.catalog["/Lang"] == "en-GB"
    assert bool(read.catalog["/MarkInfo"]["/Marked"])
    assert bool(read.catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    tags = {element["/S"] for element in read.structure_elements()}
    assert {"/H1", "/H2", "/H3", "/P", "/L", "/LI", "/Table", "/TH", "/TD", "/Link"} <= tags


@pytest.mark.parametrize("slug", BOTH)
def test_headings_are_bookmarks_in_document_order(demo_pdfs, slug):
    plan = demo_pdfs[slug]
    titles = [title for title, _ in plan.read.outline]
    labels = [entry["label"] for top in plan.toc for entry in (top, *top["children"])]
    assert titles[:2] == [plan.title, "Contents"]
    assert find_in_order(squash("".join(titles)), labels) == []
    pages = [page for _, page in plan.read.outline]
    assert pages == sorted(pages)


def test_the_recorded_crime_chart_has_a_text_alternative_with_its_figures(demo_pdfs):
    figures = [e for e in demo_pdfs[PUBLISHED].read.structure_elements() if e["/S"] == "/Figure"]
    assert len(figures) == 1
    alt = figures[0]["/Alt"]
    assert alt.startswith("Crimes recorded by the police in Buckinghamshire.")
    for year, value in [("2014/15", "23,643"), ("2017/18", "30,531"), ("2018/19", "33,529")]:
        assert f"{year}: {value}" in alt


@pytest.mark.parametrize("slug", BOTH)
def test_the_fonts_are_atkinson_hyperlegible_embedded(demo_pdfs, slug):
    fonts = demo_pdfs[slug].read.fonts()
    assert fonts
    for name, font in fonts.items():
        assert "Atkinson-Hyperlegible" in name
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), name
