"""Reading what the database triggers record (``pghistory``): an item's versions, the
plan's changes, and what was deleted and can be brought back.

Each change is told in people's words: the item named as people call it and where it
is ("Text of section 4.1", "Budget line: Domestic abuse services"), its values as they
read them (``values``), typed text compared word by word (``diff``), a change of place
as "moved up" or "moved down", and bookkeeping left out. A page of changes costs the
same queries however many changes it shows."""

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache

import pghistory.core
from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.db import connection, models
from django.db.models import Exists, OuterRef, Subquery
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from pghistory.models import Context

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
    of its row (the plan's page)."""

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

    def __init__(
        self,
        plan: Plan,
        records: list[_Record],
        content: PlanContent | None = None,
        known: dict | None = None,
    ):
        self.plan = plan
        self.records = records
        self.content = content
        self.places = _Sections(plan, records, content)
        self.users = _usernames(r.context.get("user") for r in records)
        self.objects = self._load_related(known or {})

    def _relations(self, record: _Record):
        """(field, value) of the relation fields this record shows or names."""
        kind = _kind_of(record.model, record.data, self.plan)
        # An item edited through another's form (a supporting partner's link) is
        # named by what it links: all its relations are read.
        edited = set(kind.restorable_fields) if kind else {f.name for f in record.model._meta.concrete_fields}
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

    def _load_related(self, known: dict) -> dict:
        """The items chosen in the records' relation fields, by (model, id): those
        ``known`` already (read with the item), the plan's content, then a query a table."""
        wanted: dict = {}
        for record in self.records:
            for model_field, value in self._relations(record):
                pk = typed(model_field, value)
                if (model_field.related_model, pk) not in known:
                    wanted.setdefault(model_field.related_model, set()).add(pk)
        loaded = dict(known)
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
            return f"{capfirst(record.model._meta.verbose_name)}: {self._links(record)}"
        if kind.name in NAME_FIELDS:
            return f"{capfirst(kind.singular)}: {_short(data.get(NAME_FIELDS[kind.name]))}"
        if kind.area_field:
            # "Local priority (North District): ...": the area, then the item's own words.
            model_field = record.model._meta.get_field(kind.area_field)
            area = self.objects.get((model_field.related_model, data.get(model_field.attname)))
            return f"{capfirst(kind.singular)} ({area if area else 'a deleted area'}): {_short(str(item))}"
        return f"{capfirst(kind.singular)}: {_summary(kind, item)}"

    def _links(self, record: _Record) -> str:
        """What a link between two items joins, by their names: "Work with schools… –
        Riverside Fire and Rescue" (a deleted one as "a deleted partner organisation")."""
        names = []
        for model_field in record.model._meta.concrete_fields:
            if model_field.is_relation:
                raw = record.data.get(model_field.attname)
                target = self.objects.get((model_field.related_model, typed(model_field, raw)))
                if target is None:
                    names.append(f"a deleted {model_field.related_model._meta.verbose_name}")
                else:
                    related_kind = kind_for_model(model_field.related_model)
                    text = _summary(related_kind, target, 60) if related_kind else _short(str(target), 60)
                    names.append(text)
        return " – ".join(names)

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
    links = _link_records(kind, item)
    known = {**_cached_relations(item), (model, item.pk): item}
    reader = _Reader(plan, records + [record for _field, record in links], known=known)
    entries = []
    for record in records:
        entry = reader.entry(record, with_values=True)
        entry.restorable = record.label != "delete" and any(
            getattr(record.event, model._meta.get_field(name).attname)
            != getattr(item, model._meta.get_field(name).attname)
            for name in kind.restorable_fields
        )
        entries.append(entry)
    entries += [_link_entry(kind, reader, relation, record) for relation, record in links]
    entries.sort(key=lambda entry: entry.when)  # stable: the item's own change first
    return list(reversed(entries))


def _link_records(kind: EditableKind, item) -> list[tuple[models.Field, _Record]]:
    """The links the item's many-choice fields added and removed (an action's
    supporting partners), one query a field."""
    found = []
    for name in kind.many_fields:
        relation = type(item)._meta.get_field(name)
        through = relation.remote_field.through
        event_model = through._meta.get_field("events").related_model
        events = event_model.objects.filter(
            **{through._meta.get_field(relation.m2m_field_name()).attname: item.pk},
            pgh_label__in=["insert", "delete"],
        ).select_related("pgh_context")
        found += [(relation, _typed_record(event, through, None)) for event in events.order_by("pgh_id")]
    return found


def _link_entry(kind: EditableKind, reader: "_Reader", relation, record: _Record) -> Entry:
    """ "Supporting partner added: Fire and Rescue"."""
    target_field = record.model._meta.get_field(relation.m2m_reverse_field_name())
    label = field_label(relation, kind.form_class)
    target = reader.objects.get((target_field.related_model, record.data.get(target_field.attname)))
    name = str(target) if target is not None else f"a deleted {target_field.related_model._meta.verbose_name}"
    added = record.label == "insert"
    singular = label.removesuffix("s") if label.endswith("s") else label
    return Entry(
        event=record.event,
        when=record.when,
        who=reader.users.get(record.context.get("user")),
        action=f"{singular.lower()} {'added' if added else 'removed'}",
        label=label,
        kind=None,
        obj_id=record.data.get("id"),
        values=[Change(singular, "", name)],
    )


def item_label(kind: EditableKind, item, plan: Plan) -> str:
    """What people call the item and where it is, as the history names it."""
    model = type(item)
    data = {f.attname: getattr(item, f.attname) for f in model._meta.concrete_fields}
    record = _Record(None, model, "update", None, {}, data, None)
    reader = _Reader(plan, [record], known=_cached_relations(item))
    return reader.label(_kind_of(model, data, plan), record, reader.instance(record))


def _cached_relations(item) -> dict:
    """The items the item's relation fields point at that were read with it
    (``select_related``), by (model, id): no query for them."""
    known = {}
    for model_field in type(item)._meta.concrete_fields:
        if model_field.is_relation and model_field.is_cached(item):
            target = model_field.get_cached_value(item)
            if target is not None:
                known[(model_field.related_model, target.pk)] = target
    return known


def _usernames(user_ids) -> dict:
    ids = {pk for pk in user_ids if pk is not None}
    return {u.pk: u.get_username() for u in get_user_model().objects.filter(pk__in=ids)} if ids else {}


#: Changes shown on one page of the plan's history.
PAGE_SIZE = 50
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Position:
    """Where a change sits in the plan's history: by time, then by the event's id and
    table. Changes saved together share a time, so the id and table make the order
    total: pages neither repeat nor skip a change."""

    when: datetime
    pgh_id: int
    model: str  # the event model's label: "plans.BlockEvent"

    @property
    def token(self) -> str:
        """The position in a page's address: "1764119221123456-42-plans.BlockEvent"."""
        delta = self.when - _EPOCH
        micros = (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds
        return f"{micros}-{self.pgh_id}-{self.model}"

    @classmethod
    def parse(cls, token: str) -> "Position | None":
        """The position a token names, or None if it names none."""
        micros, _, rest = token.partition("-")
        pgh_id, _, model = rest.partition("-")
        if model not in _event_tables() or not micros.isdigit() or not pgh_id.isdigit():
            return None
        try:
            when = _EPOCH + timedelta(microseconds=int(micros))
        except OverflowError:
            return None
        return cls(when, int(pgh_id), model)


@cache
def _event_tables() -> dict[str, type[models.Model]]:
    """Every table of recorded changes, by its event model's label."""
    return {model._meta.label: model for model in pghistory.core.event_models()}


@cache
def _positions_sql(newer: bool) -> str:
    """The positions of the plan's changes next to a position, nearest first: one
    light query over every table of changes (no row's data is read)."""
    quote = connection.ops.quote_name
    branches = " UNION ALL ".join(
        f"SELECT e.pgh_created_at, e.pgh_id, '{label}' AS model FROM {quote(model._meta.db_table)} e "  # noqa: S608
        f"JOIN plan_contexts c ON c.id = e.pgh_context_id"
        for label, model in _event_tables().items()
    )
    compare, order = (">", "ASC") if newer else ("<", "DESC")
    # Only code's own names and words go into the text; the values are parameters.
    return (
        "WITH plan_contexts AS MATERIALIZED ("  # noqa: S608
        "SELECT id FROM pghistory_context WHERE metadata -> 'plan' = %s::jsonb) "
        f"SELECT pgh_created_at, pgh_id, model FROM ({branches}) events "
        f"WHERE (pgh_created_at, pgh_id, model) {compare} (%s, %s, %s) "
        f"ORDER BY pgh_created_at {order}, pgh_id {order}, model {order} LIMIT %s"
    )


def _records(positions: list[Position]) -> list[_Record]:
    """The recorded changes at these positions, in their order, with each update's
    previous version: one query, reading only these rows."""
    wanted: dict[str, list[int]] = {}
    for position in positions:
        wanted.setdefault(position.model, []).append(position.pgh_id)
    quote = connection.ops.quote_name
    selects, params = [], []
    for label, ids in wanted.items():
        table = quote(_event_tables()[label]._meta.db_table)
        selects.append(
            f"SELECT '{label}', e.pgh_id, e.pgh_label, row_to_json(e)::text, c.metadata::text, "  # noqa: S608
            f"CASE WHEN e.pgh_label = 'update' THEN (SELECT row_to_json(p)::text FROM {table} p "
            f"WHERE p.pgh_obj_id = e.pgh_obj_id AND p.pgh_id < e.pgh_id ORDER BY p.pgh_id DESC LIMIT 1) END "
            f"FROM {table} e LEFT JOIN pghistory_context c ON c.id = e.pgh_context_id "
            f"WHERE e.pgh_id = ANY(%s)"
        )
        params.append(ids)
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), params)
        rows = {(label, pgh_id): row for label, pgh_id, *row in cursor.fetchall()}
    records = []
    for position in positions:
        label, current, context, previous = rows[(position.model, position.pgh_id)]
        model = _event_tables()[position.model].pgh_tracked_model
        data = {name: value for name, value in json.loads(current).items() if not name.startswith("pgh_")}
        before = None
        if label == "update" and previous is not None:
            # As before the change: the previous version's value of each field.
            before = {**data, **{k: v for k, v in json.loads(previous).items() if k in data}}
        elif label == "update":
            before = dict(data)
        context = json.loads(context) if context else {}
        records.append(_Record(position, model, label, position.when, context, data, before))
    return records


