"""The kinds of plan content this app lets people edit (see ``plans.editor``)."""

import functools

from django.db.models import Max

from . import forms
from .editor import figures
from .editor.bulk import Paste, text_line, year_and_figure
from .editor.registry import BLOCK_CONTENT, EditableKind, register, register_block_content
from .models import (
    AreaOfConcern,
    Block,
    ConcernPoint,
    EvidenceGroup,
    Finding,
    Partner,
    Plan,
    PolicePriority,
    Section,
    Series,
    SeriesPoint,
    Statistic,
    StatutoryDuty,
    StrategicAssessment,
    Survey,
    SurveyFinding,
    SurveyTopic,
    UnderlyingTheme,
)
from .wording import block_kind_label


def add_block_for(block_kind: str):
    """on_create for content shown in its own block: add that block at the end of the
    section the person is adding to, and hang the item on it."""

    def on_create(item, section, plan):
        top = section.blocks.aggregate(top=Max("position"))["top"] or 0
        item.block = Block.objects.create(section=section, position=top + 1, kind=block_kind)
        if hasattr(item, "plan_id"):
            item.plan = plan

    return on_create


def _set_block_kind(block_kind: str):
    def on_create(item, section, plan):
        item.kind = block_kind

    return on_create


def _signature_hidden(block, plan) -> str:
    if block.kind == Block.Kind.SIGNATURE and not plan.has_chair:
        return "The plan's page does not show the chair's signature until the chair's name is in the plan's details."
    return ""


def _statistic_hidden(statistic, plan) -> str:
    if statistic.survey_findings.exists() or figures.is_shown_in_text(plan, statistic.key):
        return ""
    return (
        f"No text in the plan shows this figure yet. To show it, write {{{{{statistic.key}}}}} "
        "in a section's text, a finding or a priority."
    )


def _set_plan(item, parent, plan):
    item.plan = plan


def _short(text: str, length: int = 90) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[: length - 1] + "…"


def block_summary(block: Block, plan: Plan | None = None) -> str:
    if block.kind == Block.Kind.TEXT:
        return _short(block.body)
    label = block_kind_label(block.kind, plan) if plan is not None else block.get_kind_display()
    if block.kind in BLOCK_CONTENT:
        content = getattr(block, BLOCK_CONTENT[block.kind][1], None)
        if content is not None:
            return f"{label}: {_short(str(content), 70)}"
    return label


def _block_wording(plan: Plan) -> dict:
    """A block is named as its plan names its kind ("County priorities (list)")."""
    return {"summary": functools.partial(block_summary, plan=plan)}


CAN_ADD_AND_DELETE = {"addable": True, "deletable": True}
PASTE_TEXT = Paste(text_line("text"), ("text",), "")


