"""Reading what the database triggers record (``pghistory``): an item's versions, the
plan's changes, and what was deleted and can be brought back."""

from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from pghistory.models import Context, Events

from ..models import Plan
from .registry import EditableKind, get, kind_for_model


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
    names = ["position", *kind.restorable_fields] if kind.positioned else kind.restorable_fields
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


def _usernames(user_ids) -> dict:
    ids = {pk for pk in user_ids if pk is not None}
    return {u.pk: u.get_username() for u in get_user_model().objects.filter(pk__in=ids)} if ids else {}


def _labelled_diff(model, diff: dict) -> list[tuple[str, object, object]]:
    """A recorded change as (field label, before, after), bookkeeping left out."""
    rows = []
    for name, (before, after) in diff.items():
        if name == "edit_version":
            continue
        model_field = next((f for f in model._meta.fields if name in {f.name, f.attname}), None)
        rows.append((str(model_field.verbose_name) if model_field else name, before, after))
    return rows


def plan_changes(plan: Plan, limit: int = 300) -> list[dict]:
    """The plan's recorded changes, newest first: who, what, and the fields changed."""
    events = list(Events.objects.filter(pgh_context__plan=plan.pk).order_by("-pgh_created_at")[:limit])
    users = _usernames((event.pgh_context or {}).get("user") for event in events)
    rows = []
    for event in events:
        model = apps.get_model(event.pgh_obj_model)
        kind = kind_for_model(model)
        rows.append(
            {
                "event": event,
                "who": users.get((event.pgh_context or {}).get("user")),
                "what": model._meta.verbose_name,
                "diff": _labelled_diff(model, event.pgh_diff or {}),
                "data": event.pgh_data or {},
                "kind": kind if kind and event.pgh_label != "delete" and kind.model is not Plan else None,
            }
        )
    return rows


@dataclass
class Deletion:
    context_id: object
    when: object
    who: str | None
    kind: EditableKind
    summary: str


def recently_deleted(plan: Plan, limit: int = 30) -> list[Deletion]:
    """What was deleted from the plan and is not back yet, newest first."""
    contexts = list(
        Context.objects.filter(metadata__plan=plan.pk, metadata__has_key="deleted").order_by("-updated_at")[
            :limit
        ]
    )
    restored = set(
        Context.objects.filter(metadata__restored_deletion__in=[str(c.id) for c in contexts]).values_list(
            "metadata__restored_deletion", flat=True
        )
    )
    users = _usernames(c.metadata.get("user") for c in contexts)
    deletions = []
    for context in contexts:
        if str(context.id) in restored:
            continue
        for entry in context.metadata["deleted"]:
            kind = get(entry["kind"])
            if kind is not None:
                deletions.append(
                    Deletion(
                        context.id,
                        context.updated_at,
                        users.get(context.metadata.get("user")),
                        kind,
                        entry["summary"],
                    )
                )
    return deletions
