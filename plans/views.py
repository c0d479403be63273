from django.shortcuts import get_object_or_404, render

from .assemble import assemble_plan
from .models import Plan


def home(request):
    plans = Plan.objects.with_partnership().order_by("-start_year", "-version")
    return render(request, "plans/home.html", {"plans": plans})


def plan_detail(request, slug):
    plan = get_object_or_404(Plan.objects.with_partnership(), slug=slug)
    return render(request, "plans/plan_detail.html", {"doc": assemble_plan(plan), "plan": plan})
