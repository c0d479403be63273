"""A plan's PDF is rendered once per content: the download, the cache, the command."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from funding.models import BudgetLine
from plans.content import shown_tables
from plans.models import Area, Plan, RenderedPDF, Section, SeriesPoint, SurveyFinding
from plans.pdf import cache as pdf_cache
from priorities.models import Action
from tests.factories import make_full_plan

from .pdftext import ReadPDF, squash

pytestmark = pytest.mark.django_db


def download(client, plan):
    """The PDF as someone who may read drafts downloads it."""
    response = client.get(reverse("plans:pdf", kwargs={"slug": plan.slug}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response.content


def pdf_text(pdf: bytes) -> str:
    return "".join(squash(page.body) for page in ReadPDF(pdf).pages)


def test_the_download_is_an_attachment_named_after_the_plan(viewer_client):
    plan = make_full_plan(title="Safer Bucks Plan", start_year=2015, end_year=2016)
    response = viewer_client.get(reverse("plans:pdf", kwargs={"slug": plan.slug}))
    assert response["Content-Disposition"] == 'attachment; filename="safer-bucks-plan-2015-16.pdf"'
    assert response.content.startswith(b"%PDF-")


def test_a_second_download_of_unchanged_content_does_not_call_weasyprint(viewer_client, weasyprint_calls):
    plan = make_full_plan()
    first = download(viewer_client, plan)
    second = download(viewer_client, plan)
    assert len(weasyprint_calls) == 1
    assert second == first


def test_saving_the_plan_without_changing_it_keeps_its_pdf(viewer_client, weasyprint_calls):
    plan = make_full_plan()
    download(viewer_client, plan)
    plan.save()  # Moves updated_at only.
    download(viewer_client, plan)
    assert len(weasyprint_calls) == 1


EDITS = {
    "a budget line's amount": lambda plan: BudgetLine.objects.filter(fund__plan=plan).update(
        amount=Decimal("123456.78")
    ),
    "an action": lambda plan: Action.objects.filter(group__priority__plan=plan).update(text="Edited action."),
    "a section's title": lambda plan: Section.objects.filter(plan=plan, parent=None, position=1).update(
        title="Edited title"
    ),
    "an area's name": lambda plan: Area.objects.filter(
        pk=Area.objects.filter(partnership=plan.partnership)[0].pk
    ).update(name="Edited area"),
    "a figure by year": lambda plan: SeriesPoint.objects.filter(series__plan=plan).update(value=987654),
    "a survey finding": lambda plan: SurveyFinding.objects.filter(
        topic__survey__block__section__plan=plan
    ).update(text="Edited finding."),
    "the plan's status": lambda plan: Plan.objects.filter(pk=plan.pk).update(
        status="published", published_on="2025-04-01"
    ),
    "a deleted budget line": lambda plan: BudgetLine.objects.filter(fund__plan=plan, position=3).delete(),
}


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_any_change_to_the_content_makes_a_new_pdf(viewer_client, weasyprint_calls, edit):
    plan = make_full_plan()
    before = download(viewer_client, plan)
    edit(plan)
    plan.refresh_from_db()
    after = download(viewer_client, plan)
    assert len(weasyprint_calls) == 2
    assert pdf_text(after) != pdf_text(before)
    assert download(viewer_client, plan) == after
    assert len(weasyprint_calls) == 2


def test_a_drafts_earlier_pdfs_are_dropped_once_its_content_changes(viewer_client):
    plan = make_full_plan()
    download(viewer_client, plan)
    Action.objects.filter(group__priority__plan=plan).update(text="Edited action.")
    download(viewer_client, plan)
    assert RenderedPDF.objects.filter(plan=plan).count() == 1


def test_a_drafts_pdf_is_rendered_again_when_the_layout_changes(viewer_client, weasyprint_calls, monkeypatch):
    plan = make_full_plan()
    download(viewer_client, plan)
    monkeypatch.setattr(pdf_cache, "layout_fingerprint", lambda: "a new stylesheet")
    download(viewer_client, plan)
    assert len(weasyprint_calls) == 2


def test_a_published_plans_pdf_is_kept_byte_for_byte_whatever_the_layout(
    client, weasyprint_calls, monkeypatch
):
    plan = make_full_plan(status="published", published_on="2025-04-01")
    published = download(client, plan)
    monkeypatch.setattr(pdf_cache, "layout_fingerprint", lambda: "a new stylesheet")
    assert download(client, plan) == published
    assert len(weasyprint_calls) == 1
    assert RenderedPDF.objects.get(plan=plan).pinned


def test_the_content_fingerprint_covers_every_table_of_a_plans_content_and_no_other():
    covered = {model._meta.label for model, _ in shown_tables()}
    assert covered == {
        "plans.Plan",
        "plans.Partnership",
        "plans.Area",
        "plans.Section",
        "plans.Block",
        "plans.Partner",
        "plans.StatutoryDuty",
        "plans.PolicePriority",
        "plans.UnderlyingTheme",
        "plans.StrategicAssessment",
        "plans.Series",
        "plans.SeriesPoint",
        "plans.Statistic",
        "plans.EvidenceGroup",
        "plans.Finding",
        "plans.Survey",
        "plans.SurveyTopic",
        "plans.SurveyFinding",
        "plans.AreaOfConcern",
        "plans.ConcernPoint",
        "priorities.CountyPriority",
        "priorities.ActionGroup",
        "priorities.Action",
        "priorities.AreaPriority",
        "priorities.ActionSupporter",
        "priorities.AreaPrioritySupporter",
        "funding.Fund",
        "funding.BudgetLine",
    }


def test_a_draft_is_not_found_by_anonymous_people_and_a_published_plan_is(client):
    draft = make_full_plan()
    published = make_full_plan(status="published", published_on="2025-04-01")
    assert client.get(reverse("plans:pdf", kwargs={"slug": draft.slug})).status_code == 404
    assert download(client, published).startswith(b"%PDF-")


def test_an_unknown_plan_has_no_pdf(client):
    assert client.get(reverse("plans:pdf", kwargs={"slug": "no-such-plan"})).status_code == 404


def test_the_download_accepts_only_get_and_head(viewer_client):
    plan = make_full_plan()
    assert viewer_client.post(reverse("plans:pdf", kwargs={"slug": plan.slug})).status_code == 405


def test_the_command_writes_the_same_pdf_as_the_download(viewer_client, tmp_path, weasyprint_calls):
    plan = make_full_plan()
    output = tmp_path / "plan.pdf"
    call_command("export_pdf", plan.slug, "-o", str(output))
    assert output.read_bytes() == download(viewer_client, plan)
    assert len(weasyprint_calls) == 1


def test_the_command_names_the_plans_it_knows_when_the_slug_is_wrong(tmp_path):
    from django.core.management import CommandError

    plan = make_full_plan()
    with pytest.raises(CommandError, match=plan.slug):
        call_command("export_pdf", "no-such-plan", "-o", str(tmp_path / "x.pdf"))
