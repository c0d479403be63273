"""The words a plan uses for its priorities, which depend on its partnership.

Most partnerships write one plan with their own priorities ("Priorities") and, where
they cover several places, each place's own ("Local priorities"). A two-tier county
partnership's plan is also the Community Safety Agreement between the county and its
districts, so its own priorities are the "County priorities" and the districts' are
listed beside them ("Local priorities by area"). Every page, the editor, the task list,
the home page and the PDF ask here, so the plan reads the same everywhere."""

from .models import Block, Partnership, Plan

ONE_TIER = {
    "priorities": "Priorities",
    "priority": "priority",
    "area_priorities": "Local priorities",
    "area_priority": "local priority",
}

TWO_TIER = {
    "priorities": "County priorities",
    "priority": "county priority",
    "area_priorities": "Local priorities by area",
    "area_priority": "local priority",
}


def priority_words(plan: Plan | Partnership) -> dict[str, str]:
    """The plan's words for its own priorities and its areas' ("Priorities" or
    "County priorities"...), from its partnership's ``two_tier``."""
    partnership = plan.partnership if isinstance(plan, Plan) else plan
    return TWO_TIER if partnership.two_tier else ONE_TIER


def block_kind_label(kind: str, plan: Plan) -> str:
    """A block kind's name as the plan's editor shows it: "County priorities (list)"
    in a two-tier county's plan, "Priorities (list)" elsewhere."""
    words = priority_words(plan)
    if kind == Block.Kind.PRIORITY_LIST:
        return f"{words['priorities']} (list)"
    if kind == Block.Kind.PRIORITY_CHAPTERS:
        return f"{words['priorities']} (chapters)"
    if kind == Block.Kind.AREA_PRIORITIES:
        return words["area_priorities"]
    return Block.Kind(kind).label
