"""Editing a plan's content: the registry of editable kinds and the services that
write them.

Every kind of content (a section, a partner, a budget line...) is registered once
with its model, form, where it hangs (its parent), and how to find its plan.
``plans.edit_views`` serves add, change, delete, move and history pages for every
registered kind from that description; ``priorities`` and ``funding`` register their
own kinds from their AppConfig.ready(), so ``plans`` never imports them.

Writes go through the services below: each runs in one transaction, records the
plan in the history context, and refuses a change based on an out-of-date version.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import pghistory
from django import forms
from django.contrib.auth import get_user_model
from django.db import IntegrityError, models, transaction
from django.db.models import F, Max

from .models import Plan
from .models.base import Positioned


@dataclass(frozen=True)
class EditableKind:
    name: str  # in URLs: /plans/<slug>/edit/<name>/...
    model: type[models.Model]
    form_class: type[forms.ModelForm]
    singular: str  # "partner organisation"
    plural: str  # "Partner organisations"
    plan_path: str  # from the model to its plan: "plan", "group__priority__plan"
    parent_field: str | None = "plan"  # the field naming what it belongs to (None: on_create hangs it)
    parent_kind: str | None = None  # the registered kind of that parent (None: the plan)
    scope_fields: tuple[str, ...] = ()  # positions count within these (default: parent)
    children: tuple[str, ...] = ()  # kinds listed on this item's page
    area_field: str | None = None  # set for kinds an area lead may edit
    summary: Callable[[models.Model], str] = str
    select_related: tuple[str, ...] = ()
    order_by: tuple[str, ...] = ()
    on_create: Callable | None = None  # (item, parent, plan) before the first save
    hint: str = ""
    task_group: str = ""  # where the plan's task list shows it ("" = not listed there)
    list_filter: tuple[tuple[str, object], ...] = ()  # lookups choosing what its list page shows
    addable: bool = True
    deletable: bool = True
    facts: Callable[[models.Model], list[tuple[str, str]]] | None = None  # computed values shown

    @property
    def positioned(self) -> bool:
        return issubclass(self.model, Positioned)

    @property
    def scope(self) -> tuple[str, ...]:
        return self.scope_fields or ((self.parent_field,) if self.parent_field else ())

    def in_plan(self, plan: Plan):
        if self.model is Plan:
            queryset = Plan.objects.filter(pk=plan.pk)
        else:
            queryset = self.model.objects.filter(**{self.plan_path: plan})
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        return queryset.order_by(*self.ordering)

    @property
    def ordering(self) -> tuple[str, ...]:
        if self.order_by:
            return self.order_by
        return (*self.scope, "position") if self.positioned else ("pk",)

    def siblings(self, item):
        return self.model.objects.filter(**{f: getattr(item, f) for f in self.scope})


_kinds: dict[str, EditableKind] = {}


def register(kind: EditableKind) -> None:
    _kinds[kind.name] = kind


def get(name: str) -> EditableKind | None:
    return _kinds.get(name)


def all_kinds() -> dict[str, EditableKind]:
    return dict(_kinds)


def task_groups() -> dict[str, list[EditableKind]]:
    """The kinds the plan's task list shows, by group, in the order registered."""
    groups: dict[str, list[EditableKind]] = {}
    for kind in _kinds.values():
        if kind.task_group:
            groups.setdefault(kind.task_group, []).append(kind)
    return groups


def kind_for_model(model) -> EditableKind | None:
    return next((kind for kind in _kinds.values() if kind.model is model), None)


# Blocks whose content is an item of its own: block kind -> (editable kind, the
# item's related name on Block). Apps add theirs when they register their kinds.
BLOCK_CONTENT: dict[str, tuple[str, str]] = {}


def register_block_content(block_kind: str, edit_kind: str, related_name: str) -> None:
    BLOCK_CONTENT[block_kind] = (edit_kind, related_name)


def block_editor(block) -> tuple[str, int]:
    """The editable kind and id that edit what a block shows."""
    if block.kind in BLOCK_CONTENT:
        edit_kind, related_name = BLOCK_CONTENT[block.kind]
        content = getattr(block, related_name, None)
        if content is not None:
            return edit_kind, content.pk
    return ("block" if block.kind == "text" else "component"), block.pk


def parent_of(kind: EditableKind, item):
    """What the item hangs under in the editor: its parent item, its block's section
    for content shown in a block, or None for the plan itself."""
    if kind.parent_kind is None:
        return None
    if kind.parent_field:
        return getattr(item, kind.parent_field)
    block = getattr(item, "block", None)
    return block.section if block is not None else None


class EditConflict(Exception):
    """Someone else saved the item since this person opened it."""

    def __init__(self, current, changed_by: str | None):
        super().__init__("The item changed while you were editing it.")
        self.current = current
        self.changed_by = changed_by


class ItemInUse(Exception):
    """The item cannot be deleted while other content refers to it."""


def last_changed_by(item) -> str | None:
    """The username recorded with the latest change to the item, if any."""
    event = item.events.select_related("pgh_context").order_by("-pgh_id").first()
    if event is None or event.pgh_context is None:
        return None
    user_id = event.pgh_context.metadata.get("user")
    if user_id is None:
        return None
    user = get_user_model().objects.filter(pk=user_id).first()
    return user.get_username() if user else None


