"""The PDF is rendered by the worker, off the request path: the download asks for it
once, says it is being prepared, and serves it once kept; a render that takes too
long is stopped and reported; a published plan's kept PDF costs two small queries."""

import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from plans.models import Plan, RenderedPDF
from plans.models.pdf import PDFRender
from plans.pdf import cache as pdf_cache
from plans.pdf import isolated
from plans.pdf import render as pdf_render
from plans.pdf import tasks as pdf_tasks
from priorities.models import Action
from tests.factories import make_full_plan

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def queued_tasks(settings):
    """Tasks are queued in the database, as in production, and run only when the test
    runs them (``run_worker``): between the two, the download has to wait."""
    settings.TASKS = DATABASE_TASKS


def run_worker() -> int:
    """What `manage.py db_worker` does with each queued task, in this process and
    transaction: claim it, run it, record its outcome. Returns how many it ran."""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    ran = 0
    for result in DBTaskResult.objects.ready():
        result.claim(worker.worker_id)
        worker.run_task(result)
        ran += 1
    return ran


def pdf_url(plan) -> str:
    return reverse("plans:pdf", kwargs={"slug": plan.slug})


def assert_being_prepared(response):
    assert response.status_code == 202
    assert response["Content-Type"].startswith("text/html")
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert "The PDF is being prepared" in page
    assert f'href="{response.wsgi_request.path}">Check again</a>' in page
    # Nothing reloads the page by itself (WCAG 2.2.1): the reader asks again.
    assert 'http-equiv="refresh"' not in page


def test_the_first_download_asks_the_worker_and_says_the_pdf_is_being_prepared(
    viewer_client, queued_tasks, weasyprint_calls
):
    plan = make_full_plan()
    response = viewer_client.get(pdf_url(plan))
    assert_being_prepared(response)
    assert weasyprint_calls == []
    (task,) = DBTaskResult.objects.all()
    assert task.task_path == "plans.pdf.tasks.render_plan_pdf_task"
    assert task.args_kwargs == {"args": [plan.pk], "kwargs": {}}
    (render,) = PDFRender.objects.filter(plan=plan)
    assert (render.status, render.task_id) == (PDFRender.Status.QUEUED, str(task.id))


def test_once_the_worker_has_run_the_task_the_download_is_the_pdf(viewer_client, queued_tasks):
    plan = make_full_plan(title="Safer Bucks Plan", start_year=2015, end_year=2016)
    assert_being_prepared(viewer_client.get(pdf_url(plan)))
    assert run_worker() == 1
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert PDFRender.objects.get(plan=plan).status == PDFRender.Status.DONE
    response = viewer_client.get(pdf_url(plan))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="safer-bucks-plan-2015-16.pdf"'
    assert response.content.startswith(b"%PDF-")
    assert response.content == bytes(RenderedPDF.objects.get(plan=plan).pdf)


def test_asking_again_while_the_render_is_queued_queues_nothing_more(viewer_client, queued_tasks):
    plan = make_full_plan()
    for _ in range(3):
        assert_being_prepared(viewer_client.get(pdf_url(plan)))
    version = pdf_cache.current_version(plan)
    pdf_tasks.request_pdf(plan, version)
    assert DBTaskResult.objects.count() == 1
    assert PDFRender.objects.filter(plan=plan).count() == 1


def test_asking_just_after_the_render_was_kept_queues_nothing_more(viewer_client, queued_tasks):
    """A download that found no kept PDF a moment before the worker kept it: the
    request sees the render done and kept, and asks for nothing more."""
    plan = make_full_plan()
    assert_being_prepared(viewer_client.get(pdf_url(plan)))
    assert run_worker() == 1
    render = pdf_tasks.request_pdf(plan, pdf_cache.current_version(plan))
    assert render.status == PDFRender.Status.DONE
    assert DBTaskResult.objects.count() == 1


def test_a_second_task_for_the_same_content_does_nothing(viewer_client, queued_tasks, weasyprint_calls):
    plan = make_full_plan()
    viewer_client.get(pdf_url(plan))
    pdf_tasks.render_plan_pdf_task.enqueue(plan.pk)  # Enqueued by hand, as a shell could.
    assert run_worker() == 2
    assert len(weasyprint_calls) == 1
    assert sorted(DBTaskResult.objects.values_list("return_value", flat=True)) == ["kept already", "rendered"]


def test_a_changed_draft_is_asked_for_again(viewer_client, queued_tasks):
    plan = make_full_plan()
    viewer_client.get(pdf_url(plan))
    run_worker()
    Action.objects.filter(group__priority__plan=plan).update(text="Edited action.")
    assert_being_prepared(viewer_client.get(pdf_url(plan)))
    run_worker()
    assert viewer_client.get(pdf_url(plan)).status_code == 200
    # The first version's request is gone with its PDF.
    assert PDFRender.objects.filter(plan=plan).count() == 1
    assert RenderedPDF.objects.filter(plan=plan).count() == 1


