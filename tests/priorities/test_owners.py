"""Who leads each action and local priority, who supports it, how it is measured and
when; partner organisations by kind. On the real database, through the editor."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from plans.assemble import assemble_plan
from plans.editor import registry, services
from plans.editor.history import plan_changes, recently_deleted
from plans.forms import PartnerForm
from plans.models import Partner
from plans.pdf.render import render_plan_pdf
from priorities.models import Action, ActionGroup, ActionSupporter, AreaPriority, CountyPriority
from tests.factories import make_area, make_plan, make_user
from tests.pdf.expected import document_order, find_in_order
from tests.pdf.pdftext import ReadPDF, squash

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    """A plan with three partners of two kinds, a priority with one theme of two
    actions (shown as a list and as chapters) and an area's local priority."""
    from tests.factories import make_block, make_section

    plan = make_plan()
    police = Partner.objects.create(plan=plan, position=1, text="Thames Valley Police")
    Partner.objects.create(plan=plan, position=2, text="Fire and Rescue")
    Partner.objects.create(plan=plan, position=3, text="Victim Support", kind=Partner.Kind.INVITED_MEMBER)
    priority = CountyPriority.objects.create(
        plan=plan, position=1, title="Knife crime", summary="Less of it."
    )
    group = ActionGroup.objects.create(priority=priority, position=1, title="Prevention")
    Action.objects.create(group=group, position=1, text="work with schools", lead_partner=police)
    Action.objects.create(group=group, position=2, text="run a weapons amnesty")
    area = make_area(plan.partnership, name="Chiltern")
    AreaPriority.objects.create(plan=plan, area=area, position=1, text="Rural crime")
    section = make_section(plan, 1, title="Our partners")
    make_block(section, 1, kind="partners")
    make_block(section, 2, kind="area_priorities")
    chapters = make_section(plan, 2, title="", numbered=False)
    make_block(chapters, 1, kind="priority_chapters")
    return plan


def _partner(plan, text):
    return Partner.objects.get(plan=plan, text=text)


def _action(plan, text):
    return Action.objects.get(group__priority__plan=plan, text=text)


def _url(plan, kind, pk=None, view="edit_item"):
    return reverse(f"plans:{view}", args=[plan.slug, kind, pk] if pk else [plan.slug, kind])


# Partner kinds


def test_a_partner_is_a_responsible_authority_unless_it_says_otherwise(plan):
    partner = Partner.objects.create(plan=plan, position=9, text="Probation")
    assert partner.kind == Partner.Kind.RESPONSIBLE_AUTHORITY
    assert partner.get_kind_display() == "Responsible authority"


def test_an_unknown_kind_of_partner_is_refused_in_plain_words_by_form_model_and_database(plan):
    form = PartnerForm({"text": "Probation", "kind": "friend"}, plan=plan)
    assert not form.is_valid()
    assert form.errors["kind"] == [
        "Choose whether the partner is a responsible authority, a co-operating body or an invited member"
    ]
    partner = Partner(plan=plan, position=9, text="Probation", kind="friend")
    with pytest.raises(ValidationError) as error:
        partner.full_clean()
    assert "Choose whether the partner is a responsible authority" in " ".join(error.value.messages)
    with pytest.raises(IntegrityError, match="partner_kind_valid"), transaction.atomic():
        Partner.objects.filter(pk=_partner(plan, "Fire and Rescue").pk).update(kind="friend")


def test_an_officer_sets_a_partners_kind_in_the_editor(officer_client, plan):
    fire = _partner(plan, "Fire and Rescue")
    response = officer_client.post(
        _url(plan, "partner", fire.pk),
        {"text": "Fire and Rescue", "kind": "co_operating_body", "edit_version": fire.edit_version},
    )
    assert response.status_code == 302
    fire.refresh_from_db()
    assert fire.kind == Partner.Kind.CO_OPERATING_BODY


def test_a_pasted_list_of_partners_takes_the_kind_chosen_for_all_or_responsible_authority(
    officer_client, plan
):
    url = _url(plan, "partner", view="edit_paste")
    assert officer_client.post(url, {"lines": "- Probation\n- Health"}).status_code == 302
    assert officer_client.post(url, {"lines": "Street Pastors", "kind": "invited_member"}).status_code == 302
    kinds = dict(plan.partners.values_list("text", "kind"))
    assert (kinds["Probation"], kinds["Health"], kinds["Street Pastors"]) == (
        "responsible_authority",
        "responsible_authority",
        "invited_member",
    )


