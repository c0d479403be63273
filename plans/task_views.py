"""Marking a part of a draft on its task list: finished, not needed, or neither
(see ``plans.tasks``), and publishing the draft. Board officers only; every mark
goes through ``tasks.mark_part``, publishing through ``services.plan_publish``."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from . import access, services, tasks
from .editor import registry

#: What the person chose on the part's page -> the mark, and what they are told.
CHOICES = {
    "completed": ("completed", "Marked {part} as completed."),
    "not_needed": ("not_needed", "Marked {part} as not needed in this plan."),
    "": (None, "{part} is no longer marked: it shows as in progress or not started."),
}


@require_POST
@access.area_editor
def task_mark(request, plan, kind):
    if not access.can_edit_plan(request.user, plan):
        raise PermissionDenied("Only the partnership's board officers can mark parts of the plan.")
    part = registry.get(kind, plan)
    if part is None or not part.task_group:
        raise Http404("No such part of the plan")
    choice = request.POST.get("state")
    if choice not in CHOICES:
        messages.error(request, f"Choose whether you have finished {part.plural.lower()}.")
        return redirect(tasks.part_url(plan, part))
    state, said = CHOICES[choice]
    try:
        tasks.mark_part(plan=plan, part=part.name, state=state, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(tasks.part_url(plan, part))
    messages.success(request, said.format(part=f"“{part.plural}”"))
    return redirect(reverse("plans:edit", kwargs={"slug": plan.slug}) + f"#task-{part.name}")


@access.area_editor
def plan_publish(request, plan):
    """A board officer publishes the draft, after a page saying what that means; the
    draft's task list says what is not finished yet."""
    if not access.can_edit_plan(request.user, plan):
        raise PermissionDenied("Only the partnership's board officers can publish the plan.")
    if request.method == "POST":
        try:
            published = services.plan_publish(plan=plan, actor=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(reverse("plans:publish", kwargs={"slug": plan.slug}))
        messages.success(
            request, f"{published.title} {published.period_label} is published: anyone can read it now."
        )
        return redirect(published.get_absolute_url())
    progress = tasks.progress_of([plan], tasks.parts_for(request.user, plan.partnership_id))[plan.pk]
    return render(request, "plans/edit/plan_publish.html", {"plan": plan, "progress": progress})
