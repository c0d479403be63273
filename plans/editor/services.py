"""The one write path for a plan's content.

Every function here is keyword-only, takes plain data (field name -> value, as a
form's ``cleaned_data`` gives it) and the acting person, and:

- runs in one transaction that first locks the plan's row, so that two writes to one
  plan happen one after the other (moves, adds and deletes never race for a
  position) and the plan is checked to be a draft while nothing can publish it;
- checks the person may change the item (board officers everything, area leads
  their own areas' items), before and after the change;
- validates the whole item, its database rules included, raising ``ValidationError``
  in plain English, and checks every {{figure}} its text refers to;
- records the plan and the person in the history context (``pghistory``), so the
  history says who changed what, deletions and restores included.

``actor=None`` is a command run by the site's operator (the demo loader): it may
change any draft. Views, the demo loader and importers call these functions; none of
them saves plan content any other way.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pghistory
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import F, Max
from pghistory.models import Events

from .. import access
from ..models import Plan
from . import figures
from .history import last_changed_by
from .registry import EditableKind, get, kind_for_model


class NotAllowed(PermissionDenied):
    """The person may not change this item."""


class EditConflict(Exception):
    """Someone else saved the item since this person opened it."""

    def __init__(self, current, changed_by: str | None):
        super().__init__("The item changed while you were editing it.")
        self.current = current
        self.changed_by = changed_by


class ItemInUse(Exception):
    """The item cannot be deleted while other content refers to it. ``message`` says
    what refers to it, in people's words, when that is known."""

    def __init__(self, message: str = ""):
        super().__init__(message or "The item is used elsewhere in the plan.")
        self.message = message


@contextmanager
def _writing(plan: Plan, actor, **context) -> Iterator[Plan]:
    """One transaction on a locked draft plan, recorded with who made the change."""
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        if locked.is_published:
            raise access.PlanFrozen("This plan is published and can no longer be changed.")
        with pghistory.context(plan=plan.pk, user=actor.pk if actor else None, **context):
            yield locked


def _require_may_change(actor, plan: Plan, kind: EditableKind, item) -> None:
    if actor is None:
        return
    if kind.area_field:
        area = getattr(item, kind.area_field, None)
        if (
            area is None
            or area.partnership_id != plan.partnership_id
            or not access.can_edit_area(actor, area)
        ):
            raise NotAllowed("You can change only your own area's items.")
    elif not access.can_edit_plan(actor, plan):
        raise NotAllowed("You can read this plan but not change this part of it.")


def _locked(kind: EditableKind, plan: Plan, pk: int):
    """The item, locked, if it is this plan's: another plan's item is 'not found'."""
    try:
        return kind.in_plan(plan).select_for_update(of=("self",)).get(pk=pk)
    except kind.model.DoesNotExist:
        raise NotAllowed("This item is not part of this plan.") from None


def _assign(item, data: dict) -> None:
    for name, value in data.items():
        setattr(item, name, value)


def _split_many(kind: EditableKind, data: dict) -> tuple[dict, dict]:
    """The item's own fields, and the ones choosing many items (set after it is saved)."""
    many = {name: list(data[name]) for name in kind.many_fields if name in data}
    return {name: value for name, value in data.items() if name not in many}, many


def _require_same_plan(plan: Plan, data: dict) -> None:
    """Every item chosen in a relation field (a lead partner, a survey result's figure)
    is this plan's own, whatever sent the data."""
    for name, value in data.items():
        for chosen in value if isinstance(value, list | tuple) else [value]:
            plan_id = getattr(chosen, "plan_id", None) if isinstance(chosen, models.Model) else None
            if plan_id is not None and plan_id != plan.pk:
                what = chosen._meta.verbose_name_plural
                raise ValidationError(
                    {name: f"“{chosen}” belongs to another plan: choose one of this plan's {what}"}
                )


def _validate(kind: EditableKind, plan: Plan, item, many: dict | None = None) -> None:
    """Every rule of the item, the database's included, then its figures."""
    item.full_clean()
    if many and hasattr(item, "clean_links"):
        item.clean_links(**many)
    figures.check_references(plan, item, kind.markdown_fields)


def _save(item, many: dict) -> None:
    item.save()
    for name, chosen in many.items():
        getattr(item, name).set(chosen)


def _next_position(kind: EditableKind, item) -> int:
    return (kind.siblings(item).aggregate(top=Max("position"))["top"] or 0) + 1


def item_create(*, kind: EditableKind, plan: Plan, data: dict, actor, parent=None):
    """Add an item at the end of its list, under ``parent`` (None: the plan)."""
    if not kind.addable:
        raise NotAllowed(f"A {kind.singular} cannot be added here.")
    data, many = _split_many(kind, data)
    with _writing(plan, actor) as plan:
        item = kind.model()
        if kind.parent_field:
            setattr(item, kind.parent_field, parent if parent is not None else plan)
        _require_same_plan(plan, {**data, **many})
        _assign(item, data)
        _require_may_change(actor, plan, kind, item)
        if kind.on_create:
            kind.on_create(item, parent, plan)
        if kind.positioned:
            item.position = _next_position(kind, item)
        _validate(kind, plan, item, many)
        _save(item, many)
    return item


