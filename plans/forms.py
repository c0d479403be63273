"""Forms for editing a plan's content, rendered with the GOV.UK template pack."""

import re
from decimal import Decimal

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Size
from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import slugify

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

# Fields naming what an item belongs to: set by the view, never by the form, yet
# part of the item's unique rules (a key is unique within its plan).
OWNER_FIELDS = {
    "plan",
    "section",
    "parent",
    "group",
    "priority",
    "topic",
    "concern",
    "series",
    "fund",
    "survey",
    "block",
    "area",
    "partnership",
}
MARKDOWN_HELP = (
    "You can use Markdown: **bold**, *italic*, lists starting with -, and links [text](https://...)."
)
FIGURES_HELP = " Show a figure with {{key}} or {{key:signed}}, a yearly figure with {{series_key@2018}}."


class EditForm(forms.ModelForm):
    """Base for every editing form: GOV.UK rendering, plain-English errors, and the
    item's unique rules checked against its plan before saving."""

    use_required_attribute = False
    markdown_fields: tuple[str, ...] = ()
    #: "This field is required" in the words of the page, by field; others get
    #: "Enter <label>" or "Choose <label>".
    required_messages: dict[str, str] = {}

    def __init__(self, *args, plan: Plan | None = None, user=None, **kwargs):
        self.plan, self.user = plan, user
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.for_label("s")
        self.helper.disable_csrf = True  # the page's own <form> has the token
        for name in self.markdown_fields:
            if name in self.fields:
                self.fields[name].widget.attrs.setdefault("rows", 8)
        for name, field in self.fields.items():
            if name in self.required_messages:
                field.error_messages["required"] = self.required_messages[name]
            elif field.error_messages.get("required") == forms.Field.default_error_messages["required"]:
                verb = "Choose" if isinstance(field, forms.ChoiceField) else "Enter"
                label = str(field.label or name.replace("_", " "))
                field.error_messages["required"] = f"{verb} {label[0].lower()}{label[1:]}"

    def _post_clean(self):
        super()._post_clean()
        exclude = {
            f.name
            for f in self.instance._meta.fields
            if f.name not in self.fields and f.name not in OWNER_FIELDS
        }
        for check in (self.instance.validate_unique, self.instance.validate_constraints):
            try:
                check(exclude=exclude)
            except ValidationError as exc:
                self._update_errors(exc)


class YearField(forms.IntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1990)
        kwargs.setdefault("max_value", 2100)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"})
        )
        kwargs.setdefault(
            "error_messages",
            {
                "invalid": "Enter a year as 4 digits, like 2015",
                "min_value": "Enter a year from 1990",
                "max_value": "Enter a year before 2100",
            },
        )
        super().__init__(**kwargs)


class DecimalInput(forms.DecimalField):
    """A number typed as text (GOV.UK's pattern), forgiving of £, commas and spaces."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10"})
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"[£,\s]", "", value)
        return super().to_python(value)


class WholeNumberField(forms.IntegerField):
    """A count typed as text, forgiving of commas and spaces ("33,529")."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", 2_000_000_000)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-10"})
        )
        kwargs.setdefault(
            "error_messages",
            {
                "invalid": "Enter a whole number, like 33529",
                "min_value": "Enter %(limit_value)s or more",
                "max_value": "Enter a number no bigger than %(limit_value)s",
            },
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"[,\s]", "", value)
        return super().to_python(value)


class MoneyField(DecimalInput):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal("0"))
        kwargs.setdefault(
            "error_messages",
            {
                "required": "Enter an amount",
                "invalid": "Enter the amount as a number, like 85910 or 85910.50",
                "min_value": "Enter an amount of £0 or more",
                "max_decimal_places": "Enter the amount in pounds and pence, with at most 2 decimal places",
                "max_digits": "Enter an amount less than £10,000,000,000",
                "max_whole_digits": "Enter an amount less than £10,000,000,000",
            },
        )
        super().__init__(**kwargs)


