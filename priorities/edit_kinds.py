"""The kinds of content this app lets people edit (see ``plans.editor``)."""

from plans.edit_kinds import CAN_ADD_AND_DELETE
from plans.editor.bulk import Paste, text_line
from plans.editor.registry import EditableKind, register
from plans.wording import priority_words

from . import forms
from .models import Action, ActionGroup, AreaPriority, CountyPriority


def _priority_words(plan) -> dict:
    words = priority_words(plan)
    return {"singular": words["priority"], "plural": words["priorities"]}


def _area_priority_words(plan) -> dict:
    words = priority_words(plan)
    return {"singular": words["area_priority"], "plural": words["area_priorities"]}


def register_kinds() -> None:
    register(
        EditableKind(
            "priority",
            CountyPriority,
            forms.CountyPriorityForm,
            "priority",
            "Priorities",
            plan_path="plan",
            wording=_priority_words,
            children=("action-group",),
            task_group="Priorities",
            shown_by=("priority_list", "priority_chapters"),
            nests_children=True,
            **CAN_ADD_AND_DELETE,
        )
    )
    register(
        EditableKind(
            "action-group",
            ActionGroup,
            forms.ActionGroupForm,
            "group of actions",
            "What we plan to do",
            plan_path="priority__plan",
            parent_field="priority",
            parent_kind="priority",
            children=("action",),
            hint='A theme of "We will" actions, such as "Building Resilience". It may have no title.',
            hidden_because=lambda group, plan: (
                ""
                if group.actions.exists()
                else "The plan's page does not show a theme until it has at least one action."
            ),
            **CAN_ADD_AND_DELETE,
        )
    )
    register(
        EditableKind(
            "action",
            Action,
            forms.ActionForm,
            '"We will" action',
            "Actions",
            plan_path="group__priority__plan",
            parent_field="group",
            parent_kind="action-group",
            select_related=("group__priority", "lead_partner"),
            summary=lambda a: " ".join(a.text.split())[:90],
            paste=Paste(text_line("text"), ("text",), "Work with schools to prevent knife crime"),
            **CAN_ADD_AND_DELETE,
        )
    )
    register(
        EditableKind(
            "area-priority",
            AreaPriority,
            forms.AreaPriorityForm,
            "local priority",
            "Local priorities",
            plan_path="plan",
            wording=_area_priority_words,
            scope_fields=("plan", "area"),
            area_field="area",
            select_related=("area", "lead_partner"),
            order_by=("area__name", "position"),
            summary=lambda p: f"{p.area.name}: {p.text}",
            task_group="Priorities",
            shown_by=("area_priorities",),
            paste=Paste(text_line("text"), ("text",), "Reduce anti-social behaviour in our town centres"),
            **CAN_ADD_AND_DELETE,
        )
    )
