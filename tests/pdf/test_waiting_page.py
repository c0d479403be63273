"""The page shown while the worker prepares a PDF, in Chromium: accessible, and with
JavaScript it says by itself when the PDF is ready, leaving the download to a click."""

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from tests.browser.conftest import axe_violations, sign_in
from tests.browser.conftest import browser_type_launch_args as browser_type_launch_args  # Chromium's flags.
from tests.browser.conftest import loaded_demo as loaded_demo

from .test_worker import DATABASE_TASKS, run_worker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_waiting_page_says_when_the_pdf_is_ready(page, live_server, loaded_demo, settings, tmp_path):
    settings.TASKS = DATABASE_TASKS
    sign_in(page, live_server, "viewer")
    page.goto(live_server.url + reverse("plans:detail", kwargs={"slug": "safer-bucks-plan-2015-16"}))
    page.get_by_role("link", name="Download the PDF").click()
    page.get_by_role("heading", name="The PDF is being prepared").wait_for()
    assert axe_violations(page) == []
    assert DBTaskResult.objects.count() == 1

    assert run_worker() == 1  # The page notices within a few seconds.
    status = page.get_by_role("status")
    status.get_by_text("The PDF of Safer Bucks Plan 2015-16 is ready.").wait_for(timeout=20_000)
    assert page.get_by_role("heading", level=1).inner_text() == "The PDF is ready"
    assert page.title().startswith("The PDF is ready")
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the PDF").click()
    assert download.value.suggested_filename == "safer-bucks-plan-2015-16.pdf"
    saved = tmp_path / "plan.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF-")
