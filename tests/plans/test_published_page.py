"""A published plan's public page: drawn once, then served from the cache with an
ETag, answering a conditional request with 304, each response with its own nonce."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plans import published
from tests.factories import make_full_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    cache.clear()
    return make_full_plan(scale=1, status="published", published_on="2025-04-01")


def _nonces(response) -> set[str]:
    return set(re.findall(r'nonce="([^"]+)"', response.text))


def test_the_public_page_is_drawn_once_then_served_from_the_cache_with_one_query(client, plan):
    first = client.get(plan.get_absolute_url())
    cache.delete(published._address_key(plan.slug))  # its version is checked again
    with CaptureQueriesContext(connection) as queries:
        second = client.get(plan.get_absolute_url())
    assert len(queries) == 1  # the plan itself, to know its version
    assert second.text.replace(_nonces(second).pop(), "N") == first.text.replace(_nonces(first).pop(), "N")
    assert second["ETag"] == first["ETag"]
    assert "public" in second["Cache-Control"] and "no-cache" in second["Cache-Control"]


def test_each_response_carries_its_own_nonce_in_the_page_and_the_header(client, plan):
    client.get(plan.get_absolute_url())
    response = client.get(plan.get_absolute_url())
    (nonce,) = _nonces(response)
    assert nonce != published.NONCE_PLACEHOLDER
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]


def test_a_browser_that_has_the_page_is_told_it_has_not_changed(client, plan):
    tag = client.get(plan.get_absolute_url())["ETag"]
    response = client.get(plan.get_absolute_url(), headers={"if-none-match": tag})
    assert response.status_code == 304
    assert response.content == b""


def test_a_new_version_of_the_plan_gets_a_new_etag(client, plan):
    tag = client.get(plan.get_absolute_url())["ETag"]
    type(plan).objects.filter(pk=plan.pk).update(version=2)
    cache.delete(published._address_key(plan.slug))
    response = client.get(plan.get_absolute_url(), headers={"if-none-match": tag})
    assert response.status_code == 200
    assert response["ETag"] != tag


def test_signed_in_people_and_drafts_are_never_served_the_shared_page(viewer_client, plan):
    response = viewer_client.get(plan.get_absolute_url())
    assert "ETag" not in response
    assert "Signed in as" in response.text


def test_a_page_served_moments_ago_is_served_again_without_a_query(client, plan):
    client.get(plan.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        response = client.get(plan.get_absolute_url())
    assert response.status_code == 200
    assert len(queries) == 0


def test_a_plan_withdrawn_from_publication_is_not_served_once_its_version_is_rechecked(client, plan):
    client.get(plan.get_absolute_url())
    type(plan).objects.filter(pk=plan.pk).update(status="draft", published_on=None)
    cache.delete(published._address_key(plan.slug))  # what RECHECK_SECONDS does
    assert client.get(plan.get_absolute_url()).status_code == 404


def test_a_304_sends_no_new_content_security_policy(client, plan):
    """The browser keeps the policy stored with the page, whose nonce is the page's."""
    tag = client.get(plan.get_absolute_url())["ETag"]
    response = client.get(plan.get_absolute_url(), headers={"if-none-match": tag})
    assert response.status_code == 304
    assert "Content-Security-Policy" not in response
