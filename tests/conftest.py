import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's live server
# and database calls from that thread are safe here (one test at a time).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo_plans(db):
    """Both demo plans, loaded from demo/data as `make run` loads them."""
    from demo.loader import demo_files, load_plan, read_plan_file

    return {plan.slug: plan for plan in (load_plan(read_plan_file(path))[0] for path in demo_files())}


@pytest.fixture
def viewer(db):
    from tests.factories import make_user

    return make_user("vera-viewer", "Viewers")


@pytest.fixture
def officer(db):
    from tests.factories import make_user

    return make_user("olive-officer", "Board officers")


@pytest.fixture
def viewer_client(client, viewer):
    client.force_login(viewer)
    return client


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client
