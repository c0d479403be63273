from django.shortcuts import render

from . import access
from .assemble import assemble_plan


@access.public
def home(request):
    plans = access.readable_plans(request.user).order_by("-start_year", "-version")
    return render(request, "plans/home.html", {"plans": plans})


@access.plan_reader
def plan_detail(request, plan):
    context = {
        "doc": assemble_plan(plan),
        "plan": plan,
        "can_edit": not plan.is_published
        and (access.can_edit_plan(request.user, plan) or request.user.has_perm("plans.edit_own_area")),
    }
    return render(request, "plans/plan_detail.html", context)