def test_the_plan_page_groups_partners_by_kind_only_when_there_is_more_than_one(viewer_client, plan):
    page = viewer_client.get(plan.get_absolute_url()).content.decode()
    assert "Responsible authorities</h3>" in page and "Invited members</h3>" in page
    assert "Co-operating bodies" not in page  # no partner of that kind: no heading
    assert (
        page.index("Responsible authorities")
        < page.index("Thames Valley Police")
        < page.index("Invited members")
        < page.index("Victim Support")
    )
    Partner.objects.filter(plan=plan).update(kind=Partner.Kind.RESPONSIBLE_AUTHORITY)
    page = viewer_client.get(plan.get_absolute_url()).content.decode()
    assert "Responsible authorities" not in page and "Victim Support" in page


# Lead and supporting partners: rules


def test_a_lead_partner_of_another_plan_is_refused_by_the_model_in_plain_words(plan):
    other = Partner.objects.create(plan=make_plan(), position=1, text="Another county's police")
    action = _action(plan, "run a weapons amnesty")
    action.lead_partner = other
    with pytest.raises(ValidationError) as error:
        action.full_clean()
    assert error.value.message_dict["lead_partner"] == [
        "Another county's police is a partner organisation of another plan: choose one of this plan's partners"
    ]
    local = AreaPriority.objects.get(plan=plan)
    local.lead_partner = other
    with pytest.raises(ValidationError, match="of another plan"):
        local.full_clean()


def test_the_service_refuses_partners_of_another_plan_and_a_lead_who_also_supports(plan, officer):
    other = Partner.objects.create(plan=make_plan(), position=1, text="Elsewhere Council")
    kind = registry.get("action")
    action = _action(plan, "run a weapons amnesty")
    police = _partner(plan, "Thames Valley Police")

    def update(**data):
        action.refresh_from_db()
        services.item_update(
            kind=kind,
            plan=plan,
            pk=action.pk,
            data={"text": action.text, **data},
            actor=officer,
            based_on_version=action.edit_version,
        )

    with pytest.raises(ValidationError) as error:
        update(lead_partner=other)
    assert error.value.message_dict["lead_partner"] == [
        "“Elsewhere Council” belongs to another plan: choose one of this plan's partner organisations"
    ]
    with pytest.raises(ValidationError) as error:
        update(supporting_partners=[police, other])
    assert "Elsewhere Council" in error.value.message_dict["supporting_partners"][0]
    with pytest.raises(ValidationError) as error:
        update(lead_partner=police, supporting_partners=[police])
    assert error.value.message_dict["supporting_partners"] == [
        "Thames Valley Police leads this: it cannot also be one of the supporting partners"
    ]
    assert not ActionSupporter.objects.filter(action=action).exists()
    assert Action.objects.get(pk=action.pk).lead_partner_id is None


def test_a_partner_is_listed_once_among_the_supporters(plan):
    action = _action(plan, "work with schools")
    fire = _partner(plan, "Fire and Rescue")
    ActionSupporter.objects.create(action=action, partner=fire)
    with pytest.raises(ValidationError, match="listed once"):
        ActionSupporter(action=action, partner=fire).full_clean()


# Through the editor


def test_an_officer_adds_an_action_with_who_leads_it_its_measure_and_timescale(officer_client, plan):
    group = ActionGroup.objects.get(priority__plan=plan)
    police, fire, victim = (
        _partner(plan, n) for n in ("Thames Valley Police", "Fire and Rescue", "Victim Support")
    )
    form_page = officer_client.get(_url(plan, "action", view="edit_add") + f"?parent={group.pk}")
    assert 'name="lead_partner"' in form_page.content.decode()
    response = officer_client.post(
        _url(plan, "action", view="edit_add"),
        {
            "parent": group.pk,
            "text": "patrol hot spots",
            "lead_partner": police.pk,
            "supporting_partners": [fire.pk, victim.pk],
            "measure": "Knife crime down 10% on 2025",
            "timescale": "By March 2027",
        },
    )
    assert response.status_code == 302
    action = _action(plan, "patrol hot spots")
    assert (action.lead_partner, action.measure, action.timescale) == (
        police,
        "Knife crime down 10% on 2025",
        "By March 2027",
    )
    assert set(action.supporting_partners.all()) == {fire, victim}


