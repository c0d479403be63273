from django.shortcuts import render

from . import access, dashboard, draft_page, published
from .assemble import assemble_plan


@access.public
def home(request):
    """The public list of plans; signed in, also what this person can do and what is
    waiting for them (``plans.dashboard``)."""
    plans = access.readable_plans(request.user).order_by("-start_year", "-version")
    context = {"plans": plans}
    if request.user.is_authenticated:
        context.update(dashboard.for_person(request.user, plans))
    return render(request, "plans/home.html", context)


@access.public
def plan_detail(request, slug):
    """A plan's page. A published plan's public page served moments ago is served
    again from the cache without a query; anything else goes through the access
    check of ``plan_reader``."""
    return published.remembered_page(request, slug) or _readable_plan_detail(request, slug)


@access.plan_reader
def _readable_plan_detail(request, plan):
    if published.servable(request, plan):
        return published.page(request, plan, lambda: _plan_page(request, plan))
    if draft_page.has_validators(request, plan):
        return draft_page.page(request, plan, lambda: _plan_page(request, plan))
    return _plan_page(request, plan)


def _plan_page(request, plan):
    can_edit = access.can_open_editor(request.user, plan)
    context = {
        "doc": assemble_plan(plan),
        "plan": plan,
        "can_edit": can_edit,
        # "Change" links on a draft: each section's for whoever may change the whole
        # plan, and each area's local priorities for whoever may change that area's.
        # Decided once here (one query for the areas, editors only), not per block.
        "change_sections": can_edit and access.can_edit_plan(request.user, plan),
        "change_areas": (
            frozenset(access.editable_areas(request.user, plan).values_list("pk", flat=True))
            if can_edit
            else frozenset()
        ),
    }
    return render(request, "plans/plan_detail.html", context)
