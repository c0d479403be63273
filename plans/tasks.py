"""The plan's task list: each part of a draft (an editable kind with a ``task_group``)
is Not started, In progress, Completed or Not needed.

What a part holds is read from the content; the rest is a person's decision, kept
as a ``PlanTask`` mark:

- Not started: nothing in the part yet.
- In progress: something in it, and nobody has said it is finished, or it has
  changed since they did.
- Completed: a board officer said "I have finished this part", and nothing in the
  part has changed since. A change is read from the history the database triggers
  record for every write of the editor (``pghistory``, each event carrying its plan
  in its context), so there is no second write path to keep in step: whatever
  changes the part through the editor's services reopens it.
- Not needed: a board officer said the plan does not use this part, and it is still
  empty.

A part is its kind's table and its children's, down to the last: a fund with its
budget lines, the sections with their text and subsections (so adding a fund's table
to a section changes the sections too).

Reading the task lists of any number of plans costs two queries."""

import functools
import operator
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Case, Exists, ExpressionWrapper, F, OuterRef, Value, When
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Now
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime

from . import access
from .editor import registry
from .editor.registry import EditableKind
from .models import Plan, PlanTask

COMPLETED, IN_PROGRESS, NOT_STARTED, NOT_NEEDED = "completed", "in_progress", "not_started", "not_needed"

#: Each status's words and how the GOV.UK task list shows it: a part that needs
#: something as a coloured tag; a finished part in plain text; one set aside in grey.
STATUSES = {
    NOT_STARTED: ("Not started", "govuk-tag--blue"),
    IN_PROGRESS: ("In progress", "govuk-tag--light-blue"),
    COMPLETED: ("Completed", ""),
    NOT_NEEDED: ("Not needed", ""),
}


@dataclass(frozen=True)
class Task:
    """One part of one plan's task list."""

    kind: EditableKind
    has_items: bool
    mark: PlanTask | None = None
    changed_since_marked: bool = False

    @property
    def status(self) -> str:
        state = self.mark.state if self.mark else None
        if not self.has_items:
            return NOT_NEEDED if state == PlanTask.State.NOT_NEEDED else NOT_STARTED
        if state == PlanTask.State.COMPLETED and not self.changed_since_marked:
            return COMPLETED
        return IN_PROGRESS

    @property
    def label(self) -> str:
        return STATUSES[self.status][0]

    @property
    def tag(self) -> str:
        """The GOV.UK tag's colour class, or "" for a status shown as plain text."""
        return STATUSES[self.status][1]

    @property
    def reopened(self) -> bool:
        """Marked completed, then changed: back to In progress."""
        return bool(self.mark and self.mark.state == PlanTask.State.COMPLETED and self.changed_since_marked)

    @property
    def note(self) -> str:
        """Who decided the status, and when; or that the part changed since."""
        if self.mark is None:
            return ""
        who = self.mark.marked_by.get_username() if self.mark.marked_by else "someone"
        when = date_format(localtime(self.mark.marked_at), "j F Y")
        if self.reopened:
            return f"Changed since {who} marked it as completed on {when}"
        if self.status == COMPLETED:
            return f"Marked as completed by {who} on {when}"
        if self.status == NOT_NEEDED:
            return f"Marked as not needed by {who} on {when}"
        return ""


@dataclass(frozen=True)
class Progress:
    """A plan's task list in numbers, for its editor and the home page."""

    tasks: list[Task]

    def with_status(self, status: str) -> list[Task]:
        return [task for task in self.tasks if task.status == status]

    @property
    def counts(self) -> dict[str, int]:
        return {status: len(self.with_status(status)) for status in STATUSES}

    @property
    def needed(self) -> int:
        return len(self.tasks) - self.counts[NOT_NEEDED]

    @property
    def left_to_do(self) -> list[Task]:
        return [task for task in self.tasks if task.status in {NOT_STARTED, IN_PROGRESS}]


def parts_for(user, partnership_id: int) -> list[EditableKind]:
    """The parts a person sees on task lists: all of them for a board officer of the
    partnership, the parts an area lead can change (their areas' local priorities)
    for a lead."""
    kinds = [kind for group in registry.task_groups().values() for kind in group]
    if access.role_in(user, partnership_id) == "officer":
        return kinds
    return [kind for kind in kinds if kind.area_field]


def part_models(kind: EditableKind) -> list[type[models.Model]]:
    """The tables a part's content lives in: its kind's, and its children's, down to
    the last (a fund and its budget lines; sections, their text and subsections)."""
    found, seen, queue = [], {kind.name}, [kind]
    while queue:
        current = queue.pop(0)
        if current.model not in found:
            found.append(current.model)
        for name in current.children:
            child = registry.get(name)
            if child is not None and name not in seen:  # a subsection holds subsections
                seen.add(name)
                queue.append(child)
    return found


def _has_items(kind: EditableKind):
    if kind.model is Plan:
        return Value(True)
    return Exists(kind.model.objects.filter(**{kind.plan_path: OuterRef("pk")}))


def _event_model(model):
    try:
        return model._meta.get_field("events").related_model
    except FieldDoesNotExist:  # a table without history cannot say it changed
        return None


