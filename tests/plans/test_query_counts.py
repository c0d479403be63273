"""Every page costs at most 10 queries, and the same number whatever the plan's size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans.editor import registry
from tests.factories import make_full_plan

pytestmark = pytest.mark.django_db

MAX_QUERIES = 10


def _pages(plan) -> dict[str, str]:
    """Every page a board officer opens, by a name that is the same for any plan."""
    slug = plan.slug
    pages = {
        "plan": plan.get_absolute_url(),
        "home": reverse("plans:home"),
        "task list": reverse("plans:edit", args=[slug]),
        "plan history": reverse("plans:history", args=[slug]),
    }
    for kind in registry.all_kinds().values():
        item = kind.in_plan(plan).first()
        pages[f"{kind.name} list"] = reverse("plans:edit_list", args=[slug, kind.name])
        pages[f"{kind.name} item"] = reverse("plans:edit_item", args=[slug, kind.name, item.pk])
        pages[f"{kind.name} history"] = reverse("plans:edit_item_history", args=[slug, kind.name, item.pk])
        if kind.table_of:
            pages[f"{kind.name} table"] = reverse("plans:edit_item_table", args=[slug, kind.name, item.pk])
        if kind.paste and kind.parent_kind is None:
            pages[f"{kind.name} paste"] = reverse("plans:edit_paste", args=[slug, kind.name])
    return pages


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


def test_every_page_costs_at_most_ten_queries_whatever_the_plans_size(officer_client):
    small, large = make_full_plan(scale=1), make_full_plan(scale=12)
    counts = {name: [_count(officer_client, url)] for name, url in _pages(small).items()}
    for name, url in _pages(large).items():
        counts[name].append(_count(officer_client, url))
    too_many = {name: pair for name, pair in counts.items() if max(pair) > MAX_QUERIES}
    growing = {name: pair for name, pair in counts.items() if pair[0] != pair[1]}
    assert (too_many, growing) == ({}, {})
