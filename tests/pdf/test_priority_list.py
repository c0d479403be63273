"""A county priority's "We will" actions in the PDF of a plan that lists its priorities
and has no chapters for them (the 2015-16 plan): under the priority, in the list."""

import io

import pytest
from django.core.management import call_command

from plans.assemble import assemble_plan
from priorities.models import Action, ActionGroup, CountyPriority

from .expected import document_order, find_in_order
from .pdftext import ReadPDF, squash

pytestmark = pytest.mark.django_db

UNDER_PRIORITY_5_4 = [
    "5.4",
    "Substance misuse:",
    "Treatment",
    "We will:",
    "fund 200 more treatment places",
    "work with schools on drug education",
    "5.5",
    "Dealing with hidden crime:",
]


def test_actions_added_to_a_listed_priority_appear_under_it_in_the_pdf(demo_plans, tmp_path):
    plan = demo_plans["safer-bucks-plan-2015-16"]
    priority = CountyPriority.objects.get(plan=plan, title="Substance misuse")
    group = ActionGroup.objects.create(priority=priority, position=1, title="Treatment")
    Action.objects.create(group=group, position=1, text="fund **200** more treatment places")
    Action.objects.create(group=group, position=2, text="work with schools on drug education")

    output = tmp_path / "plan.pdf"
    call_command("export_pdf", plan.slug, "-o", str(output), stdout=io.StringIO())
    read = ReadPDF(output.read_bytes())
    first_chapter_page = read.outline[2][1]  # after the cover's title and "Contents"
    body = "".join(squash(page.body) for page in read.pages[first_chapter_page:])

    assert find_in_order(body, UNDER_PRIORITY_5_4) == []
    assert find_in_order(body, document_order(assemble_plan(plan))) == []
