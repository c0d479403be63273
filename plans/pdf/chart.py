"""A series drawn as a column chart: the geometry the print template turns into SVG."""

from dataclasses import dataclass, field
from decimal import Decimal

from ..periods import FigurePeriod, is_quarterly, period_label_lines, period_noun


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float
    #: The label on one line, or two where the columns are narrow: ["Q1", "2024/25"].
    label_lines: list[str] = field(default_factory=list)

    @property
    def label_rows(self) -> list[tuple[str, int]]:
        """Each line of the label with how far below the axis it sits: one text
        element a line, each centred under its column on its own."""
        return [(line, 17 + 12 * index) for index, line in enumerate(self.label_lines or [self.label])]

    @property
    def centre(self) -> float:
        return self.x + self.width / 2


@dataclass(frozen=True)
class BarChart:
    """A column chart of a series, in SVG user units (see plans/pdf/blocks.html)."""

    width: int
    height: int
    plot_left: int
    plot_bottom: int
    bars: list[Bar]
    gridlines: list[dict]
    description: str


def bar_chart(series, width: int = 480, height: int = 220) -> BarChart | None:
    """Column geometry for a series' points, on an axis that starts at zero (so a
    bar's height is honest) and ends at a round number above the largest value."""
    points = list(series.points.all())
    if not points:
        return None
    kind = series.period_kind
    # A quarter's name takes two lines under its column.
    left, top, bottom = 56, 18, height - (40 if is_quarterly(kind) else 28)
    top_value = _nice_ceiling(max(point.value for point in points))
    slot = (width - left) / len(points)
    bar_width = min(slot * 0.62, 72)
    bars = []
    for index, point in enumerate(points):
        bar_height = (bottom - top) * point.value / top_value if top_value else 0
        bars.append(
            Bar(
                label=point.label_in(kind),
                label_lines=period_label_lines(kind, point.year, point.quarter),
                value=point.value,
                x=round(left + index * slot + (slot - bar_width) / 2, 1),
                y=round(bottom - bar_height, 1),
                width=round(bar_width, 1),
                height=round(bar_height, 1),
            )
        )
    gridlines = [
        {"value": value, "y": round(bottom - (bottom - top) * value / top_value, 1)}
        for value in _ticks(top_value)
    ]
    noun = "year" if kind == FigurePeriod.FINANCIAL else period_noun(kind)
    description = "; ".join(f"{bar.label}: {bar.value:,}" for bar in bars)
    return BarChart(
        width, height, left, bottom, bars, gridlines, f"{series.value_label} by {noun}. {description}."
    )


def _nice_ceiling(value: int) -> int:
    """The smallest of 1, 2, 2.5 or 5 times a power of ten that is at least value."""
    if value <= 0:
        return 1
    magnitude = Decimal(10) ** (len(str(int(value))) - 1)
    for step in (1, 2, Decimal("2.5"), 5, 10):
        if step * magnitude >= value:
            return int(step * magnitude)
    return int(10 * magnitude)  # pragma: no cover (10 x magnitude always suffices)


def _ticks(top_value: int) -> list[int]:
    """Gridline values from 0 to the axis' top: five steps, or four for 2 x 10^n."""
    parts = 4 if str(top_value).rstrip("0") == "2" else 5
    step = max(1, top_value // parts)
    return list(range(0, top_value + 1, step))
