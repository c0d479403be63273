import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PLAN_2015 = "/plans/safer-bucks-plan-2015-16/"
PLAN_2020 = "/plans/safer-buckinghamshire-plan-2020-2023/"


def test_the_public_home_page_lists_the_published_plan_only_and_passes_axe(
    page, live_server, loaded_demo, console_errors
):
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Community safety plans")
    expect(page.get_by_role("link", name="Safer Buckinghamshire Plan 2020-2023")).to_be_visible()
    expect(page.get_by_role("link", name="Safer Bucks Plan 2015-16")).to_have_count(0)
    assert_accessible(page, "home")
    assert console_errors == []


def test_a_viewer_sees_the_draft_too(page, live_server, loaded_demo):
    sign_in(page, live_server, "viewer")
    page.goto(live_server.url + "/")
    expect(page.get_by_role("link", name="Safer Bucks Plan 2015-16")).to_be_visible()
    expect(page.get_by_role("link", name="Safer Buckinghamshire Plan 2020-2023")).to_be_visible()
    assert_accessible(page, "home-viewer")


def test_the_2015_plan_reads_as_a_document_with_its_tables(page, live_server, loaded_demo, console_errors):
    sign_in(page, live_server, "viewer")
    page.goto(live_server.url + PLAN_2015)
    expect(page.get_by_role("heading", level=1)).to_have_text("Safer Bucks Plan 2015-16")
    expect(page.get_by_text("This plan is a draft")).to_be_visible()
    fund = page.locator("table", has_text="Community Safety Fund Plan")
    expect(fund.locator("tfoot")).to_contain_text("£500,042")
    expect(page.locator("table", has_text="Aylesbury Vale")).to_contain_text("Safe and secure town centres")
    page.get_by_role("link", name="4.1 The evidence base (Strategic Assessment)").click()
    expect(page).to_have_url(live_server.url + PLAN_2015 + "#the-evidence-base")
    assert_accessible(page, "plan-2015-16")
    assert console_errors == []


def test_the_2020_plan_shows_its_survey_crime_figures_and_priorities(
    page, live_server, loaded_demo, console_errors
):
    page.goto(live_server.url + PLAN_2020)
    expect(page.get_by_role("heading", level=1)).to_have_text("Safer Buckinghamshire Plan 2020-2023")
    expect(page.get_by_text("2,379")).to_be_visible()
    crimes = page.locator("table", has_text="Recorded crimes")
    expect(crimes).to_contain_text("33,529")
    expect(crimes).to_contain_text("+42%")
    expect(
        page.get_by_role("heading", name="Priority 4: Tackling domestic violence and abuse")
    ).to_be_visible()
    expect(page.get_by_text("Sarah Ashmead, Deputy Chief Executive, Buckinghamshire Council")).to_be_visible()
    assert_accessible(page, "plan-2020-2023")
    assert console_errors == []


def test_the_plan_page_works_on_a_phone_sized_screen(page, live_server, loaded_demo):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + PLAN_2020)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
    assert_accessible(page, "plan-2020-2023-mobile")


def test_the_sign_in_page_shows_errors_accessibly(page, live_server, loaded_demo):
    page.goto(live_server.url + "/accounts/login/")
    assert_accessible(page, "login")
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password", exact=True).fill("wrong password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page).to_have_title(re.compile(r"^Error: "))
    assert_accessible(page, "login-error")


def test_a_demo_account_can_sign_in_and_out(page, live_server, loaded_demo):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password", exact=True).fill("saferbucks-demo")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Signed in as officer")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("navigation", name="Menu").get_by_role("link", name="Sign in")).to_be_visible()


def test_a_missing_page_is_a_friendly_404(page, live_server, loaded_demo):
    response = page.goto(live_server.url + "/plans/no-such-plan/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page, "not-found")