class PlanDetailsForm(EditForm):
    start_year = YearField(label="Year the plan starts", help_text="Plans run from 1 April.")
    end_year = YearField(label="Year the plan ends", help_text="Plans end on 31 March.")

    class Meta:
        model = Plan
        fields = [
            "title",
            "subtitle",
            "start_year",
            "end_year",
            "board_name",
            "chair_name",
            "chair_role",
            "chair_office",
        ]
        labels = {
            "board_name": "Partnership board",
            "chair_name": "Chair's name",
            "chair_role": "Chair's role",
            "chair_office": "Chair's title on the foreword",
        }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_year"), cleaned.get("end_year")
        if start and end:
            if end <= start:
                self.add_error(
                    "end_year", ValidationError("The plan must end after the year it starts", code="order")
                )
            elif end - start > 5:
                self.add_error(
                    "end_year", ValidationError("A plan can cover at most 5 years", code="too_long")
                )
        return cleaned


class SectionForm(EditForm):
    class Meta:
        model = Section
        fields = ["title", "numbered", "anchor"]
        labels = {
            "numbered": "Number this section (1, 2, 4.1...)",
            "anchor": "Short name for links (optional)",
        }
        help_texts = {
            "anchor": "Lower-case letters, numbers and hyphens, like how-we-set-our-priorities. "
            "Left empty, it is made from the title."
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["anchor"].required = False

    def clean(self):
        cleaned = super().clean()
        title = (cleaned.get("title") or "").strip()
        if cleaned.get("numbered") and not title:
            self.add_error("title", ValidationError("Enter a title for a numbered section", code="title"))
        if not cleaned.get("anchor") and "anchor" not in self.errors:
            cleaned["anchor"] = self.instance.anchor = self._free_anchor(slugify(title)[:70] or "section")
        return cleaned

    def _free_anchor(self, base: str) -> str:
        taken = set(
            Section.objects.filter(plan=self.instance.plan)
            .exclude(pk=self.instance.pk)
            .values_list("anchor", flat=True)
        )
        anchor, n = base, 1
        while anchor in taken:
            n += 1
            anchor = f"{base}-{n}"
        return anchor


class TextBlockForm(EditForm):
    markdown_fields = ("body",)

    class Meta:
        model = Block
        fields = ["body"]
        labels = {"body": "Text"}
        help_texts = {"body": MARKDOWN_HELP + FIGURES_HELP}

    required_messages = {"body": "Enter the text"}


STRUCTURED_KINDS = [
    (k.value, k.label)
    for k in Block.Kind
    if k not in {Block.Kind.TEXT, Block.Kind.EVIDENCE, Block.Kind.SURVEY, Block.Kind.SERIES, Block.Kind.FUND}
]


class ComponentBlockForm(EditForm):
    """A place in a section where one of the plan's lists is shown."""

    kind = forms.ChoiceField(choices=STRUCTURED_KINDS, label="What to show here", widget=forms.RadioSelect)

    class Meta:
        model = Block
        fields = ["kind", "list_style"]
        labels = {"list_style": "List style"}
        widgets = {"list_style": forms.RadioSelect}


class PlanListItemForm(EditForm):
    required_messages = {"text": "Enter the text"}

    class Meta:
        fields = ["text"]


def _list_form(model_class, label):
    meta = type("Meta", (), {"model": model_class, "fields": ["text"], "labels": {"text": label}})
    return type(f"{model_class.__name__}Form", (PlanListItemForm,), {"Meta": meta})


PartnerForm = _list_form(Partner, "Organisation")
StatutoryDutyForm = _list_form(StatutoryDuty, "Duty")
PolicePriorityForm = _list_form(PolicePriority, "Police & Crime Plan priority")


class UnderlyingThemeForm(PlanListItemForm):
    markdown_fields = ("text",)

    class Meta:
        model = UnderlyingTheme
        fields = ["text"]
        labels = {"text": "Theme"}
        help_texts = {"text": MARKDOWN_HELP}


class StrategicAssessmentForm(EditForm):
    year = YearField(label="Financial year analysed", help_text="The year it starts: 2013 means 2013/14.")

    class Meta:
        model = StrategicAssessment
        fields = ["name", "year"]


class AreaOfConcernForm(EditForm):
    class Meta:
        model = AreaOfConcern
        fields = ["title"]
        labels = {"title": "Title (optional)"}


class ConcernPointForm(EditForm):
    markdown_fields = ("text",)

    class Meta:
        model = ConcernPoint
        fields = ["text"]
        labels = {"text": "Point"}
        help_texts = {"text": MARKDOWN_HELP + FIGURES_HELP}


class StatisticForm(EditForm):
    value = DecimalInput(
        required=False,
        max_digits=14,
        decimal_places=2,
        label="Figure",
        help_text="Leave empty for a change computed from a yearly series.",
        error_messages={
            "invalid": "Enter the figure as a number, like 5 or -2.5",
            "max_decimal_places": "Enter the figure with at most 2 decimal places",
            "max_digits": "Enter a smaller figure",
            "max_whole_digits": "Enter a smaller figure",
        },
    )
    year = YearField(required=False, label="Financial year measured", help_text="2013 means 2013/14.")
    comparison_year = YearField(required=False, label="Financial year compared with")

    class Meta:
        model = Statistic
        fields = [
            "key",
            "label",
            "unit",
            "qualifier",
            "value",
            "decimal_places",
            "area",
            "year",
            "comparison_year",
            "series",
            "source",
        ]
        help_texts = {"series": "For a computed change: the series whose two years are compared."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.plan is not None:
            self.fields["series"].queryset = Series.objects.filter(plan=self.plan)
            self.fields["area"].queryset = self.plan.partnership.areas.all()

    def clean(self):
        cleaned = super().clean()
        series, value = cleaned.get("series"), cleaned.get("value")
        if series is None and value is None and "value" not in self.errors:
            self.add_error(
                "value",
                ValidationError("Enter the figure, or choose a series to compute it from", code="value"),
            )
        if series is not None:
            if value is not None:
                self.add_error(
                    "value",
                    ValidationError("Leave the figure empty: it is computed from the series", code="both"),
                )
            if cleaned.get("unit") != Statistic.Unit.PERCENT_CHANGE:
                self.add_error(
                    "unit",
                    ValidationError("A figure computed from a series is a percentage change", code="unit"),
                )
            for name in ("year", "comparison_year"):
                if cleaned.get(name) is None and name not in self.errors:
                    self.add_error(name, ValidationError("Enter the year to compare", code="year"))
        if cleaned.get("year") and cleaned.get("year") == cleaned.get("comparison_year"):
            self.add_error("comparison_year", ValidationError("Compare with a different year", code="same"))
        return cleaned


class SeriesForm(EditForm):
    class Meta:
        model = Series
        fields = ["key", "title", "value_label", "area", "source"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.plan is not None:
            self.fields["area"].queryset = self.plan.partnership.areas.all()


class SeriesPointForm(EditForm):
    year = YearField(label="Financial year", help_text="2018 means 2018/19.")
    value = WholeNumberField(label="Figure")

    class Meta:
        model = SeriesPoint
        fields = ["year", "value"]


class EvidenceGroupForm(EditForm):
    class Meta:
        model = EvidenceGroup
        fields = ["heading", "subheading"]


class FindingForm(EditForm):
    markdown_fields = ("text",)

    class Meta:
        model = Finding
        fields = ["text"]
        labels = {"text": "Finding"}
        help_texts = {"text": MARKDOWN_HELP + FIGURES_HELP}


class SurveyForm(EditForm):
    year = YearField(label="Year the survey ran")
    month = forms.TypedChoiceField(
        required=False,
        coerce=int,
        empty_value=None,
        label="Month the survey ran",
        choices=[("", "Not known")]
        + [
            (i, m)
            for i, m in enumerate(
                [
                    "January",
                    "February",
                    "March",
                    "April",
                    "May",
                    "June",
                    "July",
                    "August",
                    "September",
                    "October",
                    "November",
                    "December",
                ],
                start=1,
            )
        ],
    )
    respondents = WholeNumberField(min_value=1, max_value=10_000_000, label="People who completed it")

    class Meta:
        model = Survey
        fields = ["title", "year", "month", "respondents"]


class SurveyTopicForm(EditForm):
    class Meta:
        model = SurveyTopic
        fields = ["heading"]
        labels = {"heading": "Heading (optional)"}


class SurveyFindingForm(EditForm):
    markdown_fields = ("text",)

    class Meta:
        model = SurveyFinding
        fields = ["figure", "text"]
        labels = {"figure": "Headline figure (optional)", "text": "Text"}
        help_texts = {"text": "With a headline figure, this is its caption. " + MARKDOWN_HELP}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.plan is not None:
            self.fields["figure"].queryset = Statistic.objects.filter(plan=self.plan)
