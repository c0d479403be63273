"""A board officer enters a modest real plan through the pages a person would use,
in under 40 form submissions, and everything entered shows on the plan's page."""

import re

import pytest

from funding.models import Fund
from priorities.models import Action

from .conftest import assert_accessible
from .entry import AREAS, BUDGET, PARTNERS, PRIORITIES, enter_plan, set_up_blank_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_officer_enters_a_plan_in_under_forty_submissions_and_it_all_shows(page, live_server):
    plan = set_up_blank_plan("harbour-officer", "a long harbour password")
    tally = enter_plan(page, live_server.url, plan.slug, "harbour-officer", "a long harbour password")
    print(f"\nEntering the plan took {tally.submissions} form submissions and {tally.page_loads} page loads")
    assert tally.submissions < 40

    page.goto(f"{live_server.url}/plans/{plan.slug}/")
    text = page.locator("main").inner_text()
    for partner in PARTNERS:
        assert partner in text
    for title, _summary, _count in PRIORITIES:
        assert title in text
    assert Action.objects.filter(group__priority__plan=plan).count() == 30
    assert "Action 5 for serious violence" in text
    for texts in AREAS.values():
        for local in texts:
            assert local in text
    for description, _amount in BUDGET:
        assert description in text
    assert Fund.objects.get(plan=plan).total == 90000
    assert re.search(r"£90,000", text)
    assert_accessible(page, "fast-entry-plan")