def test_a_draft_changed_back_is_rendered_again_once_its_pdf_was_dropped(viewer_client, weasyprint_calls):
    plan = make_full_plan()
    action = Action.objects.filter(group__priority__plan=plan).first()
    text = action.text
    assert viewer_client.get(pdf_url(plan)).status_code == 200
    Action.objects.filter(pk=action.pk).update(text="Edited action.")
    assert viewer_client.get(pdf_url(plan)).status_code == 200
    Action.objects.filter(pk=action.pk).update(text=text)
    assert viewer_client.get(pdf_url(plan)).status_code == 200
    assert len(weasyprint_calls) == 3


def test_a_render_that_takes_too_long_is_stopped_and_reported(viewer_client, settings, weasyprint_calls):
    settings.PDF_RENDER_TIMEOUT = 0.05
    plan = make_full_plan()
    started = time.monotonic()
    response = viewer_client.get(pdf_url(plan))
    assert time.monotonic() - started < 10
    assert response.status_code == 500
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert "The PDF could not be prepared" in page
    assert "could not be prepared: it took too long. It was stopped after 0.05 seconds." in page
    assert "It will be tried again when the plan changes." in page
    render = PDFRender.objects.get(plan=plan)
    assert render.status == PDFRender.Status.TIMED_OUT
    assert "(PDF_RENDER_TIMEOUT=0.05)" in render.error
    assert not RenderedPDF.objects.filter(plan=plan).exists()

    # Not tried again for the same content, however often it is asked for...
    assert viewer_client.get(pdf_url(plan)).status_code == 500
    assert len(weasyprint_calls) == 1
    # ...but a new version of the content is.
    settings.PDF_RENDER_TIMEOUT = 120
    Action.objects.filter(group__priority__plan=plan).update(text="Edited action.")
    assert viewer_client.get(pdf_url(plan)).status_code == 200
    assert len(weasyprint_calls) == 2


def test_the_time_limit_kills_weasyprint_wherever_it_is():
    plan = make_full_plan(scale=4)
    html = pdf_render.plan_html(plan)
    isolated.html_to_pdf("<p>The fork server is up.</p>", timeout=60)  # Its start is not timed.
    started = time.monotonic()
    with pytest.raises(isolated.RenderTimeout):
        isolated.html_to_pdf(html, timeout=0.3)
    assert time.monotonic() - started < 5
    assert multiprocessing.active_children() == []


def test_weasyprint_stopped_from_outside_is_an_interruption_not_a_failure():
    plan = make_full_plan(scale=4)
    html = pdf_render.plan_html(plan)
    isolated.html_to_pdf("<p>The fork server is up.</p>", timeout=60)
    outcome = []

    def render():
        try:
            isolated.html_to_pdf(html, timeout=60)
        except isolated.RenderFailed as exc:
            outcome.append(exc)

    thread = threading.Thread(target=render)
    thread.start()
    deadline = time.monotonic() + 10
    while not multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.01)
    (child,) = multiprocessing.active_children()
    os.kill(child.pid, signal.SIGTERM)  # As stopping a service does to all its processes.
    thread.join(30)
    assert [type(exc) for exc in outcome] == [isolated.RenderInterrupted]


def test_a_render_interrupted_by_the_worker_stopping_is_queued_again(
    viewer_client, queued_tasks, monkeypatch
):
    def interrupted(html, timeout):
        raise isolated.RenderInterrupted("the PDF renderer stopped without a PDF (exit code -15)")

    plan = make_full_plan()
    viewer_client.get(pdf_url(plan))
    with monkeypatch.context() as patch:
        patch.setattr(isolated, "html_to_pdf", interrupted)
        assert run_worker() == 1
    assert PDFRender.objects.get(plan=plan).status == PDFRender.Status.QUEUED
    assert_being_prepared(viewer_client.get(pdf_url(plan)))
    assert run_worker() == 1  # The task queued again for the next worker.
    assert viewer_client.get(pdf_url(plan)).status_code == 200
    assert PDFRender.objects.get(plan=plan).attempts == 2


def test_a_published_plan_that_timed_out_says_it_will_not_be_tried_again_by_itself(client, settings):
    settings.PDF_RENDER_TIMEOUT = 0.05
    plan = make_full_plan(status="published", published_on="2025-04-01")
    page = client.get(pdf_url(plan)).content.decode()
    assert "it took too long" in page
    assert "It will not be tried again by itself." in page


