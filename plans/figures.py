"""The plan's figures, loaded once, for text that shows them with {{key}}."""

from collections import defaultdict
from decimal import Decimal

from .content import PlanContent
from .models import Area, Plan, Series, SeriesPoint, Statistic
from .periods import period_label

FIGURE_TABLES = frozenset({Statistic, Series, SeriesPoint, Area})

#: One period of a series: (year, quarter), the quarter None for whole years.
Period = tuple[int, int | None]


class FigureBook:
    def __init__(self, statistics: list[Statistic], points: list[SeriesPoint], series: list[Series]):
        self.statistics = {stat.key: stat for stat in statistics}
        keys = {item.pk: item.key for item in series}
        self.period_kinds: dict[str, str] = {item.key: item.period_kind for item in series}
        self.points: dict[str, dict[Period, int]] = defaultdict(dict)
        self._points_by_series: dict[int, dict[Period, int]] = defaultdict(dict)
        for point in points:
            self.points[keys[point.series_id]][(point.year, point.quarter)] = point.value
            self._points_by_series[point.series_id][(point.year, point.quarter)] = point.value

    @classmethod
    def for_plan(cls, plan: Plan) -> "FigureBook":
        """The plan's figures, read in one query."""
        return cls.from_content(PlanContent.load(plan, only=FIGURE_TABLES))

    @classmethod
    def from_content(cls, content) -> "FigureBook":
        """From a plan's content already read (``plans.content.PlanContent``): no query."""
        return cls(content.rows(Statistic), content.rows(SeriesPoint), content.rows(Series))

    def value(self, key: str) -> Decimal | None:
        stat = self.statistics.get(key)
        if stat is None:
            return None
        return stat.computed_value(self._points_by_series.get(stat.series_id, {}))

    def text(self, key: str, style: str = "", start: bool = True) -> str:
        """The figure as text; ``start``: it begins a sentence (see ``Statistic.format``)."""
        stat = self.statistics.get(key)
        if stat is None:
            return f"[unknown figure: {key}]"
        return stat.format(self.value(key), style, start)

    def period_name(self, series_key: str, year: int, quarter: int | None = None) -> str:
        return period_label(self.period_kinds.get(series_key), year, quarter)

    def point(self, series_key: str, year: int, quarter: int | None = None) -> str:
        value = self.points.get(series_key, {}).get((year, quarter))
        if value is None:
            return f"[no figure for {series_key} in {self.period_name(series_key, year, quarter) or year}]"
        return f"{value:,}"
