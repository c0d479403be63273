"""Editing through the views: saving, validation, moving, deleting, concurrent edits
and history, on the real database."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from funding.models import BudgetLine, Fund
from plans.editor import registry as editing
from plans.models import Partner, Statistic, SurveyFinding
from tests.factories import make_full_plan, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    return make_full_plan(scale=1)


def edit_url(plan, kind, pk, action=""):
    return reverse(f"plans:edit_item_{action}" if action else "plans:edit_item", args=[plan.slug, kind, pk])


def add_url(plan, kind, parent=None):
    url = reverse("plans:edit_add", args=[plan.slug, kind])
    return f"{url}?parent={parent.pk}" if parent is not None else url


def test_an_officer_changes_a_partner_and_its_version_goes_up(officer_client, plan):
    partner = plan.partners.first()
    response = officer_client.post(
        edit_url(plan, "partner", partner.pk), {"text": "Thames Valley Police", "edit_version": 1}
    )
    assert response.status_code == 302
    partner.refresh_from_db()
    assert (partner.text, partner.edit_version) == ("Thames Valley Police", 2)


def test_an_added_item_goes_to_the_end_of_its_list(officer_client, plan):
    officer_client.post(add_url(plan, "partner"), {"text": "Clinical Commissioning Groups"})
    assert list(plan.partners.values_list("position", flat=True)) == [1, 2, 3, 4]
    assert plan.partners.last().text == "Clinical Commissioning Groups"


def test_move_up_swaps_two_items(officer_client, plan):
    first, second = plan.partners.all()[:2]
    officer_client.post(edit_url(plan, "partner", second.pk, "move"), {"direction": "up"})
    assert list(plan.partners.values_list("pk", flat=True)[:2]) == [second.pk, first.pk]


def test_moving_the_first_item_up_changes_nothing(officer_client, plan):
    order = list(plan.partners.values_list("pk", flat=True))
    officer_client.post(edit_url(plan, "partner", order[0], "move"), {"direction": "up"})
    assert list(plan.partners.values_list("pk", flat=True)) == order


def test_delete_asks_first_then_closes_the_gap(officer_client, plan):
    first = plan.partners.first()
    confirm = officer_client.get(edit_url(plan, "partner", first.pk, "delete"))
    assert "Delete this partner organisation?" in confirm.text
    assert Partner.objects.filter(pk=first.pk).exists()
    officer_client.post(edit_url(plan, "partner", first.pk, "delete"))
    assert not Partner.objects.filter(pk=first.pk).exists()
    assert list(plan.partners.values_list("position", flat=True)) == [1, 2]


def test_a_statistic_shown_as_a_survey_figure_cannot_be_deleted_and_says_why(officer_client, plan):
    finding = SurveyFinding.objects.filter(topic__survey__block__section__plan=plan).first()
    figure = Statistic.objects.create(plan=plan, key="only-in-survey", label="x", unit="percent", value=5)
    SurveyFinding.objects.filter(pk=finding.pk).update(figure=figure)
    response = officer_client.post(edit_url(plan, "statistic", figure.pk, "delete"), follow=True)
    assert response.status_code == 200
    assert "used elsewhere in the plan" in response.text
    assert Statistic.objects.filter(pk=figure.pk).exists()


def test_a_statistic_that_text_shows_cannot_be_deleted_and_the_page_says_where(officer_client, plan):
    figure = Statistic.objects.get(plan=plan, key="stat-1")
    response = officer_client.post(edit_url(plan, "statistic", figure.pk, "delete"), follow=True)
    assert "Text in the plan shows this figure with {{stat-1}}" in response.text
    assert "finding “Finding 1: {{stat-1}}.”" in response.text
    assert Statistic.objects.filter(pk=figure.pk).exists()


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-5", "Enter an amount of £0 or more"),
        ("12.345", "at most 2 decimal places"),
        ("lots", "Enter the amount as a number"),
        ("", "Enter an amount"),
        ("99999999999", "less than £10,000,000,000"),
    ],
)
def test_a_bad_amount_gets_a_plain_english_error_and_nothing_is_saved(officer_client, plan, amount, message):
    line = BudgetLine.objects.filter(fund__plan=plan).first()
    response = officer_client.post(
        edit_url(plan, "budget-line", line.pk),
        {"description": "Changed", "amount": amount, "edit_version": 1},
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.text
    assert message in response.text
    line.refresh_from_db()
    assert (line.description, line.amount) == ("Line 1", Decimal("100.50"))


def test_an_amount_may_be_typed_with_a_pound_sign_and_commas(officer_client, plan):
    fund = Fund.objects.filter(plan=plan).first()
    officer_client.post(add_url(plan, "budget-line", fund), {"description": "IDVA", "amount": "£85,910.50"})
    assert fund.lines.get(description="IDVA").amount == Decimal("85910.50")
    assert fund.total == Decimal("86212.00")


def test_a_plan_cannot_end_before_it_starts(officer_client, plan):
    response = officer_client.post(
        edit_url(plan, "details", plan.pk),
        {
            "title": "Plan",
            "period_kind": "financial",
            "start_year": 2020,
            "end_year": 2019,
            "edit_version": 1,
        },
    )
    assert "The plan must end after the year it starts" in response.text
    plan.refresh_from_db()
    assert plan.end_year == 2025


def test_a_statistic_key_must_be_unique_within_its_plan(officer_client, plan):
    response = officer_client.post(
        add_url(plan, "statistic"), {"key": "stat-1", "label": "Again", "unit": "percent", "value": "5"}
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.text
    assert Statistic.objects.filter(plan=plan, key="stat-1").count() == 1


@pytest.mark.parametrize(
    "data",
    [
        {"text": ""},
        {"text": "x" * 600},
        {"text": "ok", "edit_version": "not a number"},
        {"direction": "sideways"},
    ],
)
def test_odd_input_never_gives_a_server_error(officer_client, plan, data):
    partner = plan.partners.first()
    for url in (
        edit_url(plan, "partner", partner.pk),
        edit_url(plan, "partner", partner.pk, "move"),
        add_url(plan, "partner"),
    ):
        assert officer_client.post(url, data).status_code < 500


def test_unknown_kinds_and_parents_are_not_found(officer_client, plan):
    assert officer_client.get(reverse("plans:edit_list", args=[plan.slug, "no-such-kind"])).status_code == 404
    assert (
        officer_client.get(reverse("plans:edit_add", args=[plan.slug, "action"]) + "?parent=abc").status_code
        == 404
    )
    assert (
        officer_client.get(
            reverse("plans:edit_add", args=[plan.slug, "action"]) + "?parent=999999"
        ).status_code
        == 404
    )


def test_an_item_of_another_plan_is_not_found(officer_client, plan):
    other = make_full_plan(scale=1)
    partner = other.partners.first()
    assert officer_client.get(edit_url(plan, "partner", partner.pk)).status_code == 404


def test_preview_shows_sanitised_markdown_and_saves_nothing(officer_client, plan):
    block = plan.sections.first().blocks.get(kind="text")
    response = officer_client.post(
        edit_url(plan, "block", block.pk),
        {"body": "**Bold** {{stat-1}} <script>alert(1)</script>", "edit_version": 1, "preview": "1"},
    )
    assert "<strong>Bold</strong> 1%" in response.text
    assert "<script>alert(1)" not in response.text
    block.refresh_from_db()
    assert "Bold" not in block.body


def test_a_second_save_on_an_old_version_is_refused_and_shows_both_versions(client, plan):
    alice, bob = make_user("alice", "Board officers"), make_user("bob", "Board officers")
    partner = plan.partners.first()
    url = edit_url(plan, "partner", partner.pk)
    client.force_login(alice)
    assert client.post(url, {"text": "Alice's wording", "edit_version": 1}).status_code == 302
    client.force_login(bob)
    response = client.post(url, {"text": "Bob's wording", "edit_version": 1})
    assert response.status_code == 200
    assert "alice changed this while you were editing it" in response.text
    # Both versions, the word that differs marked in each.
    assert "Alice&#x27;s</del> wording" in response.text and "Bob&#x27;s</ins> wording" in response.text
    partner.refresh_from_db()
    assert partner.text == "Alice's wording"
    # Having seen Alice's version, Bob saves again on top of it.
    assert client.post(url, {"text": "Bob's wording", "edit_version": 2}).status_code == 302
    partner.refresh_from_db()
    assert (partner.text, partner.edit_version) == ("Bob's wording", 3)


def test_history_records_who_changed_what_including_bulk_updates(officer_client, officer, plan):
    partner = plan.partners.first()
    officer_client.post(
        edit_url(plan, "partner", partner.pk), {"text": "Edited in the app", "edit_version": 1}
    )
    Partner.objects.filter(pk=partner.pk).update(text="Changed by a bulk update")
    page = officer_client.get(edit_url(plan, "partner", partner.pk, "history")).text
    assert "changed by olive-officer" in page
    assert "Edited in the app" in page and "Changed by a bulk update" in page
    assert "Partner 1" in page  # the value before the first change
    plan_page = officer_client.get(reverse("plans:history", args=[plan.slug])).text
    assert "olive-officer" in plan_page and "Edited in the app" in plan_page


def test_an_item_can_be_restored_to_an_earlier_version(officer_client, plan):
    partner = plan.partners.first()
    officer_client.post(edit_url(plan, "partner", partner.pk), {"text": "Second wording", "edit_version": 1})
    first_event = partner.events.order_by("pgh_id").first()
    response = officer_client.post(
        edit_url(plan, "partner", partner.pk, "history") + f"{first_event.pgh_id}/restore/"
    )
    assert response.status_code == 302
    partner.refresh_from_db()
    assert (partner.text, partner.edit_version) == ("Partner 1", 3)


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("kind", ["section", "partner", "priority", "fund", "statistic", "area-priority"])
def test_editing_pages_cost_the_same_queries_whatever_the_plans_size(officer_client, kind):
    small, large = make_full_plan(scale=1), make_full_plan(scale=12)
    for page in ("list", "item"):
        counts = []
        for plan in (small, large):
            item = editing.get(kind).in_plan(plan).first()
            url = (
                reverse("plans:edit_list", args=[plan.slug, kind])
                if page == "list"
                else edit_url(plan, kind, item.pk)
            )
            counts.append(_queries(officer_client, url))
        assert counts[0] == counts[1], (kind, page, counts)


def test_the_task_list_costs_the_same_queries_whatever_the_plans_size(officer_client):
    small, large = make_full_plan(scale=1), make_full_plan(scale=12)
    urls = [reverse("plans:edit", args=[p.slug]) for p in (small, large)]
    assert _queries(officer_client, urls[0]) == _queries(officer_client, urls[1])


def test_a_new_sections_link_name_is_made_from_its_title_and_kept_unique(officer_client, plan):
    for _ in range(2):
        officer_client.post(
            add_url(plan, "section"), {"title": "How we will measure progress", "numbered": "on"}
        )
    anchors = list(
        plan.sections.filter(title="How we will measure progress").values_list("anchor", flat=True)
    )
    assert anchors == ["how-we-will-measure-progress", "how-we-will-measure-progress-2"]


@pytest.mark.parametrize(
    ("kind", "data", "message"),
    [
        ("partner", {"text": "   "}, "Enter the text"),
        ("statistic", {"label": "x", "unit": "percent", "value": "5"}, "Enter key"),
        ("statistic", {"key": "k", "label": "x", "value": "5"}, "Choose unit"),
    ],
)
def test_missing_answers_are_asked_for_in_plain_words(officer_client, plan, kind, data, message):
    response = officer_client.post(add_url(plan, kind), data)
    assert response.status_code == 200
    assert message in response.text
