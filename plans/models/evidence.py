"""Evidence held as numbers: statistics, yearly series, the residents' survey, and
the strategic assessment's areas of concern. Narrative anywhere in a plan can show
a figure with ``{{key}}``, so the figure is typed once, here, and computed where
the underlying numbers are known."""

from decimal import ROUND_HALF_UP, Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from .base import (
    FIRST_YEAR,
    LAST_YEAR,
    SHORT_TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Positioned,
    Versioned,
    at_most,
    financial_year_label,
    not_blank,
    position_constraints,
    track_history,
    year_in_range,
)
from .document import Area, Block, Plan

YEAR_VALIDATORS = [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]


class StrategicAssessment(Versioned):
    """The yearly analysis of crime and disorder data the plan's priorities rest on."""

    plan = models.OneToOneField(
        Plan,
        on_delete=models.CASCADE,
        related_name="assessment",
        error_messages={"unique": "The plan already has a strategic assessment"},
    )
    name = models.CharField(max_length=TITLE_MAX_LENGTH, default="Strategic Assessment")
    year = models.PositiveSmallIntegerField(
        validators=YEAR_VALIDATORS, help_text="Start of the financial year analysed (2013 = 2013/14)."
    )

    class Meta:
        constraints = [
            year_in_range(
                "year",
                "strategicassessment",
                f"Enter the financial year analysed, from {FIRST_YEAR} to {LAST_YEAR}",
            ),
            not_blank("name", "strategicassessment", "Enter the name of the strategic assessment"),
        ]

    def __str__(self):
        return f"{self.name} {self.period_label}"

    @property
    def period_label(self) -> str:
        return financial_year_label(self.year)


