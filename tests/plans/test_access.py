"""Roles are enforced on the server for every URL: deny by default, a permission
matrix of every editing URL for every role, GET and POST."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from plans.access import PROJECT_APPS
from plans.editor import registry as editing
from priorities.models import AreaPriority
from tests.factories import join, make_area, make_full_plan, make_partnership, make_user

pytestmark = pytest.mark.django_db


def _walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


def test_every_view_of_the_project_declares_an_access_policy():
    ours = [
        (route, view)
        for route, view in _walk(get_resolver().url_patterns)
        if view.__module__.startswith(PROJECT_APPS)
    ]
    assert len(ours) >= 12
    missing = [route for route, view in ours if not hasattr(view, "access_policy")]
    assert missing == []
    assert {view.access_policy for _, view in ours} >= {"public", "plan_reader", "area_editor"}


def test_a_view_without_a_policy_is_refused_by_the_middleware(rf, officer):
    from plans.access import AccessPolicyMiddleware

    def unguarded(request):
        raise AssertionError("must not run")

    unguarded.__module__ = "plans.views"
    request = rf.get("/")
    request.user = officer
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        AccessPolicyMiddleware(lambda r: None).process_view(request, unguarded, (), {})


@pytest.fixture
def world(db):
    """A draft and a published plan with every kind of content, two areas with a lead
    each, and one person in each role."""
    draft = make_full_plan(scale=1)
    published = make_full_plan(
        scale=1, partnership=draft.partnership, status="published", published_on="2024-04-01"
    )
    area_a, area_b = draft.partnership.areas.order_by("pk")[:2]
    return {
        "draft": draft,
        "published": published,
        "area_a": area_a,
        "area_b": area_b,
        "users": {
            "anonymous": None,
            "viewer": make_user("viewer", "Viewers"),
            "lead_a": make_user("lead-a", "Area leads", areas=[area_a]),
            "lead_b": make_user("lead-b", "Area leads", areas=[area_b]),
            "officer": make_user("officer", "Board officers"),
            **_outsiders(),
        },
    }


OUTSIDERS = ["other_officer", "other_lead", "other_viewer", "operator"]


def _outsiders() -> dict:
    """People of another partnership, in each role, and the site's operator (a
    superuser who belongs to no partnership): to them the draft does not exist."""
    from django.contrib.auth.models import User

    other = make_partnership(name="Other Partnership")
    other_area = make_area(other)
    operator = User.objects.create_superuser("operator", "operator@example.org", "correct horse battery")
    return {
        "other_officer": make_user("other-officer", "Board officers", partnership=other),
        "other_lead": make_user("other-lead", "Area leads", areas=[other_area]),
        "other_viewer": make_user("other-viewer", "Viewers", partnership=other),
        "operator": operator,
    }


def _urls(plan, area_filter=None):
    """(name, url, kind, item) for every editing URL of the plan."""
    slug = plan.slug
    urls = [("plan edit", reverse("plans:edit", args=[slug]), None, None)]
    for kind in editing.all_kinds().values():
        item = kind.in_plan(plan)
        if area_filter is not None and kind.area_field:
            item = item.filter(**{kind.area_field: area_filter})
        item = item.first()
        assert item is not None, f"the test plan has no {kind.name}"
        urls.append((f"{kind.name} list", reverse("plans:edit_list", args=[slug, kind.name]), kind, None))
        parent = editing.parent_of(kind, item)
        query = f"?parent={parent.pk}" if parent is not None else ""
        urls.append(
            (f"{kind.name} add", reverse("plans:edit_add", args=[slug, kind.name]) + query, kind, None)
        )
        for action in ("", "delete", "move", "history"):
            name = f"plans:edit_item_{action}" if action else "plans:edit_item"
            urls.append(
                (
                    f"{kind.name} {action or 'edit'}",
                    reverse(name, args=[slug, kind.name, item.pk]),
                    kind,
                    item,
                )
            )
    return urls


def _client_for(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client


def _snapshot(kind, item):
    if item is None:
        return None
    fresh = type(item).objects.filter(pk=item.pk).values().first()
    return fresh


def _not_offered(name, kind) -> bool:
    """Adding and deleting are offered only for kinds that say so."""
    return (name.endswith(" add") and not kind.addable) or (name.endswith(" delete") and not kind.deletable)


EXPECTED_GET = {
    "anonymous": lambda kind: 302,
    "viewer": lambda kind: 403,
    "lead_a": lambda kind: 200 if kind is not None and kind.area_field else (200 if kind is None else 403),
    "officer": lambda kind: 200,
} | dict.fromkeys(OUTSIDERS, lambda kind: 404)


@pytest.mark.parametrize("role", ["anonymous", "viewer", "lead_a", "officer", *OUTSIDERS])
def test_every_editing_url_answers_each_role_as_the_matrix_says(client, world, role):
    user = world["users"][role]
    client = _client_for(client, user)
    wrong = []
    for name, url, kind, _item in _urls(world["draft"], area_filter=world["area_a"]):
        expected = EXPECTED_GET[role](kind)
        if name.endswith(" move"):
            expected = 405  # POST-only, refused before anything else
        elif expected == 200 and _not_offered(name, kind):
            expected = 404
        got = client.get(url).status_code
        if got != expected:
            wrong.append((name, got, expected))
    assert wrong == []


@pytest.mark.parametrize("role", ["anonymous", "viewer", "lead_a", "lead_b", "officer"])
def test_nobody_changes_a_published_plan(client, world, role):
    client = _client_for(client, world["users"][role])
    changed, wrong = [], []
    for name, url, kind, item in _urls(world["published"]):
        before = _snapshot(kind, item)
        response = client.post(
            url, {"text": "changed", "direction": "down", "title": "changed", "amount": "1"}
        )
        if response.status_code not in {302, 403, 404, 405} or (
            response.status_code == 302 and "/accounts/login/" not in response["Location"]
        ):
            wrong.append((name, response.status_code))
        if _snapshot(kind, item) != before:
            changed.append(name)
    assert (wrong, changed) == ([], [])


@pytest.mark.parametrize("role", ["anonymous", "viewer", "lead_a", *OUTSIDERS])
def test_posts_outside_a_roles_rights_change_nothing(client, world, role):
    """Every item of the draft a role may not change, posted to with plausible data:
    refused, and the item is exactly as it was."""
    client = _client_for(client, world["users"][role])
    changed, wrong = [], []
    for name, url, kind, item in _urls(world["draft"], area_filter=world["area_b"]):
        allowed = role == "lead_a" and kind is not None and kind.area_field and item is None
        if allowed:
            continue
        before = _snapshot(kind, item)
        response = client.post(
            url,
            {
                "text": "changed",
                "direction": "down",
                "title": "changed",
                "amount": "1",
                "area": world["area_b"].pk,
            },
        )
        expected = {"anonymous": {302, 405}, "viewer": {403, 405}, "lead_a": {403, 404, 405}}.get(
            role, {404, 405}
        )
        if response.status_code not in expected:
            wrong.append((name, response.status_code))
        if _snapshot(kind, item) != before:
            changed.append(name)
    assert (wrong, changed) == ([], [])
    assert AreaPriority.objects.filter(plan=world["draft"], text="changed").count() == 0


def test_a_lead_gets_not_found_for_another_areas_priority_and_it_does_not_change(client, world):
    other = AreaPriority.objects.filter(plan=world["draft"], area=world["area_b"]).first()
    client = _client_for(client, world["users"]["lead_a"])
    url = reverse("plans:edit_item", args=[world["draft"].slug, "area-priority", other.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"text": "taken over", "edit_version": other.edit_version}).status_code == 404
    other.refresh_from_db()
    assert other.text != "taken over"


def test_a_lead_changes_their_own_priority_but_not_its_area_or_plan(client, world):
    own = AreaPriority.objects.filter(plan=world["draft"], area=world["area_a"]).first()
    client = _client_for(client, world["users"]["lead_a"])
    url = reverse("plans:edit_item", args=[world["draft"].slug, "area-priority", own.pk])
    response = client.post(
        url,
        {
            "text": "Reduce burglary",
            "edit_version": own.edit_version,
            "area": world["area_b"].pk,
            "plan": world["published"].pk,
            "status": "published",
        },
    )
    assert response.status_code == 302
    own.refresh_from_db()
    world["draft"].refresh_from_db()
    assert (own.text, own.area, own.plan, world["draft"].status) == (
        "Reduce burglary",
        world["area_a"],
        world["draft"],
        "draft",
    )


def test_a_lead_cannot_add_a_priority_to_another_area(client, world):
    client = _client_for(client, world["users"]["lead_a"])
    url = reverse("plans:edit_add", args=[world["draft"].slug, "area-priority"])
    response = client.post(url, {"area": world["area_b"].pk, "text": "Sneaked in"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert not AreaPriority.objects.filter(text="Sneaked in").exists()


def test_an_officer_cannot_publish_or_move_a_plan_through_its_details_form(client, world):
    plan = world["draft"]
    client = _client_for(client, world["users"]["officer"])
    response = client.post(
        reverse("plans:edit_item", args=[plan.slug, "details", plan.pk]),
        {
            "title": "New title",
            "period_kind": "financial",
            "start_year": plan.start_year,
            "end_year": plan.end_year,
            "edit_version": plan.edit_version,
            "status": "published",
            "partnership": 999,
            "slug": "hijacked",
        },
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.title, plan.status, plan.slug) == ("New title", "draft", world["draft"].slug)


def test_the_refusal_for_a_published_plan_says_why(client, world):
    client = _client_for(client, world["users"]["officer"])
    response = client.get(reverse("plans:edit", args=[world["published"].slug]))
    assert response.status_code == 403
    assert "This plan is published and can no longer be changed." in response.text


@pytest.mark.parametrize("role", ["anonymous", *OUTSIDERS])
def test_a_partnerships_draft_its_history_and_its_pdf_are_not_found_outside_it(client, world, role):
    client = _client_for(client, world["users"][role])
    draft, published = world["draft"], world["published"]
    for name in ("plans:detail", "plans:history", "plans:pdf"):
        assert client.get(reverse(name, args=[draft.slug])).status_code in {404, 302}, name
    # Published plans of every partnership are public.
    assert client.get(reverse("plans:detail", args=[published.slug])).status_code == 200
    assert draft.title not in client.get(reverse("plans:home")).text


@pytest.mark.parametrize("role", ["viewer", "lead_a", "officer"])
def test_a_partnerships_members_read_its_draft_its_history_and_its_pdf(client, world, role):
    client = _client_for(client, world["users"][role])
    for name in ("plans:detail", "plans:history"):
        assert client.get(reverse(name, args=[world["draft"].slug])).status_code == 200, name


PARTNERSHIP_PAGES = ["detail", "settings", "areas", "people", "invite", "people_log", "plan_new"]
MEMBER_PAGES = {"detail"}


@pytest.mark.parametrize(
    "role, expected_member_page, expected_officer_page",
    [
        ("officer", 200, 200),
        ("viewer", 200, 403),
        ("lead_a", 200, 403),
        ("other_officer", 404, 404),
        ("other_lead", 404, 404),
        ("operator", 404, 404),
        ("anonymous", 302, 302),
    ],
)
def test_a_partnerships_own_pages_answer_each_role(
    client, world, role, expected_member_page, expected_officer_page
):
    client = _client_for(client, world["users"][role])
    slug = world["draft"].partnership.slug
    area = world["area_a"]
    membership = world["users"]["viewer"].memberships.get()
    urls = {name: reverse(f"partnerships:{name}", args=[slug]) for name in PARTNERSHIP_PAGES}
    urls["area_edit"] = reverse("partnerships:area_edit", args=[slug, area.pk])
    urls["person_edit"] = reverse("partnerships:person_edit", args=[slug, membership.pk])
    wrong = []
    for name, url in urls.items():
        expected = expected_member_page if name in MEMBER_PAGES else expected_officer_page
        got = client.get(url).status_code
        if got != expected:
            wrong.append((name, got, expected))
        if name != "detail":
            posted = client.post(
                url,
                {
                    "name": "Taken over",
                    "role": "officer",
                    "email": "x@example.org",
                    "kind": "Ward",
                    "title": "T",
                    "period_kind": "calendar",
                    "start_year": 2026,
                    "end_year": 2026,
                    "start_from": "blank",
                },
            ).status_code
            if expected == 200 and posted not in {200, 302} or expected != 200 and posted != expected:
                wrong.append((f"{name} POST", posted, expected))
    assert wrong == []
    if role != "officer":
        world["draft"].partnership.refresh_from_db()
        assert world["draft"].partnership.name != "Taken over"
        assert membership.__class__.objects.get(pk=membership.pk).role == "viewer"


def test_a_person_in_two_partnerships_has_each_partnerships_role_there(client, world):
    """An officer of the other partnership who is a viewer here reads the draft and
    changes nothing."""
    person = world["users"]["other_officer"]
    join(person, world["draft"].partnership, "viewer")
    client = _client_for(client, person)
    assert client.get(reverse("plans:detail", args=[world["draft"].slug])).status_code == 200
    assert client.get(reverse("plans:edit", args=[world["draft"].slug])).status_code == 403
