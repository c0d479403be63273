"""The column chart of a series: honest axes, and its figures in words."""

import pytest

from plans.models import Series, SeriesPoint
from plans.pdf.chart import _nice_ceiling, _ticks, bar_chart
from tests.factories import make_plan


@pytest.mark.parametrize(
    ("largest", "top"), [(0, 1), (1, 1), (7, 10), (33_529, 50_000), (20_001, 25_000), (1_999, 2_000)]
)
def test_the_axis_ends_at_a_round_number_above_the_largest_value(largest, top):
    assert _nice_ceiling(largest) == top


@pytest.mark.parametrize(
    ("top", "ticks"),
    [
        (50_000, [0, 10_000, 20_000, 30_000, 40_000, 50_000]),
        (2_000, [0, 500, 1_000, 1_500, 2_000]),
        (1, [0, 1]),
    ],
)
def test_gridlines_divide_the_axis_evenly(top, ticks):
    assert _ticks(top) == ticks


@pytest.mark.django_db
def test_bars_start_at_zero_and_are_as_tall_as_their_values():
    series = Series.objects.create(
        plan=make_plan(), key="crimes", title="Crimes", value_label="Recorded crimes"
    )
    for year, value in [(2014, 23_643), (2017, 30_531), (2018, 33_529)]:
        SeriesPoint.objects.create(series=series, year=year, value=value)
    chart = bar_chart(series)
    heights = [bar.height for bar in chart.bars]
    assert heights[1] / heights[0] == pytest.approx(30_531 / 23_643, rel=0.01)
    assert {round(bar.y + bar.height, 1) for bar in chart.bars} == {chart.plot_bottom}
    assert chart.description == "Recorded crimes by year. 2014/15: 23,643; 2017/18: 30,531; 2018/19: 33,529."
