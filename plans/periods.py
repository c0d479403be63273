"""How the periods figures are counted in are named: one function for the plan's
page, the PDF, the chart and the editor.

A figure is counted by one of four kinds of period:

- a financial year, 1 April to 31 March, named by the year it starts: "2024/25";
- a calendar year: "2024";
- a quarter of a financial year: Q1 is April to June, Q2 July to September, Q3
  October to December and Q4 January to March (of the year after the one the
  financial year starts in): "Q1 2024/25";
- a quarter of a calendar year, named by its months so it is never mistaken for a
  financial quarter: "Jan to Mar 2024" (GOV.UK style: "to" in ranges, not a dash).

A year is always stored as the year the period starts in (2024 for 2024/25) and a
quarter as 1 to 4 within that year.
"""

from django.db import models


class FigurePeriod(models.TextChoices):
    FINANCIAL = "financial", "Financial years (1 April to 31 March)"
    CALENDAR = "calendar", "Calendar years (1 January to 31 December)"
    FINANCIAL_QUARTER = "financial_quarter", "Quarters of financial years (Q1 is April to June)"
    CALENDAR_QUARTER = "calendar_quarter", "Quarters of calendar years (January to March first)"


QUARTERLY = frozenset({FigurePeriod.FINANCIAL_QUARTER, FigurePeriod.CALENDAR_QUARTER})

QUARTER_CHOICES = [(1, "1st quarter"), (2, "2nd quarter"), (3, "3rd quarter"), (4, "4th quarter")]

CALENDAR_QUARTER_MONTHS = {1: "Jan to Mar", 2: "Apr to Jun", 3: "Jul to Sep", 4: "Oct to Dec"}


def is_quarterly(kind: str | None) -> bool:
    return kind in QUARTERLY


def financial_year_label(start_year: int | None) -> str:
    """2013 -> "2013/14": the financial year from 1 April to 31 March."""
    if start_year is None:
        return ""
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def period_label(kind: str | None, year: int | None, quarter: int | None = None) -> str:
    """The name of one period: "2024/25", "2024", "Q1 2024/25" or "Jan to Mar 2024".
    A quarterly kind without a quarter is named as its whole year."""
    if year is None:
        return ""
    kind = kind or FigurePeriod.FINANCIAL
    if kind == FigurePeriod.CALENDAR or (kind == FigurePeriod.CALENDAR_QUARTER and not quarter):
        return str(year)
    if kind == FigurePeriod.CALENDAR_QUARTER:
        return f"{CALENDAR_QUARTER_MONTHS[quarter]} {year}"
    if kind == FigurePeriod.FINANCIAL_QUARTER and quarter:
        return f"Q{quarter} {financial_year_label(year)}"
    return financial_year_label(year)


def period_label_lines(kind: str | None, year: int | None, quarter: int | None = None) -> list[str]:
    """The same name on two lines where a chart's column is narrow: ["Q1", "2024/25"]."""
    label = period_label(kind, year, quarter)
    if is_quarterly(kind) and quarter:
        head, _, tail = label.rpartition(" ")
        return [head, tail]
    return [label]


def financial_years_label(start_year: int | None, end_year: int | None = None) -> str:
    """Financial years from one to another: "2026/27", or "2026/27 to 2028/29"
    (each year named by the year it starts)."""
    if start_year is None:
        return ""
    if end_year is None or end_year == start_year:
        return financial_year_label(start_year)
    return f"{financial_year_label(start_year)} to {financial_year_label(end_year)}"


def period_noun(kind: str | None) -> str:
    """What a chart's caption says the figures are by: "financial year", "quarter"."""
    return {
        FigurePeriod.CALENDAR: "calendar year",
        FigurePeriod.FINANCIAL_QUARTER: "quarter",
        FigurePeriod.CALENDAR_QUARTER: "quarter",
    }.get(kind, "financial year")
