"""The block kinds this app draws inside a plan (see ``plans.blocks``)."""

from collections import OrderedDict

from django.db.models import Prefetch

from plans import blocks
from plans.models import Plan

from .models import ActionGroup, AreaPriority, CountyPriority


def load_county_priorities(plan: Plan) -> list[CountyPriority]:
    return list(
        CountyPriority.objects.filter(plan=plan).prefetch_related(
            Prefetch("action_groups", queryset=ActionGroup.objects.prefetch_related("actions"))
        )
    )


def load_area_priorities(plan: Plan) -> list[dict]:
    """Each area with its priorities in order: [{"area": ..., "priorities": [...]}]."""
    grouped: OrderedDict = OrderedDict()
    rows = AreaPriority.objects.filter(plan=plan).select_related("area").order_by("area__name", "position")
    for row in rows:
        grouped.setdefault(row.area, []).append(row)
    return [{"area": area, "priorities": items} for area, items in grouped.items()]


def chapter_anchor(priority: CountyPriority) -> str:
    return f"priority-{priority.position}"


def chapters_toc(block, context) -> list[blocks.TocEntry]:
    return [
        blocks.TocEntry(chapter_anchor(p), f"Priority {p.position}: {p.title}") for p in context["entries"]
    ]


def register() -> None:
    template = "priorities/blocks.html#{}".format
    blocks.register("priority_list", template("priority_list"), load=load_county_priorities)
    blocks.register(
        "priority_chapters",
        template("priority_chapters"),
        load=load_county_priorities,
        toc=chapters_toc,
    )
    blocks.register("area_priorities", template("area_priorities"), load=load_area_priorities)
