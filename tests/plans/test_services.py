"""The editor's services: the one write path, called directly as an importer would,
and through the pages where the service's refusals meet people."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plans.access import PlanFrozen
from plans.editor import registry
from plans.editor.history import recently_deleted
from plans.editor.services import (
    EditConflict,
    NotAllowed,
    deletion_restore,
    item_create,
    item_delete,
    item_restore,
    item_update,
)
from plans.models import Block, Partner, Plan, Section
from priorities.models import Action, AreaPriority
from tests.factories import make_area, make_full_plan, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    return make_full_plan(scale=1)


def kind(name):
    return registry.get(name)


def test_a_service_adds_an_item_at_the_end_of_its_list_and_records_who(plan, officer):
    partner = item_create(kind=kind("partner"), plan=plan, data={"text": "Fire and Rescue"}, actor=officer)
    assert partner.position == plan.partners.count()
    event = partner.events.get(pgh_label="insert")
    assert event.pgh_context.metadata["user"] == officer.pk


def test_nothing_is_added_to_a_published_plan(plan, officer):
    Plan.objects.filter(pk=plan.pk).update(status="published", published_on="2024-04-01")
    with pytest.raises(PlanFrozen):
        item_create(kind=kind("partner"), plan=plan, data={"text": "Fire and Rescue"}, actor=officer)
    assert not Partner.objects.filter(text="Fire and Rescue").exists()


def test_a_viewer_cannot_change_anything_through_a_service(plan, viewer):
    partner = plan.partners.first()
    with pytest.raises(NotAllowed):
        item_update(
            kind=kind("partner"),
            plan=plan,
            pk=partner.pk,
            data={"text": "x"},
            actor=viewer,
            based_on_version=1,
        )
    partner.refresh_from_db()
    assert partner.text != "x"


def test_an_item_of_another_plan_is_refused(plan, officer):
    other = make_full_plan(scale=1)
    partner = other.partners.first()
    with pytest.raises(NotAllowed):
        item_delete(kind=kind("partner"), plan=plan, pk=partner.pk, actor=officer)
    assert Partner.objects.filter(pk=partner.pk).exists()


def test_a_lead_restoring_an_old_version_cannot_move_an_item_into_another_area(plan, officer):
    """Added in area A by an officer, moved to B; B's lead restores the first version
    (in A, which they do not lead): refused, and the item stays in B."""
    area_a, area_b = make_area(plan.partnership), make_area(plan.partnership)
    lead_b = make_user("lead-b", "Area leads", areas=[area_b])
    item = item_create(
        kind=kind("area-priority"), plan=plan, data={"area": area_a, "text": "Knife crime"}, actor=officer
    )
    first = item.events.get(pgh_label="insert")
    item = item_update(
        kind=kind("area-priority"),
        plan=plan,
        pk=item.pk,
        data={"area": area_b},
        actor=officer,
        based_on_version=1,
    )
    with pytest.raises(NotAllowed):
        item_restore(
            kind=kind("area-priority"), plan=plan, pk=item.pk, event=first, actor=lead_b, based_on_version=2
        )
    assert AreaPriority.objects.get(pk=item.pk).area == area_b


def test_a_restore_based_on_an_old_version_is_refused_as_a_conflict(plan, officer):
    partner = plan.partners.first()
    first = partner.events.get(pgh_label="insert")
    item_update(
        kind=kind("partner"),
        plan=plan,
        pk=partner.pk,
        data={"text": "New"},
        actor=officer,
        based_on_version=1,
    )
    with pytest.raises(EditConflict):
        item_restore(
            kind=kind("partner"), plan=plan, pk=partner.pk, event=first, actor=officer, based_on_version=1
        )
    partner.refresh_from_db()
    assert partner.text == "New"


def test_a_mistyped_figure_is_refused_naming_the_closest_keys(plan, officer):
    section = plan.sections.first()
    with pytest.raises(ValidationError) as refused:
        item_create(
            kind=kind("block"),
            plan=plan,
            parent=section,
            data={"body": "Up {{stat-l}} on last year."},
            actor=officer,
        )
    message = " ".join(refused.value.messages)
    assert "There is no figure called stat-l." in message
    assert "{{stat-1}}" in message
    assert not Block.objects.filter(body__contains="stat-l").exists()


def test_a_figure_by_year_that_is_missing_is_refused_with_the_years_there_are(plan, officer):
    series = plan.series.first()
    years = sorted(series.points.values_list("year", flat=True))
    with pytest.raises(ValidationError) as refused:
        item_create(
            kind=kind("block"),
            plan=plan,
            parent=plan.sections.first(),
            data={"body": f"In 1991 there were {{{{{series.key}@1991}}}}."},
            actor=officer,
        )
    assert f"{series.key} has no figure for 1991. It has figures for {years[0]}" in " ".join(
        refused.value.messages
    )


def test_a_deleted_item_comes_back_where_it_was_with_everything_deleted_with_it(plan, officer):
    priority = plan.county_priorities.get(position=1)
    actions = set(Action.objects.filter(group__priority=priority).values_list("pk", "text"))
    item_delete(kind=kind("priority"), plan=plan, pk=priority.pk, actor=officer)
    assert not plan.county_priorities.filter(pk=priority.pk).exists()
    (deletion,) = recently_deleted(plan)
    assert (deletion.kind.name, deletion.summary) == ("priority", priority.title)

    restored_kind, restored = deletion_restore(plan=plan, context_id=deletion.context_id, actor=officer)
    assert (restored_kind.name, restored.pk, restored.position) == ("priority", priority.pk, 1)
    assert list(plan.county_priorities.values_list("position", flat=True)) == list(
        range(1, plan.county_priorities.count() + 1)
    )
    assert set(Action.objects.filter(group__priority=priority).values_list("pk", "text")) == actions
    assert recently_deleted(plan) == []


def test_something_whose_parent_was_deleted_since_cannot_come_back_alone(plan, officer):
    section = plan.sections.filter(parent__isnull=True).first()
    block = section.blocks.filter(kind="text").first()
    item_delete(kind=kind("block"), plan=plan, pk=block.pk, actor=officer)
    (deletion,) = recently_deleted(plan)
    item_delete(kind=kind("section"), plan=plan, pk=section.pk, actor=officer)
    with pytest.raises(ValidationError, match="Bring that back first"):
        deletion_restore(plan=plan, context_id=deletion.context_id, actor=officer)
    assert not Block.objects.filter(pk=block.pk).exists()


def test_an_officer_brings_back_a_deleted_partner_from_the_plans_history(officer_client, plan):
    partner = plan.partners.get(position=2)
    officer_client.post(reverse("plans:edit_item_delete", args=[plan.slug, "partner", partner.pk]))
    history = officer_client.get(reverse("plans:history", args=[plan.slug])).text
    assert "Recently deleted" in history
    (deletion,) = recently_deleted(plan)
    url = reverse("plans:deletion_restore", args=[plan.slug, deletion.context_id])
    assert url in history
    response = officer_client.post(url, follow=True)
    assert "Brought back the partner organisation" in response.text
    assert Partner.objects.get(pk=partner.pk).position == 2


def test_the_plans_details_cannot_be_added_or_deleted(officer_client, plan):
    add = reverse("plans:edit_add", args=[plan.slug, "details"])
    delete = reverse("plans:edit_item_delete", args=[plan.slug, "details", plan.pk])
    assert officer_client.post(add, {"title": "Another plan"}).status_code == 404
    assert officer_client.post(delete).status_code == 404
    assert Plan.objects.filter(pk=plan.pk).exists()


def test_a_subsection_without_a_link_name_gets_one_from_its_title(officer_client, plan):
    section = plan.sections.filter(parent__isnull=True).first()
    url = reverse("plans:edit_add", args=[plan.slug, "subsection"]) + f"?parent={section.pk}"
    response = officer_client.post(url, {"title": "Hate crime", "numbered": "on", "anchor": ""})
    assert response.status_code == 302
    assert Section.objects.get(plan=plan, title="Hate crime").anchor == "hate-crime"


def test_a_text_with_nothing_in_it_is_asked_for_not_blamed_on_someone_else(officer_client, plan):
    section = plan.sections.first()
    url = reverse("plans:edit_add", args=[plan.slug, "block"]) + f"?parent={section.pk}"
    for body in ("", "   ", "\u200b\u200b"):
        response = officer_client.post(url, {"body": body})
        assert response.status_code == 200
        assert "Enter the text" in response.text
        assert "Someone else" not in response.text


@pytest.mark.parametrize("value", ["²", "٣", "1e3", "-1", "99999999999999999999"])
def test_odd_numbers_in_the_address_or_the_form_are_never_an_error_page(officer_client, plan, value):
    partner = plan.partners.first()
    add = reverse("plans:edit_add", args=[plan.slug, "concern-point"]) + f"?parent={value}"
    assert officer_client.get(add).status_code == 404
    change = reverse("plans:edit_item", args=[plan.slug, "partner", partner.pk])
    response = officer_client.post(change, {"text": "Changed", "edit_version": value})
    assert response.status_code == 200
    assert "changed this while you were editing it" in response.text
