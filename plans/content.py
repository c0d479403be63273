"""Which tables hold a plan's content: the one place that knows, shared by the PDF's
content fingerprint and by anything that copies, freezes or exports a plan.

A row is the plan's when a required foreign key that cascades on delete leads to
the plan, directly or through rows the plan owns: a section, its blocks, a block's
evidence group and its findings... Apps that add kinds of content (priorities,
funding) are covered without registering anything."""

from functools import cache

from django.db import models
from django.db.models import CASCADE

from .models import Area, Partnership, Plan, RenderedPDF

#: Tables that cascade from a plan but are not its content: what is derived from it.
NOT_CONTENT: frozenset[type[models.Model]] = frozenset({RenderedPDF})


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
