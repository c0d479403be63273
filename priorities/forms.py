from django import forms
from django.db.models import Exists, OuterRef

from plans.access import can_edit_plan, editable_areas
from plans.editor.forms import FIGURES_HELP, MARKDOWN_HELP, EditForm
from plans.models import Partner

from .models import Action, ActionGroup, AreaPriority, CountyPriority

#: The fields saying who leads an item and how it is measured, after its own (the
#: supporting partners are declared on the form, so that they are read with the
#: partners to choose from, in one query).
OWNER_FIELDS = ["lead_partner", "measure", "timescale"]
OWNER_LABELS = {
    "lead_partner": "Lead partner (optional)",
    "supporting_partners": "Supporting partners (optional)",
    "measure": "How we will measure it (optional)",
    "timescale": "Timescale (optional)",
}
OWNER_HELP = {
    "lead_partner": "The partner organisation that leads this and answers for it to the board.",
    "supporting_partners": "Other partner organisations that work on it.",
}


class OwnersForm(EditForm):
    """Who leads the item and who supports it, chosen among the plan's own partner
    organisations (read once for both lists, with which of them support the item),
    with its measure and timescale."""

    supporting_partners = forms.ModelMultipleChoiceField(
        queryset=Partner.objects.none(),
        required=False,
        label=OWNER_LABELS["supporting_partners"],
        help_text=OWNER_HELP["supporting_partners"],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        lead, supporting = self.fields["lead_partner"], self.fields["supporting_partners"]
        partners = Partner.objects.filter(plan=self.plan) if self.plan is not None else Partner.objects.none()
        lead.queryset = supporting.queryset = partners
        if self.instance.pk:
            relation = self._meta.model._meta.get_field("supporting_partners")
            links = relation.remote_field.through.objects.filter(
                **{
                    relation.m2m_field_name(): self.instance.pk,
                    relation.m2m_reverse_field_name(): OuterRef("pk"),
                }
            )
            partners = partners.annotate(supports=Exists(links))
        partners = list(partners)
        if self.instance.pk and "supporting_partners" not in self.initial:
            self.initial["supporting_partners"] = [p.pk for p in partners if p.supports]
        choices = [(partner.pk, partner.text) for partner in partners]
        lead.empty_label = "No lead partner"
        lead.choices = [("", lead.empty_label), *choices]
        supporting.choices = choices
        supporting.widget = forms.CheckboxSelectMultiple(choices=choices)
        lead.error_messages["invalid_choice"] = "Choose one of this plan's partner organisations"
        supporting.error_messages["invalid_choice"] = "Choose partner organisations of this plan"
        supporting.error_messages["invalid_pk_value"] = "Choose partner organisations of this plan"
        if not choices:
            # Nothing to choose yet: the plan's partners are added first.
            del self.fields["lead_partner"], self.fields["supporting_partners"]
        else:
            order = [name for name in self.fields if name != "supporting_partners"]
            order.insert(order.index("lead_partner") + 1, "supporting_partners")
            self.order_fields(order)
        self.lay_out()

    def clean(self):
        cleaned = super().clean()
        lead = cleaned.get("lead_partner")
        if lead is not None and lead in (cleaned.get("supporting_partners") or []):
            self.add_error(
                "supporting_partners",
                f"{lead.text} leads this: it cannot also be one of the supporting partners",
            )
        return cleaned


class CountyPriorityForm(EditForm):
    markdown_fields = ("summary", "why")

    class Meta:
        model = CountyPriority
        fields = ["title", "summary", "why"]
        labels = {"summary": "The priority in a sentence or a paragraph", "why": "Why is it a priority?"}
        help_texts = {"summary": MARKDOWN_HELP, "why": MARKDOWN_HELP + FIGURES_HELP}


class ActionGroupForm(EditForm):
    class Meta:
        model = ActionGroup
        fields = ["title"]
        labels = {"title": "Theme (optional)"}


class ActionForm(OwnersForm):
    markdown_fields = ("text",)

    class Meta:
        model = Action
        fields = ["text", *OWNER_FIELDS]
        labels = {"text": "We will:", **OWNER_LABELS}
        help_texts = {"text": MARKDOWN_HELP, **OWNER_HELP}

    required_messages = {"text": "Enter what we will do"}


class AreaPriorityForm(OwnersForm):
    class Meta:
        model = AreaPriority
        fields = ["area", "text", *OWNER_FIELDS]
        labels = {"text": "Priority", **OWNER_LABELS}
        help_texts = OWNER_HELP

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.plan is not None and self.user is not None:
            # A lead may only choose the areas they look after.
            self.fields["area"].queryset = editable_areas(self.user, self.plan)
        if self.instance.pk and self.user is not None and not can_edit_plan(self.user, self.plan):
            self.fields["area"].disabled = True

    required_messages = {"text": "Enter the priority"}
