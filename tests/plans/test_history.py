"""History people can read: each change named as people call the item and where it
is, values as they read them, text compared word by word, items added, deleted and
moved said as such, on the plan's and on an item's history page, at a fixed number
of queries; and the two-person conflict marks what differs."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from funding.models import BudgetLine
from plans.editor import registry
from plans.editor.history import item_history, plan_changes, plan_changes_page
from plans.editor.services import item_create, item_delete, item_move, item_update
from plans.models import Block, Section, Statistic
from priorities.models import AreaPriority
from tests.factories import join, make_area, make_full_plan, make_partnership, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    return make_full_plan(scale=1)


def kind(name):
    return registry.get(name)


def update(plan, name, item, actor, **data):
    """Change an item through the one write path, as the officer."""
    item.refresh_from_db()
    return item_update(
        kind=kind(name), plan=plan, pk=item.pk, data=data, actor=actor, based_on_version=item.edit_version
    )


def history_url(plan):
    return reverse("plans:history", args=[plan.slug])


def item_history_url(plan, kind_name, pk):
    return reverse("plans:edit_item_history", args=[plan.slug, kind_name, pk])


def shown(html: str) -> str:
    """The page's text as seen: tags and visually hidden words taken out, spaces joined."""
    html = re.sub(r'<span class="govuk-visually-hidden">[^<]*</span>', "", html)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split()).replace(" :", ":")


def a_text_block(plan) -> Block:
    return Block.objects.filter(section__plan=plan, kind="text", section__parent=None).first()


def test_a_budget_lines_new_amount_reads_as_money_under_its_name(officer_client, officer, plan):
    line = BudgetLine.objects.filter(fund__plan=plan).first()
    update(plan, "budget-line", line, officer, description="Domestic abuse services", amount=Decimal("50000"))
    update(plan, "budget-line", line, officer, amount=Decimal("55000"))

    page = officer_client.get(history_url(plan)).text
    assert "Budget line: Domestic abuse services" in page
    assert "£50,000.00" in page and "£55,000.00" in page
    assert "55000.0" not in page and "50000.0 " not in page
    assert "edit_version" not in page.lower() and "Edit version" not in page

    item_page = officer_client.get(item_history_url(plan, "budget-line", line.pk)).text
    assert "Budget line: Domestic abuse services" in item_page
    assert "£50,000.00" in item_page and "£55,000.00" in item_page
    # Read out as "from £50,000.00 to £55,000.00".
    assert re.search(r"from </span>£50,000.00<span aria-hidden=\"true\"> → </span>", item_page)


def test_a_text_blocks_changed_words_are_marked_on_both_history_pages(officer_client, officer, plan):
    block = a_text_block(plan)
    update(plan, "block", block, officer, body="We will support victims of crime in every district.")
    update(plan, "block", block, officer, body="We will help victims of crime in every district.")

    page = officer_client.get(history_url(plan)).text
    assert "Text of section 1" in page
    assert re.search(
        r'<del class="app-diff__del"><span class="govuk-visually-hidden">removed: </span>support</del>', page
    )
    assert re.search(
        r'<ins class="app-diff__ins"><span class="govuk-visually-hidden">added: </span>help</ins>', page
    )
    assert "added words are" in page  # the legend says what the lines mean

    item_page = officer_client.get(item_history_url(plan, "block", block.pk)).text
    assert "Text of section 1" in item_page
    assert '<del class="app-diff__del">' in item_page and '<ins class="app-diff__ins">' in item_page
    assert "We will support help victims of crime in every district." in shown(item_page)


def test_a_change_of_line_endings_alone_is_said_as_such(officer, plan):
    block = a_text_block(plan)
    update(plan, "block", block, officer, body="Line one.\nLine two.")
    update(plan, "block", block, officer, body="Line one.\r\nLine two.")  # as a browser sends it
    [change] = plan_changes(plan)[0].changes
    assert (change.note, change.diff) == ("Only spaces or line breaks changed", None)


def test_typed_text_is_escaped_on_the_history_pages(officer_client, officer, plan):
    partner = plan.partners.first()
    update(plan, "partner", partner, officer, text="<script>alert(1)</script> Thames Valley Police")
    update(plan, "partner", partner, officer, text="<script>alert(2)</script> Thames Valley Police")
    for url in (history_url(plan), item_history_url(plan, "partner", partner.pk)):
        page = officer_client.get(url).text
        assert "<script>alert" not in page
        assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page