def _changed_since(model):
    """Whether the table has a history event of the mark's plan, made after the mark."""
    events = _event_model(model)
    if events is None:
        return None
    return Exists(
        events.objects.alias(context=F("pgh_context__metadata"), event_plan=KT("context__plan")).filter(
            event_plan=Cast(OuterRef("plan_id"), output_field=models.TextField()),
            pgh_created_at__gt=OuterRef("marked_at"),
        )
    )


def _changed_since_marked(kinds: list[EditableKind]):
    whens = []
    for kind in kinds:
        checks = [check for check in map(_changed_since, part_models(kind)) if check is not None]
        if checks:
            changed = ExpressionWrapper(functools.reduce(operator.or_, checks), models.BooleanField())
            whens.append(When(part=kind.name, state=PlanTask.State.COMPLETED, then=changed))
    return Case(*whens, default=Value(False), output_field=models.BooleanField())


def progress_of(plans, kinds: list[EditableKind]) -> dict[int, Progress]:
    """Each plan's task list (plan id -> Progress), in at most three queries whatever
    the number of plans and parts: whether each part has content, the marks, and
    whether the parts marked completed changed after they were marked."""
    plans = list(plans)
    plan_ids = [plan.pk for plan in plans]
    if not plan_ids or not kinds:
        return {pk: Progress([]) for pk in plan_ids}
    has_items = {
        row["pk"]: row
        for row in Plan.objects.filter(pk__in=plan_ids).values(
            "pk", **{f"has_{i}": _has_items(kind) for i, kind in enumerate(kinds)}
        )
    }
    marks = {
        (mark.plan_id, mark.part): mark
        for mark in PlanTask.objects.filter(
            plan_id__in=plan_ids, part__in=[kind.name for kind in kinds]
        ).select_related("marked_by")
    }
    # Whether a completed part changed since: asked only of the parts marked completed
    # (the question reads their history, and costs more the more parts it asks about).
    completed = {mark.pk for mark in marks.values() if mark.state == PlanTask.State.COMPLETED}
    changed = set()
    if completed:
        asked = [
            kind for kind in kinds if any(m.part == kind.name and m.pk in completed for m in marks.values())
        ]
        changed = set(
            PlanTask.objects.filter(pk__in=completed)
            .annotate(changed=_changed_since_marked(asked))
            .filter(changed=True)
            .values_list("pk", flat=True)
        )
    for mark in marks.values():
        mark.changed = mark.pk in changed
    result = {}
    for plan in plans:
        pk = plan.pk
        tasks = []
        for i, kind in enumerate(kinds):
            mark = marks.get((pk, kind.name))
            tasks.append(
                Task(
                    kind=kind.for_plan(plan),
                    has_items=bool(has_items[pk][f"has_{i}"]),
                    mark=mark,
                    changed_since_marked=bool(mark and mark.changed),
                )
            )
        result[pk] = Progress(tasks)
    return result


def part_url(plan: Plan, kind: EditableKind) -> str:
    """A part's own page, where it is changed and marked: its list, or for the plan's
    details, the plan's form."""
    if kind.model is Plan:
        return reverse("plans:edit_item", kwargs={"slug": plan.slug, "kind": kind.name, "pk": plan.pk})
    return reverse("plans:edit_list", kwargs={"slug": plan.slug, "kind": kind.name})


def task_part(name: str) -> EditableKind:
    """The part of the task list with this name, or ValidationError."""
    kind = registry.get(name)
    if kind is None or not kind.task_group:
        raise ValidationError("There is no such part of the plan.")
    return kind


def mark_part(*, plan: Plan, part: str, state: str | None, actor) -> PlanTask | None:
    """Mark a part of a draft plan: "completed" (it has content, and the officer has
    finished it), "not_needed" (it is empty, and the plan does not use it), or None
    to take the mark away (back to In progress or Not started).

    One transaction on the locked draft, as the editor's writes: the mark's time is
    the database's, so a change made after it is seen as after. Board officers only
    (``actor=None``: the site's operator)."""
    kind = task_part(part).for_plan(plan)
    if state not in {None, *PlanTask.State.values}:
        raise ValidationError("Choose whether the part is completed or not needed.")
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        if locked.is_published:
            raise access.PlanFrozen("This plan is published and can no longer be changed.")
        if actor is not None and not access.can_edit_plan(actor, locked):
            raise PermissionDenied("Only the partnership's board officers can mark parts of the plan.")
        if state is None:
            PlanTask.objects.filter(plan=locked, part=kind.name).delete()
            return None
        has_items = kind.model is Plan or kind.in_plan(locked).exists()
        if state == PlanTask.State.COMPLETED and not has_items:
            raise ValidationError(
                f"{kind.plural} has nothing in it yet. Add something first, or say the plan does not need it."
            )
        if state == PlanTask.State.NOT_NEEDED and has_items:
            raise ValidationError(
                f"{kind.plural} has content, so the plan uses it. Delete its content first if the plan "
                "does not need it."
            )
        task, _ = PlanTask.objects.update_or_create(
            plan=locked,
            part=kind.name,
            defaults={"state": state, "marked_by": actor, "marked_at": Now()},
        )
    task.refresh_from_db(fields=["marked_at"])
    return task