def test_a_render_that_fails_is_reported(viewer_client, monkeypatch):
    def failing(html, timeout):
        raise isolated.RenderFailed("Traceback ... FatalURLFetchingError: no such static file")

    monkeypatch.setattr(isolated, "html_to_pdf", failing)
    plan = make_full_plan()
    response = viewer_client.get(pdf_url(plan))
    assert response.status_code == 500
    assert "something went wrong while it was being drawn" in response.content.decode()
    render = PDFRender.objects.get(plan=plan)
    assert render.status == PDFRender.Status.FAILED
    assert "no such static file" in render.error


def test_a_render_that_lost_its_worker_is_queued_again_once(viewer_client, queued_tasks):
    plan = make_full_plan()
    viewer_client.get(pdf_url(plan))
    long_ago = {"status": PDFRender.Status.RUNNING, "started_at": "2000-01-01T00:00:00Z"}
    PDFRender.objects.filter(plan=plan).update(attempts=1, **long_ago)
    assert_being_prepared(viewer_client.get(pdf_url(plan)))
    assert DBTaskResult.objects.count() == 2
    PDFRender.objects.filter(plan=plan).update(attempts=2, **long_ago)
    response = viewer_client.get(pdf_url(plan))
    assert response.status_code == 500
    assert "something went wrong" in response.content.decode()
    assert PDFRender.objects.get(plan=plan).error == pdf_tasks.WORKER_LOST
    assert DBTaskResult.objects.count() == 2


def test_a_queued_render_waiting_long_for_a_worker_says_so(viewer_client, queued_tasks):
    plan = make_full_plan()
    assert "longer than usual" not in viewer_client.get(pdf_url(plan)).content.decode()
    PDFRender.objects.filter(plan=plan).update(enqueued_at="2000-01-01T00:00:00Z")
    assert "This is taking longer than usual." in viewer_client.get(pdf_url(plan)).content.decode()


def test_a_cached_published_download_costs_two_small_queries_and_no_fingerprint(client, monkeypatch):
    plan = make_full_plan(status="published", published_on="2025-04-01")
    first = client.get(pdf_url(plan))
    assert first.status_code == 200

    def no_fingerprint(*args):
        raise AssertionError("the content was fingerprinted")

    monkeypatch.setattr(pdf_cache, "content_fingerprint", no_fingerprint)
    monkeypatch.setattr(pdf_cache, "layout_fingerprint", no_fingerprint)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(pdf_url(plan))
    assert response.status_code == 200
    assert response.content == first.content
    assert len(queries) <= 3, [query["sql"] for query in queries]
    assert len(queries) == 2  # The plan, and its PDF.


def test_a_published_plan_saved_again_finds_its_pdf_by_content_and_keeps_it(client, weasyprint_calls):
    plan = make_full_plan(status="published", published_on="2025-04-01")
    published = client.get(pdf_url(plan)).content
    Plan.objects.get(pk=plan.pk).save()  # A new version key; the same content.
    with CaptureQueriesContext(connection) as queries:
        assert client.get(pdf_url(plan)).content == published
    assert any("md5(" in query["sql"] for query in queries)  # Fingerprinted once...
    with CaptureQueriesContext(connection) as queries:
        assert client.get(pdf_url(plan)).content == published
    assert len(queries) <= 3  # ...and found by its key again.
    assert len(weasyprint_calls) == 1


def test_the_web_process_never_loads_weasyprint():
    """The download view and everything it imports leave WeasyPrint to the worker."""
    code = (
        "import sys, django; django.setup(); import saferbucks.urls;"
        "from plans.pdf import cache, names, tasks, views;"
        "sys.exit('weasyprint' in sys.modules)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "saferbucks.settings"}
    result = subprocess.run([sys.executable, "-c", code], env=env, cwd=django_settings.BASE_DIR, check=False)
    assert result.returncode == 0


@pytest.mark.django_db(transaction=True)
def test_the_worker_command_renders_what_the_download_asked_for(client, queued_tasks):
    """`manage.py db_worker`, as `make run` starts it, in a process of its own. (A
    published plan, read by anyone: an earlier test's flush may have taken the roles.)"""
    plan = make_full_plan(status="published", published_on="2025-04-01")
    assert_being_prepared(client.get(pdf_url(plan)))
    database = connection.settings_dict
    url = "postgres://{}:{}@{}:{}/{}".format(
        quote(database["USER"] or "", safe=""),
        quote(database["PASSWORD"] or "", safe=""),
        quote(database["HOST"] or "localhost", safe=""),
        database["PORT"] or 5432,
        database["NAME"],
    )
    worker = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-reload", "--no-startup-delay"],
        env={**os.environ, "DATABASE_URL": url},
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert worker.returncode == 0, worker.stderr
    assert "state=SUCCESSFUL" in worker.stdout + worker.stderr
    response = client.get(pdf_url(plan))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")