def test_an_officer_changes_the_supporters_and_the_form_shows_them_ticked(officer_client, plan):
    action = _action(plan, "work with schools")
    fire, victim = _partner(plan, "Fire and Rescue"), _partner(plan, "Victim Support")
    action.supporting_partners.set([fire])
    page = officer_client.get(_url(plan, "action", action.pk)).content.decode()
    assert _is_checked(page, fire.pk) and not _is_checked(page, victim.pk)
    response = officer_client.post(
        _url(plan, "action", action.pk),
        {
            "text": action.text,
            "lead_partner": action.lead_partner_id,
            "supporting_partners": [victim.pk],
            "edit_version": action.edit_version,
        },
    )
    assert response.status_code == 302
    assert list(action.supporting_partners.all()) == [victim]


def _is_checked(page: str, pk: int) -> bool:
    return any(
        'type="checkbox"' in tag and f'value="{pk}"' in tag and "checked" in tag
        for tag in re.findall(r"<input[^>]*>", page)
    )


def test_the_form_offers_only_this_plans_partners_and_refuses_another_plans(officer_client, plan):
    other = Partner.objects.create(plan=make_plan(), position=1, text="Elsewhere Council")
    action = _action(plan, "run a weapons amnesty")
    page = officer_client.get(_url(plan, "action", action.pk)).content.decode()
    assert "Thames Valley Police" in page and "Elsewhere Council" not in page
    response = officer_client.post(
        _url(plan, "action", action.pk),
        {"text": action.text, "lead_partner": other.pk, "edit_version": action.edit_version},
    )
    assert response.status_code == 200
    assert "Choose one of this plan&#x27;s partner organisations" in response.content.decode()
    response = officer_client.post(
        _url(plan, "action", action.pk),
        {"text": action.text, "supporting_partners": [other.pk], "edit_version": action.edit_version},
    )
    assert "Choose partner organisations of this plan" in response.content.decode()
    assert Action.objects.get(pk=action.pk).lead_partner_id is None


def test_an_area_lead_names_who_leads_their_local_priority(client, plan):
    local = AreaPriority.objects.get(plan=plan)
    lead = make_user("lead-person", "Area leads", areas=[local.area])
    client.force_login(lead)
    police = _partner(plan, "Thames Valley Police")
    page = client.get(_url(plan, "area-priority", local.pk)).content.decode()
    assert "Thames Valley Police" in page
    response = client.post(
        _url(plan, "area-priority", local.pk),
        {
            "area": local.area_id,
            "text": local.text,
            "lead_partner": police.pk,
            "supporting_partners": [_partner(plan, "Victim Support").pk],
            "measure": "Fewer farm thefts",
            "timescale": "Quarterly",
            "edit_version": local.edit_version,
        },
    )
    assert response.status_code == 302
    local.refresh_from_db()
    assert (local.lead_partner, local.measure, local.timescale) == (police, "Fewer farm thefts", "Quarterly")
    assert [p.text for p in local.supporters()] == ["Victim Support"]


def test_a_plan_with_no_partners_yet_asks_only_for_the_measure_and_timescale(officer_client):
    plan = make_plan()
    priority = CountyPriority.objects.create(plan=plan, position=1, title="ASB", summary="Less of it.")
    group = ActionGroup.objects.create(priority=priority, position=1)
    page = officer_client.get(_url(plan, "action", view="edit_add") + f"?parent={group.pk}").content.decode()
    assert 'name="lead_partner"' not in page and 'name="measure"' in page


def test_deleting_a_partner_that_leads_something_says_what_it_leads(officer_client, plan):
    police = _partner(plan, "Thames Valley Police")
    AreaPriority.objects.filter(plan=plan).update(lead_partner=police)
    confirm = officer_client.get(_url(plan, "partner", police.pk, view="edit_item_delete")).content.decode()
    assert "This partner organisation cannot be deleted yet" in confirm and "Yes, delete it" not in confirm
    assert "Rural crime" in confirm
    fire_page = officer_client.get(
        _url(plan, "partner", _partner(plan, "Fire and Rescue").pk, view="edit_item_delete")
    )
    assert "Yes, delete it" in fire_page.content.decode()
    response = officer_client.post(_url(plan, "partner", police.pk, view="edit_item_delete"), follow=True)
    assert response.status_code == 200
    text = " ".join(m.message for m in response.context["messages"])
    assert 'This partner organisation leads 1 "We will" action (“work with schools”)' in text
    assert "1 local priority (“Rural crime”)" in text
    assert "Choose another lead for them, or none, then delete the partner organisation." in text
    assert Partner.objects.filter(pk=police.pk).exists()