def item_update(*, kind: EditableKind, plan: Plan, pk: int, data: dict, actor, based_on_version: int):
    """Change an item, unless someone saved it since ``based_on_version``."""
    data, many = _split_many(kind, data)
    with _writing(plan, actor) as plan:
        item = _locked(kind, plan, pk)
        _require_may_change(actor, plan, kind, item)
        if item.edit_version != based_on_version:
            raise EditConflict(item, last_changed_by(item))
        _require_same_plan(plan, {**data, **many})
        old_key = getattr(item, "key", None)
        _assign(item, data)
        _require_may_change(actor, plan, kind, item)  # a lead cannot move it to another's area
        if old_key and getattr(item, "key", None) != old_key and kind.name == "statistic":
            figures.refuse_if_used(plan, old_key, "change its key")
        item.edit_version += 1
        _validate(kind, plan, item, many)
        _save(item, many)
    return item


def item_delete(*, kind: EditableKind, plan: Plan, pk: int, actor) -> None:
    """Delete an item and close the gap it leaves in its list. Content shown in a
    block of its own (a fund's table, an evidence group) takes its block with it.
    The deletion is noted in the history, from where it can be undone."""
    if not kind.deletable:
        raise NotAllowed(f"A {kind.singular} cannot be deleted.")
    with _writing(plan, actor) as plan, pghistory.context() as context:
        item = _locked(kind, plan, pk)
        _require_may_change(actor, plan, kind, item)
        if kind.name == "statistic":
            figures.refuse_if_used(plan, item.key, "delete it")
        context.metadata.setdefault("deleted", []).append(
            {"kind": kind.name, "pk": item.pk, "summary": kind.summary(item)[:200]}
        )
        block = getattr(item, "block", None) if kind.model._meta.label != "plans.Block" else None
        try:
            with transaction.atomic():
                _delete_closing_gap(kind, item)
                if block is not None and type(block).objects.filter(pk=block.pk).exists():
                    _delete_closing_gap(get("block"), block)
        except models.RestrictedError as exc:
            raise ItemInUse(_leads(kind, item, exc.restricted_objects)) from None
        except models.ProtectedError:
            raise ItemInUse() from None


def deletion_refused(kind: EditableKind, item) -> str:
    """Why deleting the item would be refused because of what it leads ("" if it
    would not), to say so before anyone asks: one query for each kind of item led."""
    users = []
    for relation in type(item)._meta.related_objects:
        if relation.on_delete is models.RESTRICT and relation.field.name == "lead_partner":
            users += relation.related_model._default_manager.filter(**{relation.field.name: item})
    return _leads(kind, item, users)


def _leads(kind: EditableKind, item, users) -> str:
    """ "This partner organisation leads 2 actions (…) and 1 local priority (…). Choose
    another lead for them, or none, then delete the partner organisation." ("" if what
    holds on to the item is not something it leads.)"""
    users = sorted(users, key=lambda user: (user._meta.label, user.pk))  # the same words every time
    if not users or any(getattr(user, "lead_partner_id", None) != item.pk for user in users):
        return ""
    by_kind: dict[EditableKind | None, list] = {}
    for user in users:
        by_kind.setdefault(kind_for_model(type(user)), []).append(user)
    parts = []
    for user_kind, led in by_kind.items():
        what = user_kind.singular if user_kind else type(led[0])._meta.verbose_name
        what = what if len(led) == 1 else (user_kind.plural.lower() if user_kind else f"{what}s")
        names = "; ".join(f"“{' '.join(str(one).split())[:60]}”" for one in led[:3])
        more = f" and {len(led) - 3} more" if len(led) > 3 else ""
        parts.append(f"{len(led)} {what} ({names}{more})")
    return (
        f"This {kind.singular} leads {' and '.join(parts)}. Choose another lead for "
        f"{'it' if len(users) == 1 else 'them'}, or none, then delete the {kind.singular}."
    )


def _delete_closing_gap(kind: EditableKind, item) -> None:
    siblings = kind.siblings(item) if kind.positioned else None
    position = getattr(item, "position", None)
    item.delete()
    if siblings is not None:
        siblings.filter(position__gt=position).update(
            position=F("position") - 1, edit_version=F("edit_version") + 1
        )


def item_move(*, kind: EditableKind, plan: Plan, pk: int, actor, direction: str) -> bool:
    """Swap the item with its neighbour above or below; False at either end."""
    if not kind.positioned or direction not in {"up", "down"}:
        raise NotAllowed("This cannot be moved.")
    step = -1 if direction == "up" else 1
    with _writing(plan, actor) as plan:
        item = _locked(kind, plan, pk)
        _require_may_change(actor, plan, kind, item)
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


@dataclass
class RowChange:
    """One row of a list entered at once: a new item (no pk), a change, or a deletion."""

    pk: int | None
    data: dict
    delete: bool = False
    based_on_version: int | None = None


