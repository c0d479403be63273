"""One installation serves any partnership: the product's own name comes from
settings, each plan shows its partnership's name, and nothing names the county the
product was first written for. A partnership's priorities are "Priorities", or
"County priorities" where it is a two-tier county (``plans.wording``)."""

import re
from html import unescape

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.urls import reverse

from plans.models import Block, Plan
from plans.pdf import render as pdf_render
from plans.wording import priority_words
from priorities.models import CountyPriority
from tests.factories import home_partnership, make_area, make_full_plan, make_partnership, make_user
from tests.pdf.pdftext import ReadPDF, squash

pytestmark = pytest.mark.django_db

#: The county the product was first written for, and its places: none of it may show
#: outside the demo's own plans.
PLACE_NAMES = re.compile(r"Buckinghamshire|Bucks|Aylesbury|Wycombe|Chiltern|Thames Valley")


def text_of(html: str) -> str:
    """What a page says, tags and spacing aside."""
    return " ".join(unescape(re.sub(r"<[^>]*>", " ", html)).split())


def service_name(html: str) -> str:
    found = re.search(r'govuk-service-navigation__service-name">\s*<a [^>]*>([^<]*)</a>', html)
    return unescape(found.group(1)).strip() if found else ""


def title_of(html: str) -> str:
    return " ".join(unescape(re.search(r"<title>(.*?)</title>", html, re.S).group(1)).split())


def make_harbourside(two_tier: bool = False) -> Plan:
    # The tests' home partnership, which the ``officer`` and ``viewer`` belong to.
    partnership = home_partnership()
    partnership.name, partnership.two_tier = "Harbourside Community Safety Partnership", two_tier
    partnership.save()
    plan = make_full_plan(partnership=partnership, title="Safer Harbourside Plan", slug="safer-harbourside")
    for name in ("North Quay", "Old Town"):
        make_area(partnership, name=name)
    return Plan.objects.with_partnership().get(pk=plan.pk)


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def editor_urls(plan: Plan) -> list[str]:
    slug = plan.slug
    priority = CountyPriority.objects.filter(plan=plan).first()
    section = plan.sections.filter(parent=None).first()
    return [
        reverse("plans:edit", kwargs={"slug": slug}),
        reverse("plans:edit_list", kwargs={"slug": slug, "kind": "priority"}),
        reverse("plans:edit_list", kwargs={"slug": slug, "kind": "area-priority"}),
        reverse("plans:edit_list", kwargs={"slug": slug, "kind": "section"}),
        reverse("plans:edit_item", kwargs={"slug": slug, "kind": "priority", "pk": priority.pk}),
        reverse("plans:edit_item", kwargs={"slug": slug, "kind": "section", "pk": section.pk}),
        reverse("plans:edit_add", kwargs={"slug": slug, "kind": "component"}) + f"?parent={section.pk}",
        reverse("plans:edit_add", kwargs={"slug": slug, "kind": "priority"}),
        reverse("plans:edit_paste", kwargs={"slug": slug, "kind": "area-priority"}),
        reverse("plans:history", kwargs={"slug": slug}),
    ]


def test_any_partnership_sees_the_product_by_its_own_name_and_its_plan_by_the_partnerships(client, settings):
    plan = make_harbourside(two_tier=False)
    product = settings.PRODUCT_NAME
    assert product == "Safer Plan"  # the default: no PRODUCT_NAME in the test environment

    pages = {"home, signed out": page(client, "/"), "sign in": page(client, reverse("login"))}
    client.force_login(make_user("harbour-officer", "Board officers"))
    pages["home"] = page(client, "/")
    pages["plan"] = page(client, plan.get_absolute_url())
    pages.update({url: page(client, url) for url in editor_urls(plan)})
    client.force_login(make_user("quay-lead", "Area leads", areas=[plan.partnership.areas.first()]))
    pages["lead's home"] = page(client, "/")

    for name, html in pages.items():
        assert service_name(html) == product, name
        assert f"{product} — a tool for Community Safety Partnerships" in text_of(html), name
        assert PLACE_NAMES.findall(unescape(html)) == [], name  # text, attributes and all
        if name != "plan":
            assert title_of(html).endswith(f" – {product}"), name

    # The plan is the partnership's: above its title and in its page's title.
    assert (
        title_of(pages["plan"]) == "Safer Harbourside Plan 2024-25 – Harbourside Community Safety Partnership"
    )
    assert "Harbourside Community Safety Partnership Safer Harbourside Plan 2024-25" in text_of(pages["plan"])


def test_a_partnerships_pdf_names_the_plan_the_partnership_and_the_product(settings):
    plan = make_harbourside(two_tier=False)
    html = pdf_render.plan_html(plan)
    assert PLACE_NAMES.findall(unescape(html)) == []
    pdf = ReadPDF(pdf_render.html_to_pdf(html))
    metadata = pdf.reader.metadata
    assert metadata.title == "Safer Harbourside Plan 2024-25"
    assert metadata.author == "Harbourside Community Safety Partnership"
    assert metadata.creator == settings.PRODUCT_NAME
    assert metadata.producer.startswith("WeasyPrint")  # what turned the page into PDF
    text = "".join(page.body + page.margins for page in pdf.pages)
    assert squash("Harbourside Community Safety Partnership") in squash(text)
    assert PLACE_NAMES.findall(text) == []


