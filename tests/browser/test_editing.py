"""Editing the plan in the browser: a board officer changes every kind of content, an
area lead keeps their own area's priorities current, a viewer changes nothing, and
two people editing the same item lose nothing. Every form page is checked with axe."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS, assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SLUG = "safer-bucks-plan-2015-16"
PLAN = f"/plans/{SLUG}/"
EDIT = f"{PLAN}edit/"
FUND_TOTAL = 500_042  # the Community Safety Fund Plan's total in the demo


# ---------------------------------------------------------------------------
# Helpers


@pytest.fixture(autouse=True)
def _quick_timeouts(page):
    page.set_default_timeout(10_000)


def open_the_editor(page, live_server) -> None:
    """From the plan page, the way a person gets to the task list."""
    page.goto(live_server.url + PLAN)
    page.get_by_role("link", name="Edit this plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit the plan")


def open_task(page, live_server, task: str) -> None:
    open_the_editor(page, live_server)
    page.get_by_role("link", name=task, exact=True).click()


def save(page) -> None:
    page.get_by_role("button", name="Save", exact=True).click()


def expect_saved(page, message: str) -> None:
    banner = page.locator(".govuk-notification-banner--success")
    expect(banner).to_contain_text(message)


def expect_saved_with_warning(page, message: str, warning: str) -> None:
    """Saved, and told why the item does not show on the plan's page yet."""
    banner = page.locator(".govuk-notification-banner").filter(has_text=message)
    expect(banner).to_contain_text(warning)


def expect_error(page, field_label: str, message: str) -> None:
    """The GOV.UK pattern: the message in the summary at the top, linking to the field,
    and beside the field itself."""
    expect(page).to_have_title(re.compile(r"^Error: "))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("link", name=message)).to_be_visible()
    field = page.locator(".govuk-form-group--error", has=page.get_by_label(field_label))
    expect(field.locator(".govuk-error-message")).to_have_text(f"Error: {message}")


def change_link(page, kind: str, summary: str):
    return page.get_by_role("link", name=re.compile(rf"^Change {re.escape(kind)}: {re.escape(summary)}"))


def plan_page(page, live_server):
    page.goto(live_server.url + PLAN)
    return page.get_by_role("article")


def open_the_first_text_of_our_aims(page, live_server) -> None:
    open_task(page, live_server, "Sections")
    change_link(page, "section", "Our aims").click()
    change_link(page, "text", "In Buckinghamshire, we aim").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Text")


def open_the_community_safety_fund(page, live_server) -> None:
    open_task(page, live_server, "Funds")
    change_link(page, "fund", "Community Safety Fund Plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fund")


def money(amount) -> str:
    return f"£{amount:,}"


# ---------------------------------------------------------------------------
# A board officer edits each kind of content


def test_an_officer_changes_the_plan_details_from_the_task_list(page, live_server, loaded_demo):
    sign_in(page, live_server, "officer")
    open_the_editor(page, live_server)
    expect(page.get_by_role("link", name="Partner organisations")).to_be_visible()
    assert_accessible(page, "edit-task-list")

    page.get_by_role("link", name="Plan details").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan details")
    assert_accessible(page, "edit-plan-details")
    page.get_by_label("Subtitle").fill("Working together for a safer county")
    page.get_by_label("Chair's name").fill("Jo Bloggs")
    save(page)
    expect_saved(page, "Saved the plan details.")

    plan_page(page, live_server)
    cover = page.locator(".app-document__cover")
    expect(cover.get_by_text("Working together for a safer county")).to_be_visible()
    cover.screenshot(path=str(SCREENSHOTS / "plan-cover-officer.png"))


