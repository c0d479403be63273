"""The 2015-16 plan's county priorities, a numbered list: set like the rest of the plan,
one number per priority, and a priority's "We will" actions under it."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS, assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PLAN = "/plans/safer-bucks-plan-2015-16/"
STYLE = """el => {
  const style = getComputedStyle(el);
  return {font: style.fontFamily, size: style.fontSize, marker: style.listStyleType};
}"""


def test_the_county_priorities_read_like_the_rest_of_the_plan_with_their_actions(
    page, live_server, loaded_demo
):
    from priorities.models import Action, ActionGroup, CountyPriority

    priority = CountyPriority.objects.get(plan__slug="safer-bucks-plan-2015-16", title="Substance misuse")
    group = ActionGroup.objects.create(priority=priority, position=1, title="Treatment")
    Action.objects.create(group=group, position=1, text="fund **200** more treatment places")

    sign_in(page, live_server, "viewer")
    page.goto(live_server.url + PLAN)
    section = page.locator("#the-county-level-priorities")
    items = section.locator("ol > li")
    expect(items).to_have_count(5)
    expect(items.first.locator(".app-numbered-list__number")).to_have_text("5.1")
    expect(items.first).to_contain_text("Protecting children and young adults:")

    # No number drawn by the list itself beside "5.1", and the text of the plan's prose.
    assert section.locator("ol").evaluate(STYLE)["marker"] == "none"
    prose = page.locator("#our-aims .app-prose p").first.evaluate(STYLE)
    text = items.first.locator("p").evaluate(STYLE)
    assert (text["font"], text["size"]) == (prose["font"], prose["size"])
    assert text["font"].startswith('"Atkinson Hyperlegible"')

    substance = items.nth(3)
    expect(substance.locator(".app-numbered-list__number")).to_have_text("5.4")
    expect(substance.locator(".app-priority-actions")).to_have_text(
        "Treatment We will: fund 200 more treatment places", use_inner_text=False
    )
    expect(items.nth(4).locator(".app-priority-actions")).to_have_count(0)

    section.screenshot(path=str(SCREENSHOTS / "plan-2015-16-county-priorities.png"))
    assert_accessible(page, "plan-2015-16-with-actions")