def test_a_partnership_that_is_not_a_two_tier_county_has_priorities_and_local_priorities(client):
    plan = make_harbourside(two_tier=False)
    client.force_login(make_user("harbour-officer", "Board officers"))
    slug = plan.slug

    task_list = text_of(page(client, reverse("plans:edit", kwargs={"slug": slug})))
    assert "Priorities" in task_list and "Local priorities" in task_list
    assert "County priorities" not in task_list and "Local priorities by area" not in task_list

    priorities = page(client, reverse("plans:edit_list", kwargs={"slug": slug, "kind": "priority"}))
    assert title_of(priorities).startswith("Priorities – Edit Safer Harbourside Plan")
    assert "Add a priority" in text_of(priorities)

    section = plan.sections.filter(parent=None).first()
    component = reverse("plans:edit_add", kwargs={"slug": slug, "kind": "component"})
    offered = text_of(page(client, f"{component}?parent={section.pk}"))
    assert "Priorities (list)" in offered and "Priorities (chapters)" in offered
    assert "County priorities" not in offered

    section_page = text_of(
        page(client, reverse("plans:edit_item", kwargs={"slug": slug, "kind": "section", "pk": section.pk}))
    )
    assert "Priorities (list)" in section_page and "County" not in section_page

    assert "Local priorities</caption>" in page(client, plan.get_absolute_url())
    assert "Local priorities</caption>" in pdf_render.plan_html(plan)


def test_a_two_tier_countys_plan_has_county_priorities_beside_its_districts(client):
    plan = make_harbourside(two_tier=True)
    client.force_login(make_user("county-officer", "Board officers"))
    slug = plan.slug

    task_list = text_of(page(client, reverse("plans:edit", kwargs={"slug": slug})))
    assert "County priorities" in task_list and "Local priorities by area" in task_list

    priorities = page(client, reverse("plans:edit_list", kwargs={"slug": slug, "kind": "priority"}))
    assert title_of(priorities).startswith("County priorities – Edit Safer Harbourside Plan")
    assert "Add a county priority" in text_of(priorities)

    section = plan.sections.filter(parent=None).first()
    component = reverse("plans:edit_add", kwargs={"slug": slug, "kind": "component"})
    offered = text_of(page(client, f"{component}?parent={section.pk}"))
    assert "County priorities (list)" in offered and "County priorities (chapters)" in offered

    home = text_of(page(client, "/"))
    assert "County priorities" in home  # the officer's "Left to do"

    assert "Local priorities by area</caption>" in page(client, plan.get_absolute_url())
    assert "Local priorities by area</caption>" in pdf_render.plan_html(plan)


def test_the_words_follow_the_partnership_and_nothing_else():
    one_tier = make_partnership(two_tier=False)
    county = make_partnership(two_tier=True)
    assert priority_words(one_tier)["priorities"] == "Priorities"
    assert priority_words(county)["priorities"] == "County priorities"
    assert Block.Kind.PRIORITY_LIST.label == "Priorities (list)"  # neutral outside any plan


def test_a_product_name_from_settings_shows_in_the_header_titles_footer_and_emails(client, settings):
    settings.PRODUCT_NAME = "Harbour Plans"
    plan = make_harbourside()
    home = page(client, "/")
    assert service_name(home) == "Harbour Plans"
    assert title_of(home) == "Plans – Harbour Plans"
    assert "Harbour Plans — a tool for Community Safety Partnerships" in text_of(home)
    # A plan's own page is the partnership's, whatever the product is called.
    client.force_login(make_user("harbour-viewer", "Viewers"))
    assert title_of(page(client, plan.get_absolute_url())).endswith(
        "– Harbourside Community Safety Partnership"
    )

    error_page = render_to_string("500.html")
    assert "Harbour Plans" in error_page and "Safer Plan" not in error_page

    make_user("reset-me", "Viewers").__class__.objects.filter(username="reset-me").update(
        email="a@example.org"
    )
    response = client.post(reverse("password_reset"), {"email": "a@example.org"})
    assert response.status_code == 302
    [email] = mail.outbox
    assert email.subject == "Reset your Harbour Plans password"
    assert "your Harbour Plans account" in email.body
    assert PLACE_NAMES.findall(email.subject + email.body) == []


def test_the_pdfs_creator_follows_the_setting(settings):
    settings.PRODUCT_NAME = "Harbour Plans"
    plan = make_harbourside()
    assert '<meta name="generator" content="Harbour Plans">' in pdf_render.plan_html(plan)
    from plans.pdf.cache import layout_fingerprint

    before = layout_fingerprint()
    settings.PRODUCT_NAME = "Another Name"
    assert layout_fingerprint() != before  # a draft's kept PDF is made again
