from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from funding.models import BudgetLine, Fund
from tests.factories import make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def fund():
    return Fund.objects.create(plan=make_plan(), name="Community Safety Fund Plan", year=2015)


def test_a_funds_total_is_the_sum_of_its_lines(fund):
    for position, amount in enumerate(["85910", "22000", "0.50"], start=1):
        BudgetLine.objects.create(fund=fund, position=position, description=f"L{position}", amount=amount)
    assert fund.total == Decimal("107910.50")
    assert Fund.objects.with_totals().get(pk=fund.pk).total == Decimal("107910.50")


def test_an_empty_fund_totals_zero(fund):
    assert fund.total == 0


def test_the_database_refuses_a_negative_amount_even_in_a_bulk_update(fund):
    BudgetLine.objects.create(fund=fund, position=1, description="Line", amount=10)
    with pytest.raises(IntegrityError), transaction.atomic():
        BudgetLine.objects.filter(fund=fund).update(amount=-1)


def test_validation_explains_a_negative_amount(fund):
    line = BudgetLine(fund=fund, position=1, description="Line", amount=Decimal("-5"))
    with pytest.raises(ValidationError) as excinfo:
        line.full_clean()
    assert "amount" in excinfo.value.message_dict


def test_a_fund_over_several_years_is_labelled_from_its_first_to_its_last_year(fund):
    assert (fund.year_label, fund.years) == ("2015/16", 1)
    fund.year, fund.end_year = 2026, 2028
    fund.full_clean()
    fund.save()
    assert (fund.year_label, fund.years, str(fund)) == (
        "2026/27 to 2028/29",
        3,
        "Community Safety Fund Plan 2026/27 to 2028/29",
    )
    fund.end_year = 2026
    assert fund.year_label == "2026/27"


def test_a_fund_over_several_years_totals_its_lines_as_any_fund_does(fund):
    Fund.objects.filter(pk=fund.pk).update(year=2026, end_year=2028)
    for position, amount in enumerate(["150000", "100000"], start=1):
        BudgetLine.objects.create(fund=fund, position=position, description=f"L{position}", amount=amount)
    assert Fund.objects.with_totals().get(pk=fund.pk).total == Decimal("250000")


def test_a_fund_cannot_end_before_it_starts(fund):
    with pytest.raises(IntegrityError), transaction.atomic():
        Fund.objects.filter(pk=fund.pk).update(end_year=2014)
    fund.end_year = 2014
    with pytest.raises(ValidationError) as excinfo:
        fund.full_clean()
    assert excinfo.value.messages == [
        "The last financial year must be the same as the first year or after it, and no later than 2100"
    ]


def test_the_fund_form_accepts_several_years_and_refuses_an_end_before_the_start(officer_client, fund):
    from django.urls import reverse

    url = reverse("plans:edit_item", args=[fund.plan.slug, "fund", fund.pk])
    data = {"name": fund.name, "year": "2026", "end_year": "2025", "total_label": "Total", "edit_version": 1}
    response = officer_client.post(url, data)
    assert response.status_code == 200
    assert (
        "The last financial year must be the same as the first year or after it" in response.content.decode()
    )
    response = officer_client.post(url, {**data, "end_year": "2028"})
    assert response.status_code == 302
    fund.refresh_from_db()
    assert fund.year_label == "2026/27 to 2028/29"
    # Left empty, the fund is for one year.
    response = officer_client.post(url, {**data, "end_year": "", "edit_version": 2})
    assert response.status_code == 302
    fund.refresh_from_db()
    assert (fund.end_year, fund.year_label) == (None, "2026/27")