def test_items_added_deleted_and_moved_are_said_as_such(officer_client, officer, plan):
    added = item_create(kind=kind("partner"), plan=plan, data={"text": "Thames Valley Police"}, actor=officer)
    first, second = plan.partners.all()[:2]
    item_move(kind=kind("partner"), plan=plan, pk=second.pk, actor=officer, direction="up")
    doomed = BudgetLine.objects.filter(fund__plan=plan).first()
    doomed_description = doomed.description
    item_delete(kind=kind("budget-line"), plan=plan, pk=doomed.pk, actor=officer)

    entries = plan_changes(plan)
    said = [(entry.action, entry.label) for entry in entries]
    assert ("added", "Partner organisation: Thames Valley Police") in said
    assert ("moved up", f"Partner organisation: {second.text}") in said
    assert ("moved down", f"Partner organisation: {first.text}") in said
    assert ("deleted", f"Budget line: {doomed_description}") in said
    deleted = next(e for e in entries if e.action == "deleted")
    assert deleted.text == f"{doomed_description}: £100.50"  # its main text, from the history's data
    assert not deleted.still_there

    page = shown(officer_client.get(history_url(plan)).text)
    assert "Partner organisation: Thames Valley Police Added" in page
    assert f"Budget line: {doomed_description} Deleted: {doomed_description}: £100.50" in page
    assert f"Partner organisation: {second.text} Moved up" in page
    assert "Position" not in page

    item_page = shown(officer_client.get(item_history_url(plan, "partner", added.pk)).text)
    assert "added by olive-officer" in item_page
    assert "Organisation Thames Valley Police" in item_page  # every field of the item added
    moved_page = shown(officer_client.get(item_history_url(plan, "partner", second.pk)).text)
    assert "moved up by olive-officer" in moved_page


def test_a_local_priority_is_named_with_its_area_and_a_change_of_area_by_name(officer_client, officer, plan):
    priority = AreaPriority.objects.filter(plan=plan).select_related("area").first()
    other = make_area(plan.partnership, name="Chiltern")
    update(plan, "area-priority", priority, officer, area=other, text="Reduce anti-social behaviour")

    entry = plan_changes(plan)[0]
    assert entry.label == "Local priority (Chiltern): Reduce anti-social behaviour"
    area = next(change for change in entry.changes if change.label == "Area")
    assert (area.before, area.after) == (priority.area.name, "Chiltern")
    page = officer_client.get(history_url(plan)).text
    assert "Local priority (Chiltern): Reduce anti-social behaviour" in page
    assert "area_id" not in page and f">{other.pk}<" not in page


def changes_of(plan, model):
    """The field changes of the latest change to an item of this model."""
    return next(entry for entry in plan_changes(plan) if entry.kind.model is model).changes


def test_values_read_as_people_read_them(officer, plan):
    statistic = Statistic.objects.filter(plan=plan, value__isnull=False).first()
    update(
        plan,
        "statistic",
        statistic,
        officer,
        unit="count",
        value=Decimal("12.5"),
        area=None,
        qualifier="about",
    )
    changes = {change.label: (change.before, change.after) for change in changes_of(plan, Statistic)}
    assert changes["Unit"] == ("Per cent", "Count")
    assert changes["Figure"] == (f"{statistic.value:.2f}", "12.50")
    assert changes["Area"] == (statistic.area.name, "–")
    assert changes["How exact it is"] == ("Exactly", "About")

    section = plan.sections.filter(parent=None).first()
    update(plan, "section", section, officer, numbered=False)
    changes = {change.label: (change.before, change.after) for change in changes_of(plan, Section)}
    assert list(changes.values()) == [("Yes", "No")]


