"""The editor, tried on both demo plans as a board officer would: every item reachable
by links from the task list, an item of every kind added and found on the plan's page
(or a warning saying why not), and every form, sent empty or over-long, answered in
plain words and never with an error page."""

import re
from collections import deque

import pytest
from django.urls import reverse

from plans.editor import registry
from plans.models import Area, Plan

pytestmark = pytest.mark.django_db

MARK = "Qwzx"  # in no demo text


@pytest.fixture
def drafts(demo_plans):
    """Both demo plans as drafts (one is published in the demo, and frozen)."""
    Plan.objects.filter(pk__in=[p.pk for p in demo_plans.values()]).update(status="draft", published_on=None)
    return [Plan.objects.get(pk=p.pk) for p in demo_plans.values()]


EDIT_LINK = re.compile(r'href="(/plans/[^/"]+/edit/([a-z-]+)/(?:(\d+)/)?(?:\?[^"]*)?)"')


def _plan_items(plan) -> set[tuple[str, int]]:
    """Every item of the plan the editor knows, as (model label, id)."""
    items = set()
    for kind in registry.all_kinds().values():
        items |= {(kind.model._meta.label, pk) for pk in kind.in_plan(plan).values_list("pk", flat=True)}
    return items


def test_an_officer_reaches_every_item_of_both_demo_plans_by_links_from_the_task_list(officer_client, drafts):
    for plan in drafts:
        start = reverse("plans:edit", args=[plan.slug])
        queue, seen_pages, reached = deque([start]), {start}, set()
        while queue:
            response = officer_client.get(queue.popleft())
            assert response.status_code == 200
            for url, kind_name, pk in EDIT_LINK.findall(response.text):
                url = url.split("?")[0]
                kind = registry.get(kind_name)
                if kind is None:
                    continue
                if pk:
                    reached.add((kind.model._meta.label, int(pk)))
                if url not in seen_pages:
                    seen_pages.add(url)
                    queue.append(url)
        # A block that shows an item of its own (a fund's table) is reached with it.
        for label, pk in list(reached):
            block_id = getattr(
                registry.kind_for_model(_model(label)).model.objects.get(pk=pk), "block_id", None
            )
            if block_id:
                reached.add(("plans.Block", block_id))
        missing = _plan_items(plan) - reached
        assert missing == set(), (plan.slug, sorted(missing)[:10])


def _model(label):
    from django.apps import apps

    return apps.get_model(label)


def _first(kind_name, plan):
    return registry.get(kind_name).in_plan(plan).first()


def _samples(plan) -> dict[str, dict]:
    """For every addable kind: valid data, typed as a person would, marked to be found."""
    area = Area.objects.filter(partnership=plan.partnership).order_by("name").first()
    return {
        "partner": {"text": f"{MARK} partner"},
        "duty": {"text": f"{MARK} duty"},
        "police-priority": {"text": f"{MARK} police priority"},
        "theme": {"text": f"{MARK} theme"},
        "section": {"title": f"{MARK} section", "numbered": "on"},
        "subsection": {"title": f"{MARK} subsection", "numbered": "on"},
        "block": {"body": f"{MARK} paragraph"},
        "component": {"kind": "signature", "list_style": "bullets"},
        "assessment": {"name": f"{MARK} assessment", "year": "2014"},
        "concern": {"title": f"{MARK} concern"},
        "concern-point": {"text": f"{MARK} concern point"},
        "statistic": {
            "key": "qwzx-figure",
            "label": f"{MARK} figure",
            "unit": "count",
            "value": "42",
            "decimal_places": "0",
        },
        "series": {"key": "qwzx-series", "title": f"{MARK} series", "value_label": "Crimes"},
        "series-point": {"year": "1999", "value": "987654"},
        "evidence-group": {"heading": f"{MARK} evidence"},
        "finding": {"text": f"{MARK} finding"},
        "survey": {"title": f"{MARK} survey", "year": "2015", "respondents": "120"},
        "survey-topic": {"heading": f"{MARK} topic"},
        "survey-finding": {"text": f"{MARK} survey result"},
        "priority": {"title": f"{MARK} priority", "summary": f"{MARK} summary"},
        "action-group": {"title": f"{MARK} action theme"},
        "action": {"text": f"{MARK} action"},
        "area-priority": {"area": str(area.pk), "text": f"{MARK} local priority"},
        "fund": {"name": f"{MARK} fund", "year": "2015", "total_label": "Total"},
        "budget-line": {"description": f"{MARK} budget line", "amount": "1234"},
    }


#: What to look for on the plan's page when the item's own words are not shown.
SHOWN_AS = {"series-point": "987,654", "component": None}
NOT_SHOWN_WORDS = ("does not show", "No text in the plan shows", "not placed in any section", "not shown")


