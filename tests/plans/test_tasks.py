"""The plan's task list: each part Not started, In progress, Completed (a board
officer's decision, undone by a later change) or Not needed; marked through one
service, by board officers only; in a small, fixed number of queries."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from funding.models import BudgetLine
from plans import tasks
from plans.access import PlanFrozen
from plans.models import PlanTask, StatutoryDuty
from plans.pdf.cache import content_fingerprint
from tests.factories import make_full_plan, make_plan, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    return make_full_plan(scale=1)


def task_list(client, plan) -> dict[str, str]:
    """The task list as a person reads it: part -> status."""
    page = client.get(reverse("plans:edit", args=[plan.slug]))
    assert page.status_code == 200
    rows = re.findall(
        r'govuk-task-list__link"[^>]*>([^<]+)</a>.*?govuk-task-list__status[^"]*"[^>]*>\s*(?:<strong[^>]*>)?([^<]+?)\s*<',
        page.text,
        re.S,
    )
    return dict(rows)


def mark(client, plan, part, state):
    return client.post(reverse("plans:edit_task", args=[plan.slug, part]), {"state": state})


def test_a_part_with_nothing_in_it_is_not_started_and_a_part_with_content_is_in_progress(officer_client):
    plan = make_full_plan(scale=1)
    StatutoryDuty.objects.filter(plan=plan).delete()
    statuses = task_list(officer_client, plan)
    assert statuses["Statutory duties"] == "Not started"
    assert statuses["Partner organisations"] == "In progress"
    assert "items" not in officer_client.get(reverse("plans:edit", args=[plan.slug])).text


def test_every_status_is_shown_as_the_gov_uk_task_list_shows_it(officer_client, plan):
    mark(officer_client, plan, "partner", "completed")
    StatutoryDuty.objects.filter(plan=plan).delete()
    page = officer_client.get(reverse("plans:edit", args=[plan.slug])).text
    assert '<strong class="govuk-tag govuk-tag--light-blue">In progress</strong>' in page
    assert re.search(r'id="task-partner-status">\s*Completed\s*</div>', page)
    assert '<strong class="govuk-tag govuk-tag--blue">Not started</strong>' in page
    assert "You have completed 1 of 15 parts" in page


def test_an_officer_marks_a_part_completed_and_the_task_list_says_who_and_when(officer_client, plan):
    response = mark(officer_client, plan, "partner", "completed")
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:edit", args=[plan.slug]) + "#task-partner"
    page = officer_client.get(response["Location"])
    assert "Marked “Partner organisations” as completed." in page.text
    assert task_list(officer_client, plan)["Partner organisations"] == "Completed"
    assert "Marked as completed by olive-officer on" in page.text
    assert PlanTask.objects.get(plan=plan, part="partner").state == "completed"


@pytest.mark.django_db(transaction=True)
def test_a_completed_part_goes_back_to_in_progress_when_it_changes_afterwards(client):
    """Each request its own transaction, as in the running site: the mark's time and
    the change's are the database's own clock."""
    client.force_login(make_user("olive-officer", "Board officers"))
    plan = make_full_plan(scale=1)
    partner = plan.partners.first()
    # A change before the mark does not count against it.
    client.post(
        reverse("plans:edit_item", args=[plan.slug, "partner", partner.pk]),
        {"text": "Before", "edit_version": 1},
    )
    mark(client, plan, "partner", "completed")
    mark(client, plan, "fund", "completed")
    assert task_list(client, plan)["Partner organisations"] == "Completed"

    client.post(
        reverse("plans:edit_item", args=[plan.slug, "partner", partner.pk]),
        {"text": "After", "edit_version": 2},
    )
    # A budget line is inside a fund: changing it changes the Funds part.
    line = BudgetLine.objects.filter(fund__plan=plan).first()
    client.post(
        reverse("plans:edit_item", args=[plan.slug, "budget-line", line.pk]),
        {"description": "Changed", "amount": "5", "edit_version": 1},
    )
    statuses = task_list(client, plan)
    assert statuses["Partner organisations"] == "In progress"
    assert statuses["Funds"] == "In progress"
    page = client.get(reverse("plans:edit", args=[plan.slug])).text
    assert "Changed since olive-officer marked it as completed on" in page

    # Marked again, it is completed again; a change elsewhere leaves it so.
    mark(client, plan, "partner", "completed")
    client.post(
        reverse("plans:edit_item_move", args=[plan.slug, "duty", plan.duties.last().pk]), {"direction": "up"}
    )
    statuses = task_list(client, plan)
    assert statuses["Partner organisations"] == "Completed"
    assert statuses["Statutory duties"] == "In progress"


@pytest.mark.django_db(transaction=True)
def test_a_move_or_a_deletion_changes_a_completed_part_too(client):
    client.force_login(make_user("olive-officer", "Board officers"))
    plan = make_full_plan(scale=1)
    mark(client, plan, "partner", "completed")
    mark(client, plan, "theme", "completed")
    client.post(
        reverse("plans:edit_item_move", args=[plan.slug, "partner", plan.partners.last().pk]),
        {"direction": "up"},
    )
    client.post(reverse("plans:edit_item_delete", args=[plan.slug, "theme", plan.themes.first().pk]))
    statuses = task_list(client, plan)
    assert (statuses["Partner organisations"], statuses["Underlying themes"]) == (
        "In progress",
        "In progress",
    )


def test_an_empty_part_can_be_marked_not_needed_and_unmarked(officer_client, plan):
    StatutoryDuty.objects.filter(plan=plan).delete()
    response = mark(officer_client, plan, "duty", "not_needed")
    assert response.status_code == 302
    assert task_list(officer_client, plan)["Statutory duties"] == "Not needed"
    page = officer_client.get(reverse("plans:edit", args=[plan.slug])).text
    assert "You have completed 0 of 14 parts (1 not needed in this plan)" in page

    mark(officer_client, plan, "duty", "")
    assert task_list(officer_client, plan)["Statutory duties"] == "Not started"
    assert not PlanTask.objects.filter(plan=plan, part="duty").exists()


def test_a_not_needed_part_that_gets_content_is_in_progress(officer_client, plan):
    StatutoryDuty.objects.filter(plan=plan).delete()
    mark(officer_client, plan, "duty", "not_needed")
    officer_client.post(reverse("plans:edit_add", args=[plan.slug, "duty"]), {"text": "Prevent duty"})
    assert task_list(officer_client, plan)["Statutory duties"] == "In progress"


def test_a_part_with_content_cannot_be_not_needed_nor_an_empty_part_completed(officer_client, plan):
    StatutoryDuty.objects.filter(plan=plan).delete()
    response = mark(officer_client, plan, "partner", "not_needed")
    assert response["Location"] == reverse("plans:edit_list", args=[plan.slug, "partner"])
    assert "has content, so the plan uses it" in officer_client.get(response["Location"]).text
    mark(officer_client, plan, "duty", "completed")
    assert not PlanTask.objects.filter(plan=plan).exists()
    with pytest.raises(ValidationError, match="has nothing in it yet"):
        tasks.mark_part(plan=plan, part="duty", state="completed", actor=None)


def test_odd_marks_and_parts_are_refused_without_a_server_error(officer_client, plan):
    assert mark(officer_client, plan, "partner", "finished").status_code == 302
    assert mark(officer_client, plan, "no-such-part", "completed").status_code == 404
    assert mark(officer_client, plan, "action", "completed").status_code == 404  # not on the task list
    assert not PlanTask.objects.exists()
    with pytest.raises(ValidationError):
        tasks.mark_part(plan=plan, part="subsection", state="completed", actor=None)


def test_the_plan_details_page_asks_whether_the_part_is_finished(officer_client, plan):
    page = officer_client.get(reverse("plans:edit_item", args=[plan.slug, "details", plan.pk])).text
    assert "Have you finished this part of the plan?" in page
    assert reverse("plans:edit_task", args=[plan.slug, "details"]) in page
    partner = officer_client.get(
        reverse("plans:edit_item", args=[plan.slug, "partner", plan.partners.first().pk])
    )
    assert "Have you finished" not in partner.text  # an item's page is not its part's page


def test_only_board_officers_mark_parts(client, plan):
    area = plan.partnership.areas.first()
    url = reverse("plans:edit_task", args=[plan.slug, "area-priority"])
    assert client.post(url, {"state": "completed"})["Location"].startswith("/accounts/login/")
    for user, expected in [
        (make_user("vera", "Viewers"), 403),
        (make_user("lee", "Area leads", areas=[area]), 403),
    ]:
        client.force_login(user)
        assert client.post(url, {"state": "completed"}).status_code == expected
        page = client.get(reverse("plans:edit_list", args=[plan.slug, "area-priority"]))
        assert "Have you finished" not in page.text
    client.force_login(make_user("olive", "Board officers"))
    assert client.get(url).status_code == 405
    assert not PlanTask.objects.exists()
    lead = make_user("lead-2", "Area leads", areas=[area])
    with pytest.raises(PermissionDenied):
        tasks.mark_part(plan=plan, part="area-priority", state="completed", actor=lead)


def test_a_published_plans_parts_cannot_be_marked(officer_client):
    published = make_plan(status="published", published_on="2024-04-01")
    assert mark(officer_client, published, "details", "completed").status_code == 403
    with pytest.raises(PlanFrozen):
        tasks.mark_part(plan=published, part="details", state="completed", actor=None)


def test_a_lead_sees_on_the_task_list_only_the_parts_they_can_change(client, plan):
    area = plan.partnership.areas.first()
    client.force_login(make_user("lee", "Area leads", areas=[area]))
    assert task_list(client, plan) == {"Local priorities": "In progress"}


def test_one_mark_per_part_says_so_in_plain_english(plan):
    PlanTask.objects.create(plan=plan, part="partner", state="completed")
    with pytest.raises(ValidationError, match="This part of the plan is already marked"):
        PlanTask(plan=plan, part="partner", state="not_needed").full_clean()


def test_marks_are_not_the_plans_content_and_leave_its_pdf_as_it_is(plan):
    before = content_fingerprint(plan)
    tasks.mark_part(plan=plan, part="partner", state="completed", actor=None)
    assert content_fingerprint(plan) == before


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_task_list_costs_a_few_queries_whatever_the_plans_size_and_marks(officer_client):
    small, large = make_full_plan(scale=1), make_full_plan(scale=12)
    for plan in (small, large):
        for part in ("partner", "section", "fund", "priority"):
            tasks.mark_part(plan=plan, part=part, state="completed", actor=None)
    counts = [_queries(officer_client, reverse("plans:edit", args=[plan.slug])) for plan in (small, large)]
    assert counts[0] == counts[1]
    assert counts[0] <= 10, counts


def test_the_task_lists_of_many_plans_cost_three_queries(officer):
    plans = [make_full_plan(scale=1) for _ in range(4)]
    for plan in plans:
        tasks.mark_part(plan=plan, part="partner", state="completed", actor=None)
    parts = tasks.parts_for(officer, plans[0].partnership_id)
    with CaptureQueriesContext(connection) as captured:
        progress = tasks.progress_of(plans, parts)
    # Content, marks, and whether the completed parts changed since.
    assert len(captured) == 3
    assert {p.counts["completed"] for p in progress.values()} == {1}


def test_a_board_officer_publishes_a_draft_from_its_task_list(officer_client):
    plan = make_full_plan(scale=1)
    task_list = officer_client.get(reverse("plans:edit", args=[plan.slug])).text
    assert reverse("plans:publish", args=[plan.slug]) in task_list
    page = officer_client.get(reverse("plans:publish", args=[plan.slug])).text
    assert "Publish this plan?" in page and "0 of 15 parts of the plan are marked as completed" in page
    response = officer_client.post(reverse("plans:publish", args=[plan.slug]), follow=True)
    assert response.redirect_chain[-1][0] == plan.get_absolute_url()
    assert "is published: anyone can read it now" in response.text
    plan.refresh_from_db()
    assert plan.is_published and plan.published_on is not None
    # Published, it has no editor any more.
    assert officer_client.get(reverse("plans:publish", args=[plan.slug])).status_code == 403


def test_only_board_officers_publish(client):
    plan = make_full_plan(scale=1)
    area = plan.partnership.areas.first()
    for person in (make_user("v-pub", "Viewers"), make_user("l-pub", "Area leads", areas=[area])):
        client.force_login(person)
        assert client.post(reverse("plans:publish", args=[plan.slug])).status_code == 403
    plan.refresh_from_db()
    assert not plan.is_published
