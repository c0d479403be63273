import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from priorities.models import Action
from tests.factories import make_full_plan, make_plan

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
    # Sections, blocks, statistics, series points, and each block kind's data once.
    counts = {slug: _queries(client, plan.get_absolute_url()) for slug, plan in demo_plans.items()}
    # A signed-in viewer adds session, user and (for a draft) the permission checks.
    assert counts == {"safer-bucks-plan-2015-16": 18, "safer-buckinghamshire-plan-2020-2023": 23}


def test_the_public_sees_published_plans_only(client):
    draft = make_plan(title="Draft plan")
    published = make_plan(title="Published plan", status="published", published_on="2024-04-01")
    listing = client.get(reverse("plans:home")).text
    assert published.get_absolute_url() in listing
    assert draft.get_absolute_url() not in listing
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(published.get_absolute_url()).status_code == 200