def test_an_officer_adds_changes_moves_and_deletes_a_partner(page, live_server, loaded_demo):
    sign_in(page, live_server, "officer")
    open_task(page, live_server, "Partner organisations")
    expect(page.get_by_role("heading", level=1)).to_have_text("Partner organisations")
    assert_accessible(page, "edit-partner-list")

    page.get_by_role("link", name="Add a partner organisation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a partner organisation")
    assert_accessible(page, "edit-partner-add")
    page.get_by_label("Organisation").fill("Youth Service")
    save(page)
    expect_saved(page, "Added the partner organisation.")
    summaries = page.locator(".app-edit-list__summary")
    expect(summaries.last).to_have_text("6. Youth Service")

    change_link(page, "partner organisation", "Youth Service").click()
    page.get_by_label("Organisation").fill("Buckinghamshire Youth Service")
    save(page)
    expect_saved(page, "Saved the partner organisation.")
    expect(summaries).to_have_count(6)
    expect(summaries.last).to_have_text("6. Buckinghamshire Youth Service")
    page.get_by_role("button", name="Move up partner organisation: Buckinghamshire Youth Service").click()
    expect(summaries.nth(4)).to_have_text("5. Buckinghamshire Youth Service")
    expect(summaries.last).to_have_text("6. Clinical Commissioning Groups")

    partners = plan_page(page, live_server).locator("ul, ol", has_text="Thames Valley Police").first
    expect(partners.locator("li").nth(4)).to_have_text("Buckinghamshire Youth Service")

    open_task(page, live_server, "Partner organisations")
    page.get_by_role("link", name="Delete partner organisation: Buckinghamshire Youth Service").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete this partner organisation?")
    expect(page.locator(".govuk-inset-text")).to_have_text("Buckinghamshire Youth Service")
    assert_accessible(page, "edit-partner-delete")
    page.get_by_role("button", name="Yes, delete it").click()
    expect_saved(page, "Deleted the partner organisation.")
    expect(summaries).to_have_count(5)
    expect(page.get_by_text("Buckinghamshire Youth Service")).to_have_count(0)


def test_an_officer_previews_a_sections_text_then_saves_it_to_the_plan(page, live_server, loaded_demo):
    sign_in(page, live_server, "officer")
    open_task(page, live_server, "Sections")
    change_link(page, "section", "Our aims").click()
    expect(page.get_by_role("heading", name="Text and components")).to_be_visible()
    assert_accessible(page, "edit-section")

    change_link(page, "text", "In Buckinghamshire, we aim").click()
    page.get_by_label("Text").fill("We aim for a **safer** county.\n\n- fewer victims\n- less fear")
    page.get_by_role("button", name="Preview").click()
    preview = page.get_by_role("region", name="Preview")
    expect(preview.locator("strong")).to_have_text("safer")
    expect(preview.locator("li")).to_have_text(["fewer victims", "less fear"])
    expect(page.get_by_label("Text")).to_have_value(
        "We aim for a **safer** county.\n\n- fewer victims\n- less fear"
    )
    assert_accessible(page, "edit-text-preview")

    save(page)
    expect_saved(page, "Saved the text.")
    article = plan_page(page, live_server)
    aims = article.locator("section", has=page.get_by_role("heading", name=re.compile("Our aims"))).first
    expect(aims.locator("strong", has_text="safer")).to_be_visible()
    expect(aims).to_contain_text("fewer victims")
    expect(article).not_to_contain_text("In Buckinghamshire, we aim")


def test_an_officer_adds_a_statistic_and_shows_it_in_a_text(page, live_server, loaded_demo):
    sign_in(page, live_server, "officer")
    open_task(page, live_server, "Statistics")
    page.get_by_role("link", name="Add a statistic").click()
    page.get_by_label("Key").fill("youth_referrals")
    page.get_by_label("Label").fill("Young people referred to the youth service")
    page.get_by_label("Unit").select_option(label="Count")
    page.get_by_label("Figure").fill("4321")
    save(page)
    expect_saved_with_warning(page, "Added the statistic.", "No text in the plan shows this figure yet")

    open_the_first_text_of_our_aims(page, live_server)
    page.get_by_label("Text").fill("Last year {{youth_referrals}} young people were referred.")
    save(page)
    expect_saved(page, "Saved the text.")

    article = plan_page(page, live_server)
    expect(article).to_contain_text("Last year 4,321 young people were referred.")


