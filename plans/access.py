"""Who may see and change what. Every view of the project's apps declares one of the
policies below; ``AccessPolicyMiddleware`` refuses any view that declares none.

Roles belong to a partnership: a person's ``partnerships.Membership`` says whether
they are a board officer, an area lead (with their areas) or a viewer there, and a
person may belong to several partnerships.

- Anyone reads published plans, of every partnership.
- A partnership's drafts, editor, history and draft PDFs are "not found" (404) to
  anyone who does not belong to it.
- Viewers read drafts and change nothing (403).
- Area leads change their own areas' local priorities in a draft; another area's
  items are "not found" to them (404).
- Board officers change everything in a draft, and manage the partnership.
- A published plan is frozen: nobody changes it (403).

The partnership a request is about is resolved once, from the URL, when the view's
policy first asks (``request.tenancy``, set by ``partnerships.middleware``).
"""

import functools
import logging

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from .models import Area, Plan

logger = logging.getLogger(__name__)

PROJECT_APPS = ("plans.", "priorities.", "funding.", "demo.", "partnerships.")


class PlanFrozen(PermissionDenied):
    """A published plan cannot change."""


def membership(user, partnership_id: int):
    """The person's membership of the partnership (with ``area_ids``), or None. Asked
    once per person and partnership: the answer is kept on the user object, which
    lives for one request."""
    if user is None or not user.is_authenticated:
        return None
    known = user.__dict__.setdefault("_memberships", {})
    if partnership_id not in known:
        from django.contrib.postgres.aggregates import ArrayAgg

        from partnerships.models import Membership

        known[partnership_id] = (
            Membership.objects.filter(user=user, partnership_id=partnership_id)
            .annotate(area_ids=ArrayAgg("areas", filter=Q(areas__isnull=False), default=[]))
            .first()
        )
    return known[partnership_id]


def forget_memberships(user) -> None:
    """After a change to the person's memberships within one request."""
    user.__dict__.pop("_memberships", None)


def role_in(user, partnership_id: int) -> str | None:
    found = membership(user, partnership_id)
    return found.role if found else None


def readable_plans(user):
    """Published plans of every partnership, and the drafts of the person's own."""
    plans = Plan.objects.with_partnership()
    published = Q(status=Plan.Status.PUBLISHED)
    if not user.is_authenticated:
        return plans.filter(published)
    return plans.filter(published | Q(partnership__memberships__user=user)).distinct()


def can_read(user, plan: Plan) -> bool:
    return plan.is_published or membership(user, plan.partnership_id) is not None


def can_edit_plan(user, plan: Plan) -> bool:
    return role_in(user, plan.partnership_id) == "officer"


def can_manage(user, partnership_id: int) -> bool:
    """Board officers manage their partnership: its details, areas and people."""
    return role_in(user, partnership_id) == "officer"


def can_open_editor(user, plan: Plan) -> bool:
    """Whether the plan's editor opens for this person: a draft, and an officer or
    an area lead (who then sees only their area's parts)."""
    return not plan.is_published and role_in(user, plan.partnership_id) in {"officer", "lead"}


def can_edit_area(user, area: Area) -> bool:
    found = membership(user, area.partnership_id)
    if found is None:
        return False
    return found.role == "officer" or (found.role == "lead" and area.pk in found.area_ids)


def editable_areas(user, plan: Plan):
    areas = Area.objects.filter(partnership_id=plan.partnership_id)
    found = membership(user, plan.partnership_id)
    if found is None:
        return areas.none()
    if found.role == "officer":
        return areas
    if found.role == "lead":
        return areas.filter(pk__in=found.area_ids)
    return areas.none()


def _policy(name: str):
    def mark(view):
        view.access_policy = name
        return view

    return mark


public = _policy("public")


def _readable_plan(request, slug: str) -> Plan:
    plan = request.tenancy.plan if hasattr(request, "tenancy") else None
    if plan is None:
        raise Http404("No such plan")
    if not can_read(request.user, plan):
        raise Http404("No such plan")
    return plan


def plan_reader(view):
    """The view gets ``plan`` (from the URL's slug) if this person may read it."""

    @functools.wraps(view)
    def wrapper(request, slug, *args, **kwargs):
        return view(request, _readable_plan(request, slug), *args, **kwargs)

    return _policy("plan_reader")(wrapper)


def _editable_plan(request, slug: str) -> Plan:
    plan = _readable_plan(request, slug)
    if plan.is_published:
        raise PlanFrozen("This plan is published and can no longer be changed.")
    if not can_open_editor(request.user, plan):
        raise PermissionDenied("You can read this plan but not change it.")
    return plan


def area_editor(view):
    """Board officers, and area leads, on a draft: the view gets ``plan``, and must
    itself refuse leads what is not an area's (``can_edit_plan``) and check an
    item's area (``require_area``)."""

    @functools.wraps(view)
    def wrapper(request, slug, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, _editable_plan(request, slug), *args, **kwargs)

    return _policy("area_editor")(wrapper)


def signed_in(view):
    """Anyone signed in (the page itself shows only what is theirs)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return _policy("signed_in")(wrapper)


def operator(view):
    """The site's operators (superusers): setting up partnerships."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_superuser:
            raise PermissionDenied("Only the site's operators can set up a partnership.")
        return view(request, *args, **kwargs)

    return _policy("operator")(wrapper)


def _member_of_partnership(request):
    """The URL's partnership and the person's membership; 404 to anyone outside it."""
    if not request.user.is_authenticated:
        return None, None
    partnership = request.tenancy.partnership
    found = request.tenancy.membership
    if found is None:
        raise Http404("No such partnership")
    return partnership, found


def partnership_member(view):
    """Members of the URL's partnership: the view gets ``partnership`` and ``membership``."""

    @functools.wraps(view)
    def wrapper(request, partnership, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        found_partnership, found = _member_of_partnership(request)
        return view(request, found_partnership, found, *args, **kwargs)

    return _policy("partnership_member")(wrapper)


def partnership_officer(view):
    """Board officers of the URL's partnership (403 to its other members, 404 to
    everyone else): the view gets ``partnership``."""

    @functools.wraps(view)
    def wrapper(request, partnership, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        found_partnership, found = _member_of_partnership(request)
        if found.role != "officer":
            raise PermissionDenied("Only the partnership's board officers can do this.")
        return view(request, found_partnership, *args, **kwargs)

    return _policy("partnership_officer")(wrapper)


def require_area(user, area: Area) -> None:
    """404, not 403, for another area's items: a lead learns nothing about them."""
    if not can_edit_area(user, area):
        raise Http404("No such item")


class AccessPolicyMiddleware:
    """Deny by default: a view of this project's apps without an access policy is
    refused, so a forgotten check fails closed rather than open."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        module = getattr(view_func, "__module__", "") or ""
        if module.startswith(PROJECT_APPS) and not hasattr(view_func, "access_policy"):
            logger.error("View %s.%s has no access policy", module, view_func.__name__)
            raise PermissionDenied("This page has no access policy.")
        return None
