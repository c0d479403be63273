import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's live server
# and database calls from that thread are safe here (one test at a time).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with nothing cached (published pages are cached by address)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def demo_plans(db):
    """Both demo plans, loaded from demo/data as `make run` loads them."""
    from demo.loader import demo_files, load_plan, read_plan_file

    return {plan.slug: plan for plan in (load_plan(read_plan_file(path))[0] for path in demo_files())}


@pytest.fixture
def partnership(request, db):
    """The partnership the test's people belong to: the demo's when the test loads the
    demo plans, else the tests' own home partnership (not the demo's)."""
    from plans.models import Partnership
    from tests.factories import home_partnership

    if "demo_plans" in request.fixturenames:
        request.getfixturevalue("demo_plans")
        return Partnership.objects.get(slug="buckinghamshire")
    return home_partnership()


@pytest.fixture
def viewer(partnership):
    from tests.factories import make_user

    return make_user("vera-viewer", "Viewers", partnership=partnership)


@pytest.fixture
def officer(partnership):
    from tests.factories import make_user

    return make_user("olive-officer", "Board officers", partnership=partnership)


@pytest.fixture
def viewer_client(client, viewer):
    client.force_login(viewer)
    return client


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, dropped at the end even if a live-server request thread
    still holds a connection to it (Chromium may keep a request open as the browser
    closes): such sessions are ended first, with a note of what they were doing."""
    yield
    from django.db import connection

    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid, state, left(query, 80), pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        for pid, state, query, _ in cursor.fetchall():
            print(f"\nEnded a leftover test database session {pid} ({state}): {query}")  # noqa: T201
