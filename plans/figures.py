"""The plan's figures, loaded once, for text that shows them with {{key}}."""

from collections import defaultdict
from decimal import Decimal

from .models import Plan, SeriesPoint, Statistic


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
        points = list(SeriesPoint.objects.filter(series__plan=plan).select_related("series"))
        series_keys = {point.series_id: point.series.key for point in points}
        statistics = list(Statistic.objects.filter(plan=plan).select_related("area"))
        return cls(statistics, points, series_keys)

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
