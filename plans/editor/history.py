"""Reading what the database triggers record (``pghistory``): an item's versions, the
plan's changes, and what was deleted and can be brought back.

Each change is told in people's words: the item named as people call it and where it
is ("Text of section 4.1", "Budget line: Domestic abuse services"), its values as they
read them (``values``), typed text compared word by word (``diff``), a change of place
as "moved up" or "moved down", and bookkeeping left out. A page of changes costs the
same queries however many changes it shows."""

from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from pghistory.models import Context, Events

from ..assemble import section_numbers
from ..content import PlanContent
from ..models import Block, Plan, Section
from ..wording import block_kind_label
from .diff import changed_words
from .registry import EditableKind, get, kind_for_model
from .values import field_label, is_text, readable, typed


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


#: Fields the database keeps for its own sake: never shown as a change. A change of
#: ``position`` is told as "moved up" or "moved down".
BOOKKEEPING = frozenset({"id", "edit_version", "updated_at", "position"})
#: Words of unchanged text kept either side of a change on the plan's history page.
CONTEXT_WORDS = 12
#: Said of typed text whose words are the same (a pasted text's line endings, say).
SPACING_ONLY = "Only spaces or line breaks changed"
#: The field that names an item, for kinds whose summary says more than its name (a
#: budget line's summary has its amount too).
NAME_FIELDS = {"budget-line": "description"}


@dataclass
class Change:
    """One field's change: its label and both values as people read them; for typed
    text, ``diff`` is the new text with the words added and removed marked."""

    label: str
    before: str
    after: str
    diff: SafeString | None = None
    note: str = ""  # said instead of the values: "Only spaces or line breaks changed"


@dataclass
class Entry:
    """One recorded change of one item, told in people's words."""

    event: object
    when: object
    who: str | None
    action: str  # added, deleted, brought back, changed, restored, moved up, moved down, saved
    label: str  # what people call the item and where it is: "Text of section 4.1"
    kind: EditableKind | None
    obj_id: object
    text: str = ""  # the item's main text, for an item added or deleted
    changes: list[Change] = field(default_factory=list)
    moved: str = ""  # "up" or "down", when it moved as well as changed
    values: list[Change] = field(default_factory=list)  # every field, for an item added or deleted
    still_there: bool = True  # the item has not been deleted since
    url: str | None = None  # its history page
    restorable: bool = False

    @property
    def heading(self) -> str:
        """ "Changed", "Moved up", "Added"..."""
        return capfirst(self.action)


@dataclass
class _Record:
    """An event as plain data, from a typed event (an item's page) or from the JSON
    of pghistory's Events (the plan's page)."""

    event: object
    model: type[models.Model]
    label: str  # pghistory's: insert, update, delete
    when: object
    context: dict
    data: dict  # attname -> value, as after the event (as deleted, for a delete)
    before: dict | None  # attname -> value before, for an update


def _short(text: str, length: int = 90) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= length else text[: length - 1] + "…"


class _Sections:
    """Where things are in the plan: each section's number and title, loaded once
    (and only if something on the page sits in a section)."""

    def __init__(self, plan: Plan, records: list[_Record], content: PlanContent | None = None):
        self.plan = plan
        self.content = content
        self.deleted = {
            r.data.get("id"): r.data.get("title") or ""
            for r in records
            if r.model is Section and r.label == "delete"
        }
        self._loaded: dict | None = None

    @property
    def sections(self) -> dict:
        if self._loaded is None:
            if self.content is not None:
                rows = [
                    (s.id, s.parent_id, s.position, s.numbered, s.title) for s in self.content.rows(Section)
                ]
            else:
                rows = list(
                    Section.objects.filter(plan=self.plan).values_list(
                        "id", "parent_id", "position", "numbered", "title"
                    )
                )
            numbers = section_numbers([row[:4] for row in rows])
            self._loaded = {row[0]: (numbers[row[0]], row[4]) for row in rows}
        return self._loaded

    def name(self, section_id, title: str) -> str:
        """ "Section 4.1: Our priorities", "Section: Appendix", "Section (no heading)":
        its number now, its title as recorded."""
        number = self.sections.get(section_id, ("", ""))[0]
        title = _short(title)
        if number:
            return f"Section {number}: {title}" if title else f"Section {number}"
        return f"Section: {title}" if title else "Section (no heading)"

    def where(self, section_id) -> str:
        """ "section 4.1", "section “Appendix”", "a deleted section"."""
        if section_id in self.sections:
            number, title = self.sections[section_id]
            if number:
                return f"section {number}"
            return f"section “{title}”" if title else "a section with no heading"
        title = self.deleted.get(section_id)
        return f"the deleted section “{title}”" if title else "a deleted section"


