"""Editing pages say which item and where it is, and a move says what moved and
returns to the moved item's row."""

import re
from html import unescape

import pytest
from django.urls import reverse

from funding.models import BudgetLine
from plans.models import Block
from tests.factories import make_full_plan, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    return make_full_plan(scale=1)


def item_url(plan, kind, pk, action=""):
    return reverse(f"plans:edit_item_{action}" if action else "plans:edit_item", args=[plan.slug, kind, pk])


def title_and_caption(html: str) -> tuple[str, str]:
    title = unescape(re.search(r"<title>(.*?)</title>", html, re.S).group(1))
    caption = unescape(re.search(r'<span class="govuk-caption-l">(.*?)</span>', html, re.S).group(1))
    return title.split(" – ")[0], caption


def test_an_items_title_and_caption_say_which_item_it_is(officer_client, plan):
    partner = plan.partners.first()
    page = officer_client.get(item_url(plan, "partner", partner.pk)).text
    assert title_and_caption(page) == ("Partner organisation: Partner 1", "Partner organisation: Partner 1")


def test_an_item_inside_another_is_named_by_where_it_is_with_the_sections_number(officer_client, plan):
    # A second numbered chapter with a subsection: its text is in "2.1".
    chapter = make_section(plan, 10, title="Our partnership")
    subsection = make_section(plan, 1, parent=chapter, title="The Police & Crime Plan")
    text = Block.objects.create(section=subsection, position=1, kind="text", body="The PCC sets the plan.")
    page = officer_client.get(item_url(plan, "block", text.pk)).text
    assert title_and_caption(page) == (
        "Text in 2.1 The Police & Crime Plan",
        "Text in 2.1 The Police & Crime Plan",
    )
    assert "<title>Text in 2.1 The Police &amp; Crime Plan – Edit" in page

    line = BudgetLine.objects.filter(fund__plan=plan).first()
    page = officer_client.get(item_url(plan, "budget-line", line.pk)).text
    assert title_and_caption(page)[0] == "Budget line in Fund 0 2024/25"

    page = officer_client.get(item_url(plan, "subsection", subsection.pk)).text
    assert title_and_caption(page)[0] == "Subsection: 2.1 The Police & Crime Plan"


def test_an_add_page_title_says_where_the_item_will_go(officer_client, plan):
    section = plan.sections.filter(parent=None).first()
    page = officer_client.get(reverse("plans:edit_add", args=[plan.slug, "block"]) + f"?parent={section.pk}")
    assert "<title>Add a text to 1 Section 1 – Edit" in page.text


def test_moving_an_item_says_what_moved_and_returns_to_its_row(officer_client, plan):
    first, second = plan.partners.all()[:2]
    list_url = reverse("plans:edit_list", args=[plan.slug, "partner"])
    response = officer_client.post(
        item_url(plan, "partner", second.pk, "move"), {"direction": "up", "next": list_url}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{list_url}#item-partner-{second.pk}"
    page = officer_client.get(response["Location"]).text
    assert "Moved the partner organisation “Partner 2” up." in page
    # The row is there to return to, and can take the focus.
    assert f'id="item-partner-{second.pk}" tabindex="-1"' in page
    assert list(plan.partners.values_list("pk", flat=True)[:2]) == [second.pk, first.pk]


def test_moving_down_without_a_next_page_returns_to_the_list_at_the_row(officer_client, plan):
    first = plan.partners.first()
    response = officer_client.post(item_url(plan, "partner", first.pk, "move"), {"direction": "down"})
    assert (
        response["Location"]
        == reverse("plans:edit_list", args=[plan.slug, "partner"]) + f"#item-partner-{first.pk}"
    )
    assert "Moved the partner organisation “Partner 1” down." in officer_client.get(response["Location"]).text


def test_moving_the_first_item_up_says_it_is_already_first(officer_client, plan):
    first = plan.partners.first()
    response = officer_client.post(
        item_url(plan, "partner", first.pk, "move"), {"direction": "up"}, follow=True
    )
    assert "The partner organisation “Partner 1” is already first in its list." in response.text


def test_a_move_on_an_items_page_returns_to_that_page_at_the_row(officer_client, plan):
    """A section's page lists its text and its subsections: the kind in the row's id
    keeps a block's row and a subsection's apart."""
    section = plan.sections.filter(parent=None).first()
    blocks = list(section.blocks.order_by("position"))
    page_url = item_url(plan, "section", section.pk)
    response = officer_client.post(
        item_url(plan, "block", blocks[1].pk, "move"), {"direction": "up", "next": page_url + "#old"}
    )
    assert response["Location"] == f"{page_url}#item-block-{blocks[1].pk}"
    page = officer_client.get(response["Location"]).text
    assert f'id="item-block-{blocks[1].pk}"' in page
    subsection = section.children.first()
    assert f'id="item-subsection-{subsection.pk}"' in page


def test_a_move_never_returns_to_another_site(officer_client, plan):
    partner = plan.partners.last()
    response = officer_client.post(
        item_url(plan, "partner", partner.pk, "move"), {"direction": "up", "next": "https://evil.example/"}
    )
    assert response["Location"].startswith(reverse("plans:edit_list", args=[plan.slug, "partner"]) + "#item-")