def test_an_officer_adds_a_budget_line_and_the_funds_total_follows(page, live_server, loaded_demo):
    sign_in(page, live_server, "officer")
    fund_table = plan_page(page, live_server).locator("table", has_text="Community Safety Fund Plan")
    expect(fund_table.locator("tfoot")).to_contain_text(money(FUND_TOTAL))

    open_the_community_safety_fund(page, live_server)
    expect(page.get_by_role("heading", name="Budget lines")).to_be_visible()
    total = page.locator(".govuk-summary-list__row", has_text="Total")
    expect(total).to_contain_text(money(FUND_TOTAL))
    assert_accessible(page, "edit-fund")
    page.get_by_role("link", name="Add budget line", exact=True).click()
    page.get_by_label("What it pays for").fill("Neighbourhood mediation")
    page.get_by_label("Amount (£)").fill("£12,345")
    save(page)
    expect_saved(page, "Added the budget line.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Fund")
    expect(page.locator(".app-edit-list__summary").last).to_have_text(
        "9. Neighbourhood mediation: £12,345.00"
    )
    expect(total).to_contain_text(money(FUND_TOTAL + 12_345))

    plan_page(page, live_server)
    expect(fund_table).to_contain_text("Neighbourhood mediation")
    expect(fund_table.locator("tfoot")).to_contain_text(money(FUND_TOTAL + 12_345))


