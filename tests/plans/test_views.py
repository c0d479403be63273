import re
from html import unescape

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans.models import Area
from priorities.models import Action, ActionGroup, CountyPriority
from tests.factories import make_area, make_full_plan, make_partnership, make_plan, make_user

pytestmark = pytest.mark.django_db


def test_the_home_page_lists_every_plan_to_a_viewer(viewer_client):
    client = viewer_client
    first = make_plan(title="Safer Bucks Plan", start_year=2015, end_year=2016)
    second = make_plan(title="Safer Buckinghamshire Plan", start_year=2020, end_year=2023)
    response = client.get(reverse("plans:home"))
    assert response.status_code == 200
    for plan in (first, second):
        assert plan.get_absolute_url() in response.text
    assert "Safer Bucks Plan 2015-16" in response.text
    assert "Safer Buckinghamshire Plan 2020-2023" in response.text


def test_an_unknown_plan_is_not_found(client):
    assert client.get(reverse("plans:detail", args=["no-such-plan"])).status_code == 404


def test_the_plan_page_shows_every_kind_of_content(viewer_client):
    client = viewer_client
    plan = make_full_plan(scale=1)
    text = client.get(plan.get_absolute_url()).text
    for expected in [
        "Partner 1",
        "StatutoryDuty 1",
        "PolicePriority 1",
        "UnderlyingTheme 1",
        "Point 1, up 1%.",
        "Finding 1: 1%.",
        "feel safe.",
        "Priority 1",
        "Theme 1",
        "Action 1.",
        "Local priority 1",
        "Fund 0",
        "£301.50",
        "Crimes: 1,000, change +1%.",
    ]:
        assert expected in text, expected


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_plan_page_costs_the_same_queries_for_a_plan_many_times_the_seeds_size(viewer_client):
    client = viewer_client
    small, large = make_full_plan(scale=1), make_full_plan(scale=25)
    # The larger plan has 51 sections and 300 actions; the 2020 seed has 8 and 50.
    assert large.sections.count() == 51
    assert Action.objects.filter(group__priority__plan=large).count() == 300
    assert _queries(client, small.get_absolute_url()) == _queries(client, large.get_absolute_url())


def test_the_home_page_costs_the_same_queries_for_many_plans(viewer_client):
    client = viewer_client
    make_plan()
    one = _queries(client, reverse("plans:home"))
    for _ in range(20):
        make_plan()
    assert _queries(client, reverse("plans:home")) == one


def test_the_demo_plan_pages_cost_a_known_number_of_queries(viewer_client, demo_plans):
    client = viewer_client
    # Session, user, the plan, and its whole content in one query; a draft adds the
    # person's membership of its partnership and its content's fingerprint (its ETag,
    # plans/draft_page.py).
    counts = {slug: _queries(client, plan.get_absolute_url()) for slug, plan in demo_plans.items()}
    assert counts == {"safer-bucks-plan-2015-16": 6, "safer-buckinghamshire-plan-2020-2023": 4}
    assert max(counts.values()) <= 10


def test_the_public_sees_published_plans_only(client):
    draft = make_plan(title="Draft plan")
    published = make_plan(title="Published plan", status="published", published_on="2024-04-01")
    listing = client.get(reverse("plans:home")).text
    assert published.get_absolute_url() in listing
    assert draft.get_absolute_url() not in listing
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(published.get_absolute_url()).status_code == 200


# ---------------------------------------------------------------------------
# "Change" links on a draft's page, for the people who may make that change

CHANGE_LINK = re.compile(
    r'<a [^>]*href="([^"]+)"[^>]*>Change<span class="govuk-visually-hidden">([^<]*)</span></a>'
)


def change_links(response) -> list[tuple[str, str]]:
    """Each "Change" link on the page: (where it goes, its visually hidden words)."""
    assert response.status_code == 200
    return [(href, unescape(hidden).strip()) for href, hidden in CHANGE_LINK.findall(response.text)]


@pytest.fixture
def draft_with_leads(db):
    """A draft with a section, a subsection and an untitled section, two areas with
    local priorities, and a lead for the first area only."""
    plan = make_full_plan(scale=1)
    first, second = plan.partnership.areas.order_by("pk")
    lead = make_user("lee-lead", "Area leads", areas=[first])
    return {"plan": plan, "first": first, "second": second, "lead": lead}


def _section_links(plan) -> list[tuple[str, str]]:
    section = plan.sections.get(parent__isnull=True, title="Section 1")
    subsection = plan.sections.get(parent=section)
    return [
        (
            reverse("plans:edit_item", kwargs={"slug": plan.slug, "kind": "section", "pk": section.pk}),
            "section 1 Section 1",
        ),
        (
            reverse("plans:edit_item", kwargs={"slug": plan.slug, "kind": "subsection", "pk": subsection.pk}),
            "section 1.1 Section 1",
        ),
    ]


def _area_link(plan, area) -> tuple[str, str]:
    url = reverse("plans:edit_list", kwargs={"slug": plan.slug, "kind": "area-priority"})
    return (url, f"local priorities for {area.name}")