def test_deleting_a_supporting_partner_takes_it_off_the_supporters_and_undoing_brings_it_back(
    officer_client, plan
):
    action = _action(plan, "work with schools")
    fire = _partner(plan, "Fire and Rescue")
    action.supporting_partners.set([fire])
    assert officer_client.post(_url(plan, "partner", fire.pk, view="edit_item_delete")).status_code == 302
    assert not action.supporting_partners.exists()
    [deletion] = recently_deleted(plan)
    services.deletion_restore(plan=plan, context_id=deletion.context_id, actor=None)
    assert list(action.supporting_partners.all()) == [_partner(plan, "Fire and Rescue")]


# The page, the PDF and the history


def test_the_plan_page_shows_who_leads_each_action_its_measure_and_timescale(viewer_client, plan):
    action = _action(plan, "work with schools")
    action.measure, action.timescale = "Every secondary school visited", "By July 2026"
    action.save()
    action.supporting_partners.set([_partner(plan, "Victim Support")])
    page = viewer_client.get(plan.get_absolute_url()).content.decode()
    owners = page[page.index("work with schools") : page.index("run a weapons amnesty")]
    assert '<dl class="app-owners">' in owners
    for text in (
        "Led by",
        "Thames Valley Police",
        "Supported by",
        "Victim Support",
        "How we will measure it",
    ):
        assert text in owners
    assert "Every secondary school visited" in owners and "By July 2026" in owners
    after = page[page.index("run a weapons amnesty") :]
    assert after.index("</li>") < after.find("app-owners") or "app-owners" not in after


def test_a_local_priority_shows_its_lead_on_the_page(viewer_client, plan):
    AreaPriority.objects.filter(plan=plan).update(
        lead_partner=_partner(plan, "Fire and Rescue"), timescale="2026 to 2028"
    )
    page = viewer_client.get(plan.get_absolute_url()).content.decode()
    table = page[page.index("app-area-priorities") :]
    assert "Rural crime" in table and "Fire and Rescue" in table and "2026 to 2028" in table


def test_the_page_reads_the_plans_content_in_one_query_with_the_new_links(plan):
    from plans.content import PlanContent

    action = _action(plan, "work with schools")
    action.supporting_partners.set([_partner(plan, "Victim Support")])
    content = PlanContent.load(plan)
    with CaptureQueries() as queries:
        [loaded] = [a for a in content.rows(Action) if a.pk == action.pk]
        assert loaded.lead_partner.text == "Thames Valley Police"
        assert [p.text for p in loaded.supporters()] == ["Victim Support"]
        assert loaded.has_owners
    assert queries.count == 0


class CaptureQueries:
    def __enter__(self):
        from django.test.utils import CaptureQueriesContext

        self._context = CaptureQueriesContext(connection)
        self._context.__enter__()
        return self

    def __exit__(self, *exc):
        self._context.__exit__(*exc)

    @property
    def count(self):
        return len(self._context)


def test_the_pdf_shows_partners_by_kind_and_who_leads_each_action(plan):
    action = _action(plan, "work with schools")
    action.measure, action.timescale = "Every secondary school visited", "By July 2026"
    action.save()
    action.supporting_partners.set([_partner(plan, "Victim Support"), _partner(plan, "Fire and Rescue")])
    AreaPriority.objects.filter(plan=plan).update(lead_partner=_partner(plan, "Fire and Rescue"))
    read = ReadPDF(render_plan_pdf(plan))
    body = "".join(squash(page.body) for page in read.pages)
    expected = document_order(assemble_plan(plan))
    assert "Responsible authorities" in expected and "Fire and Rescue, Victim Support" in expected
    assert find_in_order(body, expected) == []


