"""Funds (the Community Safety Fund from the PCC's grant, a council's own
investment) and their budget lines. Totals are computed, never typed."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Sum

from plans.models import Block, Plan
from plans.models.base import (
    TITLE_MAX_LENGTH,
    Positioned,
    Versioned,
    not_blank,
    position_constraints,
    track_history,
)
from plans.periods import financial_years_label

MAX_AMOUNT = Decimal("9999999999.99")
FUND_ENDS_BEFORE_IT_STARTS = "The last financial year must be the same as the first year or after it"


class FundQuerySet(models.QuerySet):
    def with_totals(self):
        return self.annotate(total_amount=Sum("lines__amount", default=Decimal("0")))


class Fund(Versioned):
    """A pot of money and what it pays for, in one financial year or over several
    (2026/27 to 2028/29): its total is the sum of its lines either way."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="funds")
    block = models.OneToOneField(
        Block,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="fund",
        error_messages={"unique": "This part of the section already shows a fund"},
    )
    name = models.CharField(max_length=TITLE_MAX_LENGTH, help_text='e.g. "Community Safety Fund Plan".')
    provider = models.CharField(
        max_length=TITLE_MAX_LENGTH,
        blank=True,
        help_text='Who provides it, e.g. "Police and Crime Commissioner grant".',
    )
    year = models.PositiveSmallIntegerField(
        help_text="Start of the financial year (2015 = 2015/16).",
        validators=[MinValueValidator(1998)],
    )
    end_year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="For a fund over more than one year: the start of its last financial year "
        "(2028 = 2028/29). Empty for one year.",
        validators=[MinValueValidator(1998), MaxValueValidator(2100)],
    )
    total_label = models.CharField(max_length=TITLE_MAX_LENGTH, default="Total")

    objects = FundQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "name", "year"],
                name="fund_unique_name_year",
                violation_error_message="The plan already has a fund with this name for this financial year",
                violation_error_code="unique_together",
            ),
            not_blank("name", "fund", "Enter the name of the fund"),
            models.CheckConstraint(
                condition=models.Q(year__gte=1998, year__lte=2100),
                name="fund_year_in_range",
                violation_error_message="Enter a financial year from 1998 to 2100",
                violation_error_code="year",
            ),
            models.CheckConstraint(
                condition=models.Q(end_year__isnull=True)
                | models.Q(end_year__gte=models.F("year"), end_year__lte=2100),
                name="fund_end_year_not_before_start",
                violation_error_message=f"{FUND_ENDS_BEFORE_IT_STARTS}, and no later than 2100",
                violation_error_code="order",
            ),
        ]

    def __str__(self):
        return f"{self.name} {self.year_label}"

    @property
    def year_label(self) -> str:
        """ "2026/27", or "2026/27 to 2028/29" for a fund over several years."""
        return financial_years_label(self.year, self.end_year)

    @property
    def years(self) -> int:
        """How many financial years the fund covers."""
        return (self.end_year or self.year) - self.year + 1

    @property
    def total(self) -> Decimal:
        """Sum of the lines: from the ``with_totals`` annotation when present."""
        annotated = getattr(self, "total_amount", None)
        if annotated is not None:
            return annotated
        return self.lines.aggregate(total=Sum("amount", default=Decimal("0")))["total"]


class BudgetLine(Positioned):
    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="lines")
    description = models.CharField(max_length=500)
    amount = models.DecimalField(
        max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )

    class Meta(Positioned.Meta):
        constraints = [
            *position_constraints("fund", "budgetline"),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0),
                name="budgetline_amount_not_negative",
                violation_error_message="Enter an amount of £0 or more",
                violation_error_code="min_value",
            ),
            not_blank("description", "budgetline", "Enter what the money pays for"),
        ]

    def __str__(self):
        return f"{self.description}: £{self.amount:,.2f}"


track_history(Fund, BudgetLine)
