"""Figures as strategic assessments state them: their units, their qualifiers in the
grammar of the sentence, the periods they are counted by (calendar or financial
years, or their quarters), and changes between two periods."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from plans.editor import registry, services
from plans.figures import FigureBook
from plans.markdown import render_inline, render_markdown, starts_sentence
from plans.models import Series, SeriesPoint, Statistic
from plans.pdf.chart import bar_chart
from plans.periods import FigurePeriod, financial_years_label, period_label, period_label_lines
from tests.factories import make_block, make_plan, make_section


def stat(unit, value, places=0, qualifier="", key="k", **fields):
    return Statistic(
        key=key,
        label="Label",
        unit=unit,
        value=Decimal(value),
        decimal_places=places,
        qualifier=qualifier,
        **fields,
    )


# Units ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "value", "places", "fields", "style", "expected"),
    [
        ("percent", "12.34", 1, {}, "", "12.3%"),
        ("percentage_points", "4.1", 1, {}, "", "4.1 percentage points"),
        ("percentage_points", "1", 0, {}, "", "1 percentage point"),
        # A change in a share reads as its size; the sentence says which way.
        ("percentage_points", "-4.1", 1, {}, "", "4.1 percentage points"),
        ("percentage_points", "-4.1", 1, {}, "signed", "-4.1 percentage points"),
        ("percentage_points", "4.1", 1, {}, "signed", "+4.1 percentage points"),
        ("per_1000", "44.44", 1, {}, "", "44.4 per 1,000 residents"),
        (
            "per_1000",
            "44.4",
            1,
            {"base_population": 312_400},
            "",
            "44.4 per 1,000 residents (population 312,400)",
        ),
        ("per_100000", "1234.5", 1, {}, "", "1,234.5 per 100,000 residents"),
        ("money", "250000", 0, {}, "", "£250,000"),
        ("money", "999999", 0, {}, "", "£999,999"),
        ("money", "1234.5", 2, {}, "", "£1,234.50"),
        ("money", "1200000", 0, {}, "", "£1.2m"),
        ("money", "1249999", 0, {}, "", "£1.2m"),
        ("money", "2000000", 0, {}, "", "£2m"),
        ("money", "1250000", 2, {}, "", "£1.25m"),
        ("money", "-5000", 0, {}, "", "-£5,000"),
        ("money", "5000", 0, {}, "signed", "+£5,000"),
        ("count", "3000", 0, {}, "", "3,000"),
        ("ratio", "2.5", 1, {}, "", "2.5 times"),
    ],
)
def test_each_unit_reads_as_people_write_it(unit, value, places, fields, style, expected):
    figure = stat(unit, value, places, **fields)
    assert figure.format(figure.computed_value(), style) == expected


# Qualifiers in the sentence ------------------------------------------------------


def book(*statistics) -> FigureBook:
    return FigureBook(list(statistics), [], [])


ABOUT = stat("per_1000", "44.4", 1, "about", key="rate")
OVER = stat("count", "3000", 0, "over", key="crimes")
NEARLY = stat("percent", "12", 0, "nearly", key="share")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Crime fell by {{rate}} last year", "Crime fell by about 44.4 per 1,000 residents last year"),
        ("{{rate}} is the rate.", "About 44.4 per 1,000 residents is the rate."),
        ("Crime fell. {{crimes}} were recorded.", "Crime fell. Over 3,000 were recorded."),
        (
            "There were {{crimes}} crimes and {{share}} of them",
            "There were over 3,000 crimes and nearly 12% of them",
        ),
        ("Why? {{share}} said so", "Why? Nearly 12% said so"),
        ("Crime rose by **{{share}}**", "Crime rose by <strong>nearly 12%</strong>"),
        ("Most said so (e.g. {{share}})", "Most said so (e.g. nearly 12%)"),
        ("Crime fell by\n{{crimes}} in a year", "Crime fell by\nover 3,000 in a year"),
    ],
)
def test_a_qualifier_is_capitalised_only_where_a_sentence_starts(text, expected):
    assert render_inline(text, book(ABOUT, OVER, NEARLY)) == expected


def test_a_qualifier_starts_a_heading_a_list_item_and_a_paragraph_with_a_capital():
    html = render_markdown(
        "### {{share}} feel unsafe\n\n- {{crimes}} crimes\n- down by {{rate}}\n\n{{rate}}",
        book(ABOUT, OVER, NEARLY),
    )
    assert "<h3>Nearly 12% feel unsafe</h3>" in html
    assert "<li>Over 3,000 crimes</li>" in html
    assert "<li>down by about 44.4 per 1,000 residents</li>" in html
    assert "<p>About 44.4 per 1,000 residents</p>" in html


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("", True),
        ("Crime fell by ", False),
        ("Done. ", True),
        ("1. ", True),
        ("> ", True),
        ("fell by\n", False),
    ],
)
def test_where_a_sentence_starts(text, starts):
    assert starts_sentence(text + "{{x}}", len(text)) is starts


def test_a_figure_on_its_own_is_capitalised():
    assert book(ABOUT).text("rate") == "About 44.4 per 1,000 residents"
    assert book(ABOUT).text("rate", start=False) == "about 44.4 per 1,000 residents"


# Periods ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "year", "quarter", "label"),
    [
        (FigurePeriod.FINANCIAL, 2024, None, "2024/25"),
        (FigurePeriod.FINANCIAL, 1999, None, "1999/00"),
        (FigurePeriod.CALENDAR, 2024, None, "2024"),
        (FigurePeriod.FINANCIAL_QUARTER, 2024, 1, "Q1 2024/25"),
        (FigurePeriod.FINANCIAL_QUARTER, 2024, 4, "Q4 2024/25"),
        (FigurePeriod.CALENDAR_QUARTER, 2024, 1, "Jan to Mar 2024"),
        (FigurePeriod.CALENDAR_QUARTER, 2024, 4, "Oct to Dec 2024"),
        (FigurePeriod.FINANCIAL, None, None, ""),
    ],
)
def test_one_rule_names_every_period(kind, year, quarter, label):
    assert period_label(kind, year, quarter) == label


def test_a_quarter_is_named_on_two_lines_under_a_narrow_column():
    assert period_label_lines(FigurePeriod.FINANCIAL_QUARTER, 2024, 2) == ["Q2", "2024/25"]
    assert period_label_lines(FigurePeriod.CALENDAR_QUARTER, 2024, 3) == ["Jul to Sep", "2024"]
    assert period_label_lines(FigurePeriod.FINANCIAL, 2024) == ["2024/25"]


def test_financial_years_from_one_to_another():
    assert financial_years_label(2026) == "2026/27"
    assert financial_years_label(2026, 2026) == "2026/27"
    assert financial_years_label(2026, 2028) == "2026/27 to 2028/29"


@pytest.mark.django_db
class TestChangesBetweenPeriods:
    def series(self, kind, points):
        plan = make_plan()
        series = Series.objects.create(
            plan=plan, key="crimes", title="Recorded crime", value_label="Crimes", period_kind=kind
        )
        for year, quarter, value in points:
            SeriesPoint.objects.create(series=series, year=year, quarter=quarter, value=value)
        return series

    def change(self, series, **fields):
        return Statistic.objects.create(
            plan=series.plan, key="change", label="Change", unit="percent_change", series=series, **fields
        )

    def test_a_change_between_calendar_years_reads_up_from_one_year_to_the_other(self):
        series = self.series(FigurePeriod.CALENDAR, [(2023, None, 1000), (2024, None, 1123)])
        self.change(
            series, year=2024, comparison_year=2023, decimal_places=1, period_kind=FigurePeriod.CALENDAR
        )
        figures = FigureBook.for_plan(series.plan)
        assert figures.text("change", "change", start=False) == "up 12.3% from 2023 to 2024"
        assert (
            render_inline("Crime went {{change:change}}.", figures)
            == "Crime went up 12.3% from 2023 to 2024."
        )
        assert render_inline("{{change:change}}.", figures) == "Up 12.3% from 2023 to 2024."
        assert figures.text("change") == "12.3%"

    def test_a_fall_between_financial_years_reads_down(self):
        series = self.series(FigurePeriod.FINANCIAL, [(2022, None, 1000), (2023, None, 950)])
        self.change(series, year=2023, comparison_year=2022)
        assert (
            FigureBook.for_plan(series.plan).text("change", "change", False)
            == "down 5% from 2022/23 to 2023/24"
        )

    def test_a_computed_change_is_counted_as_its_series_is(self):
        series = self.series(FigurePeriod.CALENDAR, [(2023, None, 10), (2024, None, 10)])
        change = Statistic(
            plan=series.plan,
            key="flat",
            label="Flat",
            unit="percent_change",
            series=series,
            year=2024,
            comparison_year=2023,
        )
        change.full_clean()
        assert change.period_kind == FigurePeriod.CALENDAR
        change.save()
        assert FigureBook.for_plan(series.plan).text("flat", "change") == "No change from 2023 to 2024"

    def test_a_change_between_quarters_of_financial_years(self):
        series = self.series(FigurePeriod.FINANCIAL_QUARTER, [(2024, 1, 400), (2024, 2, 420), (2025, 1, 300)])
        self.change(series, year=2025, quarter=1, comparison_year=2024, comparison_quarter=1)
        figures = FigureBook.for_plan(series.plan)
        assert figures.text("change", "change", False) == "down 25% from Q1 2024/25 to Q1 2025/26"
        assert render_inline("{{crimes@2024q2}} in {{crimes@2024q1}}", figures) == "420 in 400"

    def test_the_table_and_chart_name_quarters_and_keep_financial_years_as_they_were(self, client):
        quarterly = self.series(FigurePeriod.CALENDAR_QUARTER, [(2024, 1, 400), (2024, 2, 420)])
        chart = bar_chart(quarterly)
        assert [bar.label for bar in chart.bars] == ["Jan to Mar 2024", "Apr to Jun 2024"]
        assert [bar.label_lines for bar in chart.bars] == [["Jan to Mar", "2024"], ["Apr to Jun", "2024"]]
        assert chart.description == "Crimes by quarter. Jan to Mar 2024: 400; Apr to Jun 2024: 420."
        yearly = self.series(FigurePeriod.FINANCIAL, [(2017, None, 30_531), (2018, None, 33_529)])
        assert bar_chart(yearly).description == "Crimes by year. 2017/18: 30,531; 2018/19: 33,529."
        assert [point.year_label for point in yearly.points.all()] == ["2017/18", "2018/19"]

    def test_a_point_of_a_quarterly_series_needs_its_quarter(self):
        series = self.series(FigurePeriod.FINANCIAL_QUARTER, [(2024, 1, 400)])
        with pytest.raises(ValidationError) as caught:
            SeriesPoint(series=series, year=2024, value=1).full_clean()
        assert caught.value.message_dict == {
            "quarter": ["Choose the quarter: these figures are counted by quarter"]
        }
        with pytest.raises(ValidationError) as caught:
            SeriesPoint(series=series, year=2024, quarter=1, value=1).full_clean()
        assert "There is already a figure for this period" in str(caught.value)
        SeriesPoint(series=series, year=2024, quarter=2, value=1).full_clean()

    def test_a_point_of_a_yearly_series_has_no_quarter(self):
        series = self.series(FigurePeriod.CALENDAR, [(2024, None, 400)])
        with pytest.raises(ValidationError) as caught:
            SeriesPoint(series=series, year=2025, quarter=3, value=1).full_clean()
        assert caught.value.message_dict == {
            "quarter": ["Leave the quarter empty: these figures are counted by whole years"]
        }
        # One figure a year, even without a quarter (nulls are not distinct).
        with pytest.raises(IntegrityError), transaction.atomic():
            SeriesPoint.objects.create(series=series, year=2024, value=1)

    def test_the_database_refuses_a_quarter_that_is_not_one_to_four(self):
        series = self.series(FigurePeriod.FINANCIAL_QUARTER, [(2024, 1, 400)])
        with pytest.raises(IntegrityError), transaction.atomic():
            SeriesPoint.objects.filter(series=series).update(quarter=5)


@pytest.mark.django_db
def test_the_database_refuses_a_population_for_a_figure_that_is_not_a_rate():
    plan = make_plan()
    figure = Statistic.objects.create(
        plan=plan, key="k", label="L", unit="per_1000", value=5, base_population=1000
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Statistic.objects.filter(pk=figure.pk).update(unit="percent")
    figure.unit = "percent"
    with pytest.raises(ValidationError) as caught:
        figure.full_clean()
    assert caught.value.message_dict["base_population"] == [
        "Give the population only for a rate per 1,000 or per 100,000 residents"
    ]


# Through the editor --------------------------------------------------------------


def add_url(plan, kind, parent=None):
    url = reverse("plans:edit_add", args=[plan.slug, kind])
    return f"{url}?parent={parent.pk}" if parent is not None else url


def errors_of(response) -> str:
    return response.content.decode()


STATISTIC = {
    "key": "crime_rate",
    "label": "Crime rate",
    "unit": "per_1000",
    "qualifier": "about",
    "value": "44.4",
    "decimal_places": "1",
    "base_population": "312,400",
    "year": "2024",
    "period_kind": "calendar",
}


@pytest.mark.django_db
class TestEditor:
    def test_an_officer_adds_a_rate_with_its_population(self, officer_client):
        plan = make_plan()
        response = officer_client.post(add_url(plan, "statistic"), STATISTIC)
        assert response.status_code == 302, errors_of(response)
        figure = Statistic.objects.get(plan=plan, key="crime_rate")
        assert (figure.base_population, figure.qualifier, figure.period_label) == (312_400, "about", "2024")
        assert FigureBook.for_plan(plan).text("crime_rate", start=False) == (
            "about 44.4 per 1,000 residents (population 312,400)"
        )

    def test_a_population_for_a_percentage_is_refused_in_plain_words(self, officer_client):
        plan = make_plan()
        response = officer_client.post(add_url(plan, "statistic"), {**STATISTIC, "unit": "percent"})
        assert response.status_code == 200
        assert "Give the population only for a rate per 1,000 or per 100,000 residents" in errors_of(response)
        assert not Statistic.objects.filter(plan=plan).exists()

    def test_a_quarterly_figure_needs_its_quarter(self, officer_client):
        plan = make_plan()
        data = {**STATISTIC, "period_kind": "financial_quarter"}
        response = officer_client.post(add_url(plan, "statistic"), data)
        assert "Choose the quarter measured: the figure is counted by quarter" in errors_of(response)
        response = officer_client.post(add_url(plan, "statistic"), {**data, "quarter": "2"})
        assert response.status_code == 302, errors_of(response)
        assert Statistic.objects.get(plan=plan).period_label == "Q2 2024/25"

    def test_a_figure_without_a_period_kind_is_by_financial_year(self, officer_client):
        plan = make_plan()
        data = {key: value for key, value in STATISTIC.items() if key != "period_kind"}
        response = officer_client.post(add_url(plan, "statistic"), data)
        assert response.status_code == 302, errors_of(response)
        assert Statistic.objects.get(plan=plan).period_label == "2024/25"

    def test_a_series_by_quarter_and_its_points(self, officer_client):
        plan = make_plan()
        section = make_section(plan, 1)
        response = officer_client.post(
            add_url(plan, "series", section),
            {
                "key": "asb",
                "title": "Anti-social behaviour",
                "value_label": "Incidents",
                "period_kind": "financial_quarter",
            },
        )
        assert response.status_code == 302, errors_of(response)
        series = Series.objects.get(plan=plan, key="asb")
        response = officer_client.post(
            add_url(plan, "series-point", series), {"year": "2024", "value": "1,204"}
        )
        assert "Choose the quarter: these figures are counted by quarter" in errors_of(response)
        response = officer_client.post(
            add_url(plan, "series-point", series), {"year": "2024", "quarter": "1", "value": "1,204"}
        )
        assert response.status_code == 302, errors_of(response)
        assert [str(point) for point in series.points.all()] == ["Q1 2024/25: 1204"]

    def test_a_text_may_show_a_quarters_figure_and_a_change(self):
        plan = make_plan()
        series = Series.objects.create(
            plan=plan,
            key="asb",
            title="ASB",
            value_label="Incidents",
            period_kind=FigurePeriod.FINANCIAL_QUARTER,
        )
        SeriesPoint.objects.create(series=series, year=2024, quarter=1, value=10)
        with pytest.raises(ValidationError) as caught:
            services.item_create(
                kind=registry.get("block"),
                plan=plan,
                parent=make_section(plan, 1),
                data={"body": "{{asb@2024q2}}"},
                actor=None,
            )
        assert "asb has no figure for 2024 quarter 2. It has figures for 2024q1." in str(caught.value)


# Web page and PDF ----------------------------------------------------------------


@pytest.mark.django_db
def test_the_plan_page_and_pdf_show_units_qualifiers_and_periods(officer_client):
    from funding.models import BudgetLine, Fund
    from plans.pdf import render as pdf_render
    from tests.pdf.pdftext import ReadPDF, squash

    plan = make_plan()
    section = make_section(plan, 1, title="Evidence")
    Statistic.objects.create(
        plan=plan,
        key="rate",
        label="Rate",
        unit="per_1000",
        value=Decimal("44.4"),
        decimal_places=1,
        qualifier="about",
        base_population=312_400,
    )
    Statistic.objects.create(
        plan=plan, key="pp", label="Share", unit="percentage_points", value=Decimal("4.1"), decimal_places=1
    )
    Statistic.objects.create(plan=plan, key="cost", label="Cost", unit="money", value=250_000)
    Statistic.objects.create(
        plan=plan,
        key="share",
        label="Share",
        unit="percent",
        value=Decimal("12.3"),
        decimal_places=1,
        qualifier="nearly",
    )
    make_block(
        section,
        1,
        body="Crime fell by {{rate}} last year. {{share}} of residents felt unsafe, up {{pp}}. It cost {{cost}}.",
    )
    series = Series.objects.create(
        plan=plan,
        key="asb",
        title="ASB incidents",
        value_label="Incidents",
        period_kind=FigurePeriod.FINANCIAL_QUARTER,
        block=make_block(section, 2, kind="series"),
    )
    for quarter, value in [(1, 1204), (2, 1310)]:
        SeriesPoint.objects.create(series=series, year=2024, quarter=quarter, value=value)
    fund = Fund.objects.create(
        plan=plan,
        block=make_block(section, 3, kind="fund"),
        name="Community Safety Fund",
        year=2026,
        end_year=2028,
    )
    BudgetLine.objects.create(fund=fund, position=1, description="Domestic abuse", amount=150_000)
    BudgetLine.objects.create(fund=fund, position=2, description="Youth work", amount=100_000)

    expected = [
        "Crime fell by about 44.4 per 1,000 residents (population 312,400) last year.",
        "Nearly 12.3% of residents felt unsafe, up 4.1 percentage points.",
        "It cost £250,000.",
        "Q1 2024/25",
        "Q2 2024/25",
        "Community Safety Fund 2026/27 to 2028/29",
        "£250,000",
    ]
    page = officer_client.get(plan.get_absolute_url()).content.decode()
    for text in expected:
        assert text in page
    assert ">Quarter</th>" in page

    read = ReadPDF(pdf_render.render_plan_pdf(plan))
    body = squash("".join(page.body for page in read.pages))
    for text in expected:
        assert squash(text) in body


@pytest.mark.parametrize(
    ("line", "parsed"),
    [
        ("2018 - 33,529", {"year": "2018", "value": "33,529"}),
        ("Q1 2024/25 - 1,204", {"year": "2024", "quarter": "1", "value": "1,204"}),
        ("q4 2024\t980", {"year": "2024", "quarter": "4", "value": "980"}),
    ],
)
def test_a_pasted_line_may_name_its_quarter(line, parsed):
    from plans.editor.bulk import year_and_figure

    assert year_and_figure(line) == parsed


def test_a_quarters_label_sits_on_two_centred_lines_under_its_column():
    from plans.pdf.chart import Bar

    bar = Bar("Q1 2024/25", 5, 0, 0, 10, 10, ["Q1", "2024/25"])
    assert bar.label_rows == [("Q1", 17), ("2024/25", 29)]
    assert Bar("2024/25", 5, 0, 0, 10, 10).label_rows == [("2024/25", 17)]


@pytest.mark.django_db
def test_the_editors_list_of_figures_gives_a_quarters_code(officer_client):
    plan = make_plan()
    section = make_section(plan, 1)
    series = Series.objects.create(
        plan=plan, key="asb", title="ASB", value_label="Incidents", period_kind=FigurePeriod.FINANCIAL_QUARTER
    )
    SeriesPoint.objects.create(series=series, year=2024, quarter=3, value=1_204)
    block = make_block(section, 1, body="Text")
    page = officer_client.get(
        reverse("plans:edit_item", args=[plan.slug, "block", block.pk])
    ).content.decode()
    assert "{{asb@2024q3}}" in page
    assert "asb in Q3 2024/25" in page


def test_a_rate_is_worked_out_from_the_number_counted_and_the_population():
    figure = Statistic(
        key="k",
        label="Crime rate",
        unit="per_1000",
        counted=13_871,
        base_population=312_400,
        decimal_places=1,
    )
    assert figure.is_computed_rate and not figure.is_computed
    assert figure.format(figure.computed_value()) == "44.4 per 1,000 residents (population 312,400)"
    per_100000 = Statistic(
        key="k", label="L", unit="per_100000", counted=3, base_population=312_400, decimal_places=2
    )
    assert per_100000.format(per_100000.computed_value()) == "0.96 per 100,000 residents (population 312,400)"


@pytest.mark.django_db
class TestWorkedOutRates:
    def test_the_database_keeps_a_worked_out_rate_to_rates(self):
        plan = make_plan()
        figure = Statistic.objects.create(
            plan=plan, key="rate", label="Rate", unit="per_1000", counted=13_871, base_population=312_400
        )
        assert FigureBook.for_plan(plan).text("rate") == "44 per 1,000 residents (population 312,400)"
        with pytest.raises(IntegrityError), transaction.atomic():
            Statistic.objects.filter(pk=figure.pk).update(unit="count", base_population=None)
        with pytest.raises(IntegrityError), transaction.atomic():
            Statistic.objects.filter(pk=figure.pk).update(base_population=None)
        figure.unit, figure.base_population = "count", None
        with pytest.raises(ValidationError) as caught:
            figure.full_clean()
        assert caught.value.message_dict["counted"] == [
            "Give the number counted only for a rate per 1,000 or per 100,000 residents"
        ]

    def test_the_form_works_a_rate_out_or_says_what_it_needs(self, officer_client):
        plan = make_plan()
        data = {**STATISTIC, "value": "", "counted": "13,871", "base_population": ""}
        response = officer_client.post(add_url(plan, "statistic"), data)
        assert "Enter the population to work the rate out from" in errors_of(response)
        response = officer_client.post(
            add_url(plan, "statistic"), {**data, "value": "44.4", "base_population": "312400"}
        )
        assert "Leave the figure empty to work the rate out from the number counted" in errors_of(response)
        response = officer_client.post(add_url(plan, "statistic"), {**data, "unit": "count", "value": "5"})
        assert "Give the number counted only for a rate per 1,000 or per 100,000 residents" in errors_of(
            response
        )
        response = officer_client.post(
            add_url(plan, "statistic"), {**data, "counted": "", "base_population": "312400"}
        )
        assert (
            "Enter the figure, or choose a series to compute it from, or give the number counted and the population"
            in (errors_of(response))
        )
        assert not Statistic.objects.filter(plan=plan).exists()
        response = officer_client.post(add_url(plan, "statistic"), {**data, "base_population": "312,400"})
        assert response.status_code == 302, errors_of(response)
        assert FigureBook.for_plan(plan).text("crime_rate", start=False) == (
            "about 44.4 per 1,000 residents (population 312,400)"
        )
