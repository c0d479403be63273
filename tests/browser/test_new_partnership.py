"""A partnership from zero, in the browser: the site's operator sets it up and
invites its first board officer, who joins through the emailed link, names the
partnership's areas, invites two area leads, starts a four-year plan in calendar
years and fills it in (``tests.browser.riverside``); the page and the PDF show it all.
The leads join and may change their own areas' priorities only. Another partnership's
officer finds none of it. Every page on the way is axe-clean."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.browser import riverside
from tests.browser.conftest import SCREENSHOTS, assert_accessible
from tests.pdf.pdftext import ReadPDF, squash

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "lantern orchard pebble"
NAME = "Riverside Community Safety Partnership"
AREAS = [
    ("North Riverside", "Borough"),
    ("South Riverside", "Borough"),
    ("Old Town", "Locality"),
    ("Castle", "Ward"),
]


def _link(email: str) -> str:
    for message in reversed(mail.outbox):
        if email in message.to:
            return re.search(r"https?://\S+/invitations/\S+/", message.body).group(0)
    raise AssertionError(f"no invitation was sent to {email}")


def _path(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def _sign_in(page, base, username, password):
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email address or username").fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()


def _sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def _join(page, base, email, full_name):
    page.goto(base + _path(_link(email)))
    assert_accessible(page, "new-partnership-join")
    page.get_by_label("Your full name").fill(full_name)
    page.get_by_label("Choose a password").fill(PASSWORD)
    page.get_by_label("Type the password again").fill(PASSWORD)
    page.get_by_role("button", name="Make my account and join").click()


def _pdf_text(page, plan_url: str) -> str:
    """The plan's PDF as text, rendered as the download renders it."""
    from plans.models import Plan
    from plans.pdf.render import render_plan_pdf

    plan = Plan.objects.get(slug=plan_url.rstrip("/").rsplit("/", 1)[-1])
    pdf = render_plan_pdf(plan)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "new-partnership-plan.pdf").write_bytes(pdf)  # to look at
    return "".join(page.body + page.margins for page in ReadPDF(pdf).pages)


def _the_plan_shows_it_all(text: str) -> None:
    """What the page or the PDF says, compared without spaces (a PDF's line breaks
    fall where its layout puts them)."""

    class Words(str):
        def __contains__(self, wanted):
            return squash(wanted) in squash(str(self))

        def count(self, wanted):
            return squash(str(self)).count(squash(wanted))

    words = Words(text)
    assert NAME in words
    assert "Community Safety Strategy" in words and "2026-2029" in words
    assert "Buckinghamshire" not in words and "Bucks" not in words
    for heading in ("Responsible authorities", "Co-operating bodies", "Invited members"):
        assert heading in words, heading
    for partner in riverside.RESPONSIBLE + riverside.CO_OPERATING + riverside.INVITED:
        assert partner in words, partner
    for title, lead in riverside.PRIORITIES:
        assert title in words and f"Led by {lead}" in words, title
    assert words.count(riverside.MEASURE) == len(riverside.PRIORITIES)
    assert riverside.TIMESCALE in words
    for area, text in riverside.LOCAL.items():
        assert area in words and text in words, area
    assert "18.4 per 1,000 residents (population 158,000)" in words
    assert "fell by 7.8% from 2024 to 2025" in words


