"""The registry of editable kinds.

Every kind of content (a section, a partner, a budget line...) is registered once
with its model, form, where it hangs (its parent), and how to find its plan.
``plans.editor.views`` serves add, change, delete, move and history pages for every
registered kind from that description; ``priorities`` and ``funding`` register their
own kinds from their AppConfig.ready(), so ``plans`` never imports them.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from ..models import Plan
from ..models.base import Positioned
from .bulk import Paste


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
    # Safe by default: a kind can be added or deleted only if it says so.
    addable: bool = False
    deletable: bool = False
    facts: Callable[[models.Model], list[tuple[str, str]]] | None = None  # computed values shown
    # The block kinds that show this kind on the plan's page. Empty: shown through its
    # parent (an action through its priority) or by a block of its own (a fund's table).
    shown_by: tuple[str, ...] = ()
    # Why this item does not show on the plan's page though its kind does ("" if it
    # shows): a figure no text refers to, a theme with no actions yet.
    hidden_because: Callable[[models.Model, Plan], str] | None = None
    # Entered as a pasted list, one item a line (see ``bulk``).
    paste: Paste | None = None
    # Its page shows its children with their own children under each (a priority's
    # themes with their actions), so the whole of it is edited in one place.
    nests_children: bool = False
    # The kind of this item's children that is edited as a table on one page.
    table_of: str | None = None
    # What this kind is called in a given plan, where that depends on the plan's
    # partnership (a two-tier county's "County priorities"): the fields to replace,
    # such as singular, plural or summary. See ``for_plan``.
    wording: Callable[[Plan], dict] | None = None

    def for_plan(self, plan: Plan | None) -> "EditableKind":
        """This kind as the plan names it: its own words if ``wording`` gives some."""
        if plan is None or self.wording is None:
            return self
        return replace(self, **self.wording(plan))

    @property
    def restorable_fields(self) -> list[str]:
        """The fields a restore puts back: what the item's form edits."""
        return [
            name
            for name in self.form_class._meta.fields
            if name not in {"id", "edit_version"} and not self.model._meta.get_field(name).many_to_many
        ]

    @property
    def many_fields(self) -> list[str]:
        """The form's fields that choose many items (an action's supporting partners):
        saved after the item, as links of their own."""
        names = [*self.form_class._meta.fields, *self.form_class.declared_fields]
        return [name for name in dict.fromkeys(names) if _many_to_many(self.model, name)]

    @property
    def markdown_fields(self) -> tuple[str, ...]:
        return getattr(self.form_class, "markdown_fields", ())

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
        """The items in the same list as ``item`` (by ids: no query for its parent)."""
        attnames = [self.model._meta.get_field(name).attname for name in self.scope]
        return self.model.objects.filter(**{name: getattr(item, name) for name in attnames})


def _many_to_many(model, name: str) -> bool:
    try:
        return model._meta.get_field(name).many_to_many
    except FieldDoesNotExist:
        return False


_kinds: dict[str, EditableKind] = {}


def register(kind: EditableKind) -> None:
    _kinds[kind.name] = kind


def get(name: str, plan: Plan | None = None) -> EditableKind | None:
    """The kind registered under ``name``; given a plan, named as that plan names it."""
    kind = _kinds.get(name)
    return kind.for_plan(plan) if kind is not None else None


def all_kinds(plan: Plan | None = None) -> dict[str, EditableKind]:
    return {name: kind.for_plan(plan) for name, kind in _kinds.items()}


def task_groups(plan: Plan | None = None) -> dict[str, list[EditableKind]]:
    """The kinds the plan's task list shows, by group, in the order registered."""
    groups: dict[str, list[EditableKind]] = {}
    for kind in _kinds.values():
        if kind.task_group:
            groups.setdefault(kind.task_group, []).append(kind.for_plan(plan))
    return groups


def kind_for_model(model, plan: Plan | None = None) -> EditableKind | None:
    kind = next((kind for kind in _kinds.values() if kind.model is model), None)
    return kind.for_plan(plan) if kind is not None else None


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