def test_a_restore_and_the_first_version_of_an_item(officer_client, officer, plan):
    partner = plan.partners.first()
    update(plan, "partner", partner, officer, text="Thames Valley Police")
    partner.refresh_from_db()
    entries = item_history(kind("partner"), partner, plan)
    assert [entry.action for entry in entries] == ["changed", "added"]
    assert [entry.restorable for entry in entries] == [False, True]  # the latest is the item as it is
    page = officer_client.get(item_history_url(plan, "partner", partner.pk)).text
    assert page.count("Restore this version") == 1


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _make_history(plan, officer, rounds: int) -> None:
    """Changes of every sort, ``rounds`` times over."""
    area = plan.partnership.areas.first()
    for n in range(rounds):
        update(
            plan,
            "budget-line",
            BudgetLine.objects.filter(fund__plan=plan).first(),
            officer,
            amount=Decimal(1000 + n),
        )
        update(plan, "block", a_text_block(plan), officer, body=f"Round {n} of the text.")
        update(plan, "partner", plan.partners.first(), officer, text=f"Partner, round {n}")
        priority = AreaPriority.objects.filter(plan=plan).first()
        update(plan, "area-priority", priority, officer, area=area, text=f"Priority, round {n}")
        statistic = Statistic.objects.filter(plan=plan, value__isnull=False).first()
        update(plan, "statistic", statistic, officer, value=Decimal(n), area=area)
        added = item_create(kind=kind("duty"), plan=plan, data={"text": f"Duty {n}"}, actor=officer)
        item_move(kind=kind("duty"), plan=plan, pk=added.pk, actor=officer, direction="up")
        item_delete(kind=kind("duty"), plan=plan, pk=added.pk, actor=officer)
        section = plan.sections.filter(parent=None).first()
        update(plan, "section", section, officer, title=f"Section, round {n}")


def test_the_history_pages_cost_the_same_queries_for_ten_times_the_changes(officer_client, officer):
    # Each plan in a partnership of its own (areas are a partnership's), the officer in both.
    small, large = (make_full_plan(scale=1, partnership=make_partnership()) for _ in range(2))
    for plan in (small, large):
        join(officer, plan.partnership, "officer")
    _make_history(small, officer, rounds=1)
    _make_history(large, officer, rounds=10)
    assert len(plan_changes(large, limit=1000)) >= 9 * len(plan_changes(small, limit=1000))
    assert _queries(officer_client, history_url(small)) == _queries(officer_client, history_url(large))
    for name, item in [
        ("budget-line", lambda p: BudgetLine.objects.filter(fund__plan=p).first()),
        ("block", a_text_block),
        ("area-priority", lambda p: AreaPriority.objects.filter(plan=p).first()),
        ("statistic", lambda p: Statistic.objects.filter(plan=p, value__isnull=False).first()),
    ]:
        urls = [item_history_url(p, name, item(p).pk) for p in (small, large)]
        assert _queries(officer_client, urls[0]) == _queries(officer_client, urls[1]), name


def _page_links(page: str) -> dict[str, str]:
    """The pagination's links by their words: {"Newer changes": "?after=...", ...}."""
    return {
        words: href.replace("&amp;", "&")
        for href, words in re.findall(
            r'<a class="govuk-link govuk-pagination__link" href="([^"]+)"[^>]*>.*?'
            r'<span class="govuk-pagination__link-title">([^<]+)</span>',
            page,
            flags=re.S,
        )
    }


def _duties_listed(page: str) -> list[str]:
    return re.findall(r"Duty (\d{3})", shown(page))


