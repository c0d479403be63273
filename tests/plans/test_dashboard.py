"""After signing in, the home page knows who you are: a board officer sees what is
left to do in each draft, an area lead their own areas' priorities with links to
change them, a viewer the drafts to read and agree; signed out, the public list.
Each costs the same queries whatever the number of plans and items."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans import tasks
from priorities.models import AreaPriority
from tests.factories import (
    home_partnership,
    make_area,
    make_full_plan,
    make_partnership,
    make_plan,
    make_user,
)

pytestmark = pytest.mark.django_db

HOME = reverse("plans:home")


@pytest.fixture
def world():
    """A partnership with a draft (two areas, each with local priorities) and a
    published plan, and another partnership's draft."""
    partnership = home_partnership()
    chiltern = make_area(partnership, name="Chiltern")
    wycombe = make_area(partnership, name="Wycombe")
    draft = make_full_plan(scale=1, partnership=partnership, title="Safer Bucks Plan")
    for area, texts in [(chiltern, ["Reduce burglary", "Tackle ASB"]), (wycombe, ["Wycombe's own"])]:
        for position, text in enumerate(texts, start=1):
            AreaPriority.objects.create(plan=draft, area=area, position=position, text=text)
    published = make_plan(
        partnership, title="Safer Buckinghamshire Plan", status="published", published_on="2020-10-01"
    )
    elsewhere = make_full_plan(scale=1, title="Elsewhere Plan", partnership=make_partnership())
    return {"draft": draft, "published": published, "elsewhere": elsewhere, "chiltern": chiltern}


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_signed_out_people_see_the_public_list_as_before(client, world):
    page = client.get(HOME).text
    assert '<h1 class="govuk-heading-xl">Community safety plans</h1>' in page
    assert world["published"].get_absolute_url() in page
    assert world["draft"].get_absolute_url() not in page
    assert "Your plans" not in page and "Left to do" not in page


def test_signing_in_lands_on_the_persons_own_page(client, world):
    make_user("olive", "Board officers")
    response = client.post(
        reverse("login"), {"username": "olive", "password": "correct horse battery"}, follow=True
    )
    assert response.redirect_chain[-1][0] == HOME
    assert "Drafts you are writing" in response.text


def test_an_officer_sees_each_draft_with_what_is_left_to_do_above_all_plans(officer_client, world):
    draft = world["draft"]
    tasks.mark_part(plan=draft, part="partner", state="completed", actor=None)
    page = officer_client.get(HOME).text
    mine = page[page.index("Drafts you are writing") : page.index("All plans")]
    assert "Safer Bucks Plan 2024-25" in mine
    # Another partnership's draft is not theirs to see, let alone write.
    assert "Elsewhere Plan" not in page
    assert "Safer Buckinghamshire Plan" not in mine  # published: nothing left to do
    assert reverse("plans:edit", args=[draft.slug]) in mine
    assert "You have completed 1 of 15 parts." in text_of(mine)
    # What is left, each part linked to its page, with its status.
    assert f'href="{reverse("plans:edit_list", args=[draft.slug, "section"])}"' in mine
    assert f'href="{reverse("plans:edit_list", args=[draft.slug, "partner"])}"' not in mine
    assert "In progress" in mine
    rest = page[page.index("All plans") :]
    for plan in (world["draft"], world["published"]):
        assert plan.get_absolute_url() in rest


def test_an_area_lead_sees_their_areas_priorities_in_each_draft_with_links_to_change_them(client, world):
    draft = world["draft"]
    client.force_login(make_user("lead-chiltern", "Area leads", areas=[world["chiltern"]]))
    page = client.get(HOME).text
    words = text_of(page)
    assert "CSP lead for Chiltern" in words
    assert "Chiltern in Safer Bucks Plan 2024-25" in words
    for priority in AreaPriority.objects.filter(plan=draft, area=world["chiltern"]):
        assert priority.text in words
        assert reverse("plans:edit_item", args=[draft.slug, "area-priority", priority.pk]) in page
    assert reverse("plans:edit_list", args=[draft.slug, "area-priority"]) in page
    assert reverse("plans:edit_add", args=[draft.slug, "area-priority"]) in page
    mine = page[: page.index("All plans")]
    assert "Wycombe" not in mine
    assert "Elsewhere Plan" not in mine  # another partnership's draft has no area of theirs
    assert "Left to do" not in page


def test_a_lead_with_no_area_yet_is_told_to_ask_for_one(client, world):
    client.force_login(make_user("new-lead", "Area leads"))
    assert "no area is yours yet" in client.get(HOME).text


def test_a_viewer_sees_the_drafts_to_read_and_agree_then_the_published_plans(viewer_client, world):
    page = viewer_client.get(HOME).text
    drafts = page[page.index("Drafts to read and agree") : page.index("Published plans")]
    published = page[page.index("Published plans") :]
    assert world["draft"].get_absolute_url() in drafts
    assert world["elsewhere"].get_absolute_url() not in page
    assert world["published"].get_absolute_url() not in drafts
    assert world["published"].get_absolute_url() in published
    assert world["draft"].get_absolute_url() not in published
    assert "/edit/" not in page


def test_a_signed_in_person_without_a_role_sees_the_published_plans_and_why(client, world):
    client.force_login(make_user("nobody"))
    page = client.get(HOME).text
    assert "your account has no role yet" in page
    assert world["draft"].get_absolute_url() not in page
    assert world["published"].get_absolute_url() in page


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(HOME).status_code == 200
    return len(captured)


@pytest.mark.parametrize("role", ["anonymous", "viewer", "lead", "officer"])
def test_each_persons_home_page_costs_the_same_queries_whatever_the_number_of_plans_and_items(client, role):
    partnership = make_partnership()
    area = make_area(partnership)
    user = {
        "anonymous": None,
        "viewer": make_user("v", "Viewers"),
        "lead": make_user("l", "Area leads", areas=[area]),
        "officer": make_user("o", "Board officers"),
    }[role]
    if user is not None:
        client.force_login(user)

    def add_draft(scale):
        plan = make_full_plan(scale=scale, partnership=partnership)
        for position in range(1, 3 * scale + 1):
            AreaPriority.objects.create(plan=plan, area=area, position=position, text=f"Local {position}")
        tasks.mark_part(plan=plan, part="partner", state="completed", actor=None)
        make_plan(partnership, status="published", published_on="2024-04-01")

    add_draft(1)
    one = _queries(client)
    for _ in range(3):
        add_draft(4)
    assert _queries(client) == one