def test_the_history_names_lead_and_supporting_partners(officer_client, plan):
    action = _action(plan, "run a weapons amnesty")
    police, fire = _partner(plan, "Thames Valley Police"), _partner(plan, "Fire and Rescue")
    response = officer_client.post(
        _url(plan, "action", action.pk),
        {
            "text": action.text,
            "lead_partner": police.pk,
            "supporting_partners": [fire.pk],
            "timescale": "Quarterly",
            "edit_version": action.edit_version,
        },
    )
    assert response.status_code == 302
    entries = plan_changes(plan)
    [change] = [e for e in entries if e.kind and e.kind.name == "action"]
    rows = {row.label: (row.before, row.after) for row in change.changes}
    assert rows["Lead partner"] == ("–", "Thames Valley Police")
    assert rows["Timescale"] == ("–", "Quarterly")
    [link] = [e for e in entries if e.kind is None]
    assert link.action == "added"
    assert link.label == "Supporting partner of an action: run a weapons amnesty – Fire and Rescue"
    page = officer_client.get(reverse("plans:history", args=[plan.slug])).content.decode()
    assert "Thames Valley Police" in page and "Supporting partner of an action" in page
    item_page = officer_client.get(_url(plan, "action", action.pk, view="edit_item_history")).content.decode()
    assert "Lead partner" in item_page and "Thames Valley Police" in item_page
    assert "supporting partner added by olive-officer" in item_page and "Fire and Rescue" in item_page
    response = officer_client.post(
        _url(plan, "action", action.pk),
        {"text": action.text, "lead_partner": police.pk, "edit_version": action.edit_version + 1},
    )
    assert response.status_code == 302
    item_page = officer_client.get(_url(plan, "action", action.pk, view="edit_item_history")).content.decode()
    assert "supporting partner removed by olive-officer" in item_page


def test_a_pasted_list_of_actions_shares_the_lead_and_timescale_chosen_once(officer_client, plan):
    group = ActionGroup.objects.get(priority__plan=plan)
    police, fire = _partner(plan, "Thames Valley Police"), _partner(plan, "Fire and Rescue")
    response = officer_client.post(
        _url(plan, "action", view="edit_paste") + f"?parent={group.pk}",
        {
            "lines": "- visit youth clubs\n- train door staff",
            "lead_partner": police.pk,
            "supporting_partners": [fire.pk],
            "timescale": "2026 to 2028",
        },
    )
    assert response.status_code == 302
    for text in ("visit youth clubs", "train door staff"):
        action = _action(plan, text)
        assert (action.lead_partner, action.timescale, list(action.supporting_partners.all())) == (
            police,
            "2026 to 2028",
            [fire],
        )


def test_a_conflicting_save_shows_both_versions_supporters_by_name(officer_client, plan):
    action = _action(plan, "work with schools")
    fire, victim = _partner(plan, "Fire and Rescue"), _partner(plan, "Victim Support")
    action.supporting_partners.set([fire])
    Action.objects.filter(pk=action.pk).update(edit_version=action.edit_version + 1)
    response = officer_client.post(
        _url(plan, "action", action.pk),
        {"text": action.text, "supporting_partners": [victim.pk], "edit_version": action.edit_version},
    )
    assert response.status_code == 200
    conflict = {row["label"]: (row["theirs"], row["yours"]) for row in response.context["conflict"]["rows"]}
    assert conflict["Supporting partners (optional)"] == ("Fire and Rescue", "Victim Support")
    assert conflict["Lead partner (optional)"] == ("Thames Valley Police", "–")


def test_an_earlier_version_with_its_lead_partner_and_measure_is_restored(officer, plan):
    kind = registry.get("action")
    action = _action(plan, "run a weapons amnesty")
    police = _partner(plan, "Thames Valley Police")
    data = {"text": action.text, "lead_partner": police, "measure": "100 knives handed in"}
    services.item_update(kind=kind, plan=plan, pk=action.pk, data=data, actor=officer, based_on_version=1)
    data = {"text": action.text, "lead_partner": None, "measure": ""}
    services.item_update(kind=kind, plan=plan, pk=action.pk, data=data, actor=officer, based_on_version=2)
    event = action.events.filter(lead_partner=police).order_by("pgh_id").last()
    services.item_restore(kind=kind, plan=plan, pk=action.pk, event=event, actor=officer, based_on_version=3)
    action.refresh_from_db()
    assert (action.lead_partner, action.measure) == (police, "100 knives handed in")