def test_the_plans_history_shows_fifty_changes_a_page_newest_first(officer_client, officer, plan):
    few = make_full_plan(scale=1)
    # Something deleted first: the page of the latest changes still offers to bring it back.
    # (A theme: nothing else goes with it. Everything here is one transaction, so every
    # change has the same time, and only changes to one table are in a known order.)
    for p in (few, plan):
        item_delete(kind=kind("theme"), plan=p, pk=p.themes.get(text="UnderlyingTheme 1").pk, actor=officer)
    item_create(kind=kind("duty"), plan=few, data={"text": "Duty 001"}, actor=officer)
    for n in range(1, 121):
        item_create(kind=kind("duty"), plan=plan, data={"text": f"Duty {n:03}"}, actor=officer)

    first = officer_client.get(history_url(plan)).text
    assert "Recently deleted" in first and "Bring back" in first
    assert _duties_listed(first) == [f"{n:03}" for n in range(120, 70, -1)]
    assert set(_page_links(first)) == {"Older changes"}

    second = officer_client.get(history_url(plan) + _page_links(first)["Older changes"]).text
    assert _duties_listed(second) == [f"{n:03}" for n in range(70, 20, -1)]
    assert "Recently deleted" not in second and "Bring back" not in second
    assert set(_page_links(second)) == {"Newer changes", "Older changes"}

    third = officer_client.get(history_url(plan) + _page_links(second)["Older changes"]).text
    assert _duties_listed(third) == [f"{n:03}" for n in range(20, 0, -1)]
    assert "UnderlyingTheme 1" in shown(third)  # deleted before the duties were added
    assert set(_page_links(third)) == {"Newer changes"}

    back = officer_client.get(history_url(plan) + _page_links(third)["Newer changes"]).text
    assert _duties_listed(back) == _duties_listed(second)
    # Newer than the second page is the latest page, whole.
    again = officer_client.get(history_url(plan) + _page_links(second)["Newer changes"]).text
    assert _duties_listed(again) == _duties_listed(first) and "Recently deleted" in again

    # The same queries for a plan of a few changes as for one of 120 and more, page after page.
    latest_pages = [_queries(officer_client, history_url(p)) for p in (few, plan)]
    older_pages = [
        _queries(officer_client, history_url(plan) + _page_links(page)["Older changes"])
        for page in (first, second)
    ]
    assert latest_pages[0] == latest_pages[1] and older_pages[0] == older_pages[1]
    assert max(latest_pages + older_pages) <= 10


def test_changes_saved_together_are_neither_repeated_nor_skipped_across_pages(officer, plan):
    for n in range(1, 6):
        item_create(kind=kind("duty"), plan=plan, data={"text": f"Duty {n:03}"}, actor=officer)
    # Deleting a section records it and everything in it at the same moment.
    section = plan.sections.filter(parent=None, children__isnull=False).first()
    item_delete(kind=kind("section"), plan=plan, pk=section.pk, actor=officer)
    everything = [(e.event, e.action) for e in plan_changes(plan, limit=1000)]
    assert len({event.when for event, _action in everything}) < len(everything) - 3
    for size in (1, 2, 3):
        paged, page = [], plan_changes_page(plan, size=size)
        while True:
            paged += [(e.event, e.action) for e in page.entries]
            if page.older is None:
                break
            page = plan_changes_page(plan, before=page.older, size=size)
        assert paged == everything, size


def test_a_page_of_changes_that_does_not_exist_is_not_found(officer_client, plan):
    for query in [
        "?before=yesterday",
        "?after=12-3-plans.NoSuchEvent",
        "?before=99999999999999999999999-1-plans.BlockEvent",
        "?after=1-2",
    ]:
        response = officer_client.get(history_url(plan) + query)
        assert response.status_code == 404, query


def test_the_conflict_page_marks_what_differs_word_by_word(client, officer, plan):
    other = make_user("otto-officer", "Board officers")
    block = a_text_block(plan)
    url = reverse("plans:edit_item", args=[plan.slug, "block", block.pk])
    client.force_login(other)
    assert (
        client.post(url, {"body": "We will support victims of crime.", "edit_version": 1}).status_code == 302
    )
    client.force_login(officer)
    response = client.post(url, {"body": "We will help all victims of crime.", "edit_version": 1})
    assert response.status_code == 200
    page = response.text
    assert "otto-officer saved a newer version" in page
    assert re.search(
        r'<del class="app-diff__del"><span class="govuk-visually-hidden">only in their version: </span>support</del>',
        page,
    )
    assert re.search(
        r'<ins class="app-diff__ins"><span class="govuk-visually-hidden">only in your version: </span>help all</ins>',
        page,
    )
    assert "words only in theirs are" in page


def test_the_conflict_page_shows_amounts_as_money(client, officer, plan):
    other = make_user("otto-officer", "Board officers")
    line = BudgetLine.objects.filter(fund__plan=plan).first()
    url = reverse("plans:edit_item", args=[plan.slug, "budget-line", line.pk])
    client.force_login(other)
    client.post(url, {"description": line.description, "amount": "50000", "edit_version": 1})
    client.force_login(officer)
    page = client.post(url, {"description": line.description, "amount": "55000", "edit_version": 1}).text
    assert "only in their version: </span>£50,000.00</del>" in page
    assert "only in your version: </span>£55,000.00</ins>" in page
