"""Which tables hold a plan's content: the one place that knows, shared by the PDF's
content fingerprint and by anything that copies, freezes or exports a plan.

A row is the plan's when a required foreign key that cascades on delete leads to
the plan, directly or through rows the plan owns: a section, its blocks, a block's
evidence group and its findings... Apps that add kinds of content (priorities,
funding) are covered without registering anything."""

import json
from decimal import Decimal
from functools import cache

from django.db import connection, models
from django.db.models import CASCADE

from .models import Area, Partnership, Plan, PlanTask, RenderedPDF

#: Tables that cascade from a plan but are not its content: what is derived from it,
#: and the task list's marks (how far the writing has got).
NOT_CONTENT: frozenset[type[models.Model]] = frozenset({RenderedPDF, PlanTask})


@cache
def owned_tables() -> list[tuple[type[models.Model], str]]:
    """Each model whose rows a plan owns, with a lookup path to the plan
    ("section__plan"), breadth first from Plan, so a table comes after the tables
    its rows hang on.

    An optional key does not make a row the plan's (a survey finding's figure is
    optional; its topic is not), nor does one that does not cascade (the history
    tables' events outlive what they record)."""
    found: list[tuple[type[models.Model], str]] = []
    seen = {Plan, *NOT_CONTENT}
    queue = [(Plan, "")]
    while queue:
        model, prefix = queue.pop(0)
        for relation in model._meta.related_objects:
            related = relation.related_model
            owned = not relation.many_to_many and not relation.field.null and relation.on_delete is CASCADE
            if not owned or related in seen:
                continue
            seen.add(related)
            path = f"{relation.field.name}__{prefix}" if prefix else relation.field.name
            found.append((related, path))
            queue.append((related, path))
    return found


def shown_tables() -> list[tuple[type[models.Model], str]]:
    """What a plan's document shows: (model, lookup of the plan's id) for the plan,
    its partnership, the partnership's areas, and every table the plan owns."""
    return [
        (Plan, "pk"),
        (Partnership, "plans"),
        (Area, "partnership__plans"),
        *owned_tables(),
    ]


class PlanContent:
    """Everything a plan's document shows, read in one query, as model instances
    whose relations between them are already in place: ``priority.action_groups.all()``
    and ``statistic.area`` cost no query. The web page and the PDF are drawn from it,
    so a page costs the same few queries whatever the plan's size."""

    def __init__(self, plan: Plan, rows: dict[type[models.Model], list[models.Model]]):
        self.plan = plan
        self._rows = rows
        self._ids: set | None = None
        _connect(rows)

    def rows(self, model: type[models.Model]) -> list[models.Model]:
        """The plan's rows of a table, in the table's own order (``Meta.ordering``)."""
        return self._rows.get(model, [])

    def has(self, model: type[models.Model]) -> bool:
        """Whether the table was read (all the plan's rows of it are here)."""
        return model in self._rows

    def contains(self, model: type[models.Model], pk) -> bool:
        if self._ids is None:
            self._ids = {(m, row.pk) for m, instances in self._rows.items() for row in instances}
        return (model, pk) in self._ids

    @classmethod
    def load(cls, plan: Plan, only: frozenset | None = None) -> "PlanContent":
        """Read the plan's content (``only`` these models, if given) in one query."""
        tables = _loaded_tables(only)
        sql, parameter_count = _content_sql(tables)
        with connection.cursor() as cursor:
            cursor.execute(sql, [plan.pk] * parameter_count)
            columns = cursor.fetchone()
        rows = {Partnership: [plan.partnership], Plan: [plan]}
        for (model, _lookup), text in zip(tables, columns, strict=True):
            rows[model] = [_instance(model, values) for values in json.loads(text, parse_float=Decimal)]
        return cls(plan, rows)


def _loaded_tables(only: frozenset | None = None) -> tuple[tuple[type[models.Model], str], ...]:
    """The tables read for a plan's document: its partnership's areas and what it owns."""
    tables = [(Area, "partnership__plans"), *owned_tables()]
    return tuple((model, lookup) for model, lookup in tables if only is None or model in only)


#: Stands for the plan's id while the SQL is compiled once.
PLAN_ID_PLACEHOLDER = -7_000_000_001


@cache
def _content_sql(tables) -> tuple[str, int]:
    """One SELECT with a JSON array of rows per table, each table in its own order."""
    selects, parameter_count = [], 0
    for model, lookup in tables:
        queryset = model._default_manager.filter(**{lookup: PLAN_ID_PLACEHOLDER}).values(
            *(field.attname for field in model._meta.concrete_fields)
        )
        sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
        if any(param != PLAN_ID_PLACEHOLDER for param in params):  # pragma: no cover
            raise ValueError(f"unexpected parameters in {model._meta.label}'s query: {params}")
        # WITH ORDINALITY keeps each table's ORDER BY (its Meta.ordering) in the array.
        selects.append(
            f"(SELECT coalesce(json_agg(r.j ORDER BY r.n), '[]')::text FROM "  # noqa: S608
            f"(SELECT row_to_json(t) AS j, row_number() OVER () AS n FROM ({sql}) AS t) AS r)"
        )
        parameter_count += len(params)
    return f"SELECT {', '.join(selects)}", parameter_count


def _instance(model: type[models.Model], values: dict) -> models.Model:
    fields = model._meta.concrete_fields
    return model.from_db(
        connection.alias,
        [field.attname for field in fields],
        [field.to_python(values[field.attname]) for field in fields],
    )


def _connect(rows: dict[type[models.Model], list[models.Model]]) -> None:
    """Put the loaded rows' relations in Django's caches, as select_related and
    prefetch_related would: forward keys point at the loaded row (or None), reverse
    keys list the loaded rows (in their table's order), one-to-ones both ways."""
    by_pk = {model: {row.pk: row for row in instances} for model, instances in rows.items()}
    for model, instances in rows.items():
        for field in model._meta.concrete_fields:
            if not field.is_relation or field.related_model not in by_pk:
                continue
            targets, remote = by_pk[field.related_model], field.remote_field
            children: dict = {pk: [] for pk in targets}
            for row in instances:
                target = targets.get(getattr(row, field.attname))
                field.set_cached_value(row, target)
                if target is not None:
                    children[target.pk].append(row)
            if model is Plan:
                continue  # One of the partnership's plans: its list of plans is not all here.
            for pk, target in targets.items():
                if field.one_to_one:
                    remote.set_cached_value(target, children[pk][0] if children[pk] else None)
                else:
                    _prefetched(target, remote, children[pk])


def _prefetched(instance, relation, related: list) -> None:
    """What prefetch_related leaves on an instance: its related manager's queryset
    (filtered to it, as Django builds it), already evaluated to the loaded rows."""
    queryset = getattr(instance, relation.get_accessor_name()).get_queryset()
    queryset._result_cache = related
    queryset._prefetch_done = True
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}
    instance._prefetched_objects_cache[relation.cache_name] = queryset
