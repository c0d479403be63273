"""Pages as served: gunicorn with two workers and DEBUG off, as ``make serve`` runs it.

Each page is requested alternately with ``/healthz``, a bare Django view through the
same middleware, so whatever else the machine does weighs on both alike; the table
gives each page's p50 and p95 as a ratio of the bare view's, its query count
(in-process, with Django's test client), and requests per second at concurrency 4.
Pages: the published 2020-23 plan (anonymous), the draft 2015-16 plan (a viewer),
the same asked again by a browser that has it (its ETag sent: 304), its history, its editor's task list (a board officer), and a generated draft plan
many times the 2015-16 plan's size (created for the run, deleted afterwards)."""

import http.client
import os
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.models import Membership
from plans.models import Partnership, Plan, Section
from priorities.models import Action

from .generate import SLUG as GENERATED_SLUG
from .generate import generate_plan

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 60
DRAFT, PUBLISHED = "safer-bucks-plan-2015-16", "safer-buckinghamshire-plan-2020-2023"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _session_for(username: str) -> str:
    user = get_user_model().objects.get(username=username)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return session.session_key


def _start_gunicorn(port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DEBUG": "0",
        # The sessions made here are signed with this process' key.
        "SECRET_KEY": settings.SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "SECURE_HSTS_SECONDS": "0",
    }
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "saferbucks.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "2",
        "--max-requests",
        "2000",
        "--max-requests-jitter",
        "200",
        "--log-level",
        "warning",
    ]
    # As `make serve` does: DEBUG off serves collected (hashed) static files.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0", "--ignore", "src"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    for _ in range(100):
        try:
            if _get(port, "/readyz")[0] == 200:
                return server
        except OSError:
            pass
        time.sleep(0.1)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def _get(port: int, path: str, session: str | None = None, etag: str | None = None) -> tuple[int, float]:
    return _request(port, path, session, etag)[:2]


def _request(port: int, path: str, session: str | None = None, etag: str | None = None):
    """Status, seconds and the response's ETag; ``etag`` asks whether the page changed."""
    headers = {"Cookie": f"sessionid={session}"} if session else {}
    if etag:
        headers["If-None-Match"] = etag
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.status, time.perf_counter() - started, response.getheader("ETag")


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def _measure(port: int, path: str, session: str | None, etag: str | None = None) -> dict:
    for _ in range(5):
        status, _ = _get(port, path, session, etag)
        assert status == (304 if etag else 200), (path, status)
        _get(port, "/healthz")
    page, bare = [], []
    for _ in range(ROUNDS):
        page.append(_get(port, path, session, etag)[1])
        bare.append(_get(port, "/healthz")[1])
    return {
        "p50": statistics.median(page),
        "p95": _percentile(page, 0.95),
        "bare_p50": statistics.median(bare),
        "bare_p95": _percentile(bare, 0.95),
    }


def _requests_per_second(
    port: int, path: str, session: str | None, etag: str | None = None, seconds: float = 4.0
) -> float:
    deadline = time.perf_counter() + seconds

    def worker() -> int:
        done = 0
        while time.perf_counter() < deadline:
            _get(port, path, session, etag)
            done += 1
        return done

    with ThreadPoolExecutor(4) as pool:
        total = sum(pool.map(lambda _: worker(), range(4)))
    return total / seconds


def _queries(path: str, username: str | None, revalidate: bool = False) -> int:
    client = Client(HTTP_HOST="localhost")
    if username:
        client.force_login(get_user_model().objects.get(username=username))
    client.get(path)  # a first request fills per-process caches (and sets the CSRF cookie)
    headers = {"if-none-match": client.get(path)["ETag"]} if revalidate else {}
    with CaptureQueriesContext(connection) as queries:
        client.get(path, headers=headers)
    return len(queries)


def _forget_generated() -> None:
    """The generated plan and its partnership, gone (the plan holds on to its areas)."""
    Plan.objects.filter(slug=GENERATED_SLUG).delete()
    Partnership.objects.filter(slug=GENERATED_SLUG).delete()


def run() -> int:
    missing = [slug for slug in (DRAFT, PUBLISHED) if not Plan.objects.filter(slug=slug).exists()]
    if missing:
        print(f"\nDemo plans not loaded ({', '.join(missing)}): run `make demo` first.")
        return 0
    _forget_generated()
    large = generate_plan()
    # The viewer reads the generated draft as a member of its partnership.
    Membership.objects.get_or_create(
        user=get_user_model().objects.get(username="viewer"),
        partnership=large.partnership,
        defaults={"role": "viewer"},
    )
    small = Plan.objects.get(slug=DRAFT)
    sizes = [
        (Section.objects.filter(plan=p).count(), Action.objects.filter(group__priority__plan=p).count())
        for p in (small, large)
    ]
    sessions = {name: _session_for(name) for name in ("viewer", "officer")}
    # (name, address, who, whether the browser has the page already: its ETag is sent)
    pages = [
        ("published 2020-23 plan (anonymous)", f"/plans/{PUBLISHED}/", None),
        ("draft 2015-16 plan (viewer)", f"/plans/{DRAFT}/", "viewer"),
        ("draft 2015-16 plan, unchanged: 304 (viewer)", f"/plans/{DRAFT}/", "viewer", True),
        ("history (viewer)", reverse("plans:history", args=[DRAFT]), "viewer"),
        ("edit task list (officer)", reverse("plans:edit", args=[DRAFT]), "officer"),
        (f"draft plan, {sizes[1][0]} sections (viewer)", f"/plans/{GENERATED_SLUG}/", "viewer"),
        ("home page (anonymous)", "/", None),
    ]
    port = _free_port()
    server = _start_gunicorn(port)
    try:
        print(
            f"\nPages under gunicorn (2 workers, DEBUG off), {ROUNDS} requests each, alternated with /healthz"
        )
        print(f"the generated plan: {sizes[1][0]} sections and {sizes[1][1]} actions; 2015-16: {sizes[0]}")
        print(
            f"{'page':46} {'queries':>7} {'p50':>8} {'p95':>8} {'p50/bare':>9} {'p95/bare':>9} {'req/s @4':>9}"
        )
        for name, path, user, *revalidate in pages:
            session = sessions.get(user)
            etag = _request(port, path, session)[2] if revalidate else None
            figures = _measure(port, path, session, etag)
            rate = _requests_per_second(port, path, session, etag)
            print(
                f"{name:46} {_queries(path, user, bool(revalidate)):>7} {figures['p50'] * 1000:>6.1f}ms {figures['p95'] * 1000:>6.1f}ms"
                f" {figures['p50'] / figures['bare_p50']:>8.1f}x {figures['p95'] / figures['bare_p95']:>8.1f}x"
                f" {rate:>9.0f}"
            )
        bare = _measure(port, "/healthz", None)
        print(
            f"{'bare view (/healthz)':46} {0:>7} {bare['p50'] * 1000:>6.1f}ms {bare['p95'] * 1000:>6.1f}ms"
            f" {'1.0x':>9} {'1.0x':>9} {_requests_per_second(port, '/healthz', None):>9.0f}"
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
        _forget_generated()
    return 0
