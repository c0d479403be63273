"""How an editing page names its item, so that a person (and a screen reader's list
of open tabs) knows which item and where: "Partner organisation: County Fire and
Rescue Service", "Text in 4.1 The Police & Crime Plan"."""

from django.utils.text import capfirst

from .. import assemble
from ..models import Plan, Section
from . import registry

LONGEST = 80


def _short(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= LONGEST else text[: LONGEST - 1] + "…"


def section_numbers(plan: Plan) -> dict[int, str]:
    """Each section's number as the plan's page shows it ("4.1"; "" if unnumbered),
    in one query, kept on the plan object for the rest of the request (a page names
    its item in its title and again above its heading)."""
    cached = getattr(plan, "_section_numbers", None)
    if cached is not None:
        return cached
    numbers = assemble.section_numbers(
        Section.objects.filter(plan=plan).values_list("pk", "parent_id", "position", "numbered")
    )
    plan._section_numbers = numbers
    return numbers


def name_of(kind: registry.EditableKind, item, plan: Plan, numbers: dict[int, str] | None = None) -> str:
    """The item in a few words: a section with its number, anything else by its
    kind's summary."""
    if isinstance(item, Section):
        number = (numbers if numbers is not None else section_numbers(plan)).get(item.pk, "")
        title = item.title or "(no heading)"
        return f"{number} {title}" if number else title
    return _short(kind.summary(item))


def item_title(kind: registry.EditableKind, item, plan: Plan) -> str:
    """An item inside a larger one (a text in a section, a budget line in a fund)
    is named by where it is; anything else by what it is called."""
    singular = capfirst(kind.singular)
    parent = registry.parent_of(kind, item)
    if parent is not None and not kind.children:
        return f"{singular} in {name_of(registry.get(kind.parent_kind, plan), parent, plan)}"
    return f"{singular}: {name_of(kind, item, plan)}"


def adding_title(kind: registry.EditableKind, parent, plan: Plan) -> str:
    """'Add a text to 4.1 The Police & Crime Plan'; 'Add a partner organisation'."""
    title = f"Add a {kind.singular}"
    if parent is None or kind.parent_kind is None:
        return title
    return f"{title} to {name_of(registry.get(kind.parent_kind, plan), parent, plan)}"