@dataclass
class ChangesPage:
    """A page of the plan's changes, newest first, and where the pages either side start."""

    entries: list[Entry]
    newer: Position | None = None  # the newest change shown, if newer ones are on another page
    older: Position | None = None  # the oldest change shown, if older ones are on another page

    @property
    def latest(self) -> bool:
        """The page of the latest changes."""
        return self.newer is None


def _positions(plan: Plan, *, before: Position | None, after: Position | None, size: int) -> list:
    newer = after is not None
    start = after or before or Position(datetime.max.replace(tzinfo=UTC), 0, "")
    with connection.cursor() as cursor:
        cursor.execute(
            _positions_sql(newer),
            [json.dumps(plan.pk), start.when, start.pgh_id, start.model, size + 1],
        )
        return [Position(*row) for row in cursor.fetchall()]


def plan_changes_page(
    plan: Plan, *, before: Position | None = None, after: Position | None = None, size: int = PAGE_SIZE
) -> ChangesPage:
    """A page of the plan's recorded changes, newest first, each told in people's
    words, long texts cut to the words around what changed: the latest ``size``
    changes, or those just older than ``before`` or just newer than ``after``. The
    queries and the work are the same whatever the length of the plan's history."""
    positions = _positions(plan, before=before, after=after, size=size)
    newer = older = None
    if after is not None:
        if len(positions) <= size:  # no more than a page newer: the latest page
            return plan_changes_page(plan, size=size)
        positions = list(reversed(positions[:size]))
        newer, older = positions[0], positions[-1]
    else:
        if len(positions) > size:
            positions = positions[:size]
            older = positions[-1]
        if before is not None:
            newer = positions[0] if positions else before
    return ChangesPage(_entries(plan, _records(positions)) if positions else [], newer, older)


def plan_changes(plan: Plan, limit: int = PAGE_SIZE) -> list[Entry]:
    """The plan's latest recorded changes, newest first."""
    return plan_changes_page(plan, size=limit).entries


def _entries(plan: Plan, records: list[_Record]) -> list[Entry]:
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
    """What was deleted from the plan and is not back yet, newest first: one query."""
    user_model = get_user_model()
    restored = Context.objects.annotate(restores=KeyTextTransform("restored_deletion", "metadata")).filter(
        restores=Cast(OuterRef("id"), models.TextField())
    )
    who = user_model.objects.filter(
        pk=Cast(KeyTextTransform("user", OuterRef("metadata")), models.BigIntegerField())
    ).values(user_model.USERNAME_FIELD)[:1]
    contexts = (
        Context.objects.filter(metadata__plan=plan.pk, metadata__has_key="deleted")
        .exclude(Exists(restored))
        .annotate(who=Subquery(who))
        .order_by("-updated_at")[:limit]
    )
    deletions = []
    for context in contexts:
        for entry in context.metadata["deleted"]:
            kind = get(entry["kind"], plan)
            if kind is not None:
                deletions.append(
                    Deletion(context.id, context.updated_at, context.who, kind, entry["summary"])
                )
    return deletions
