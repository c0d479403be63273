"""Editing pages: how a page names its item, and the task list's question at the end
of a part's page ("Have you finished this part?", see ``plans.tasks``)."""

from django import template

from .. import access, tasks
from ..editor import titles
from ..models import Plan

register = template.Library()


@register.simple_tag(takes_context=True)
def part_task(context, plan, kind, item=None):
    """This part's task, when the page is the part's own page (its list, or for the
    plan's details the plan's form) and the person may mark it; otherwise None."""
    request = context.get("request")
    if request is None or not kind.task_group or plan.is_published:
        return None
    if item and not (isinstance(item, Plan) and item.pk == plan.pk):
        return None  # an item's page inside a part, not the part's page
    if not access.can_edit_plan(request.user, plan):
        return None
    return tasks.progress_of([plan], [kind])[plan.pk].tasks[0]


@register.simple_tag
def item_title(kind, item, plan) -> str:
    """ "Partner organisation: County Fire and Rescue Service", "Text in 4.1 The Police & Crime Plan"."""
    return titles.item_title(kind, item, plan)


@register.simple_tag
def adding_title(kind, parent, plan) -> str:
    """ "Add a text to 4.1 The Police & Crime Plan"."""
    return titles.adding_title(kind, parent or None, plan)