class Series(Versioned):
    """A figure counted year by year, e.g. crimes recorded by the police."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="series")
    block = models.OneToOneField(
        Block,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="series",
        error_messages={"unique": "This part of the section already shows a set of figures by year"},
    )
    key = models.SlugField(max_length=60, help_text="Used in text as {{key@2018}}.")
    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    value_label = models.CharField(max_length=TITLE_MAX_LENGTH, help_text='e.g. "Recorded crimes".')
    area = models.ForeignKey(Area, on_delete=models.PROTECT, null=True, blank=True)
    source = models.CharField(max_length=TITLE_MAX_LENGTH, blank=True)

    class Meta:
        verbose_name_plural = "series"
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "key"],
                name="series_unique_key",
                violation_error_message="A set of figures by year with this key already exists in this plan: "
                "choose another key",
                violation_error_code="unique_together",
            ),
            not_blank("key", "series", "Enter a key"),
            not_blank("title", "series", "Enter a title"),
        ]

    def __str__(self):
        return self.title


class SeriesPoint(Versioned):
    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="points")
    year = models.PositiveSmallIntegerField(
        validators=YEAR_VALIDATORS, help_text="Start of the financial year (2018 = 2018/19)."
    )
    value = models.PositiveIntegerField()

    class Meta:
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "year"],
                name="seriespoint_unique_year",
                violation_error_message="There is already a figure for this year: change that one instead",
                violation_error_code="unique_together",
            ),
            models.CheckConstraint(
                condition=models.Q(value__gte=0),
                name="seriespoint_not_negative",
                violation_error_message="Enter a figure of 0 or more",
                violation_error_code="min_value",
            ),
            year_in_range("year", "seriespoint"),
        ]

    def __str__(self):
        return f"{self.year_label}: {self.value}"

    @property
    def year_label(self) -> str:
        return financial_year_label(self.year)


def percent_change(new: int | Decimal, old: int | Decimal) -> Decimal | None:
    """The change from old to new as a percentage of old; None when old is zero."""
    if not old:
        return None
    return (Decimal(new) - Decimal(old)) * 100 / Decimal(old)


class StatisticUnit(models.TextChoices):
    COUNT = "count", "Count"
    PERCENT = "percent", "Per cent"
    PERCENT_CHANGE = "percent_change", "Percentage change"
    RATIO = "ratio", "Times (ratio)"
    NUMBER = "number", "Number"


class Statistic(Versioned):
    """One figure with its meaning: what was measured, where, when, against when, and
    who says so. Either the value is given (a figure the source states without its
    underlying numbers), or it is the percentage change between two years of a
    series, computed."""

    Unit = StatisticUnit

    class Qualifier(models.TextChoices):
        EXACT = "", "Exactly"
        OVER = "Over", "Over"
        ALMOST = "Almost", "Almost"
        NEARLY = "Nearly", "Nearly"
        ABOUT = "About", "About"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="statistics")
    key = models.SlugField(max_length=60, help_text="Used in text as {{key}}.")
    label = models.CharField(max_length=TITLE_MAX_LENGTH, help_text='What was measured, e.g. "Total crime".')
    unit = models.CharField(max_length=20, choices=Unit.choices)
    qualifier = models.CharField(max_length=10, choices=Qualifier.choices, blank=True, default="")
    value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    decimal_places = models.PositiveSmallIntegerField(
        default=0, validators=[MaxValueValidator(2)], help_text="Decimal places shown."
    )
    area = models.ForeignKey(Area, on_delete=models.PROTECT, null=True, blank=True)
    year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=YEAR_VALIDATORS, help_text="Financial year measured."
    )
    comparison_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=YEAR_VALIDATORS, help_text="Financial year compared with."
    )
    series = models.ForeignKey(
        Series,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="changes",
        help_text="For a computed change: the series whose two years are compared.",
    )
    source = models.CharField(max_length=TITLE_MAX_LENGTH, blank=True)

    class Meta:
        ordering = ["key"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "key"],
                name="statistic_unique_key",
                violation_error_message="A statistic with this key already exists in this plan: "
                "choose another key",
                violation_error_code="unique_together",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(series__isnull=True, value__isnull=False)
                    | models.Q(
                        series__isnull=False,
                        value__isnull=True,
                        unit="percent_change",
                        year__isnull=False,
                        comparison_year__isnull=False,
                    )
                ),
                name="statistic_given_or_computed",
                violation_error_message="Enter the figure, or choose a series and two years to work it "
                "out as a percentage change",
                violation_error_code="value",
            ),
            models.CheckConstraint(
                condition=models.Q(comparison_year__isnull=True)
                | models.Q(year__isnull=True)
                | ~models.Q(comparison_year=models.F("year")),
                name="statistic_compares_different_years",
                violation_error_message="Compare with a different year",
                violation_error_code="same",
            ),
            models.CheckConstraint(
                condition=models.Q(decimal_places__lte=2),
                name="statistic_decimal_places_max_2",
                violation_error_message="Show the figure with at most 2 decimal places",
                violation_error_code="max_value",
            ),
            models.CheckConstraint(
                condition=models.Q(unit__in=StatisticUnit.values),
                name="statistic_unit_valid",
                violation_error_message="Choose what kind of figure it is",
                violation_error_code="invalid_choice",
            ),
            year_in_range(
                "year", "statistic", f"Enter the financial year measured, from {FIRST_YEAR} to {LAST_YEAR}"
            ),
            year_in_range(
                "comparison_year",
                "statistic",
                f"Enter the financial year compared with, from {FIRST_YEAR} to {LAST_YEAR}",
            ),
            not_blank("key", "statistic", "Enter a key"),
            not_blank("label", "statistic", "Enter what was measured"),
        ]

    def __str__(self):
        return f"{self.label} ({self.key})"

    @property
    def is_computed(self) -> bool:
        return self.series_id is not None

    @property
    def period_label(self) -> str:
        return financial_year_label(self.year)

    @property
    def comparison_label(self) -> str:
        return financial_year_label(self.comparison_year)

    def computed_value(self, points: dict[int, int] | None = None) -> Decimal | None:
        """The figure: the stored value, or the change computed from the series.
        ``points`` maps year to value for the series (pass it to avoid a query)."""
        if not self.is_computed:
            return self.value
        if points is None:
            points = dict(self.series.points.values_list("year", "value"))
        if self.year not in points or self.comparison_year not in points:
            return None
        return percent_change(points[self.year], points[self.comparison_year])

    def format(self, value: Decimal | None, style: str = "") -> str:
        """The figure as text. ``style`` "signed" shows +/- on a change; otherwise a
        change is shown as its size, since the sentence around it says which way."""
        if value is None:
            return "[figure unavailable]"
        places = Decimal(1).scaleb(-self.decimal_places)
        rounded = value.quantize(places, rounding=ROUND_HALF_UP)
        if self.unit == self.Unit.PERCENT_CHANGE and style != "signed":
            rounded = abs(rounded)
        number = f"{rounded:,.{self.decimal_places}f}"
        if style == "signed" and rounded > 0:
            number = f"+{number}"
        suffix = {"percent": "%", "percent_change": "%", "ratio": " times"}.get(self.unit, "")
        text = f"{number}{suffix}"
        return f"{self.qualifier} {text}" if self.qualifier else text


class EvidenceGroup(Versioned):
    """A headed list of findings from the strategic assessment."""

    block = models.OneToOneField(
        Block,
        on_delete=models.CASCADE,
        related_name="evidence_group",
        error_messages={"unique": "This part of the section already shows evidence findings"},
    )
    heading = models.CharField(max_length=TITLE_MAX_LENGTH)
    subheading = models.CharField(max_length=TITLE_MAX_LENGTH, blank=True)

    class Meta:
        constraints = [not_blank("heading", "evidencegroup", "Enter a heading")]

    def __str__(self):
        return self.heading


class Finding(Positioned):
    group = models.ForeignKey(EvidenceGroup, on_delete=models.CASCADE, related_name="findings")
    text = models.TextField(max_length=SHORT_TEXT_MAX_LENGTH, help_text="Markdown; figures as {{key}}.")

    class Meta(Positioned.Meta):
        constraints = [
            *position_constraints("group", "finding"),
            not_blank("text", "finding", "Enter the finding"),
            at_most("text", SHORT_TEXT_MAX_LENGTH, "finding", "The finding"),
        ]

    def __str__(self):
        return self.text[:80]


class Survey(Versioned):
    """A residents' survey: who answered, when, and what they said."""

    block = models.OneToOneField(
        Block,
        on_delete=models.CASCADE,
        related_name="survey",
        error_messages={"unique": "This part of the section already shows a survey"},
    )
    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    year = models.PositiveSmallIntegerField(validators=YEAR_VALIDATORS)
    month = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    respondents = models.PositiveIntegerField(help_text="How many people completed it.")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(respondents__gte=1),
                name="survey_has_respondents",
                violation_error_message="Enter how many people completed the survey: at least 1",
                violation_error_code="min_value",
            ),
            models.CheckConstraint(
                condition=models.Q(month__isnull=True) | models.Q(month__gte=1, month__lte=12),
                name="survey_month_valid",
                violation_error_message="Choose a month from January to December",
                violation_error_code="invalid_choice",
            ),
            year_in_range(
                "year", "survey", f"Enter the year the survey ran, from {FIRST_YEAR} to {LAST_YEAR}"
            ),
            not_blank("title", "survey", "Enter the title of the survey"),
        ]

    def __str__(self):
        return self.title