def _add_url(plan, kind):
    url = reverse("plans:edit_add", args=[plan.slug, kind.name])
    if kind.parent_kind is None:
        return url
    parent = _first(kind.parent_kind, plan)
    return f"{url}?parent={parent.pk}"


def test_an_item_of_every_kind_added_to_each_demo_plan_is_on_its_page_or_the_editor_says_why_not(
    officer_client, drafts
):
    for plan in drafts:
        samples = _samples(plan)
        addable = [kind for kind in registry.all_kinds().values() if kind.addable]
        assert {kind.name for kind in addable} <= set(samples), "a kind without sample data"
        for kind in addable:
            page_before = officer_client.get(plan.get_absolute_url()).text
            if kind.name == "assessment" and _first("assessment", plan):
                response = officer_client.post(_add_url(plan, kind), samples[kind.name])
                assert "already has a strategic assessment" in response.text.lower(), kind.name
                continue
            response = officer_client.post(_add_url(plan, kind), samples[kind.name], follow=True)
            assert response.redirect_chain, (plan.slug, kind.name, _errors(response.text))
            page = officer_client.get(plan.get_absolute_url()).text
            marked = [value for value in samples[kind.name].values() if MARK in value]
            expected = SHOWN_AS.get(kind.name, marked[0] if marked else None)
            if kind.name == "component":
                # A chair's signature block: the chair's name shows once more.
                shown = page.count("app-signature") > page_before.count("app-signature")
            else:
                shown = expected in page
            warned = any(words in response.text for words in NOT_SHOWN_WORDS)
            assert shown or warned, (plan.slug, kind.name)


ERROR_SUMMARY = re.compile(r'<ul class="govuk-list govuk-error-summary__list">(.*?)</ul>', re.S)
TECHNICAL = re.compile(r"[a-z]+_[a-z_]+|Constraint|violated|with this|instance|does not exist|None\b")


def _errors(html: str) -> list[str]:
    found = ERROR_SUMMARY.search(html)
    if not found:
        return []
    return [
        re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li>(.*?)</li>", found.group(1), re.S)
    ]


def _assert_plain(response, where):
    assert response.status_code in (200, 302), (where, response.status_code)
    for message in _errors(response.text):
        assert not TECHNICAL.search(message), (where, message)


def _an_item_of_each_kind(plans):
    """(plan, kind, item) for every kind, from whichever demo plan has one."""
    found = []
    for kind in registry.all_kinds().values():
        pairs = [(plan, _first(kind.name, plan)) for plan in plans]
        plan, item = next((pair for pair in pairs if pair[1] is not None), (None, None))
        assert item is not None, f"neither demo plan has a {kind.name}"
        found.append((plan, kind, item))
    return found


def test_every_form_sent_empty_gets_plain_messages_and_never_an_error_page(officer_client, drafts):
    for plan, kind, item in _an_item_of_each_kind(drafts):
        if kind.addable:
            _assert_plain(officer_client.post(_add_url(plan, kind), {}), f"add {kind.name}")
        url = reverse("plans:edit_item", args=[plan.slug, kind.name, item.pk])
        response = officer_client.post(url, {"edit_version": item.edit_version})
        _assert_plain(response, f"change {kind.name}")


def test_every_text_too_long_for_its_field_is_refused_with_its_limit_in_plain_words(officer_client, drafts):
    for plan, kind, item in _an_item_of_each_kind(drafts):
        samples = _samples(plan)
        url = reverse("plans:edit_item", args=[plan.slug, kind.name, item.pk])
        form = kind.form_class(instance=item, plan=plan, user=None)
        for name, field in form.fields.items():
            limit = getattr(field, "max_length", None)
            if not limit:
                continue
            data = {**samples.get(kind.name, {}), name: "x" * (limit + 1), "edit_version": item.edit_version}
            response = officer_client.post(url, data)
            _assert_plain(response, f"{kind.name}.{name}")
            assert f"must be {limit:,} characters or fewer" in response.text, (kind.name, name)
            assert response.status_code == 200


def test_titles_take_three_hundred_characters_with_a_character_count(officer_client, drafts):
    plan = drafts[0]
    priority = _first("priority", plan)
    url = reverse("plans:edit_item", args=[plan.slug, "priority", priority.pk])
    page = officer_client.get(url).text
    assert 'data-module="govuk-character-count"' in page
    assert not re.search(r"\smaxlength=", page)
    title = ("Reducing the harm caused by drugs and alcohol, " * 7)[:299] + "."
    response = officer_client.post(
        url,
        {"title": title, "summary": priority.summary, "why": priority.why, "edit_version": 1},
    )
    assert response.status_code == 302, _errors(response.text)
    priority.refresh_from_db()
    assert len(priority.title) == 300
