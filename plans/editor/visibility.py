"""Whether an item shows on the plan's page, and if not, how to make it show.

An item can be saved where the plan's page does not look: a partner in a plan with
no list of partners, a figure no text refers to. The editor says so beside the item
instead of letting it vanish."""

from ..models import Block, Plan, Series
from ..wording import block_kind_label
from .registry import EditableKind, get


def _shown_through(kind: EditableKind, plan: Plan, item=None):
    """The kind (and item) whose place on the page decides this one's: an action
    shows where its priority does."""
    while not kind.shown_by and kind.parent_kind not in (None, "section"):
        if item is not None:
            item = getattr(item, kind.parent_field)
        kind = get(kind.parent_kind, plan)
    return kind, item


def not_shown(kind: EditableKind, plan: Plan, item=None) -> str:
    """Why items of this kind (or this item) do not show on the plan's page, and what
    to do about it; empty when they show."""
    showing, top = _shown_through(kind, plan, item)
    if showing.shown_by and not Block.objects.filter(section__plan=plan, kind__in=showing.shown_by).exists():
        label = block_kind_label(showing.shown_by[0], plan)
        return (
            f"The plan's page does not show {showing.plural.lower()} yet. To show them, open the section "
            f"where they belong, choose “Add list or component” and pick “{label}”."
        )
    if item is None:
        return ""
    if kind.hidden_because is not None:
        reason = kind.hidden_because(item, plan)
        if reason:
            return reason
    if getattr(top, "block_id", "") is None:
        if isinstance(top, Series):
            return (
                "These figures by year are not shown as a table in the plan; statistics computed "
                "from them show where text refers to those statistics."
            )
        return f"This {showing.singular} is not placed in any section, so the plan's page does not show it."
    return ""
