"""Who may see and change what. Every view of the project's apps declares one of the
policies below; ``AccessPolicyMiddleware`` refuses any view that declares none.

- Anonymous people read published plans only: a draft is "not found" to them.
- Viewers (``plans.view_drafts``) read drafts and change nothing (403).
- Area leads (``plans.edit_own_area``) change their own area's local priorities in a
  draft; another area's items are "not found" to them (404).
- Board officers (``plans.edit_plan``) change everything in a draft.
- A published plan is frozen: nobody changes it (403).

Roles are Django groups holding those permissions (created by a migration), plus
``Area.leads`` for the areas a lead looks after.
"""

import functools
import logging

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import Area, Plan

logger = logging.getLogger(__name__)

OFFICERS_GROUP = "Board officers"
VIEWERS_GROUP = "Viewers"
LEADS_GROUP = "Area leads"
PROJECT_APPS = ("plans.", "priorities.", "funding.", "demo.")
ROLE_PERMISSIONS = {
    OFFICERS_GROUP: ["view_drafts", "edit_plan"],
    VIEWERS_GROUP: ["view_drafts"],
    LEADS_GROUP: ["view_drafts", "edit_own_area"],
}


class PlanFrozen(PermissionDenied):
    """A published plan cannot change."""


def ensure_role_groups() -> dict:
    """The role groups with their permissions, made if missing (migration 0005 makes
    them on a new database; this also restores them after a test empties the tables)."""
    from django.contrib.auth.models import Group, Permission

    groups = {}
    for name, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="plans", codename__in=codenames)
        )
        groups[name] = group
    return groups


def readable_plans(user):
    plans = Plan.objects.with_partnership()
    if user.has_perm("plans.view_drafts"):
        return plans
    return plans.filter(status=Plan.Status.PUBLISHED)


def can_read(user, plan: Plan) -> bool:
    return plan.is_published or user.has_perm("plans.view_drafts")


def can_edit_plan(user, plan: Plan) -> bool:
    return user.has_perm("plans.edit_plan")


def can_open_editor(user, plan: Plan) -> bool:
    """Whether the plan's editor opens for this person: a draft, and an officer or
    an area lead (who then sees only their area's parts)."""
    return not plan.is_published and (can_edit_plan(user, plan) or user.has_perm("plans.edit_own_area"))


def can_edit_area(user, area: Area) -> bool:
    if user.has_perm("plans.edit_plan"):
        return True
    return user.has_perm("plans.edit_own_area") and area.leads.filter(pk=user.pk).exists()


def editable_areas(user, plan: Plan):
    areas = Area.objects.filter(partnership_id=plan.partnership_id)
    if user.has_perm("plans.edit_plan"):
        return areas
    if user.has_perm("plans.edit_own_area"):
        return areas.filter(leads=user)
    return areas.none()


def _policy(name: str):
    def mark(view):
        view.access_policy = name
        return view

    return mark


public = _policy("public")


def _readable_plan(request, slug: str) -> Plan:
    plan = get_object_or_404(Plan.objects.with_partnership(), slug=slug)
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
