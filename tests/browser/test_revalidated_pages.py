"""A page the browser has kept and revalidates keeps running its scripts. Chromium
asks again with the page's ETag on a reload and the server answers 304; a 304 that
carried a new Content-Security-Policy would replace the kept one, and its nonce is not
the one written in the kept page: the page's inline script was blocked (published
plans, before the 304 stopped sending the header)."""

import pytest

from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(
    ("slug", "username"),
    [("safer-buckinghamshire-plan-2020-2023", None), ("safer-bucks-plan-2015-16", "viewer")],
)
def test_a_page_revalidated_with_304_keeps_its_scripts(
    page, live_server, loaded_demo, console_errors, slug, username
):
    if username:
        sign_in(page, live_server, username)
    page.goto(f"{live_server.url}/plans/{slug}/")
    page.reload()
    page.reload()
    assert "js-enabled" in page.evaluate("document.body.className")
    assert console_errors == []
