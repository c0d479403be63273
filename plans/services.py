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


#: The sections a partnership plan usually has, in order: (title, anchor, numbered,
#: the parts of the plan each shows). A new plan can start from these.
SKELETON = [
    ("Foreword", "foreword", False, ["signature"]),
    ("About the partnership", "about-the-partnership", True, ["partners", "duties"]),
    ("Strategic assessment", "strategic-assessment", True, []),
    ("What residents told us", "what-residents-told-us", True, []),
    ("Our priorities", "our-priorities", True, ["priority_list", "area_priorities"]),
    ("Delivering and measuring progress", "delivering-and-measuring-progress", True, []),
    ("Funding", "funding", True, []),
]


def unique_slug(model, text: str, *, max_length: int, **scope) -> str:
    """A short name for links made from ``text``, unique among ``model``'s rows in
    ``scope`` by adding -2, -3..."""
    from django.utils.text import slugify

    base = slugify(text)[: max_length - 4].strip("-") or "item"
    slug, n = base, 1
    while model.objects.filter(slug=slug, **scope).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def plan_start(*, partnership: Partnership, data: dict, actor, skeleton: bool) -> Plan:
    """A new draft plan of the partnership, from the browser: its short name for links
    made from its title and period, the board's name from the partnership's, and, if
    asked, the usual sections of a partnership plan to fill in."""
    from .editor import registry
    from .editor.services import item_create

    with transaction.atomic():
        data = dict(data)
        probe = Plan(partnership=partnership, **data)
        data.setdefault("board_name", partnership.board_name)
        data["slug"] = unique_slug(
            Plan,
            f"{partnership.slug} {probe.title} {probe.period_label}",
            max_length=Plan._meta.get_field("slug").max_length,
        )
        plan = plan_create(partnership=partnership, data=data, actor=actor)
        if skeleton:
            for title, anchor, numbered, parts in SKELETON:
                section = item_create(
                    kind=registry.get("section"),
                    plan=plan,
                    data={"title": title, "anchor": anchor, "numbered": numbered},
                    actor=actor,
                )
                for part in parts:
                    item_create(
                        kind=registry.get("component"),
                        plan=plan,
                        parent=section,
                        data={"kind": part},
                        actor=actor,
                    )
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