def test_an_officer_gives_a_county_priority_an_action_and_changes_it(page, live_server, loaded_demo):
    sign_in(page, live_server, "officer")
    open_task(page, live_server, "County priorities")
    change_link(page, "county priority", "Substance misuse").click()
    expect(page.get_by_role("heading", name="What we plan to do")).to_be_visible()

    page.get_by_role("link", name="Add group of actions").click()
    page.get_by_label("Theme (optional)").fill("Treatment")
    save(page)
    expect_saved_with_warning(
        page, "Added the group of actions.", "does not show a theme until it has at least one action"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Group of actions")
    expect(page.get_by_label("Theme (optional)")).to_have_value("Treatment")

    page.get_by_role("link", name='Add "We will" action').click()
    page.get_by_label("We will:").fill("fund more treatment places")
    save(page)
    expect_saved(page, 'Added the "We will" action.')

    change_link(page, '"We will" action', "fund more treatment places").click()
    page.get_by_label("We will:").fill("fund **200** more treatment places")
    save(page)
    expect_saved(page, 'Saved the "We will" action.')
    expect(page.get_by_role("heading", level=1)).to_have_text("Group of actions")
    expect(page.locator(".app-edit-list__summary")).to_have_text(["1. fund **200** more treatment places"])


def test_an_officer_adds_an_area_priority(page, live_server, loaded_demo):
    sign_in(page, live_server, "officer")
    open_task(page, live_server, "Local priorities by area")
    page.get_by_role("link", name="Add a local priority").click()
    page.get_by_label("Area").select_option(label="Chiltern")
    page.get_by_label("Priority").fill("Keep rural communities safe")
    save(page)
    expect_saved(page, "Added the local priority.")

    table = plan_page(page, live_server).locator("table.app-area-priorities")
    chiltern = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Chiltern"))
    expect(chiltern.locator("li").last).to_have_text("Keep rural communities safe")


def test_an_officer_moves_a_local_priority_within_its_own_area(page, live_server, loaded_demo):
    sign_in(page, live_server, "officer")
    open_task(page, live_server, "Local priorities by area")
    summaries = page.locator(".app-edit-list__summary")
    expect(summaries.first).to_have_text("1. Aylesbury Vale: Safe and secure town centres")
    expect(summaries.filter(has_text="Chiltern:").first).to_have_text(
        "1. Chiltern: Reduce serious acquisitive crime and violent behaviour in our communities"
    )
    expect(
        page.get_by_role("button", name=re.compile("^Move up local priority: Chiltern: Reduce serious"))
    ).to_have_count(0)

    page.get_by_role(
        "button", name=re.compile("^Move up local priority: Chiltern: Reduce anti-social")
    ).click()
    expect(summaries.filter(has_text="Chiltern:").first).to_have_text(
        "1. Chiltern: Reduce anti-social behaviour in our communities"
    )
    table = plan_page(page, live_server).locator("table.app-area-priorities")
    chiltern = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Chiltern"))
    expect(chiltern.locator("li").first).to_have_text("Reduce anti-social behaviour in our communities")

    # The last priority of an area cannot move down into the next area's list.
    open_task(page, live_server, "Local priorities by area")
    expect(
        page.get_by_role("button", name="Move down local priority: Aylesbury Vale: Reducing re-offending")
    ).to_have_count(0)
    expect(
        page.get_by_role("button", name="Move down local priority: Aylesbury Vale: Dealing with crimes")
    ).to_have_count(1)


def test_an_officer_restores_an_earlier_version_from_an_items_history(page, live_server, loaded_demo):
    sign_in(page, live_server, "officer")
    open_task(page, live_server, "Partner organisations")
    change_link(page, "partner organisation", "Thames Valley Police").click()
    page.get_by_label("Organisation").fill("Thames Valley Police (TVP)")
    save(page)
    expect_saved(page, "Saved the partner organisation.")

    change_link(page, "partner organisation", "Thames Valley Police (TVP)").click()
    page.get_by_role("link", name="History of this partner organisation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("History")
    entries = page.locator(".app-history-entry")
    expect(entries).to_have_count(2)
    expect(entries.first.get_by_role("heading")).to_contain_text("changed by officer")
    # The new name, the words added underlined and said as added.
    expect(entries.first).to_contain_text("Thames Valley Police added: (TVP)")
    expect(entries.first.locator("ins")).to_have_text("added: (TVP)")
    assert_accessible(page, "edit-item-history")

    entries.last.get_by_role("button", name=re.compile("^Restore this version")).click()
    expect_saved(page, "Restored the partner organisation")
    expect(page.get_by_label("Organisation")).to_have_value("Thames Valley Police")

    plan_page(page, live_server)
    page.get_by_role("link", name="History of changes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("History")
    changes = page.get_by_role("table", name="Changes to the plan")
    restored = changes.get_by_role("row").nth(1)
    expect(restored).to_contain_text("officer")
    expect(restored).to_contain_text("Partner organisation: Thames Valley Police")
    expect(restored).to_contain_text("Restored an earlier version")
    # The words taken out, struck through and said as removed.
    expect(restored.locator("del")).to_have_text("removed: (TVP)")
    expect(restored).to_contain_text("Organisation: Thames Valley Police removed: (TVP)")
    assert_accessible(page, "plan-history")


# ---------------------------------------------------------------------------
# Bad input: a clear message, an accessible page, nothing saved


BAD_AMOUNTS = {
    "-5": "Enter an amount of £0 or more",
    "12.345": "Enter the amount in pounds and pence, with at most 2 decimal places",
    "lots": "Enter the amount as a number, like 85910 or 85910.50",
}


def test_a_bad_budget_amount_is_explained_and_nothing_is_saved(page, live_server, loaded_demo):
    from funding.models import BudgetLine

    lines_before = BudgetLine.objects.count()
    sign_in(page, live_server, "officer")
    open_the_community_safety_fund(page, live_server)
    page.get_by_role("link", name="Add budget line", exact=True).click()
    page.get_by_label("What it pays for").fill("Street pastors")
    for amount, message in BAD_AMOUNTS.items():
        page.get_by_label("Amount (£)").fill(amount)
        save(page)
        expect_error(page, "Amount (£)", message)
        expect(page.get_by_label("Amount (£)")).to_have_value(amount)
        expect(page.get_by_label("What it pays for")).to_have_value("Street pastors")
        assert_accessible(page, f"edit-budget-line-error-{amount}")
    assert BudgetLine.objects.count() == lines_before


def test_plan_details_ending_before_they_start_are_explained_and_nothing_is_saved(
    page, live_server, loaded_demo
):
    from plans.models import Plan

    sign_in(page, live_server, "officer")
    open_task(page, live_server, "Plan details")
    page.get_by_label("Year the plan starts").fill("2015")
    page.get_by_label("Year the plan ends").fill("2014")
    page.get_by_label("Subtitle").fill("Not saved")
    save(page)

    expect_error(
        page,
        "Year the plan ends",
        "The plan must end after the year it starts (a plan in financial years that starts in 2015 ends in "
        "2016 or later)",
    )
    assert_accessible(page, "edit-plan-details-error")
    page.get_by_role("link", name="The plan must end after the year it starts").click()
    expect(page.get_by_label("Year the plan ends")).to_be_focused()

    plan = Plan.objects.get(slug=SLUG)
    assert (plan.start_year, plan.end_year) == (2015, 2016)
    assert plan.subtitle != "Not saved"


# ---------------------------------------------------------------------------
# An area lead, a viewer


def test_an_area_lead_updates_their_own_areas_priority_and_sees_no_other_area(page, live_server, loaded_demo):
    sign_in(page, live_server, "lead-chiltern")
    open_the_editor(page, live_server)
    tasks = page.locator(".govuk-task-list__link")
    expect(tasks).to_have_text(["Local priorities by area"])

    tasks.first.click()
    summaries = page.locator(".app-edit-list__summary")
    expect(summaries).to_have_count(4)
    for index in range(4):
        expect(summaries.nth(index)).to_contain_text("Chiltern: ")
    expect(page.get_by_text("Wycombe")).to_have_count(0)
    assert_accessible(page, "edit-area-priorities-lead")

    change_link(page, "local priority", "Chiltern: Reduce anti-social behaviour").click()
    expect(page.get_by_label("Area")).to_be_disabled()
    page.get_by_label("Priority").fill("Reduce anti-social behaviour in our towns and villages")
    save(page)
    expect_saved(page, "Saved the local priority.")

    table = plan_page(page, live_server).locator("table.app-area-priorities")
    chiltern = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Chiltern"))
    expect(chiltern.locator("li").nth(1)).to_have_text(
        "Reduce anti-social behaviour in our towns and villages"
    )


def test_an_area_lead_is_refused_everywhere_else(page, live_server, loaded_demo):
    from plans.models import Section
    from priorities.models import AreaPriority

    wycombe = AreaPriority.objects.filter(plan__slug=SLUG, area__name="Wycombe").first()
    section = Section.objects.get(plan__slug=SLUG, title="Our aims")
    sign_in(page, live_server, "lead-chiltern")

    response = page.goto(f"{live_server.url}{EDIT}section/{section.pk}/")
    assert response.status == 403
    response = page.goto(f"{live_server.url}{EDIT}area-priority/{wycombe.pk}/")
    assert response.status == 404
    response = page.goto(f"{live_server.url}{EDIT}area-priority/{wycombe.pk}/delete/")
    assert response.status == 404
    wycombe_text = wycombe.text
    wycombe.refresh_from_db()
    assert wycombe.text == wycombe_text


def test_a_viewer_reads_the_draft_but_cannot_edit_it(page, live_server, loaded_demo):
    from plans.models import Partner

    partner = Partner.objects.filter(plan__slug=SLUG).first()
    sign_in(page, live_server, "viewer")
    page.goto(live_server.url + PLAN)
    expect(page.get_by_role("heading", level=1)).to_have_text("Safer Bucks Plan 2015-16")
    expect(page.get_by_role("link", name="Edit this plan")).to_have_count(0)

    response = page.goto(f"{live_server.url}{EDIT}partner/{partner.pk}/")
    assert response.status == 403
    response = page.goto(live_server.url + EDIT)
    assert response.status == 403


# ---------------------------------------------------------------------------
# Two people edit the same item


def test_a_second_save_of_the_same_partner_shows_both_versions_and_keeps_what_was_typed(
    page, browser, live_server, loaded_demo
):
    from django.contrib.auth.models import User

    from demo.accounts import DEMO_PASSWORD
    from partnerships.models import Membership
    from plans.models import Partnership

    other = User.objects.create_user("officer-two", password=DEMO_PASSWORD)
    Membership.objects.create(
        user=other, partnership=Partnership.objects.get(slug="buckinghamshire"), role=Membership.Role.OFFICER
    )

    sign_in(page, live_server, "officer")
    open_task(page, live_server, "Partner organisations")
    change_link(page, "partner organisation", "Bucks Fire and Rescue Service").click()
    url = page.url

    context = browser.new_context()
    try:
        first = context.new_page()
        sign_in(first, live_server, "officer-two")
        first.goto(url)
        first.get_by_label("Organisation").fill("Buckinghamshire Fire & Rescue Service")
        save(first)
        expect_saved(first, "Saved the partner organisation.")
    finally:
        context.close()

    page.get_by_label("Organisation").fill("Bucks Fire and Rescue")
    save(page)
    expect(page.get_by_role("heading", name="officer-two saved a newer version")).to_be_visible()
    expect(page.locator(".govuk-error-summary")).to_contain_text("officer-two changed this")
    conflict = page.get_by_role("region", name="officer-two saved a newer version")
    row = conflict.get_by_role("row", name=re.compile("^Organisation"))
    theirs, yours = row.get_by_role("cell").nth(0), row.get_by_role("cell").nth(1)
    # What differs, word by word: struck through in theirs, underlined in yours.
    expect(theirs.locator("del")).to_have_text(
        [
            "only in their version: Buckinghamshire",
            "only in their version: &",
            "only in their version: Service",
        ]
    )
    expect(yours.locator("ins")).to_have_text(["only in your version: Bucks", "only in your version: and"])
    expect(theirs).to_have_text(re.compile(r"Buckinghamshire Fire .*& Rescue .*Service$"))
    expect(yours).to_have_text(re.compile(r"Bucks Fire .*and Rescue$"))
    expect(page.get_by_label("Organisation")).to_have_value("Bucks Fire and Rescue")
    assert_accessible(page, "edit-conflict")

    save(page)
    expect_saved(page, "Saved the partner organisation.")
    expect(page.locator(".app-edit-list__summary").nth(2)).to_have_text("3. Bucks Fire and Rescue")


def test_an_area_lead_whose_save_conflicts_sees_the_area_the_same_on_both_sides(
    page, browser, live_server, loaded_demo
):
    sign_in(page, live_server, "lead-chiltern")
    open_task(page, live_server, "Local priorities by area")
    change_link(page, "local priority", "Chiltern: Reduce anti-social behaviour").click()
    url = page.url

    context = browser.new_context()
    try:
        officer = context.new_page()
        sign_in(officer, live_server, "officer")
        officer.goto(url)
        officer.get_by_label("Priority").fill("Reduce anti-social behaviour (officer's wording)")
        save(officer)
        expect_saved(officer, "Saved the local priority.")
    finally:
        context.close()

    page.get_by_label("Priority").fill("Reduce anti-social behaviour (lead's wording)")
    save(page)
    conflict = page.get_by_role("region", name="officer saved a newer version")
    priority = conflict.get_by_role("row", name=re.compile("^Priority"))
    expect(priority.get_by_role("cell")).to_have_text(
        [
            "Reduce anti-social behaviour only in their version: (officer's wording)",
            "Reduce anti-social behaviour only in your version: (lead's wording)",
        ]
    )
    expect(page.get_by_label("Priority")).to_have_value("Reduce anti-social behaviour (lead's wording)")
    assert_accessible(page, "edit-conflict-area-lead")

    # The lead cannot change the area (the field is disabled, so the browser does not
    # send it): both versions name it, by name rather than by id.
    area = conflict.get_by_role("row", name=re.compile("^Area"))
    expect(area.get_by_role("cell")).to_have_text(["Chiltern", "Chiltern"])


def test_an_officer_adds_a_rate_with_its_population_and_it_reads_in_the_sentence(
    page, live_server, loaded_demo
):
    sign_in(page, live_server, "officer")
    open_task(page, live_server, "Statistics")
    page.get_by_role("link", name="Add a statistic").click()
    page.get_by_label("Key").fill("asb_rate")
    page.get_by_label("Label").fill("Anti-social behaviour incidents per 1,000 residents")
    page.get_by_label("Unit").select_option(label="Rate per 1,000 residents")
    page.get_by_label("How exact it is").select_option(label="About")
    page.get_by_label("Figure").fill("44.4")
    page.get_by_label("Decimal places").fill("1")
    page.get_by_label("Population the rate is worked out from (optional)").fill("312,400")
    page.get_by_label("Unit").select_option(label="Per cent")
    save(page)
    expect_error(
        page,
        "Population the rate is worked out from (optional)",
        "Give the population only for a rate per 1,000 or per 100,000 residents",
    )
    assert_accessible(page, "statistic-error")
    page.get_by_label("Unit").select_option(label="Rate per 1,000 residents")
    save(page)
    expect_saved_with_warning(page, "Added the statistic.", "No text in the plan shows this figure yet")

    open_the_first_text_of_our_aims(page, live_server)
    page.get_by_label("Text").fill(
        "Anti-social behaviour fell to {{asb_rate}}. {{asb_rate}} is the county's rate."
    )
    save(page)
    expect_saved(page, "Saved the text.")

    expect(plan_page(page, live_server)).to_contain_text(
        "Anti-social behaviour fell to about 44.4 per 1,000 residents (population 312,400). "
        "About 44.4 per 1,000 residents (population 312,400) is the county's rate."
    )
