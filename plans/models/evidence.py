"""Evidence held as numbers: statistics, yearly series, the residents' survey, and
the strategic assessment's areas of concern. Narrative anywhere in a plan can show
a figure with ``{{key}}``, so the figure is typed once, here, and computed where
the underlying numbers are known."""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from ..periods import QUARTER_CHOICES, FigurePeriod, is_quarterly, period_label
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
    period_kind = models.CharField(
        "Counted by",
        max_length=20,
        choices=FigurePeriod.choices,
        default=FigurePeriod.FINANCIAL,
        help_text="Financial years are shown as 2024/25, calendar years as 2024, quarters of financial "
        "years as Q1 2024/25 (Q1 is April to June) and quarters of calendar years as Jan to Mar 2024.",
    )

    class Meta:
        verbose_name_plural = "series"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_kind__in=FigurePeriod.values),
                name="series_period_kind_valid",
                violation_error_message="Choose what the figures are counted by: financial or calendar years, "
                "or their quarters",
                violation_error_code="invalid_choice",
            ),
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

    @property
    def is_quarterly(self) -> bool:
        return is_quarterly(self.period_kind)


QUARTER_NEEDED = "Choose the quarter: these figures are counted by quarter"
QUARTER_NOT_NEEDED = "Leave the quarter empty: these figures are counted by whole years"


class SeriesPoint(Versioned):
    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="points")
    year = models.PositiveSmallIntegerField(
        validators=YEAR_VALIDATORS,
        help_text="The year the period starts in: 2018 means 2018/19 for figures by financial year.",
    )
    quarter = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        choices=QUARTER_CHOICES,
        help_text="Only for figures counted by quarter.",
    )
    value = models.PositiveIntegerField()

    class Meta:
        ordering = ["year", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "year", "quarter"],
                name="seriespoint_unique_period",
                nulls_distinct=False,
                violation_error_message="There is already a figure for this period: change that one instead",
                violation_error_code="unique_together",
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__isnull=True) | models.Q(quarter__gte=1, quarter__lte=4),
                name="seriespoint_quarter_valid",
                violation_error_message="Choose a quarter from the 1st to the 4th",
                violation_error_code="invalid_choice",
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

    def clean(self):
        super().clean()
        if self.series_id is None:
            return
        if self.series.is_quarterly and self.quarter is None:
            raise ValidationError({"quarter": ValidationError(QUARTER_NEEDED, code="required")})
        if not self.series.is_quarterly and self.quarter is not None:
            raise ValidationError({"quarter": ValidationError(QUARTER_NOT_NEEDED, code="not_quarterly")})

    def label_in(self, period_kind: str) -> str:
        """The period's name when the series' kind is already known (no query)."""
        return period_label(period_kind, self.year, self.quarter)

    @property
    def year_label(self) -> str:
        return self.label_in(self.series.period_kind)


def percent_change(new: int | Decimal, old: int | Decimal) -> Decimal | None:
    """The change from old to new as a percentage of old; None when old is zero."""
    if not old:
        return None
    return (Decimal(new) - Decimal(old)) * 100 / Decimal(old)


class StatisticUnit(models.TextChoices):
    COUNT = "count", "Count"
    PERCENT = "percent", "Per cent"
    PERCENT_CHANGE = "percent_change", "Percentage change"
    PERCENTAGE_POINTS = "percentage_points", "Percentage points (a change in a share)"
    RATE_PER_1000 = "per_1000", "Rate per 1,000 residents"
    RATE_PER_100000 = "per_100000", "Rate per 100,000 residents"
    MONEY = "money", "Money (£)"
    RATIO = "ratio", "Times (ratio)"
    NUMBER = "number", "Number"


#: Units that are a change: shown as their size unless asked for the sign, since
#: the sentence around them says which way ("fell by 5%").
CHANGE_UNITS = frozenset({StatisticUnit.PERCENT_CHANGE, StatisticUnit.PERCENTAGE_POINTS})
#: Rates per so many residents, with how many.
RATE_BASES = {StatisticUnit.RATE_PER_1000: 1_000, StatisticUnit.RATE_PER_100000: 100_000}
BASE_POPULATION_ONLY_FOR_RATES = "Give the population only for a rate per 1,000 or per 100,000 residents"
COUNTED_ONLY_FOR_RATES = "Give the number counted only for a rate per 1,000 or per 100,000 residents"
GIVEN_OR_COMPUTED = (
    "Enter the figure, or choose a series and two years to work it out as a percentage change, or for a rate "
    "give the number counted and the population"
)
MILLION = Decimal(1_000_000)


def _number(value: Decimal, places: int) -> str:
    return f"{value:,.{places}f}"


class Qualifier(models.TextChoices):
    """Stored as written mid-sentence ("fell by about 44.4"); capitalised only where
    it starts a sentence, a heading or a list item (see ``Statistic.format``)."""

    EXACT = "", "Exactly"
    OVER = "over", "Over"
    ALMOST = "almost", "Almost"
    NEARLY = "nearly", "Nearly"
    ABOUT = "about", "About"