def register_builtin() -> None:
    plan_lists = [
        ("partner", Partner, forms.PartnerForm, "partner organisation", "Partner organisations", "partners"),
        ("duty", StatutoryDuty, forms.StatutoryDutyForm, "statutory duty", "Statutory duties", "duties"),
        (
            "police-priority",
            PolicePriority,
            forms.PolicePriorityForm,
            "Police & Crime Plan priority",
            "Police & Crime Plan priorities",
            "police_priorities",
        ),
        (
            "theme",
            UnderlyingTheme,
            forms.UnderlyingThemeForm,
            "underlying theme",
            "Underlying themes",
            "themes",
        ),
    ]
    for name, model, form, singular, plural, block_kind in plan_lists:
        register(
            EditableKind(
                name,
                model,
                form,
                singular,
                plural,
                plan_path="plan",
                summary=lambda i: _short(i.text),
                task_group="Lists",
                shown_by=(block_kind,),
                paste=PASTE_TEXT,
                **CAN_ADD_AND_DELETE,
            )
        )

    register(
        EditableKind(
            "details",
            Plan,
            forms.PlanDetailsForm,
            "plan details",
            "Plan details",
            plan_path="",
            parent_field=None,
            task_group="About the plan",
            summary=str,
        )
    )
    register(
        EditableKind(
            "section",
            Section,
            forms.SectionForm,
            "section",
            "Sections",
            plan_path="plan",
            scope_fields=("plan", "parent"),
            list_filter=(("parent__isnull", True),),
            children=("block", "subsection"),
            task_group="The document",
            order_by=("parent_id", "position"),
            summary=lambda s: s.title or "(no heading)",
            **CAN_ADD_AND_DELETE,
        )
    )
    register(
        EditableKind(
            "subsection",
            Section,
            forms.SectionForm,
            "subsection",
            "Subsections",
            plan_path="plan",
            parent_field="parent",
            parent_kind="section",
            scope_fields=("plan", "parent"),
            children=("block", "subsection"),
            on_create=_set_plan,
            order_by=("parent_id", "position"),
            summary=lambda s: s.title or "(no heading)",
            **CAN_ADD_AND_DELETE,
        )
    )
    register(
        EditableKind(
            "block",
            Block,
            forms.TextBlockForm,
            "text",
            "Text and components",
            plan_path="section__plan",
            parent_field="section",
            parent_kind="section",
            on_create=_set_block_kind(Block.Kind.TEXT),
            summary=block_summary,
            wording=_block_wording,
            **CAN_ADD_AND_DELETE,
        )
    )
    register(
        EditableKind(
            "component",
            Block,
            forms.ComponentBlockForm,
            "list or component",
            "Lists and components",
            plan_path="section__plan",
            parent_field="section",
            parent_kind="section",
            summary=block_summary,
            wording=_block_wording,
            hint="Shows one of the plan's lists (partners, duties, priorities...) at this point of the section.",
            hidden_because=_signature_hidden,
            **CAN_ADD_AND_DELETE,
        )
    )
    register(
        EditableKind(
            "assessment",
            StrategicAssessment,
            forms.StrategicAssessmentForm,
            "strategic assessment",
            "Strategic assessment",
            plan_path="plan",
            task_group="About the plan",
            **CAN_ADD_AND_DELETE,
        )
    )
    register(
        EditableKind(
            "concern",
            AreaOfConcern,
            forms.AreaOfConcernForm,
            "area of concern",
            "Areas of concern",
            plan_path="plan",
            children=("concern-point",),
            task_group="Evidence",
            **CAN_ADD_AND_DELETE,
            shown_by=("concerns",),
        )
    )
    register(
        EditableKind(
            "concern-point",
            ConcernPoint,
            forms.ConcernPointForm,
            "point",
            "Points",
            plan_path="concern__plan",
            parent_field="concern",
            parent_kind="concern",
            summary=lambda i: _short(i.text),
            paste=PASTE_TEXT,
            **CAN_ADD_AND_DELETE,
        )
    )
    register(
        EditableKind(
            "statistic",
            Statistic,
            forms.StatisticForm,
            "statistic",
            "Statistics",
            plan_path="plan",
            order_by=("key",),
            select_related=("area", "series"),
            task_group="Evidence",
            summary=lambda s: f"{s.key}: {s.label}",
            hidden_because=_statistic_hidden,
            **CAN_ADD_AND_DELETE,
        )
    )
    register(
        EditableKind(
            "series",
            Series,
            forms.SeriesForm,
            "set of figures by year",
            "Figures by year",
            plan_path="plan",
            parent_field=None,
            parent_kind="section",
            on_create=add_block_for(Block.Kind.SERIES),
            children=("series-point",),
            order_by=("key",),
            task_group="Evidence",
            table_of="series-point",
            **CAN_ADD_AND_DELETE,
        )
    )
    register(
        EditableKind(
            "series-point",
            SeriesPoint,
            forms.SeriesPointForm,
            "year's figure",
            "Figures",
            plan_path="series__plan",
            parent_field="series",
            parent_kind="series",
            order_by=("series_id", "year", "quarter"),
            select_related=("series",),
            paste=Paste(
                year_and_figure, ("year", "quarter", "value"), "2018 - 33,529 (by quarter: Q1 2024 - 1,204)"
            ),
            **CAN_ADD_AND_DELETE,
        )
    )
    register(
        EditableKind(
            "evidence-group",
            EvidenceGroup,
            forms.EvidenceGroupForm,
            "group of evidence findings",
            "Evidence findings",
            plan_path="block__section__plan",
            parent_field=None,
            parent_kind="section",
            on_create=add_block_for(Block.Kind.EVIDENCE),
            children=("finding",),
            task_group="Evidence",
            **CAN_ADD_AND_DELETE,
        )
    )
    register(
        EditableKind(
            "finding",
            Finding,
            forms.FindingForm,
            "finding",
            "Findings",
            plan_path="group__block__section__plan",
            parent_field="group",
            parent_kind="evidence-group",
            summary=lambda i: _short(i.text),
            paste=PASTE_TEXT,
            **CAN_ADD_AND_DELETE,
        )
    )
    register(
        EditableKind(
            "survey",
            Survey,
            forms.SurveyForm,
            "residents' survey",
            "Residents' surveys",
            plan_path="block__section__plan",
            parent_field=None,
            parent_kind="section",
            on_create=add_block_for(Block.Kind.SURVEY),
            children=("survey-topic",),
            task_group="Evidence",
            **CAN_ADD_AND_DELETE,
        )
    )
    register(
        EditableKind(
            "survey-topic",
            SurveyTopic,
            forms.SurveyTopicForm,
            "survey topic",
            "Topics",
            plan_path="survey__block__section__plan",
            parent_field="survey",
            parent_kind="survey",
            children=("survey-finding",),
            table_of="survey-finding",
            **CAN_ADD_AND_DELETE,
        )
    )
    register(
        EditableKind(
            "survey-finding",
            SurveyFinding,
            forms.SurveyFindingForm,
            "survey result",
            "Results",
            plan_path="topic__survey__block__section__plan",
            parent_field="topic",
            parent_kind="survey-topic",
            select_related=("figure",),
            summary=lambda i: _short(i.text),
            paste=Paste(text_line("text"), ("figure", "text"), "Most people feel safe in their area"),
            **CAN_ADD_AND_DELETE,
        )
    )
    register_block_content(Block.Kind.EVIDENCE, "evidence-group", "evidence_group")
    register_block_content(Block.Kind.SURVEY, "survey", "survey")
    register_block_content(Block.Kind.SERIES, "series", "series")
