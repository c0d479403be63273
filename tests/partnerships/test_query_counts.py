"""A partnership's pages cost at most 10 queries, the same for a small partnership as
for one with many areas, people, invitations and plans."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships import services
from tests.factories import make_area, make_partnership, make_plan, make_user

pytestmark = pytest.mark.django_db


def _partnership(scale: int):
    partnership = make_partnership()
    officer = make_user(f"officer-{scale}", "Board officers", partnership=partnership)
    areas = [make_area(partnership, kind=kind) for kind in ["Borough", "Ward"] * scale]
    for n in range(2 * scale):
        make_user(f"lead-{scale}-{n}", "Area leads", areas=areas[n % len(areas) : n % len(areas) + 2])
        make_user(f"viewer-{scale}-{n}", "Viewers", partnership=partnership)
        make_plan(
            partnership,
            status="published" if n % 2 else "draft",
            published_on="2025-04-01" if n % 2 else None,
        )
    for n in range(scale):
        services.invite(
            actor=officer, partnership=partnership, email=f"p{n}@example.org", role="lead", areas=areas[:2]
        )
    return partnership, officer, areas[0]


def _pages(partnership, area, member_pk) -> dict[str, str]:
    slug = partnership.slug
    pages = {
        name: reverse(f"partnerships:{name}", args=[slug])
        for name in ["detail", "settings", "areas", "people", "invite", "people_log", "plan_new"]
    }
    pages["area"] = reverse("partnerships:area_edit", args=[slug, area.pk])
    pages["person"] = reverse("partnerships:person_edit", args=[slug, member_pk])
    pages["list"] = reverse("partnerships:list")
    return pages


def test_every_partnership_page_costs_at_most_ten_queries_whatever_its_size(client):
    counts = {}
    for scale in (1, 10):
        partnership, officer, area = _partnership(scale)
        client.force_login(officer)
        member = partnership.memberships.exclude(user=officer).first()
        for name, url in _pages(partnership, area, member.pk).items():
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200, url
            counts.setdefault(name, []).append(len(queries))
    too_many = {name: pair for name, pair in counts.items() if max(pair) > 10}
    growing = {name: pair for name, pair in counts.items() if pair[0] != pair[1]}
    assert (too_many, growing) == ({}, {})
