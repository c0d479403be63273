"""The home page of a signed-in person: what they can do and what is waiting for them.

- A board officer: each draft with what is left to do on its task list.
- An area lead: their areas, and in each draft of their partnership, their areas'
  own items (local priorities) with links to change them.
- A viewer: the drafts to read and agree, then the published plans.

A fixed number of queries whatever the number of plans and items: the plans are
read once by the view, then one or two queries per role."""

from dataclasses import dataclass, field

from django.db.models import F
from django.urls import reverse

from . import tasks
from .editor import registry
from .models import Area, Plan

OFFICER, LEAD, VIEWER, NO_ROLE = "officer", "lead", "viewer", "no_role"


@dataclass
class AreaItems:
    """One area's items of one kind in one draft (North District's local priorities)."""

    plan: Plan
    area: Area
    kind: registry.EditableKind
    rows: list[dict] = field(default_factory=list)

    @property
    def list_url(self) -> str:
        return reverse("plans:edit_list", kwargs={"slug": self.plan.slug, "kind": self.kind.name})

    @property
    def add_url(self) -> str:
        return reverse("plans:edit_add", kwargs={"slug": self.plan.slug, "kind": self.kind.name})


def roles_of(user) -> dict[int, str]:
    """The person's role in each partnership they belong to."""
    from partnerships.models import Membership

    return dict(Membership.objects.filter(user=user).values_list("partnership_id", "role"))


def role_of(roles: dict[int, str]) -> str:
    """The role the home page is laid out for: the most a person can do anywhere."""
    for role in (OFFICER, LEAD, VIEWER):
        if role in roles.values():
            return role
    return NO_ROLE


def for_person(user, plans) -> dict:
    """What the home page shows this signed-in person, from the plans they can read."""
    plans = list(plans)
    roles = roles_of(user)
    role = role_of(roles)
    context = {
        "role": role,
        "drafts": [plan for plan in plans if not plan.is_published],
        "published": [plan for plan in plans if plan.is_published],
    }
    if role == OFFICER:
        officer_drafts = [plan for plan in context["drafts"] if roles.get(plan.partnership_id) == OFFICER]
        kinds = [kind for group in registry.task_groups().values() for kind in group]
        progress = tasks.progress_of(officer_drafts, kinds)
        context["officer_drafts"] = [
            {
                "plan": plan,
                "progress": progress[plan.pk],
                "edit_url": reverse("plans:edit", kwargs={"slug": plan.slug}),
                "left": [
                    {"task": task, "url": tasks.part_url(plan, task.kind)}
                    for task in progress[plan.pk].left_to_do
                ],
            }
            for plan in officer_drafts
        ]
    elif role == LEAD:
        context.update(_lead(user, context["drafts"]))
    return context


def _lead(user, drafts: list[Plan]) -> dict:
    """The lead's areas, and their items in each draft of the areas' partnerships."""
    areas = list(Area.objects.filter(memberships__user=user, memberships__role=LEAD).order_by("name"))
    partnerships = {area.partnership_id for area in areas}
    own_drafts = [plan for plan in drafts if plan.partnership_id in partnerships]
    blocks: list[AreaItems] = []
    for kind in (kind for kind in registry.all_kinds().values() if kind.area_field):
        by_place = {}
        for plan in own_drafts:
            for area in areas:
                if area.partnership_id == plan.partnership_id:
                    by_place[plan.pk, area.pk] = AreaItems(plan, area, kind.for_plan(plan))
                    blocks.append(by_place[plan.pk, area.pk])
        if not by_place:
            continue
        area_attname = kind.model._meta.get_field(kind.area_field).attname
        items = (
            kind.model.objects.filter(
                **{f"{kind.plan_path}__in": own_drafts, f"{kind.area_field}__in": areas}
            )
            .annotate(in_plan=F(kind.plan_path))
            .order_by(*kind.ordering)
        )
        for item in items:
            place = by_place.get((item.in_plan, getattr(item, area_attname)))
            if place is not None:
                url = reverse(
                    "plans:edit_item", kwargs={"slug": place.plan.slug, "kind": kind.name, "pk": item.pk}
                )
                place.rows.append({"item": item, "text": str(item), "edit_url": url})
    return {"areas": areas, "area_items": blocks, "lead_drafts": own_drafts}