def _next_position(kind: EditableKind, item) -> int:
    return (kind.siblings(item).aggregate(top=Max("position"))["top"] or 0) + 1


def item_create(*, kind: EditableKind, form: forms.ModelForm, plan: Plan, parent=None):
    """Save a new item at the end of its list."""
    item = form.instance
    if kind.parent_field:
        setattr(item, kind.parent_field, parent if parent is not None else plan)
    with transaction.atomic(), pghistory.context(plan=plan.pk):
        if kind.on_create:
            kind.on_create(item, parent, plan)
        if kind.positioned:
            item.position = _next_position(kind, item)
        form.save()
    return item


def item_update(*, kind: EditableKind, form: forms.ModelForm, plan: Plan, based_on_version: int):
    """Save the form's changes unless the item changed since ``based_on_version``."""
    item = form.instance
    with transaction.atomic(), pghistory.context(plan=plan.pk):
        current = kind.model.objects.select_for_update().get(pk=item.pk)
        if current.edit_version != based_on_version:
            raise EditConflict(current, last_changed_by(current))
        item.edit_version = current.edit_version + 1
        form.save()
    return item


def item_delete(*, kind: EditableKind, item, plan: Plan) -> None:
    """Delete the item and close the gap it leaves in its list. Content shown in a
    block of its own (a fund's table, an evidence group) takes its block with it."""
    block = getattr(item, "block", None) if kind.name not in {"block", "component"} else None
    try:
        with transaction.atomic(), pghistory.context(plan=plan.pk):
            _delete_closing_gap(kind, item)
            if block is not None and type(block).objects.filter(pk=block.pk).exists():
                _delete_closing_gap(get("block"), block)
    except (models.ProtectedError, models.RestrictedError) as exc:
        raise ItemInUse(exc) from None


def _delete_closing_gap(kind: EditableKind, item) -> None:
    siblings = kind.siblings(item) if kind.positioned else None
    position = getattr(item, "position", None)
    item.delete()
    if siblings is not None:
        siblings.filter(position__gt=position).update(
            position=F("position") - 1, edit_version=F("edit_version") + 1
        )


def item_move(*, kind: EditableKind, item, plan: Plan, direction: str) -> bool:
    """Swap the item with its neighbour above or below; False at either end."""
    step = -1 if direction == "up" else 1
    with transaction.atomic(), pghistory.context(plan=plan.pk):
        neighbour = kind.siblings(item).filter(position=item.position + step).first()
        if neighbour is None:
            return False
        # Positions are unique, checked at commit: the swap may pass through a clash.
        kind.model.objects.filter(pk=item.pk).update(
            position=neighbour.position, edit_version=F("edit_version") + 1
        )
        kind.model.objects.filter(pk=neighbour.pk).update(
            position=item.position, edit_version=F("edit_version") + 1
        )
    return True


RESTORE_SKIPS = {"id", "edit_version"}


def restorable_fields(kind: EditableKind) -> list[str]:
    """The fields a restore puts back: what the item's form edits."""
    return [name for name in kind.form_class._meta.fields if name not in RESTORE_SKIPS]


def item_restore(*, kind: EditableKind, item, event, plan: Plan):
    """Put the item's edited fields back as they were in a history event."""
    with transaction.atomic(), pghistory.context(plan=plan.pk, restored_from=event.pgh_id):
        current = kind.model.objects.select_for_update().get(pk=item.pk)
        for name in restorable_fields(kind):
            model_field = kind.model._meta.get_field(name)
            setattr(current, model_field.attname, getattr(event, model_field.attname))
        current.edit_version += 1
        try:
            current.full_clean(validate_constraints=False)
            current.save()
        except IntegrityError as exc:
            raise ItemInUse(exc) from None
    return current


@dataclass
class HistoryRow:
    event: object
    label: str
    when: object
    who: str | None
    changes: list[tuple[str, object, object]] = field(default_factory=list)


def item_history(kind: EditableKind, item) -> list[HistoryRow]:
    """The item's recorded changes, newest first, each with before and after values."""
    events = list(item.events.select_related("pgh_context").order_by("pgh_id"))
    names = ["position", *restorable_fields(kind)] if kind.positioned else restorable_fields(kind)
    user_ids = {e.pgh_context.metadata.get("user") for e in events if e.pgh_context}
    users = {u.pk: u.get_username() for u in get_user_model().objects.filter(pk__in=user_ids - {None})}
    rows, previous = [], None
    for event in events:
        changes = []
        for name in names:
            attname = kind.model._meta.get_field(name).attname
            after = getattr(event, attname)
            before = getattr(previous, attname) if previous is not None else None
            if previous is None or before != after:
                changes.append((kind.model._meta.get_field(name).verbose_name, before, after))
        who = users.get(event.pgh_context.metadata.get("user")) if event.pgh_context else None
        rows.append(HistoryRow(event, event.pgh_label, event.pgh_created_at, who, changes))
        previous = event
    return list(reversed(rows))
