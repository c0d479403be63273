"""A draft plan's page for a member is sent with an ETag that changes with the plan's
content, the person and their role, and answers a browser that has it with 304,
without drawing the page; never while a message waits to be shown."""

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.models import Membership
from plans.editor import registry
from plans.editor.services import item_update
from tests.factories import make_area, make_full_plan, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    return make_full_plan(scale=1)


def _get(client, plan, tag=None):
    headers = {"if-none-match": tag} if tag else {}
    return client.get(plan.get_absolute_url(), headers=headers)


def _tag(client, plan) -> str:
    """The page's ETag once the browser has its CSRF cookie (set with the first page)."""
    _get(client, plan)
    return _get(client, plan)["ETag"]


def test_the_first_page_sets_the_csrf_cookie_that_its_etag_then_includes(officer_client, plan):
    first = _get(officer_client, plan)
    assert "csrftoken" in first.cookies
    assert _get(officer_client, plan, first["ETag"]).status_code == 200
    assert _get(officer_client, plan)["ETag"] == _get(officer_client, plan)["ETag"]


def test_the_same_page_asked_for_again_is_not_modified_and_not_drawn(officer_client, plan):
    _get(officer_client, plan)
    first = _get(officer_client, plan)
    assert first.status_code == 200
    assert first["Cache-Control"] in ("private, no-cache", "no-cache, private")
    tag = first["ETag"]
    assert _get(officer_client, plan)["ETag"] == tag
    with CaptureQueriesContext(connection) as queries:
        again = _get(officer_client, plan, tag)
    assert again.status_code == 304
    assert again.content == b""
    assert not again.templates  # nothing drawn
    assert again["ETag"] == tag
    assert "private" in again["Cache-Control"] and "no-cache" in again["Cache-Control"]
    # The browser keeps the page's own policy, whose nonce is written in the page.
    assert "Content-Security-Policy" not in again
    # Session, person, plan, membership, and the content's fingerprint.
    assert len(queries) <= 5, [q["sql"][:80] for q in queries.captured_queries]


def test_an_item_edited_through_the_services_gives_the_page_a_new_etag(officer_client, officer, plan):
    tag = _tag(officer_client, plan)
    partner = plan.partners.first()
    item_update(
        kind=registry.get("partner"),
        plan=plan,
        pk=partner.pk,
        data={"text": "Thames Valley Fire and Rescue"},
        actor=officer,
        based_on_version=partner.edit_version,
    )
    response = _get(officer_client, plan, tag)
    assert response.status_code == 200
    assert response["ETag"] != tag
    assert "Thames Valley Fire and Rescue" in response.text
    assert _get(officer_client, plan, response["ETag"]).status_code == 304


def test_saving_without_a_change_keeps_the_etag(officer_client, officer, plan):
    tag = _tag(officer_client, plan)
    partner = plan.partners.first()
    item_update(
        kind=registry.get("partner"),
        plan=plan,
        pk=partner.pk,
        data={"text": partner.text},
        actor=officer,
        based_on_version=partner.edit_version,
    )
    assert _get(officer_client, plan, tag).status_code == 304


def test_each_member_and_role_has_an_etag_of_its_own(client, officer, viewer, plan):
    client.force_login(officer)
    officers = _tag(client, plan)
    client.force_login(viewer)
    viewers = _get(client, plan)
    assert viewers["ETag"] != officers
    assert _get(client, plan, officers).status_code == 200
    # The same person, made an area lead: their "Change" links change with it.
    area = make_area(plan.partnership, name="Wycombe")
    membership = Membership.objects.get(user=viewer, partnership=plan.partnership)
    membership.role = "lead"
    membership.save()
    membership.areas.set([area])
    as_lead = _get(client, plan, viewers["ETag"])
    assert as_lead.status_code == 200
    assert as_lead["ETag"] != viewers["ETag"]
    # ...and given another area.
    membership.areas.add(make_area(plan.partnership, name="Chiltern"))
    assert _get(client, plan, as_lead["ETag"]).status_code == 200


def test_a_page_with_a_message_waiting_is_drawn_and_has_no_validators(officer_client, plan):
    tag = _tag(officer_client, plan)
    storage = CookieStorage(RequestFactory().get("/"))
    officer_client.cookies["messages"] = storage._encode([Message(constants.SUCCESS, "Partner changed")])
    response = _get(officer_client, plan, tag)
    assert response.status_code == 200
    assert "Partner changed" in response.text
    assert "ETag" not in response
    # Shown once: the next request is answered from the browser's copy again.
    assert _get(officer_client, plan, tag).status_code == 304


def test_signing_in_again_gives_a_new_etag(client, officer, plan):
    """The sign-out form's token belongs to the session's CSRF secret, new at each
    sign-in: a page kept from before would carry a token that no longer works."""
    assert client.post(
        reverse("login"), {"username": officer.username, "password": "correct horse battery"}
    ).status_code in (302, 303)
    tag = _tag(client, plan)
    assert _get(client, plan, tag).status_code == 304
    client.post(reverse("logout"))
    client.post(reverse("login"), {"username": officer.username, "password": "correct horse battery"})
    assert _get(client, plan, tag).status_code == 200


def test_drafts_stay_not_found_to_anyone_outside_the_partnership(client, plan, officer_client):
    tag = _tag(officer_client, plan)
    officer_client.logout()
    assert _get(officer_client, plan, tag).status_code == 404
    outsider = make_user("otto-outsider")
    client.force_login(outsider)
    assert _get(client, plan, tag).status_code == 404
