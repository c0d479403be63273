"""Entering many items at once: pasted lists and tables of rows, all or nothing."""

from decimal import Decimal

import pytest
from django.urls import reverse

from funding.models import BudgetLine
from plans.editor.bulk import described_amount, pasted_lines, year_and_figure
from plans.models import Partner
from priorities.models import AreaPriority
from tests.factories import make_area, make_full_plan, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    return make_full_plan(scale=1)


def test_pasted_lines_lose_their_bullets_numbers_and_blank_lines():
    text = "- Police\n• Fire and Rescue\n\n 3. Probation\n(4) Health\n   \nVictim Support"
    assert pasted_lines(text) == [
        (1, "Police"),
        (2, "Fire and Rescue"),
        (4, "Probation"),
        (5, "Health"),
        (7, "Victim Support"),
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Street Pastors - £12,000", {"description": "Street Pastors", "amount": "£12,000"}),
        ("Youth work – 4000.50", {"description": "Youth work", "amount": "4000.50"}),
        ("CCTV\t£9,800", {"description": "CCTV", "amount": "£9,800"}),
        ("Advisers £45,500", {"description": "Advisers", "amount": "£45,500"}),
        ("Anti-social behaviour - tasking", {"description": "Anti-social behaviour - tasking", "amount": ""}),
    ],
)
def test_a_budget_line_is_read_as_what_it_pays_for_and_an_amount(line, expected):
    assert described_amount(line) == expected


def test_a_figure_by_year_is_read_as_a_year_and_a_figure():
    assert year_and_figure("2018/19 - 33,529") == {"year": "2018", "value": "33,529"}


def _paste_url(plan, kind, parent=None):
    url = reverse("plans:edit_paste", args=[plan.slug, kind])
    return f"{url}?parent={parent.pk}" if parent is not None else url


def test_an_officer_adds_partners_as_a_list_at_the_end_in_order(officer_client, plan):
    before = plan.partners.count()
    response = officer_client.post(_paste_url(plan, "partner"), {"lines": "- Fire\n- Probation\n- Health"})
    assert response.status_code == 302
    assert list(plan.partners.order_by("position").values_list("text", flat=True))[before:] == [
        "Fire",
        "Probation",
        "Health",
    ]


def test_checking_a_list_first_saves_nothing_and_shows_each_line(officer_client, plan):
    before = plan.partners.count()
    response = officer_client.post(_paste_url(plan, "partner"), {"lines": "Fire\nProbation", "preview": "1"})
    assert response.status_code == 200
    assert "What will be added" in response.text
    assert plan.partners.count() == before


def test_a_list_with_a_bad_line_saves_nothing_and_names_the_line(officer_client, plan):
    fund = plan.funds.first()
    before = BudgetLine.objects.filter(fund=fund).count()
    response = officer_client.post(
        _paste_url(plan, "budget-line", fund), {"lines": "Pastors - £1,000\nMystery\nCCTV - £-5"}
    )
    assert response.status_code == 200
    assert "Line 2: Enter an amount" in response.text
    assert "Line 3: " in response.text
    assert BudgetLine.objects.filter(fund=fund).count() == before


def test_an_empty_list_is_asked_for(officer_client, plan):
    response = officer_client.post(_paste_url(plan, "partner"), {"lines": " \n- \n"})
    assert "Enter at least one partner organisation, one a line" in response.text
    assert Partner.objects.filter(plan=plan, text="").count() == 0


def test_a_lead_adds_local_priorities_as_a_list_only_to_their_own_area(client, plan):
    own, other = make_area(plan.partnership), make_area(plan.partnership)
    lead = make_user("lead-own", "Area leads", areas=[own])
    client.force_login(lead)
    refused = client.post(_paste_url(plan, "area-priority"), {"area": other.pk, "lines": "Take over"})
    assert refused.status_code == 200
    assert not AreaPriority.objects.filter(text="Take over").exists()
    client.post(_paste_url(plan, "area-priority"), {"area": own.pk, "lines": "Lighting\nOutreach"})
    assert list(AreaPriority.objects.filter(area=own).values_list("text", "position")) == [
        ("Lighting", 1),
        ("Outreach", 2),
    ]


