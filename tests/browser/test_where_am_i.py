"""Where am I, what is mine: after signing in, a board officer and an area lead each
land on their own page; the task list says what is done; a move keeps the keyboard
focus on the moved item. Every page checked with axe."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SLUG = "safer-bucks-plan-2015-16"
EDIT = f"/plans/{SLUG}/edit/"


@pytest.fixture(autouse=True)
def _quick_timeouts(page):
    page.set_default_timeout(10_000)


def test_an_officer_signs_in_and_lands_on_their_drafts_with_what_is_left_to_do(
    page, live_server, loaded_demo, console_errors
):
    sign_in(page, live_server, "officer")
    expect(page).to_have_url(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your plans")
    # Above the list of all plans, the draft's own card, with its editor.
    draft = page.locator(
        ".govuk-summary-card", has=page.get_by_role("link", name=re.compile("^Edit the plan"))
    )
    expect(draft.get_by_role("heading", level=3)).to_have_text("Safer Bucks Plan 2015-16")
    expect(draft).to_contain_text("You have completed 0 of 15 parts.")
    expect(draft.get_by_role("link", name="Local priorities by area")).to_be_visible()
    expect(page.get_by_role("heading", name="All plans")).to_be_visible()
    assert_accessible(page, "home-officer")

    draft.get_by_role("link", name="Edit the plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit the plan")
    expect(page.locator("#task-partner-status")).to_have_text("In progress")
    assert console_errors == []


def test_a_lead_signs_in_and_lands_on_their_areas_priorities_and_changes_one(
    page, live_server, loaded_demo, console_errors
):
    sign_in(page, live_server, "lead-chiltern")
    expect(page).to_have_url(live_server.url + "/")
    expect(page.locator(".govuk-caption-xl")).to_have_text("CSP lead for Chiltern")
    card = page.locator(
        ".govuk-summary-card", has=page.get_by_role("heading", name="Chiltern in Safer Bucks Plan 2015-16")
    )
    expect(card.locator(".govuk-summary-list__row")).to_have_count(4)
    expect(page.get_by_text("Wycombe")).to_have_count(0)
    assert_accessible(page, "home-lead")

    card.get_by_role("link", name=re.compile(r"^Change local priority: Reduce anti-social behaviour")).click()
    expect(page).to_have_title(re.compile(r"^Local priority: Chiltern: Reduce anti-social behaviour"))
    expect(page.locator(".govuk-caption-l")).to_contain_text("Local priority: Chiltern: Reduce anti-social")
    assert console_errors == []


def test_an_officer_moves_an_item_up_and_the_focus_stays_on_it(
    page, live_server, loaded_demo, console_errors
):
    sign_in(page, live_server, "officer")
    page.goto(live_server.url + EDIT + "partner/")
    page.get_by_role("button", name="Move up partner organisation: Bucks Fire and Rescue Service").click()

    expect(page).to_have_url(re.compile(r"/edit/partner/#item-partner-\d+$"))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Moved the partner organisation “Bucks Fire and Rescue Service” up."
    )
    row = page.locator(".app-edit-list__row", has_text="Bucks Fire and Rescue Service")
    expect(row).to_be_focused()
    expect(row.locator(".app-edit-list__position")).to_have_text("2.")
    expect(row).to_have_attribute("aria-describedby", "app-moved-message")
    assert_accessible(page, "edit-partner-moved")
    # The keyboard carries on from the moved item: its own Change link is next.
    page.keyboard.press("Tab")
    expect(row.get_by_role("link", name=re.compile(r"^Change"))).to_be_focused()
    assert console_errors == []


def test_an_officer_marks_a_part_completed_and_the_task_list_shows_it(page, live_server, loaded_demo):
    sign_in(page, live_server, "officer")
    page.goto(live_server.url + EDIT)
    page.get_by_role("link", name="Partner organisations").click()
    page.get_by_label("Yes, I have finished this part").check()
    assert_accessible(page, "edit-partner-finished-question")
    page.get_by_role("button", name="Save and return to the task list").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Edit the plan")
    expect(page.locator("#task-partner-status")).to_have_text("Completed")
    expect(page.locator("#task-partner-hint")).to_contain_text("Marked as completed by officer on")
    expect(page.get_by_text("You have completed 1 of 15 parts.")).to_be_visible()
    assert_accessible(page, "edit-task-list-completed")