def test_a_partnership_from_zero_in_the_browser(page, live_server, django_user_model):
    base = live_server.url
    django_user_model.objects.create_superuser("root", "root@example.org", PASSWORD)

    # The site's operator sets it up.
    _sign_in(page, base, "root", PASSWORD)
    page.get_by_role("link", name="Partnerships").first.click()
    page.get_by_role("link", name="Set up a partnership").click()
    assert_accessible(page, "new-partnership-setup")
    page.get_by_role("button", name="Set up the partnership").click()
    expect(page.get_by_role("link", name="Enter the partnership's name")).to_be_visible()
    page.get_by_label("Partnership's name").fill(NAME)
    page.get_by_label("Board's name").fill("Safer Riverside Board")
    page.get_by_label("First board officer's email address").fill("priya@riverside.example")
    page.get_by_role("button", name="Set up the partnership").click()
    expect(page.get_by_text(f"{NAME} is set up")).to_be_visible()
    _sign_out(page)

    # The first board officer joins through the emailed link.
    _join(page, base, "priya@riverside.example", "Priya Shah")
    expect(page.get_by_role("heading", name=NAME, level=1)).to_be_visible()
    assert_accessible(page, "new-partnership-home")

    # Areas of the partnership's own kinds.
    page.get_by_role("link", name="Areas").click()
    for name, kind in AREAS:
        page.get_by_label("Name of the area").fill(name)
        page.get_by_label("Kind of area").fill(kind)
        page.get_by_role("button", name="Add the area").click()
        expect(page.get_by_text(f"{name} ({kind}) is added")).to_be_visible()
    assert_accessible(page, "new-partnership-areas")

    # An area lead for Old Town.
    page.get_by_role("link", name="Invite area leads").click()
    page.get_by_role("link", name="Invite someone").click()
    page.get_by_label("Email address").fill("lee@riverside.example")
    page.get_by_label("Area lead").check()
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_role("link", name="Choose the areas the area lead looks after")).to_be_visible()
    page.get_by_label("Old Town").check()
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_text("An invitation was sent to lee@riverside.example")).to_be_visible()
    # And one for the other three areas.
    page.get_by_role("link", name="Invite someone").click()
    page.get_by_label("Email address").fill("sam@riverside.example")
    page.get_by_label("Area lead").check()
    for name in ("North Riverside", "South Riverside", "Castle"):
        page.get_by_label(name).check()
    page.get_by_role("button", name="Send the invitation").click()
    assert_accessible(page, "new-partnership-people")

    # A four-year plan in calendar years, from the usual sections.
    page.get_by_role("link", name=NAME).click()
    page.get_by_role("link", name="Start a new plan").click()
    page.get_by_label("Title of the plan").fill("Community Safety Strategy")
    page.get_by_label("Calendar years").check()
    page.get_by_label("Year the plan starts").fill("2026")
    page.get_by_label("Year the plan ends").fill("2029")
    assert_accessible(page, "new-partnership-new-plan")
    page.get_by_role("button", name="Start the plan").click()
    expect(page.get_by_text("Community Safety Strategy 2026-2029 is started, as a draft")).to_be_visible()
    editor = page.url
    page.get_by_role("link", name="Sections").click()
    for title in ("Foreword", "About the partnership", "Strategic assessment", "Our priorities", "Funding"):
        expect(page.get_by_role("link", name=f"Change section: {title}")).to_be_visible()

    # The officer fills it in, and the page and the PDF show it all.
    riverside.fill_plan(page, editor)
    riverside.fill_figures(page, editor)
    plan_url = editor.replace("/edit/", "/")
    page.goto(plan_url)
    assert_accessible(page, "new-partnership-plan")
    _the_plan_shows_it_all(page.locator("main").inner_text())
    _the_plan_shows_it_all(_pdf_text(page, plan_url))
    _sign_out(page)

    # The leads join; on the plan's page each may change their own areas' priorities only.
    for email, name, areas in [
        ("lee@riverside.example", "Lee Ng", ["Old Town"]),
        ("sam@riverside.example", "Sam Ortiz", ["Castle", "North Riverside", "South Riverside"]),
    ]:
        _join(page, base, email, name)
        expect(
            page.get_by_text("You have joined Riverside Community Safety Partnership as area lead")
        ).to_be_visible()
        page.goto(plan_url)
        changes = page.locator("main").get_by_role("link", name=re.compile("^Change local priorities for "))
        expect(changes).to_have_count(len(areas))
        for area in areas:
            expect(page.get_by_role("link", name=f"Change local priorities for {area}")).to_be_visible()
        _sign_out(page)

    # Another partnership's officer finds none of it.
    from partnerships.models import Membership
    from plans.models import Partnership

    other = Partnership.objects.create(name="Hillside CSP", slug="hillside")
    outsider = django_user_model.objects.create_user("hugo", "hugo@hillside.example", PASSWORD)
    Membership.objects.create(user=outsider, partnership=other, role="officer")
    _sign_in(page, base, "hugo@hillside.example", PASSWORD)
    for url in (
        editor,
        editor.replace("/edit/", "/"),
        base + "/partnerships/riverside-community-safety-partnership/",
    ):
        response = page.goto(url)
        assert response.status == 404, url
    page.goto(base + "/")
    expect(page.get_by_text("Community Safety Strategy")).to_have_count(0)