class SurveyTopic(Positioned):
    """A heading of the survey's results ("Feeling safe"); the first may have none."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="topics")
    heading = models.CharField(max_length=TITLE_MAX_LENGTH, blank=True)

    class Meta(Positioned.Meta):
        constraints = position_constraints("survey", "surveytopic")

    def __str__(self):
        return self.heading or "Key figures"


class SurveyFinding(Positioned):
    """A result: a headline figure with its caption, or a sentence on its own."""

    topic = models.ForeignKey(SurveyTopic, on_delete=models.CASCADE, related_name="findings")
    figure = models.ForeignKey(
        Statistic, on_delete=models.RESTRICT, null=True, blank=True, related_name="survey_findings"
    )
    text = models.TextField(
        max_length=SHORT_TEXT_MAX_LENGTH, help_text="Markdown; the caption under the figure, if any."
    )

    class Meta(Positioned.Meta):
        constraints = [
            *position_constraints("topic", "surveyfinding"),
            not_blank("text", "surveyfinding", "Enter the text"),
            at_most("text", SHORT_TEXT_MAX_LENGTH, "surveyfinding"),
        ]

    def __str__(self):
        return self.text[:80]


class AreaOfConcern(Positioned):
    """One of the strategic assessment's areas of concern, with its points."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="areas_of_concern")
    title = models.CharField(max_length=TITLE_MAX_LENGTH, blank=True)

    class Meta(Positioned.Meta):
        verbose_name_plural = "areas of concern"
        constraints = position_constraints("plan", "areaofconcern")

    def __str__(self):
        return self.title or f"Area of concern {self.position}"


class ConcernPoint(Positioned):
    concern = models.ForeignKey(AreaOfConcern, on_delete=models.CASCADE, related_name="points")
    text = models.TextField(max_length=SHORT_TEXT_MAX_LENGTH, help_text="Markdown; figures as {{key}}.")

    class Meta(Positioned.Meta):
        constraints = [
            *position_constraints("concern", "concernpoint"),
            not_blank("text", "concernpoint", "Enter the point"),
            at_most("text", SHORT_TEXT_MAX_LENGTH, "concernpoint", "The point"),
        ]

    def __str__(self):
        return self.text[:80]


track_history(
    StrategicAssessment,
    Series,
    SeriesPoint,
    Statistic,
    EvidenceGroup,
    Finding,
    Survey,
    SurveyTopic,
    SurveyFinding,
    AreaOfConcern,
    ConcernPoint,
)