def _table_data(rows, extra_rows=()):
    """A formset post: existing rows (pk, description, amount, version, delete) then new rows."""
    data = {"form-TOTAL_FORMS": str(len(rows) + len(extra_rows)), "form-INITIAL_FORMS": str(len(rows))}
    for index, (pk, description, amount, version, delete) in enumerate(rows):
        data.update(
            {
                f"form-{index}-id": str(pk),
                f"form-{index}-description": description,
                f"form-{index}-amount": amount,
                f"form-{index}-edit_version": str(version),
            }
        )
        if delete:
            data[f"form-{index}-DELETE"] = "on"
    for offset, (description, amount) in enumerate(extra_rows, start=len(rows)):
        data.update({f"form-{offset}-description": description, f"form-{offset}-amount": amount})
    return data


def test_a_funds_lines_are_changed_added_and_deleted_in_one_table(officer_client, plan):
    fund = plan.funds.first()
    lines = list(fund.lines.order_by("position"))
    url = reverse("plans:edit_item_table", args=[plan.slug, "fund", fund.pk])
    assert (
        "Edit budget lines as a table"
        in officer_client.get(reverse("plans:edit_item", args=[plan.slug, "fund", fund.pk])).text
    )
    rows = [(line.pk, line.description, str(line.amount), line.edit_version, False) for line in lines]
    rows[0] = (lines[0].pk, lines[0].description, "55,000", lines[0].edit_version, False)
    rows[1] = (*rows[1][:4], True)
    response = officer_client.post(url, _table_data(rows, [("New line", "£1,250.50")]))
    assert response.status_code == 302, response.text[:2000]
    after = list(fund.lines.order_by("position").values_list("description", "amount"))
    assert after[0] == (lines[0].description, Decimal("55000"))
    assert lines[1].description not in [d for d, _ in after]
    assert after[-1] == ("New line", Decimal("1250.50"))
    assert [p for p in fund.lines.order_by("position").values_list("position", flat=True)] == list(
        range(1, len(after) + 1)
    )


def test_a_table_row_someone_else_changed_meanwhile_saves_nothing(officer_client, plan):
    fund = plan.funds.first()
    lines = list(fund.lines.order_by("position"))
    BudgetLine.objects.filter(pk=lines[0].pk).update(edit_version=lines[0].edit_version + 1)
    rows = [(line.pk, line.description, "1", line.edit_version, False) for line in lines]
    url = reverse("plans:edit_item_table", args=[plan.slug, "fund", fund.pk])
    response = officer_client.post(url, _table_data(rows))
    assert response.status_code == 200
    assert "changed this row while you were editing it" in response.text
    assert not fund.lines.filter(amount=1).exists()


def test_text_forms_list_the_plans_figures_with_what_they_show(officer_client, plan):
    section = plan.sections.first()
    page = officer_client.get(reverse("plans:edit_add", args=[plan.slug, "block"]) + f"?parent={section.pk}")
    assert "Figures you can show in the text" in page.text
    assert "{{stat-1}}" in page.text


@pytest.mark.parametrize(
    "period_kind, pasted, labels",
    [
        ("calendar", "2024 - 10,200\n2025 - 9,400", ["2024", "2025"]),
        ("financial", "2024 - 10,200\n2025 - 9,400", ["2024/25", "2025/26"]),
    ],
)
def test_figures_pasted_into_a_series_are_named_by_the_series_periods(
    officer_client, period_kind, pasted, labels
):
    from plans.models import Series

    plan = make_full_plan(scale=1)
    series = Series.objects.create(
        plan=plan,
        key="riverside_crime",
        title="Recorded crime",
        value_label="Crimes",
        period_kind=period_kind,
    )
    url = _paste_url(plan, "series-point", parent=series)
    preview = officer_client.post(url, {"lines": pasted, "preview": "1"})
    assert preview.status_code == 200
    for label in labels:
        assert f"{label}: " in preview.text
    assert officer_client.post(url, {"lines": pasted}).status_code == 302
    assert [(point.year_label, point.value) for point in series.points.order_by("year")] == [
        (labels[0], 10200),
        (labels[1], 9400),
    ]