def test_an_officer_sees_a_change_link_for_each_titled_section_and_each_area(
    client, officer, draft_with_leads
):
    plan, first, second = draft_with_leads["plan"], draft_with_leads["first"], draft_with_leads["second"]
    client.force_login(officer)
    links = change_links(client.get(plan.get_absolute_url()))
    # The untitled closing section has no heading, so no link beside one.
    assert links == [*_section_links(plan), _area_link(plan, first), _area_link(plan, second)]


def test_an_area_lead_sees_a_change_link_for_their_own_area_only(client, draft_with_leads):
    plan, first = draft_with_leads["plan"], draft_with_leads["first"]
    client.force_login(draft_with_leads["lead"])
    assert change_links(client.get(plan.get_absolute_url())) == [_area_link(plan, first)]


def test_a_lead_of_no_area_of_this_plan_sees_no_change_link(client, draft_with_leads):
    plan = draft_with_leads["plan"]
    client.force_login(make_user("otto-lead", "Area leads", areas=[make_area(plan.partnership)]))
    assert change_links(client.get(plan.get_absolute_url())) == []


def test_a_lead_of_another_partnership_finds_no_such_draft(client, draft_with_leads):
    other_area = make_area(make_partnership())
    client.force_login(make_user("otto-lead", "Area leads", areas=[other_area]))
    assert client.get(draft_with_leads["plan"].get_absolute_url()).status_code == 404


def test_a_viewer_sees_no_change_link(viewer_client, draft_with_leads):
    assert change_links(viewer_client.get(draft_with_leads["plan"].get_absolute_url())) == []


def test_nobody_sees_a_change_link_on_a_published_plan(client, officer):
    plan = make_full_plan(scale=1, status="published", published_on="2024-04-01")
    area = plan.partnership.areas.order_by("pk").first()
    lead = make_user("pat-lead", "Area leads", areas=[area])
    assert change_links(client.get(plan.get_absolute_url())) == []
    for person in (officer, lead):
        client.force_login(person)
        assert change_links(client.get(plan.get_absolute_url())) == []


def test_the_change_links_open_the_editor_for_whoever_sees_them(client, officer, draft_with_leads):
    plan = draft_with_leads["plan"]
    for person in (officer, draft_with_leads["lead"]):
        client.force_login(person)
        for href, _ in change_links(client.get(plan.get_absolute_url())):
            assert client.get(href).status_code == 200, (person, href)


def test_an_editors_plan_page_costs_the_same_queries_for_a_plan_many_times_the_seeds_size(client, officer):
    small, large = make_full_plan(scale=1), make_full_plan(scale=25)
    lead = make_user(
        "lou-lead", "Area leads", areas=[*small.partnership.areas.all(), *large.partnership.areas.all()]
    )
    for person in (officer, lead):
        client.force_login(person)
        assert _queries(client, small.get_absolute_url()) == _queries(client, large.get_absolute_url())


def test_an_editors_demo_plan_pages_cost_one_query_more_than_a_viewers_on_the_draft(
    client, officer, demo_plans
):
    # The areas this person may change, looked up once, on a draft only.
    lead = make_user("lena-lead", "Area leads", areas=[Area.objects.get(slug="chiltern")])
    for person in (officer, lead):
        client.force_login(person)
        counts = {slug: _queries(client, plan.get_absolute_url()) for slug, plan in demo_plans.items()}
        assert counts == {"safer-bucks-plan-2015-16": 7, "safer-buckinghamshire-plan-2020-2023": 4}, person


def test_the_2015_priority_list_shows_a_priority_s_actions_under_it(viewer_client, demo_plans):
    plan = demo_plans["safer-bucks-plan-2015-16"]
    priority = CountyPriority.objects.get(plan=plan, title="Substance misuse")
    group = ActionGroup.objects.create(priority=priority, position=1, title="Treatment")
    Action.objects.create(group=group, position=1, text="fund **200** more treatment places")
    ActionGroup.objects.create(priority=priority, position=2, title="A theme with no actions yet")
    text = viewer_client.get(plan.get_absolute_url()).text
    section = text[text.index('id="the-county-level-priorities"') : text.index('id="the-local-priorities')]
    # Each priority's number is the section's own ("5.4"); the list draws none of its own
    # (its styles are checked in tests/browser/test_priorities.py).
    assert '<span class="app-numbered-list__number">5.4</span>' in section
    after = section[section.index("Substance misuse:") :]
    assert after.index("Treatment") < after.index("We will:") < after.index("fund <strong>200</strong> more")
    assert after.index("fund <strong>200</strong> more") < after.index("Dealing with hidden crime")
    assert "A theme with no actions yet" not in text


def test_a_priority_list_leaves_the_actions_to_the_chapters_when_the_plan_has_them(demo_plans):
    # The 2020 plan lists its priorities in the introduction and gives each a chapter
    # with its actions: the list does not repeat them.
    plan = demo_plans["safer-buckinghamshire-plan-2020-2023"]
    text = Client().get(plan.get_absolute_url()).text
    introduction = text[text.index('id="introduction"') : text.index('id="the-safer-buckinghamshire-board"')]
    assert "Helping communities to become more resilient." in introduction
    assert "We will:" not in introduction
    assert "app-priority-actions" not in introduction
    assert text.count("We will:") == ActionGroup.objects.filter(priority__plan=plan).count()