class Statistic(Versioned):
    """One figure with its meaning: what was measured, where, when, against when, and
    who says so. Either the value is given (a figure the source states without its
    underlying numbers), or it is the percentage change between two periods of a
    series, computed."""

    Unit = StatisticUnit
    Qualifier = Qualifier

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="statistics")
    key = models.SlugField(max_length=60, help_text="Used in text as {{key}}.")
    label = models.CharField(max_length=TITLE_MAX_LENGTH, help_text='What was measured, e.g. "Total crime".')
    unit = models.CharField(max_length=20, choices=Unit.choices)
    qualifier = models.CharField(max_length=10, choices=Qualifier.choices, blank=True, default="")
    value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    decimal_places = models.PositiveSmallIntegerField(
        default=0, validators=[MaxValueValidator(2)], help_text="Decimal places shown."
    )
    base_population = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="For a rate per 1,000 or 100,000 residents: the population it is worked out from, if known.",
    )
    counted = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="For a rate worked out from its numbers: how many were counted (crimes, incidents). "
        "With the population, the rate is computed.",
    )
    area = models.ForeignKey(Area, on_delete=models.PROTECT, null=True, blank=True)
    period_kind = models.CharField(
        "Counted by",
        max_length=20,
        choices=FigurePeriod.choices,
        default=FigurePeriod.FINANCIAL,
        help_text="For a change computed from a series, the series' periods are used.",
    )
    year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=YEAR_VALIDATORS, help_text="Year measured (the year it starts in)."
    )
    quarter = models.PositiveSmallIntegerField(null=True, blank=True, choices=QUARTER_CHOICES)
    comparison_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=YEAR_VALIDATORS, help_text="Year compared with."
    )
    comparison_quarter = models.PositiveSmallIntegerField(null=True, blank=True, choices=QUARTER_CHOICES)
    series = models.ForeignKey(
        Series,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="changes",
        help_text="For a computed change: the series whose two periods are compared.",
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
                    | models.Q(
                        series__isnull=True,
                        value__isnull=True,
                        unit__in=list(RATE_BASES),
                        counted__isnull=False,
                        base_population__isnull=False,
                    )
                ),
                name="statistic_given_or_computed",
                violation_error_message=GIVEN_OR_COMPUTED,
                violation_error_code="value",
            ),
            models.CheckConstraint(
                condition=models.Q(comparison_year__isnull=True)
                | models.Q(year__isnull=True)
                | ~models.Q(comparison_year=models.F("year"))
                | (
                    models.Q(quarter__isnull=False, comparison_quarter__isnull=False)
                    & ~models.Q(comparison_quarter=models.F("quarter"))
                ),
                name="statistic_compares_different_periods",
                violation_error_message="Compare with a different period",
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
            models.CheckConstraint(
                condition=models.Q(qualifier__in=Qualifier.values),
                name="statistic_qualifier_valid",
                violation_error_message="Choose how exact the figure is",
                violation_error_code="invalid_choice",
            ),
            models.CheckConstraint(
                condition=models.Q(period_kind__in=FigurePeriod.values),
                name="statistic_period_kind_valid",
                violation_error_message="Choose what the figure is counted by: financial or calendar years, "
                "or their quarters",
                violation_error_code="invalid_choice",
            ),
            models.CheckConstraint(
                condition=models.Q(base_population__isnull=True)
                | models.Q(unit__in=list(RATE_BASES), base_population__gte=1),
                name="statistic_base_population_for_rates",
                violation_error_message=BASE_POPULATION_ONLY_FOR_RATES + ", and at least 1",
                violation_error_code="base_population",
            ),
            models.CheckConstraint(
                condition=models.Q(counted__isnull=True) | models.Q(unit__in=list(RATE_BASES)),
                name="statistic_counted_for_rates",
                violation_error_message=COUNTED_ONLY_FOR_RATES,
                violation_error_code="counted",
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__isnull=True)
                | models.Q(year__isnull=False, quarter__gte=1, quarter__lte=4),
                name="statistic_quarter_valid",
                violation_error_message="Choose a quarter from the 1st to the 4th, with the year it is in",
                violation_error_code="quarter",
            ),
            models.CheckConstraint(
                condition=models.Q(comparison_quarter__isnull=True)
                | models.Q(
                    comparison_year__isnull=False, comparison_quarter__gte=1, comparison_quarter__lte=4
                ),
                name="statistic_comparison_quarter_valid",
                violation_error_message="Choose a quarter compared with from the 1st to the 4th, with the year "
                "it is in",
                violation_error_code="quarter",
            ),
            year_in_range("year", "statistic", f"Enter the year measured, from {FIRST_YEAR} to {LAST_YEAR}"),
            year_in_range(
                "comparison_year",
                "statistic",
                f"Enter the year compared with, from {FIRST_YEAR} to {LAST_YEAR}",
            ),
            not_blank("key", "statistic", "Enter a key"),
            not_blank("label", "statistic", "Enter what was measured"),
        ]

    def __str__(self):
        return f"{self.label} ({self.key})"

    def clean(self):
        super().clean()
        if self.series_id is not None:
            # A computed change is counted by its series' periods.
            self.period_kind = self.series.period_kind
        errors = {}
        quarterly = is_quarterly(self.period_kind)
        for year_field, quarter_field, what in (
            ("year", "quarter", "measured"),
            ("comparison_year", "comparison_quarter", "compared with"),
        ):
            year, quarter = getattr(self, year_field), getattr(self, quarter_field)
            if quarterly and year is not None and quarter is None:
                errors[quarter_field] = ValidationError(
                    f"Choose the quarter {what}: the figure is counted by quarter", code="required"
                )
            elif not quarterly and quarter is not None:
                errors[quarter_field] = ValidationError(
                    "Leave the quarter empty: the figure is counted by whole years", code="not_quarterly"
                )
        if self.base_population is not None and self.unit not in RATE_BASES:
            errors["base_population"] = ValidationError(
                BASE_POPULATION_ONLY_FOR_RATES, code="base_population"
            )
        if self.counted is not None and self.unit not in RATE_BASES:
            errors["counted"] = ValidationError(COUNTED_ONLY_FOR_RATES, code="counted")
        if errors:
            raise ValidationError(errors)

    @property
    def is_computed(self) -> bool:
        return self.series_id is not None

    @property
    def is_computed_rate(self) -> bool:
        """A rate worked out from the number counted and the population."""
        return (
            self.value is None
            and self.unit in RATE_BASES
            and self.counted is not None
            and bool(self.base_population)
        )

    @property
    def counted_by(self) -> str:
        """The kind of period: a computed change's is its series'."""
        return self.series.period_kind if self.series_id is not None else self.period_kind

    @property
    def period_label(self) -> str:
        return period_label(self.counted_by, self.year, self.quarter)

    @property
    def comparison_label(self) -> str:
        return period_label(self.counted_by, self.comparison_year, self.comparison_quarter)

    def computed_value(self, points: dict[tuple[int, int | None], int] | None = None) -> Decimal | None:
        """The figure: the stored value, or the change computed from the series.
        ``points`` maps (year, quarter) to value for the series (pass it to avoid a
        query); the quarter is None for figures by whole years."""
        if self.is_computed_rate:
            return Decimal(self.counted) * RATE_BASES[self.unit] / Decimal(self.base_population)
        if not self.is_computed:
            return self.value
        if points is None:
            points = {
                (year, quarter): value
                for year, quarter, value in self.series.points.values_list("year", "quarter", "value")
            }
        now, then = (self.year, self.quarter), (self.comparison_year, self.comparison_quarter)
        if now not in points or then not in points:
            return None
        return percent_change(points[now], points[then])

    def format(self, value: Decimal | None, style: str = "", start: bool = True) -> str:
        """The figure as text. ``style`` "signed" shows +/- on a change; "change" says
        which way and between which periods ("up 12.3% from 2023 to 2024"); otherwise a
        change is shown as its size, since the sentence around it says which way.
        ``start``: the figure begins a sentence, a heading or a list item, so its
        first word is capitalised ("About 44.4"); mid-sentence it is not ("about 44.4")."""
        if value is None:
            return "[figure unavailable]"
        places = Decimal(1).scaleb(-self.decimal_places)
        rounded = value.quantize(places, rounding=ROUND_HALF_UP)
        is_change = self.unit in CHANGE_UNITS
        if style == "change" or (is_change and style != "signed"):
            shown = abs(rounded)
        else:
            shown = rounded
        text = self._with_unit(shown)
        if style == "signed" and rounded > 0:
            text = f"+{text}"
        words = [self.qualifier, text] if self.qualifier else [text]
        if style == "change":
            words = ["up" if rounded > 0 else "down", *words] if rounded else ["no change"]
            if self.year is not None and self.comparison_year is not None:
                words.append(f"from {self.comparison_label} to {self.period_label}")
        sentence = " ".join(words)
        return sentence[:1].upper() + sentence[1:] if start else sentence

    def _with_unit(self, value: Decimal) -> str:
        """The number with its unit: "12.3%", "4.1 percentage points", "44.4 per 1,000
        residents (population 312,400)", "£250,000", "£1.2m"."""
        places = self.decimal_places
        if self.unit == self.Unit.MONEY:
            sign, size = ("-" if value < 0 else ""), abs(value)
            if size >= MILLION:
                decimals = max(places, 1)
                millions = (size / MILLION).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
                number = _number(millions, decimals).rstrip("0").rstrip(".")
                return f"{sign}£{number}m"
            return f"{sign}£{_number(size, places)}"
        number = _number(value, places)
        if self.unit in (self.Unit.PERCENT, self.Unit.PERCENT_CHANGE):
            return f"{number}%"
        if self.unit == self.Unit.PERCENTAGE_POINTS:
            return f"{number} percentage point{'' if abs(value) == 1 else 's'}"
        if self.unit in RATE_BASES:
            text = f"{number} per {RATE_BASES[self.unit]:,} residents"
            if self.base_population:
                text += f" (population {self.base_population:,})"
            return text
        if self.unit == self.Unit.RATIO:
            return f"{number} times"
        return number


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
