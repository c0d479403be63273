"""The block kinds this app draws inside a plan (see ``plans.blocks``)."""

from collections import OrderedDict

from plans import blocks
from plans.content import PlanContent

from .models import AreaPriority, CountyPriority


def load_county_priorities(content: PlanContent) -> list[CountyPriority]:
    return content.rows(CountyPriority)


def load_area_priorities(content: PlanContent) -> list[dict]:
    """Each area with its priorities in order: [{"area": ..., "priorities": [...]}]."""
    grouped: OrderedDict = OrderedDict()
    rows = sorted(content.rows(AreaPriority), key=lambda row: (row.area.name, row.position))
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