def _kind_of(model, data: dict, plan: Plan) -> EditableKind | None:
    """The editable kind of an item, named as the plan names it: for a block, text or
    a component by its kind; for a section, a subsection if it has a parent."""
    if model is Block:
        return get("block" if data.get("kind") == Block.Kind.TEXT else "component", plan)
    if model is Section:
        return get("subsection" if data.get("parent_id") else "section", plan)
    return kind_for_model(model, plan)


def _shown_fields(model, kind: EditableKind | None) -> list[models.Field]:
    """The fields a person edits, in the form's order, then any other of the model's
    (changed outside the editor), bookkeeping left out."""
    fields = [
        f for f in model._meta.concrete_fields if f.name not in BOOKKEEPING and f.attname not in BOOKKEEPING
    ]
    edited = kind.restorable_fields if kind else []
    order = {name: index for index, name in enumerate(edited)}
    return sorted(fields, key=lambda f: order.get(f.name, len(order)))


def _form_field(kind: EditableKind | None, model_field):
    return kind.form_class.base_fields.get(model_field.name) if kind else None


class _Reader:
    """Turns a page's records into entries with a fixed number of queries: the
    people, the sections and the items chosen in relation fields, each loaded once."""

    def __init__(self, plan: Plan, records: list[_Record], content: PlanContent | None = None):
        self.plan = plan
        self.records = records
        self.content = content
        self.places = _Sections(plan, records, content)
        self.users = _usernames(r.context.get("user") for r in records)
        self.objects = self._load_related()

    def _relations(self, record: _Record):
        """(field, value) of the relation fields this record shows or names."""
        kind = _kind_of(record.model, record.data, self.plan)
        edited = set(kind.restorable_fields) if kind else set()
        for model_field in record.model._meta.concrete_fields:
            if not model_field.is_relation or model_field.attname in BOOKKEEPING:
                continue
            values = [record.data.get(model_field.attname)]
            if record.before is not None:
                values.append(record.before.get(model_field.attname))
                if model_field.name not in edited and values[0] == values[1]:
                    continue  # a parent link that did not change: not shown
            elif model_field.name not in edited:
                continue
            for value in values:
                if value is not None:
                    yield model_field, value

    def _load_related(self) -> dict:
        wanted: dict = {}
        for record in self.records:
            for model_field, value in self._relations(record):
                wanted.setdefault(model_field.related_model, set()).add(typed(model_field, value))
        loaded = {}
        if self.content is not None:
            # The plan's content as it is now is already read: no query for those tables.
            for model in [model for model in wanted if self.content.has(model)]:
                loaded.update(
                    {(model, row.pk): row for row in self.content.rows(model) if row.pk in wanted[model]}
                )
                del wanted[model]
        for model, ids in wanted.items():
            queryset = model._default_manager.filter(pk__in=ids)
            if model is Block:
                queryset = queryset.select_related("section")  # its name says where it is
            loaded.update({(model, obj.pk): obj for obj in queryset})
        return loaded

    def instance(self, record: _Record) -> models.Model:
        """The item as recorded, with the chosen items of its relations attached (its
        summary reads them without a query)."""
        values = {}
        for model_field in record.model._meta.concrete_fields:
            if model_field.attname in record.data:
                values[model_field.attname] = typed(model_field, record.data[model_field.attname])
        item = record.model(**values)
        for model_field in record.model._meta.concrete_fields:
            if model_field.is_relation:
                target = self.objects.get((model_field.related_model, values.get(model_field.attname)))
                if target is not None:
                    model_field.set_cached_value(item, target)
        return item

    def readable(self, kind, model_field, raw) -> str:
        return readable(
            typed(model_field, raw),
            model_field=model_field,
            form_field=_form_field(kind, model_field),
            names=self.objects,
        )

    def label(self, kind: EditableKind | None, record: _Record, item) -> str:
        data = record.data
        if record.model is Plan:
            return "Plan details"
        if record.model is Block:
            where = self.places.where(data.get("section_id"))
            if data.get("kind") == Block.Kind.TEXT:
                return f"Text of {where}"
            return f"{block_kind_label(data.get('kind'), self.plan)} in {where}"
        if record.model is Section:
            return self.places.name(data.get("id"), data.get("title") or "")
        if kind is None:
            return f"{capfirst(record.model._meta.verbose_name)}: {_short(str(item))}"
        if kind.name in NAME_FIELDS:
            return f"{capfirst(kind.singular)}: {_short(data.get(NAME_FIELDS[kind.name]))}"
        if kind.area_field:
            # "Local priority (North District): ...": the area, then the item's own words.
            model_field = record.model._meta.get_field(kind.area_field)
            area = self.objects.get((model_field.related_model, data.get(model_field.attname)))
            return f"{capfirst(kind.singular)} ({area if area else 'a deleted area'}): {_short(str(item))}"
        return f"{capfirst(kind.singular)}: {_summary(kind, item)}"

    def main_text(self, kind: EditableKind | None, record: _Record, item, label: str) -> str:
        """What an added or deleted item said, if its label does not say it all."""
        if record.model is Block:
            return _short(record.data.get("body"), 200) if record.data.get("kind") == Block.Kind.TEXT else ""
        if kind is None or record.model in {Plan, Section} or kind.area_field:
            return ""
        text = _summary(kind, item, 200)
        return "" if not text or label.endswith(text) else text

    def changes(self, kind, record: _Record, context_words: int | None) -> list[Change]:
        rows = []
        for model_field in _shown_fields(record.model, kind):
            before = record.before.get(model_field.attname)
            after = record.data.get(model_field.attname)
            if model_field.attname not in record.data or typed(model_field, before) == typed(
                model_field, after
            ):
                continue
            row = Change(
                field_label(model_field, kind.form_class if kind else None),
                self.readable(kind, model_field, before),
                self.readable(kind, model_field, after),
            )
            if is_text(model_field, _form_field(kind, model_field)) and (before or after):
                row.diff = changed_words(str(before or ""), str(after or ""), context=context_words)
                row.note = "" if row.diff else SPACING_ONLY
            rows.append(row)
        return rows

    def values(self, kind, record: _Record) -> list[Change]:
        """Every field a person edits, as recorded (an item added or deleted)."""
        names = set(kind.restorable_fields) if kind else set()
        return [
            Change(
                field_label(model_field, kind.form_class if kind else None),
                "",
                self.readable(kind, model_field, record.data.get(model_field.attname)),
            )
            for model_field in _shown_fields(record.model, kind)
            if model_field.name in names
        ]

    def entry(self, record: _Record, *, context_words: int | None = None, with_values: bool = False) -> Entry:
        kind = _kind_of(record.model, record.data, self.plan)
        item = self.instance(record)
        label_text = self.label(kind, record, item)
        entry = Entry(
            event=record.event,
            when=record.when,
            who=self.users.get(record.context.get("user")),
            action="changed",
            label=label_text,
            kind=kind,
            obj_id=record.data.get("id"),
        )
        if record.before is None:  # added, deleted, or the first record of an item
            if record.label == "delete":
                entry.action = "deleted"
            elif record.label == "insert":
                entry.action = "brought back" if "restored_deletion" in record.context else "added"
            entry.text = self.main_text(kind, record, item, label_text)
            if with_values:
                entry.values = self.values(kind, record)
            return entry
        entry.changes = self.changes(kind, record, context_words)
        old, new = record.before.get("position"), record.data.get("position")
        if old is not None and new is not None and old != new:
            entry.moved = "up" if new < old else "down"
        if entry.changes:
            entry.action = "restored an earlier version" if "restored_from" in record.context else "changed"
        elif entry.moved:
            entry.action, entry.moved = f"moved {entry.moved}", ""
        else:
            entry.action = "saved with no changes"
        return entry


