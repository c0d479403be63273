from dataclasses import dataclass

import pytest
from django.db import transaction

from demo.loader import demo_files, load_plan, read_plan_file
from plans.assemble import assemble_plan
from plans.pdf import isolated as pdf_isolated
from plans.pdf import render as pdf_render

from .expected import document_order
from .pdftext import ReadPDF


@dataclass
class RenderedPlan:
    slug: str
    title: str
    is_published: bool
    toc: list[dict]
    expected: list[str]
    pdf: bytes

    @property
    def read(self) -> ReadPDF:
        return ReadPDF(self.pdf)


@pytest.fixture(scope="session")
def demo_pdfs(django_db_setup, django_db_blocker) -> dict[str, RenderedPlan]:
    """Both demo plans as loaded by `make run`, rendered once for the whole session.
    They are loaded in a transaction that is rolled back: the database is untouched."""
    rendered = {}
    with django_db_blocker.unblock(), transaction.atomic():
        for path in demo_files():
            plan, _ = load_plan(read_plan_file(path))
            doc = assemble_plan(plan)
            rendered[plan.slug] = RenderedPlan(
                slug=plan.slug,
                title=str(plan),
                is_published=plan.is_published,
                toc=doc.toc,
                expected=document_order(doc),
                pdf=pdf_render.render_plan_pdf(plan),
            )
        transaction.set_rollback(True)
    return rendered


IMMEDIATE_TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    """The PDF's tests need no worker: a task runs as it is enqueued, in the test's
    process and transaction (the render itself still in a child process). Tests of
    the queue itself set the database backend back (``queued_tasks``)."""
    settings.TASKS = IMMEDIATE_TASKS


@pytest.fixture
def weasyprint_calls(monkeypatch) -> list[int]:
    """Counts the calls to WeasyPrint, which still runs: in this process
    (plans.pdf.render.html_to_pdf, the export command) or in a child process
    (plans.pdf.isolated.html_to_pdf, the worker's task)."""
    calls: list[int] = []
    in_process, in_child = pdf_render.html_to_pdf, pdf_isolated.html_to_pdf

    def counting_in_process(html):
        calls.append(len(html))
        return in_process(html)

    def counting_in_child(html, timeout):
        calls.append(len(html))
        return in_child(html, timeout)

    monkeypatch.setattr(pdf_render, "html_to_pdf", counting_in_process)
    monkeypatch.setattr(pdf_isolated, "html_to_pdf", counting_in_child)
    return calls
