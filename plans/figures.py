"""The plan's figures, loaded once, for text that shows them with {{key}}."""

from collections import defaultdict
from decimal import Decimal

from .content import PlanContent
from .models import Area, Plan, Series, SeriesPoint, Statistic

FIGURE_TABLES = frozenset({Statistic, Series, SeriesPoint, Area})


class FigureBook:
    def __init__(self, statistics: list[Statistic], points: list[SeriesPoint], series_keys: dict[int, str]):
        self.statistics = {stat.key: stat for stat in statistics}
        self.points: dict[str, dict[int, int]] = defaultdict(dict)
        self._points_by_series: dict[int, dict[int, int]] = defaultdict(dict)
        for point in points:
            self.points[series_keys[point.series_id]][point.year] = point.value
            self._points_by_series[point.series_id][point.year] = point.value

    @classmethod
    def for_plan(cls, plan: Plan) -> "FigureBook":
        """The plan's figures, read in one query."""
        return cls.from_content(PlanContent.load(plan, only=FIGURE_TABLES))

    @classmethod
    def from_content(cls, content) -> "FigureBook":
        """From a plan's content already read (``plans.content.PlanContent``): no query."""
        series_keys = {series.pk: series.key for series in content.rows(Series)}
        return cls(content.rows(Statistic), content.rows(SeriesPoint), series_keys)

    def value(self, key: str) -> Decimal | None:
        stat = self.statistics.get(key)
        if stat is None:
            return None
        return stat.computed_value(self._points_by_series.get(stat.series_id, {}))

    def text(self, key: str, style: str = "") -> str:
        stat = self.statistics.get(key)
        if stat is None:
            return f"[unknown figure: {key}]"
        return stat.format(self.value(key), style)

    def point(self, series_key: str, year: int) -> str:
        value = self.points.get(series_key, {}).get(year)
        if value is None:
            return f"[no figure for {series_key} in {year}]"
        return f"{value:,}"
