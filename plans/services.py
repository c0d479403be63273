"""Writes to a plan as a whole: creating and publishing it. Writes to the plan's
content are in ``plans.editor.services``."""

import datetime

import pghistory
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from . import access
from .models import Partnership, Plan


def _require_officer(actor, plan: Plan) -> None:
    if actor is not None and not access.can_edit_plan(actor, plan):
        raise PermissionDenied("Only the partnership's board officers can do this.")


def plan_create(*, partnership: Partnership, data: dict, actor) -> Plan:
    """A new, empty draft plan of the partnership."""
    with transaction.atomic():
        plan = Plan(partnership=partnership, **data, status=Plan.Status.DRAFT)
        _require_officer(actor, plan)
        plan.full_clean()
        plan.save()
    return plan


def plan_publish(*, plan: Plan, actor, published_on: datetime.date | None = None) -> Plan:
    """Publish a draft: from now on its content cannot change."""
    with transaction.atomic(), pghistory.context(plan=plan.pk, user=actor.pk if actor else None):
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        _require_officer(actor, locked)
        if locked.is_published:
            raise access.PlanFrozen("This plan is already published.")
        locked.status = Plan.Status.PUBLISHED
        locked.published_on = published_on or timezone.localdate()
        locked.full_clean()
        locked.save()
    return locked