class RowErrors(Exception):
    """Rows that could not be saved, by their index: nothing was saved."""

    def __init__(self, errors: dict[int, Exception]):
        super().__init__(f"{len(errors)} rows could not be saved")
        self.errors = errors


def items_save_many(*, kind: EditableKind, plan: Plan, rows: list[RowChange], actor, parent=None) -> list:
    """Add, change and delete many items of one list at once, each as its own service
    call would: all or nothing. Changes go first, then additions, then deletions (which
    renumber what follows them)."""
    order = {"change": 0, "add": 1, "delete": 2}

    def step(row: RowChange) -> str:
        return "delete" if row.delete else ("change" if row.pk else "add")

    errors, saved = {}, []
    with transaction.atomic():
        for index, row in sorted(enumerate(rows), key=lambda pair: order[step(pair[1])]):
            try:
                with transaction.atomic():
                    if row.delete:
                        item_delete(kind=kind, plan=plan, pk=row.pk, actor=actor)
                    elif row.pk:
                        saved.append(
                            item_update(
                                kind=kind,
                                plan=plan,
                                pk=row.pk,
                                data=row.data,
                                actor=actor,
                                based_on_version=row.based_on_version,
                            )
                        )
                    else:
                        saved.append(
                            item_create(kind=kind, plan=plan, data=row.data, actor=actor, parent=parent)
                        )
            except (ValidationError, EditConflict, ItemInUse) as exc:
                errors[index] = exc
        if errors:
            raise RowErrors(errors)
    return saved


def item_restore(*, kind: EditableKind, plan: Plan, pk: int, event, actor, based_on_version: int):
    """Put the item's edited fields back as they were in a history event: a change
    like any other, checked for version, area and every rule."""
    data = {}
    for name in kind.restorable_fields:
        field = kind.model._meta.get_field(name)
        data[field.attname] = getattr(event, field.attname)
    with pghistory.context(restored_from=event.pgh_id):
        return item_update(
            kind=kind, plan=plan, pk=pk, data=data, actor=actor, based_on_version=based_on_version
        )


def deletion_restore(*, plan: Plan, context_id, actor) -> tuple[EditableKind, models.Model]:
    """Bring back what one deletion removed (the item and everything deleted with
    it), as it was, each item at its old place in its list. Refused if the plan has
    since changed so that it no longer fits (its parent deleted, a key taken).
    Returns the kind and the item the person had deleted."""
    with _writing(plan, actor, restored_deletion=str(context_id)) as plan:
        events = list(
            Events.objects.filter(pgh_context_id=context_id, pgh_label="delete").order_by("-pgh_id")
        )
        if not events or not any(e.pgh_context and e.pgh_context.get("plan") == plan.pk for e in events):
            raise NotAllowed("There is no such deletion in this plan's history.")
        rows = [_row_from_event(event) for event in events]
        coming_back = {(model, row.pk) for model, row in rows}
        for model, row in rows:
            if model.objects.filter(pk=row.pk).exists():
                raise ValidationError("This has already been brought back.")
            _require_parents(row, coming_back)
            kind = kind_for_model(model)
            if kind is not None:
                _require_may_change(actor, plan, kind, row)
        for model, row in sorted(rows, key=lambda pair: getattr(pair[1], "position", 0)):
            kind = kind_for_model(model)
            if kind is not None and kind.positioned:
                # Its old place, or the end if the list is shorter now: what is
                # there moves down one.
                row.position = min(row.position, _next_position(kind, row))
                kind.siblings(row).filter(position__gte=row.position).update(
                    position=F("position") + 1, edit_version=F("edit_version") + 1
                )
            row.save(force_insert=True)
        for _model, row in rows:
            try:
                row.full_clean()
            except ValidationError as exc:
                raise ValidationError(
                    "It cannot be brought back as it was, because the plan has changed since: "
                    + " ".join(exc.messages)
                ) from None
    deleted = events[0].pgh_context["deleted"][0]
    kind = get(deleted["kind"], plan)
    return kind, next(row for model, row in rows if model is kind.model and row.pk == deleted["pk"])


def _require_parents(row, coming_back: set) -> None:
    """Everything the row hangs on exists, or comes back with it."""
    for field in row._meta.concrete_fields:
        target = getattr(row, field.attname) if field.is_relation else None
        if target is None:
            continue
        related = field.related_model
        if (related, target) not in coming_back and not related._default_manager.filter(pk=target).exists():
            raise ValidationError(
                "What this belonged to has been deleted since. Bring that back first, then this."
            )


def _row_from_event(event) -> tuple[type[models.Model], models.Model]:
    """The deleted row, rebuilt from its typed history record."""
    model = apps.get_model(event.pgh_obj_model)
    record = apps.get_model(event.pgh_model).objects.get(pgh_id=event.pgh_id)
    values = {field.attname: getattr(record, field.attname) for field in model._meta.concrete_fields}
    return model, model(**values)
