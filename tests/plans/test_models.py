from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction

from plans.models import Plan, Section, SeriesPoint, Statistic
from tests.factories import make_block, make_plan, make_section

pytestmark = pytest.mark.django_db


def check_deferred_constraints():
    """Unique positions are checked at commit; tests run inside a transaction that
    never commits, so ask Postgres to check now."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def test_a_one_year_plan_is_labelled_like_2015_16():
    assert make_plan(start_year=2015, end_year=2016).period_label == "2015-16"


def test_a_three_year_plan_is_labelled_like_2020_2023():
    assert make_plan(start_year=2020, end_year=2023).period_label == "2020-2023"


def test_the_database_refuses_a_plan_that_ends_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_plan(start_year=2020, end_year=2019)


def test_the_database_refuses_a_published_plan_without_a_date():
    plan = make_plan()
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.filter(pk=plan.pk).update(status="published")


def test_the_database_refuses_two_sections_in_one_place():
    plan = make_plan()
    make_section(plan, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_section(plan, 1)
        check_deferred_constraints()


def test_two_top_level_sections_cannot_share_a_position_even_with_no_parent():
    plan = make_plan()
    Section.objects.create(plan=plan, position=1, title="A", anchor="a")
    with pytest.raises(IntegrityError), transaction.atomic():
        Section.objects.create(plan=plan, position=1, title="B", anchor="b")
        check_deferred_constraints()


def test_sections_can_swap_places_inside_one_transaction():
    plan = make_plan()
    first, second = make_section(plan, 1), make_section(plan, 2)
    with transaction.atomic():
        Section.objects.filter(pk=first.pk).update(position=2)
        Section.objects.filter(pk=second.pk).update(position=1)
        check_deferred_constraints()
    assert list(plan.sections.order_by("position")) == [second, first]


def test_the_database_refuses_an_empty_narrative_block():
    section = make_section(make_plan(), 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_block(section, 1, body="   ")


def test_the_database_refuses_a_position_below_one():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_section(make_plan(), 0)


def test_a_computed_change_is_worked_out_from_the_series():
    plan = make_plan()
    series = plan.series.create(key="crime", title="Crime", value_label="Crimes")
    SeriesPoint.objects.create(series=series, year=2017, value=30531)
    SeriesPoint.objects.create(series=series, year=2018, value=33529)
    stat = Statistic.objects.create(
        plan=plan,
        key="c",
        label="Change",
        unit="percent_change",
        series=series,
        year=2018,
        comparison_year=2017,
    )
    assert stat.computed_value().quantize(Decimal("0.01")) == Decimal("9.82")
    assert stat.format(stat.computed_value()) == "10%"
    assert stat.format(stat.computed_value(), "signed") == "+10%"


def test_the_database_refuses_a_statistic_with_both_a_value_and_a_series():
    plan = make_plan()
    series = plan.series.create(key="crime", title="Crime", value_label="Crimes")
    with pytest.raises(IntegrityError), transaction.atomic():
        Statistic.objects.create(
            plan=plan,
            key="c",
            label="x",
            unit="percent_change",
            value=5,
            series=series,
            year=2018,
            comparison_year=2017,
        )


def test_the_database_refuses_a_statistic_with_neither_value_nor_series():
    with pytest.raises(IntegrityError), transaction.atomic():
        Statistic.objects.create(plan=make_plan(), key="c", label="x", unit="percent")


@pytest.mark.parametrize(
    ("unit", "value", "places", "qualifier", "style", "expected"),
    [
        ("percent_change", "-5", 0, "", "", "5%"),
        ("percent_change", "-2", 0, "", "signed", "-2%"),
        ("percent_change", "8", 0, "", "signed", "+8%"),
        ("percent", "1.6", 1, "", "", "1.6%"),
        ("percent", "50", 0, "Over", "", "Over 50%"),
        ("count", "1700", 0, "Almost", "", "Almost 1,700"),
        ("ratio", "3", 0, "", "", "3 times"),
        ("percent", "9.5", 0, "", "", "10%"),
    ],
)
def test_a_statistic_formats_its_figure(unit, value, places, qualifier, style, expected):
    stat = Statistic(unit=unit, value=Decimal(value), decimal_places=places, qualifier=qualifier)
    assert stat.format(stat.computed_value(), style) == expected


def test_bulk_updates_cannot_break_the_rules_the_forms_apply():
    from funding.models import Fund
    from plans.models import Finding
    from tests.factories import make_full_plan

    plan = make_full_plan(scale=1)
    attempts = [
        lambda: Plan.objects.filter(pk=plan.pk).update(start_year=1066),
        lambda: Fund.objects.filter(plan=plan).update(year=3000),
        lambda: SeriesPoint.objects.filter(series__plan=plan).update(year=1800),
        lambda: Finding.objects.filter(group__block__section__plan=plan).update(text="  "),
        lambda: Section.objects.filter(plan=plan).update(anchor="has spaces"),
        lambda: Statistic.objects.filter(plan=plan).update(key=""),
    ]
    refused = 0
    for attempt in attempts:
        with pytest.raises(IntegrityError), transaction.atomic():
            attempt()
        refused += 1
    assert refused == len(attempts)