def _summary(kind: EditableKind, item, length: int = 90) -> str:
    try:
        return _short(kind.summary(item), length)
    except (AttributeError, ObjectDoesNotExist):  # it names an item since deleted
        return _short(str(item), length)


def _typed_record(event, model, previous) -> _Record:
    attnames = [f.attname for f in model._meta.concrete_fields]
    data = {name: getattr(event, name) for name in attnames}
    before = {name: getattr(previous, name) for name in attnames} if previous is not None else None
    if event.pgh_label != "update":
        before = None
    context = event.pgh_context.metadata if event.pgh_context else {}
    return _Record(event, model, event.pgh_label, event.pgh_created_at, context, data, before)


def item_history(kind: EditableKind, item, plan: Plan) -> list[Entry]:
    """The item's recorded changes, newest first: what changed in each, and every
    field of it when it was added. An entry is restorable if its version differs from
    the item as it is now."""
    events = list(item.events.select_related("pgh_context").order_by("pgh_id"))
    model = type(item)
    records, previous = [], None
    for event in events:
        records.append(_typed_record(event, model, previous))
        previous = event
    reader = _Reader(plan, records)
    entries = []
    for record in records:
        entry = reader.entry(record, with_values=True)
        entry.restorable = record.label != "delete" and any(
            getattr(record.event, model._meta.get_field(name).attname)
            != getattr(item, model._meta.get_field(name).attname)
            for name in kind.restorable_fields
        )
        entries.append(entry)
    return list(reversed(entries))


