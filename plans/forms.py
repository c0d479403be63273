"""Forms for editing a plan's content, rendered with the GOV.UK template pack."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import slugify

from .editor.forms import (
    FIGURES_HELP,
    MARKDOWN_HELP,
    DecimalInput,
    EditForm,
    WholeNumberField,
    YearField,
)
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
from .models.document import PARTNER_KIND_MESSAGE
from .models.evidence import BASE_POPULATION_ONLY_FOR_RATES, COUNTED_ONLY_FOR_RATES, RATE_BASES
from .periods import FigurePeriod, is_quarterly
from .wording import block_kind_label


def check_period(form, cleaned: dict) -> None:
    """The plan's period in the words of the page (the database keeps the same rules:
    ``plan_period_ends_after_start``, ``plan_period_at_most_five_years``)."""
    start, end = cleaned.get("start_year"), cleaned.get("end_year")
    calendar = cleaned.get("period_kind") == Plan.PeriodKind.CALENDAR
    if not (start and end):
        return
    if end < start or (end == start and not calendar):
        message = (
            "The plan must end in or after the year it starts"
            if calendar
            else "The plan must end after the year it starts (a plan in financial years that starts in "
            f"{start} ends in {start + 1} or later)"
        )
        form.add_error("end_year", ValidationError(message, code="order"))
    elif (end - start + (1 if calendar else 0)) > 5:
        form.add_error("end_year", ValidationError("A plan can cover at most 5 years", code="too_long"))


class PlanDetailsForm(EditForm):
    start_year = YearField(
        label="Year the plan starts", help_text="For financial years, the year of its first 1 April."
    )
    end_year = YearField(
        label="Year the plan ends",
        help_text="For financial years, the year of its last 31 March; for calendar years, its last year.",
    )

    class Meta:
        model = Plan
        fields = [
            "title",
            "subtitle",
            "period_kind",
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
        check_period(self, cleaned)
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
            Section.objects.filter(plan=self.plan)
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].required = True  # a narrative block says something


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.plan is not None:  # "County priorities (list)" in a two-tier county's plan
            self.fields["kind"].choices = [
                (value, block_kind_label(value, self.plan)) for value, _ in STRUCTURED_KINDS
            ]


class PlanListItemForm(EditForm):
    required_messages = {"text": "Enter the text"}

    class Meta:
        fields = ["text"]


def _list_form(model_class, label):
    meta = type("Meta", (), {"model": model_class, "fields": ["text"], "labels": {"text": label}})
    return type(f"{model_class.__name__}Form", (PlanListItemForm,), {"Meta": meta})


class PartnerForm(PlanListItemForm):
    """A partner organisation and how it takes part. The kind may be left out (a
    pasted list that does not say): a partner is then a responsible authority."""

    class Meta:
        model = Partner
        fields = ["text", "kind"]
        labels = {"text": "Organisation"}
        widgets = {"kind": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].required = False
        self.fields["kind"].choices = Partner.Kind.choices  # no empty choice among the radios
        self.fields["kind"].error_messages["invalid_choice"] = PARTNER_KIND_MESSAGE

    def clean_kind(self):
        return self.cleaned_data.get("kind") or Partner.Kind.RESPONSIBLE_AUTHORITY


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


QUARTER_HELP = "Only for a figure counted by quarter."


def optional_period_kind(form: EditForm) -> None:
    """Financial years unless people choose otherwise: what every plan used before."""
    field = form.fields["period_kind"]
    field.required = False
    field.choices = [choice for choice in field.choices if choice[0]]


def period_kind_or_financial(cleaned: dict) -> None:
    if not cleaned.get("period_kind"):
        cleaned["period_kind"] = FigurePeriod.FINANCIAL


class StatisticForm(EditForm):
    value = DecimalInput(
        required=False,
        max_digits=14,
        decimal_places=2,
        label="Figure",
        help_text="Leave empty for a change computed from a series, or a rate worked out from the number "
        "counted. Money in pounds, like 250000.",
        error_messages={
            "invalid": "Enter the figure as a number, like 5 or -2.5",
            "max_decimal_places": "Enter the figure with at most 2 decimal places",
            "max_digits": "Enter a smaller figure",
            "max_whole_digits": "Enter a smaller figure",
        },
    )
    base_population = WholeNumberField(
        required=False,
        min_value=1,
        label="Population the rate is worked out from (optional)",
        help_text="Only for a rate per 1,000 or per 100,000 residents, like 312,400. It is shown beside the rate.",
        error_messages={
            "invalid": "Enter the population as a whole number, like 312400",
            "min_value": "Enter a population of at least 1",
            "max_value": "Enter a population no bigger than %(limit_value)s",
        },
    )
    counted = WholeNumberField(
        required=False,
        label="Number counted, to work the rate out (optional)",
        help_text="Only for a rate: how many were counted (crimes, incidents), like 13,871. With the population "
        "and no figure above, the rate is worked out: 13,871 in 312,400 is 44.4 per 1,000 residents.",
    )
    year = YearField(
        required=False,
        label="Year measured",
        help_text="The year the period starts in: for financial years 2013 means 2013/14.",
    )
    comparison_year = YearField(required=False, label="Year compared with")

    class Meta:
        model = Statistic
        fields = [
            "key",
            "label",
            "unit",
            "qualifier",
            "value",
            "decimal_places",
            "base_population",
            "counted",
            "area",
            "period_kind",
            "year",
            "quarter",
            "comparison_year",
            "comparison_quarter",
            "series",
            "source",
        ]
        labels = {
            "qualifier": "How exact it is",
            "quarter": "Quarter measured",
            "comparison_quarter": "Quarter compared with",
            "period_kind": "Counted by",
        }
        help_texts = {
            "series": "For a computed change: the series whose two periods are compared.",
            "qualifier": 'Written in the sentence as it reads there: "fell by about 44.4", and "About 44.4" '
            "only at the start of a sentence.",
            "quarter": QUARTER_HELP,
            "comparison_quarter": QUARTER_HELP,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        optional_period_kind(self)
        if self.plan is not None:
            self.fields["series"].queryset = Series.objects.filter(plan=self.plan)
            self.fields["area"].queryset = self.plan.partnership.areas.all()

    def clean(self):
        cleaned = super().clean()
        period_kind_or_financial(cleaned)
        series, value = cleaned.get("series"), cleaned.get("value")
        is_rate = cleaned.get("unit") in RATE_BASES
        counted, population = cleaned.get("counted"), cleaned.get("base_population")
        if counted is not None and not is_rate:
            self.add_error("counted", ValidationError(COUNTED_ONLY_FOR_RATES, code="counted"))
        elif counted is not None and value is not None:
            self.add_error(
                "value",
                ValidationError(
                    "Leave the figure empty to work the rate out from the number counted, or leave the number "
                    "counted empty",
                    code="both",
                ),
            )
        elif counted is not None and not population and "base_population" not in self.errors:
            self.add_error(
                "base_population",
                ValidationError("Enter the population to work the rate out from", code="required"),
            )
        computed_rate = is_rate and counted is not None and population
        if series is None and value is None and not computed_rate and "value" not in self.errors:
            self.add_error(
                "value",
                ValidationError(
                    "Enter the figure, or choose a series to compute it from"
                    + (", or give the number counted and the population" if is_rate else ""),
                    code="value",
                ),
            )
        if series is not None:
            cleaned["period_kind"] = series.period_kind  # a computed change is counted as its series is
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
        quarterly = is_quarterly(cleaned.get("period_kind"))
        for year_name, quarter_name, what in (
            ("year", "quarter", "measured"),
            ("comparison_year", "comparison_quarter", "compared with"),
        ):
            if quarterly and cleaned.get(year_name) and not cleaned.get(quarter_name):
                self.add_error(
                    quarter_name,
                    ValidationError(
                        f"Choose the quarter {what}: the figure is counted by quarter", code="required"
                    ),
                )
            elif not quarterly and cleaned.get(quarter_name):
                self.add_error(
                    quarter_name,
                    ValidationError(
                        "Leave the quarter empty: the figure is counted by whole years", code="not_quarterly"
                    ),
                )
        year, comparison_year = cleaned.get("year"), cleaned.get("comparison_year")
        if year and year == comparison_year and cleaned.get("quarter") == cleaned.get("comparison_quarter"):
            self.add_error("comparison_year", ValidationError("Compare with a different period", code="same"))
        if cleaned.get("base_population") and cleaned.get("unit") not in RATE_BASES:
            self.add_error(
                "base_population", ValidationError(BASE_POPULATION_ONLY_FOR_RATES, code="base_population")
            )
        return cleaned


class SeriesForm(EditForm):
    class Meta:
        model = Series
        fields = ["key", "title", "value_label", "period_kind", "area", "source"]
        labels = {"period_kind": "What the figures are counted by"}
        help_texts = {"key": "Used in text as {{key@2018}}, or {{key@2024q1}} for a quarter."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        optional_period_kind(self)
        if self.plan is not None:
            self.fields["area"].queryset = self.plan.partnership.areas.all()

    def clean(self):
        cleaned = super().clean()
        period_kind_or_financial(cleaned)
        return cleaned


class SeriesPointForm(EditForm):
    year = YearField(
        label="Year", help_text="The year the period starts in: for financial years 2018 means 2018/19."
    )
    value = WholeNumberField(label="Figure")

    class Meta:
        model = SeriesPoint
        fields = ["year", "quarter", "value"]
        labels = {"quarter": "Quarter"}
        help_texts = {
            "quarter": "Leave empty for figures by whole years. Q1 of a financial year is April to June; "
            "the 1st quarter of a calendar year is January to March."
        }


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
