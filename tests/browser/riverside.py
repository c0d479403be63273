"""A plan that is not the demo's, entered in the browser by a new partnership's board
officer: partners of each kind, six priorities whose actions name who leads them, a
measure and a timescale, local priorities for four areas of the partnership's own
kinds, a rate per 1,000 residents and a change between two calendar years written into
the strategic assessment."""

import re

from playwright.sync_api import expect

RESPONSIBLE = ["Riverside Borough Council", "Riverside Police", "Riverside Fire and Rescue Service"]
CO_OPERATING = ["Riverside Integrated Care Board"]
INVITED = ["Riverside Housing Trust"]
PRIORITIES = [
    ("Safer streets at night", "Riverside Police"),
    ("Reducing violence against women and girls", "Riverside Borough Council"),
    ("Tackling drug-related harm", "Riverside Integrated Care Board"),
    ("Preventing serious youth violence", "Riverside Police"),
    ("Safer homes", "Riverside Housing Trust"),
    ("Fire safety in older housing", "Riverside Fire and Rescue Service"),
]
LOCAL = {
    "North Riverside": "Quieter evenings around the station",
    "South Riverside": "Fewer thefts from vans",
    "Old Town": "Safer market days",
    "Castle": "Less dumping on the towpath",
}
MEASURE = "Incidents recorded each quarter"
TIMESCALE = "2026 to 2029"


def saved(page) -> None:
    """Saved: no error, and the page's message (a success, or a note such as "not used
    in any text yet")."""
    expect(page.locator(".govuk-error-summary")).to_have_count(0)
    expect(page.locator(".govuk-notification-banner").first).to_be_visible()


def _add_list(page, task_list, task, link, box, lines, choose=None):
    page.goto(task_list)
    page.get_by_role("link", name=task, exact=True).click()
    page.get_by_role("link", name=link).click()
    page.get_by_label(box).fill("\n".join(lines))
    for label, value in (choose or {}).items():
        field = page.get_by_label(label, exact=True)
        if field.evaluate("el => el.tagName") == "SELECT":
            field.select_option(label=value)
        else:
            field.check() if value is True else field.fill(value)
    page.get_by_role("button", name="Add them").click()
    saved(page)


def fill_plan(page, task_list: str) -> None:
    _add_list(
        page,
        task_list,
        "Partner organisations",
        "Add partner organisations as a list",
        "Partner organisations, one a line",
        RESPONSIBLE,
    )
    _add_list(
        page,
        task_list,
        "Partner organisations",
        "Add partner organisations as a list",
        "Partner organisations, one a line",
        CO_OPERATING,
        {"Co-operating body": True},
    )
    _add_list(
        page,
        task_list,
        "Partner organisations",
        "Add partner organisations as a list",
        "Partner organisations, one a line",
        INVITED,
        {"Invited member": True},
    )

    for title, lead in PRIORITIES:
        page.goto(task_list)
        page.get_by_role("link", name="Priorities", exact=True).click()
        page.get_by_role("link", name="Add a priority", exact=True).click()
        page.get_by_label("Title").fill(title)
        page.get_by_label("The priority in a sentence or a paragraph").fill(
            f"{title}: what the partnership will do."
        )
        page.get_by_role("button", name="Save", exact=True).click()
        page.get_by_role("link", name="Add group of actions").click()
        page.get_by_role("button", name="Save", exact=True).click()
        page.get_by_role("link", name="Add actions as a list").click()
        page.get_by_label("Actions, one a line").fill(
            f"- lead the work on {title.lower()}\n- report to the board each quarter"
        )
        page.get_by_label("Lead partner (optional)").select_option(label=lead)
        page.get_by_label("Timescale (optional)").fill(TIMESCALE)
        page.get_by_role("button", name="Add them").click()
        saved(page)
        # The first action's measure, on its own page.
        change = re.compile(f"^Change .*lead the work on {re.escape(title.lower())}")
        page.locator("main").get_by_role("link", name=change).first.click()
        page.get_by_label("How we will measure it (optional)").fill(MEASURE)
        page.get_by_role("button", name="Save", exact=True).click()
        saved(page)

    for area, text in LOCAL.items():
        _add_list(
            page,
            task_list,
            "Local priorities",
            "Add local priorities as a list",
            "Local priorities, one a line",
            [text],
            {"Area": area, "Lead partner (optional)": "Riverside Borough Council"},
        )


def fill_figures(page, task_list: str) -> None:
    """A rate per 1,000 residents, a series by calendar year and the change between its
    last two years, and the strategic assessment's text that uses both."""
    page.goto(task_list)
    page.get_by_role("link", name="Statistics", exact=True).click()
    page.get_by_role("link", name="Add a statistic").click()
    page.get_by_label("Key").fill("violence_rate")
    page.get_by_label("Label").fill("Violence against the person")
    page.get_by_label("Unit").select_option(label="Rate per 1,000 residents")
    page.get_by_label("Figure", exact=True).fill("18.4")
    page.get_by_label("Decimal places").fill("1")
    page.get_by_label("Population the rate is worked out from (optional)").fill("158000")
    page.get_by_label("Counted by").select_option(label="Calendar years (1 January to 31 December)")
    page.get_by_label("Year measured").fill("2025")
    page.get_by_role("button", name="Save", exact=True).click()
    saved(page)

    page.goto(task_list)
    page.get_by_role("link", name="Sections", exact=True).click()
    page.get_by_role("link", name="Change section: Strategic assessment").click()
    section = page.url
    page.get_by_role("link", name="Add set of figures by year").click()
    page.get_by_label("Key").fill("crime")
    page.get_by_label("Title").fill("Recorded crime in Riverside")
    page.get_by_label("Value label").fill("Recorded crimes")
    page.get_by_label("What the figures are counted by").select_option(
        label="Calendar years (1 January to 31 December)"
    )
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_role("link", name="Add figures as a list").click()
    page.locator("main textarea").first.fill("2024 - 10,200\n2025 - 9,400")
    page.get_by_role("button", name="Add them").click()
    saved(page)

    page.goto(task_list)
    page.get_by_role("link", name="Statistics", exact=True).click()
    page.get_by_role("link", name="Add a statistic").click()
    page.get_by_label("Key").fill("crime_change")
    page.get_by_label("Label").fill("Change in recorded crime")
    page.get_by_label("Unit").select_option(label="Percentage change")
    page.get_by_label("Decimal places").fill("1")
    page.get_by_label("Series").select_option(label="Recorded crime in Riverside")
    page.get_by_label("Year measured").fill("2025")
    page.get_by_label("Year compared with").fill("2024")
    page.get_by_role("button", name="Save", exact=True).click()
    saved(page)

    page.goto(section)
    page.get_by_role("link", name="Add text").click()
    page.locator("main textarea").first.fill(
        "Recorded crime fell by {{crime_change}} from 2024 to 2025. Violence against the person "
        "ran at {{violence_rate}}."
    )
    page.get_by_role("button", name="Save", exact=True).click()
    saved(page)
