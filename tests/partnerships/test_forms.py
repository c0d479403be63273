"""The partnership's forms refuse bad input in plain words and save nothing."""

import pytest
from django.urls import reverse

from partnerships.models import Invitation
from plans.models import Area, Partnership, Plan
from tests.factories import home_partnership, make_area

pytestmark = pytest.mark.django_db


def test_areas_empty_too_long_or_named_twice_are_explained(officer_client):
    partnership = home_partnership()
    make_area(partnership, name="Old Town", kind="Ward")
    url = reverse("partnerships:areas", args=[partnership.slug])
    empty = officer_client.post(url, {"name": "", "kind": ""}).text
    assert "Enter the name of the area" in empty and "Enter what kind of area it is" in empty
    long = officer_client.post(url, {"name": "x" * 121, "kind": "y" * 61}).text
    assert "Name of the area must be 120 characters or fewer" in long
    assert "Kind of area must be 60 characters or fewer" in long
    twice = officer_client.post(url, {"name": "Old Town", "kind": "Ward"}).text
    assert "The partnership already has an area with this name" in twice
    assert Area.objects.filter(partnership=partnership).count() == 1


def test_an_area_in_use_is_not_deleted_and_the_page_says_why(officer_client):
    from priorities.models import AreaPriority
    from tests.factories import make_plan

    partnership = home_partnership()
    area = make_area(partnership, name="Castle")
    AreaPriority.objects.create(plan=make_plan(partnership), area=area, position=1, text="Safer towpath")
    page = officer_client.post(reverse("partnerships:area_delete", args=[partnership.slug, area.pk])).text
    assert "Castle cannot be deleted: a plan has local priorities or figures for it" in page
    assert Area.objects.filter(pk=area.pk).exists()


def test_an_invitation_to_nonsense_is_refused(officer_client):
    partnership = home_partnership()
    url = reverse("partnerships:invite", args=[partnership.slug])
    page = officer_client.post(url, {"email": "not an address", "role": "boss"}).text
    assert "Enter an email address in the right format, like name@example.org" in page
    assert "Choose a role" in page
    assert not Invitation.objects.exists()


def test_a_plan_too_long_or_without_a_title_is_explained(officer_client):
    partnership = home_partnership()
    url = reverse("partnerships:plan_new", args=[partnership.slug])
    page = officer_client.post(
        url,
        {
            "title": "",
            "period_kind": "calendar",
            "start_year": "2026",
            "end_year": "2031",
            "start_from": "blank",
        },
    ).text
    assert "Enter the title of the plan" in page
    assert "A plan can cover at most 5 years" in page
    nonsense = officer_client.post(
        url,
        {
            "title": "T" * 301,
            "period_kind": "weekly",
            "start_year": "soon",
            "end_year": "",
            "start_from": "x",
        },
    ).text
    assert "must be 300 characters or fewer" in nonsense
    assert "Enter the year the plan ends" in nonsense
    assert not Plan.objects.filter(partnership=partnership).exists()


def test_partnership_details_keep_their_rules(officer_client):
    partnership = home_partnership()
    Partnership.objects.create(name="Hillside CSP", slug="hillside")
    url = reverse("partnerships:settings", args=[partnership.slug])
    page = officer_client.post(url, {"name": "Hillside CSP", "description": "d" * 5001}).text
    assert "A partnership with this name already exists" in page
    partnership.refresh_from_db()
    assert partnership.name != "Hillside CSP"
