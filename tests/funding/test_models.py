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
