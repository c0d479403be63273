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
        "can_edit": access.can_open_editor(request.user, plan),
    }
    return render(request, "plans/plan_detail.html", context)
