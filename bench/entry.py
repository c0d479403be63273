"""How much a person has to do to enter a modest real plan (7 priorities, 30 actions,
10 partners, 6 local priorities, a fund with 5 lines) in the editor: the form
submissions and page loads the browser scenario of ``tests/browser/entry.py`` takes,
driven in Debian's Chromium against a live server on a throwaway database.
Target: under 40 submissions."""

import os

from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.test.testcases import LiveServerThread
from django.test.utils import setup_databases, teardown_databases

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
]


def run() -> int:
    from playwright.sync_api import sync_playwright

    from tests.browser.entry import enter_plan, set_up_blank_plan

    # Playwright's sync API runs an event loop in this thread; the ORM calls here
    # happen before and after it drives the browser.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    databases = setup_databases(verbosity=0, interactive=False)
    server = LiveServerThread("127.0.0.1", StaticFilesHandler)
    server.daemon = True
    try:
        plan = set_up_blank_plan("bench-officer", "a long bench password")
        server.start()
        server.is_ready.wait()
        if server.error:
            raise server.error
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            tally = enter_plan(
                browser.new_page(),
                f"http://127.0.0.1:{server.port}",
                plan.slug,
                "bench-officer",
                "a long bench password",
            )
            browser.close()
    finally:
        server.terminate()
        teardown_databases(databases, verbosity=0)
    print(
        "\nEntering a plan (7 priorities, 30 actions, 10 partners, 6 local priorities, a fund with 5 lines)"
    )
    print(f"  form submissions: {tally.submissions} (target: under 40)")
    print(f"  page loads:       {tally.page_loads}")
    return 0
