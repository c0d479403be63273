import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from demo.accounts import DEMO_PASSWORD, DISTRICT_LEADS
from funding.models import BudgetLine
from plans.models import Block, Plan, Statistic
from priorities.models import Action

pytestmark = pytest.mark.django_db


def _counts():
    return [m.objects.count() for m in (Plan, Block, Statistic, Action, BudgetLine)]


def test_loading_the_demo_twice_changes_nothing(capsys):
    call_command("load_demo")
    first = _counts()
    call_command("load_demo")
    assert _counts() == first
    assert "already present" in capsys.readouterr().out


def test_reset_replaces_an_edited_demo_plan_with_the_files_contents():
    call_command("load_demo")
    plan = Plan.objects.get(slug="safer-bucks-plan-2015-16")
    plan.title = "Edited"
    plan.save()
    call_command("load_demo", "--reset")
    assert Plan.objects.get(slug="safer-bucks-plan-2015-16").title == "Safer Bucks Plan"


def test_both_plans_hold_their_shapes():
    call_command("load_demo")
    old = Plan.objects.get(slug="safer-bucks-plan-2015-16")
    new = Plan.objects.get(slug="safer-buckinghamshire-plan-2020-2023")
    assert (old.status, old.period_label, new.status, new.period_label) == (
        "draft",
        "2015-16",
        "published",
        "2020-2023",
    )
    assert old.county_priorities.count() == 5 and new.county_priorities.count() == 5
    assert old.area_priorities.values("area").distinct().count() == 4
    assert new.duties.count() == 10 and new.partners.count() == 7
    assert [f.total for f in old.funds.order_by("id")] == [500042, 512000]
    change = new.statistics.get(key="recorded_crime_change_5y")
    assert change.is_computed and change.format(change.computed_value()) == "42%"


def test_every_demo_account_signs_in_with_the_demo_password():
    call_command("load_demo")
    for username in ["officer", "viewer", *DISTRICT_LEADS]:
        assert authenticate(username=username, password=DEMO_PASSWORD) is not None, username


def test_each_district_lead_leads_their_own_district_only():
    call_command("load_demo")
    from django.contrib.auth.models import User

    for username, slug in DISTRICT_LEADS.items():
        (membership,) = User.objects.get(username=username).memberships.all()
        assert (membership.partnership.slug, membership.role) == ("buckinghamshire", "lead")
        assert list(membership.areas.values_list("slug", flat=True)) == [slug]