def item_label(kind: EditableKind, item, plan: Plan) -> str:
    """What people call the item and where it is, as the history names it."""
    model = type(item)
    data = {f.attname: getattr(item, f.attname) for f in model._meta.concrete_fields}
    record = _Record(None, model, "update", None, {}, data, None)
    reader = _Reader(plan, [record])
    return reader.label(_kind_of(model, data, plan), record, reader.instance(record))


def _usernames(user_ids) -> dict:
    ids = {pk for pk in user_ids if pk is not None}
    return {u.pk: u.get_username() for u in get_user_model().objects.filter(pk__in=ids)} if ids else {}


def _json_record(event) -> _Record:
    model = apps.get_model(event.pgh_obj_model)
    data = dict(event.pgh_data or {})
    before = None
    if event.pgh_label == "update":
        before = dict(data)
        for name, (old, _new) in (event.pgh_diff or {}).items():
            before[name] = old
    return _Record(event, model, event.pgh_label, event.pgh_created_at, event.pgh_context or {}, data, before)


def plan_changes(plan: Plan, limit: int = 300) -> list[Entry]:
    """The plan's recorded changes, newest first, each told in people's words; long
    texts cut to the words around what changed."""
    events = list(
        Events.objects.filter(pgh_context__plan=plan.pk).order_by("-pgh_created_at", "-pgh_id")[:limit]
    )
    records = [_json_record(event) for event in events]
    # The plan as it is now, in one query: what the entries name, and what is still there.
    content = PlanContent.load(plan)
    reader = _Reader(plan, records, content)
    entries = [reader.entry(record, context_words=CONTEXT_WORDS) for record in records]
    for entry in entries:
        entry.still_there = entry.kind is not None and content.contains(entry.kind.model, entry.obj_id)
    return entries


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
            kind = get(entry["kind"], plan)
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
