"""Every page reflows on a phone (WCAG 1.4.10): at 375 CSS px wide no page scrolls
sideways, for someone signed out and for a viewer, a board officer and an area lead,
with long words and web addresses in the plan and a change in its history.

One test loads the demo once and opens one browser context per person. The editor's
pages are found from the editor's own links, so a new kind of content is checked too."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 800}
DRAFT = "/plans/safer-bucks-plan-2015-16/"
PUBLISHED = "/plans/safer-buckinghamshire-plan-2020-2023/"
PARTNERSHIP = "/partnerships/buckinghamshire/"
PARTNERSHIP_OFFICER_PAGES = [
    "details/",
    "areas/",
    "people/",
    "people/invite/",
    "people/record/",
    "plans/new/",
]
ADDRESS = (
    "https://www.thamesvalley.police.uk/police-forces/thames-valley-police/areas/au/about-us/"
    "community-safety-partnerships-and-their-annual-plans/"
)
LONG_WORD = "Antidisestablishmentarianism" * 3

# The page's width, and what sticks out furthest (to find a cause quickly): an element,
# or else the innermost element of the first run of elements whose content overflows them.
MEASURE = """() => {
  const width = window.innerWidth;
  const name = el => el.tagName.toLowerCase() + "." + String(el.className).trim().replace(/\\s+/g, ".");
  let widest = null, right = width, overflowing = null;
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.right > right) {
      right = box.right;
      widest = name(el);
    }
    if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1 && (!overflowing || overflowing.contains(el))
        && getComputedStyle(el).overflowX === "visible") overflowing = el;
  }
  return {scrollWidth: document.documentElement.scrollWidth, innerWidth: width, widest: widest || (overflowing && name(overflowing))};
}"""


def long_words_in_the_draft() -> None:
    """Text a phone cannot show on one line, where people write it: a web address in a
    list, a summary and two tables; a very long word in a heading and the subtitle."""
    from funding.models import BudgetLine
    from plans.models import Partner, Plan, Section
    from priorities.models import AreaPriority, CountyPriority

    draft = Plan.objects.get(slug="safer-bucks-plan-2015-16")
    Plan.objects.filter(pk=draft.pk).update(subtitle=f"The Community Safety Agreement {LONG_WORD}")
    section = Section.objects.filter(plan=draft, parent__isnull=True).order_by("position")[1]
    Section.objects.filter(pk=section.pk).update(title=f"{section.title} {LONG_WORD}")
    for model, field, rows in [
        (Partner, "text", Partner.objects.filter(plan=draft)),
        (CountyPriority, "summary", CountyPriority.objects.filter(plan=draft)),
        (AreaPriority, "text", AreaPriority.objects.filter(plan=draft)),
        (BudgetLine, "description", BudgetLine.objects.filter(fund__plan=draft)),
    ]:
        row = rows.order_by("pk").first()
        model.objects.filter(pk=row.pk).update(**{field: f"{getattr(row, field)} {ADDRESS}"})


def change_a_partner_in_the_editor(page, live_server) -> None:
    """A change made in the editor: the plan's history gets a row holding a web address."""
    page.goto(live_server.url + DRAFT + "edit/partner/")
    page.locator("main").get_by_role("link", name=re.compile("^Change")).first.click()
    page.get_by_label("Organisation").fill(f"Thames Valley Police, see {ADDRESS}")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()


def visit(page, live_server, who: str, path: str, problems: list[str], status: int = 200) -> bool:
    """Open a page; note it if it answers otherwise than expected or scrolls sideways."""
    response = page.goto(live_server.url + path)
    if response.status != status:
        problems.append(f"{who}: {path} answered {response.status}, not {status}")
        return False
    found = page.evaluate(MEASURE)
    if found["scrollWidth"] > found["innerWidth"]:
        problems.append(
            f"{who}: {page.title()!r} ({path}) scrolls sideways: {found['scrollWidth']}px wide in a "
            f"{found['innerWidth']}px window; furthest out: {found['widest']}"
        )
        screenshot(page, "reflow-failed-" + re.sub(r"[^a-z0-9]+", "-", f"{who} {path}").strip("-"))
    return True


def links(page, pattern: str) -> list[str]:
    hrefs = page.locator("main a[href]").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    return [href for href in dict.fromkeys(hrefs) if re.search(pattern, href)]


def check_the_editor(page, live_server, who: str, problems: list[str]) -> int:
    """The editor's task list, each of its lists, and in each the first item's form and
    history, a delete page and the form to add one. Returns how many pages it saw."""
    seen = 1
    visit(page, live_server, who, DRAFT + "edit/", problems)
    for task in links(page, r"/edit/[a-z-]+/(\d+/)?$"):
        seen += 1
        if not visit(page, live_server, who, task, problems) or re.search(r"/\d+/$", task):
            continue  # "Plan details" opens its form straight away.
        others = links(page, r"/delete/$")[:1] + links(page, r"/add/$")[:1]
        for item in links(page, r"/edit/[a-z-]+/\d+/$")[:1]:
            seen += 1
            if visit(page, live_server, who, item, problems):
                others += links(page, r"/history/$")[:1]
        for other in others:
            seen += 1
            visit(page, live_server, who, other, problems)
    return seen


def check_axe(page, live_server, who: str, path: str, problems: list[str]) -> None:
    page.goto(live_server.url + path)
    if violations := axe_violations(page):
        problems.append(f"{who}: {path} at 375px has axe violations: {violations}")


def test_every_page_reflows_at_375_px_for_every_role(browser, live_server):
    call_command("load_demo", verbosity=0)
    long_words_in_the_draft()
    problems: list[str] = []

    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    for path in ["/", PUBLISHED, "/accounts/login/", "/accounts/password_reset/"]:
        visit(page, live_server, "signed out", path, problems)
    for path in [DRAFT, "/plans/no-such-plan/"]:
        visit(page, live_server, "signed out", path, problems, status=404)
    context.close()

    # The officer goes first: their change is in the history the others read.
    for who in ["officer", "lead-chiltern", "viewer"]:
        context = browser.new_context()
        page = context.new_page()
        page.set_default_timeout(10_000)
        sign_in(page, live_server, who)  # at the default width, where "Signed in as" shows
        if who == "officer":
            change_a_partner_in_the_editor(page, live_server)
        page.set_viewport_size(PHONE)
        for path in ["/", DRAFT, PUBLISHED, DRAFT + "history/", PUBLISHED + "history/"]:
            visit(page, live_server, who, path, problems)
        visit(page, live_server, who, "/accounts/password_change/", problems)
        for path in ["/partnerships/", PARTNERSHIP]:
            visit(page, live_server, who, path, problems)
        if who == "officer":
            for path in PARTNERSHIP_OFFICER_PAGES:
                visit(page, live_server, who, PARTNERSHIP + path, problems)
            visit(page, live_server, who, DRAFT + "edit/publish/", problems)
            check_axe(page, live_server, who, PARTNERSHIP + "people/", problems)
        if who == "viewer":
            visit(page, live_server, who, DRAFT + "edit/", problems, status=403)
        else:
            seen = check_the_editor(page, live_server, who, problems)
            assert seen > (40 if who == "officer" else 4), f"{who} saw only {seen} editor pages"
            # The draft with its Change links, and the history as a phone shows it.
            for path in [DRAFT, DRAFT + "history/"]:
                check_axe(page, live_server, who, path, problems)
        context.close()

    assert problems == [], "\n".join(problems)
