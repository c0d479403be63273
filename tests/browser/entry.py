"""A board officer typing a modest real plan into the editor through the pages a
person would use, counting the form submissions and page loads it takes. The browser
test runs it and checks the result; ``make bench`` runs it and prints the counts.

The plan is not the demo's: another partnership, its own areas and words."""

from dataclasses import dataclass

PARTNERS = [
    "Harbourside Borough Council",
    "Harbourside Police",
    "Coastal Fire and Rescue Service",
    "Harbourside Integrated Care Board",
    "Probation Service, Harbourside",
    "Youth Justice Service",
    "Harbourside Housing Association",
    "Victim Support",
    "Harbourside Chamber of Commerce",
    "Harbourside Voluntary Action",
]
PRIORITIES = [
    ("Safer night-time economy", "Fewer assaults in the town centre at night.", 5),
    ("Serious violence", "Prevent knife crime and violence among young people.", 5),
    ("Domestic abuse", "Support victims and hold perpetrators to account.", 4),
    ("Anti-social behaviour", "Respond quickly to anti-social behaviour in neighbourhoods.", 4),
    ("Drugs and exploitation", "Disrupt county lines and protect those exploited.", 4),
    ("Hate crime", "Increase reporting and confidence to report hate crime.", 4),
    ("Reducing reoffending", "Help people leaving prison into housing and work.", 4),
]
AREAS = {
    "North Quay": [
        "Tackle drug dealing around the marina",
        "Improve lighting on the sea front",
        "Youth outreach on Friday nights",
    ],
    "Old Town": [
        "Reduce shop theft in the high street",
        "Safer routes to school",
        "Address street drinking in the park",
    ],
}
BUDGET = [
    ("Street Pastors grant", "£12,000"),
    ("Independent domestic violence advisers", "£45,500"),
    ("Youth diversion activities", "£18,250"),
    ("CCTV maintenance", "£9,800"),
    ("Community engagement events", "£4,450"),
]


@dataclass
class Tally:
    submissions: int = 0
    page_loads: int = 0


def count_navigation(page) -> Tally:
    """Count what the person does: each form sent is a submission, each page shown
    (a link followed, a redirect after saving) a page load."""
    tally = Tally()

    def on_request(request):
        if request.resource_type == "document" and request.is_navigation_request():
            if request.method == "POST":
                tally.submissions += 1
            else:
                tally.page_loads += 1

    page.on("request", on_request)
    return tally


def actions_of(title: str, count: int) -> list[str]:
    return [f"Action {n} for {title.lower()}" for n in range(1, count + 1)]


def enter_plan(page, base_url: str, plan_slug: str, username: str, password: str) -> Tally:
    """Sign in and enter the whole plan, starting from the plan's page."""
    tally = count_navigation(page)
    page.set_default_timeout(10_000)
    page.goto(base_url + "/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{base_url}/plans/{plan_slug}/")
    page.get_by_role("link", name="Edit this plan").click()
    task_list = page.url

    page.get_by_role("link", name="Partner organisations").click()
    page.get_by_role("link", name="Add partner organisations as a list").click()
    page.get_by_label("Partner organisations, one a line").fill("\n".join(PARTNERS))
    page.get_by_role("button", name="Add them").click()

    for title, summary, count in PRIORITIES:
        page.goto(task_list)
        page.get_by_role("link", name="Priorities", exact=True).click()
        page.get_by_role("link", name="Add a priority", exact=True).click()
        page.get_by_label("Title").fill(title)
        page.get_by_label("The priority in a sentence or a paragraph").fill(summary)
        page.get_by_role("button", name="Save", exact=True).click()
        page.get_by_role("link", name="Add group of actions").click()
        page.get_by_role("button", name="Save", exact=True).click()
        page.get_by_role("link", name="Add actions as a list").click()
        page.get_by_label("Actions, one a line").fill("\n".join(f"- {a}" for a in actions_of(title, count)))
        page.get_by_role("button", name="Add them").click()

    for area, texts in AREAS.items():
        page.goto(task_list)
        page.get_by_role("link", name="Local priorities", exact=True).click()
        page.get_by_role("link", name="Add local priorities as a list").click()
        page.get_by_label("Area", exact=True).select_option(label=area)
        page.get_by_label("Local priorities, one a line").fill("\n".join(texts))
        page.get_by_role("button", name="Add them").click()

    page.goto(task_list)
    page.get_by_role("link", name="Sections").click()
    page.get_by_role("link", name="Change section: Our plan").click()
    section = page.url
    page.get_by_role("link", name="Add fund").click()
    page.get_by_label("Name").fill("Community Safety Fund")
    page.get_by_label("Financial year").fill("2026")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_role("link", name="Add budget lines as a list").click()
    page.get_by_label("Budget lines, one a line").fill("\n".join(f"{d} - {a}" for d, a in BUDGET))
    page.get_by_role("button", name="Add them").click()

    # A partnership that is not a two-tier county: "Priorities", not "County priorities".
    for shown in ("Partner organisations", "Priorities (list)", "Local priorities"):
        page.goto(section)
        page.get_by_role("link", name="Add list or component").click()
        page.get_by_label(shown, exact=True).check()
        page.get_by_role("button", name="Save", exact=True).click()
    return tally


def set_up_blank_plan(username: str, password: str):
    """A new partnership's first draft: its areas, a board officer and one empty
    section, as the partnership's set-up leaves it."""
    from django.contrib.auth.models import User

    from partnerships.models import Membership
    from plans.editor import registry
    from plans.editor.services import item_create
    from plans.models import Area, Partnership
    from plans.services import plan_create

    partnership = Partnership.objects.create(
        name="Harbourside Community Safety Partnership", slug="harbourside"
    )
    for name in AREAS:
        Area.objects.create(
            partnership=partnership, name=name, slug=name.lower().replace(" ", "-"), kind="Borough"
        )
    officer = User.objects.create_user(username=username, password=password)
    Membership.objects.create(user=officer, partnership=partnership, role=Membership.Role.OFFICER)
    plan = plan_create(
        partnership=partnership,
        data={
            "title": "Safer Harbourside Plan",
            "slug": "safer-harbourside-2026-27",
            "start_year": 2026,
            "end_year": 2027,
        },
        actor=officer,
    )
    item_create(
        kind=registry.get("section"),
        plan=plan,
        data={"title": "Our plan", "anchor": "our-plan"},
        actor=officer,
    )
    return plan
