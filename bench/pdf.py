"""The PDF's figures, for each demo plan and a generated plan of about 100 pages:

- our export (a first download: fingerprint, assemble, HTML, WeasyPrint in the
  worker's child process, store; the worker's task is run at once, in this process)
  against WeasyPrint alone rendering the same HTML, as a ratio (target <= 1.2x);
- a cached download against the first (target <= 2%), both through the view;
- what the cache key costs: the database fingerprint we use, against hashing the
  assembled plan's HTML (the obvious alternative);
- peak memory: Python's own allocations during one render (tracemalloc) and the
  process's resident memory, whose growth over the run is WeasyPrint's.
"""

import gc
import hashlib
import logging
import resource
import statistics
import time
import tracemalloc
from contextlib import contextmanager

import weasyprint
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from weasyprint.text.fonts import FontConfiguration

from plans.models import Plan, RenderedPDF
from plans.models.pdf import PDFRender
from plans.pdf import cache as pdf_cache
from plans.pdf import fetcher as pdf_fetcher
from plans.pdf import render as pdf_render

from .generate import generate_plan

DEMO_SLUGS = ["safer-bucks-plan-2015-16", "safer-buckinghamshire-plan-2020-2023"]
ROUNDS = {"demo": 9, "generated": 3}  # Renders per figure (the median is printed).
CACHED_ROUNDS = 30


class Rollback(Exception):
    pass


@contextmanager
def rolled_back():
    try:
        with transaction.atomic():
            yield
            raise Rollback
    except Rollback:
        pass


def timed(function, rounds: int) -> float:
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def rss_mib() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")  # pragma: no cover (not Linux)


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def weasyprint_alone(html: str) -> tuple[bytes, int]:
    """WeasyPrint with nothing of ours around it but the fetcher it needs for the
    stylesheet and fonts: the PDF and its page count."""
    document = weasyprint.HTML(
        string=html, base_url=pdf_fetcher.BASE_URL, url_fetcher=pdf_fetcher.StaticFileFetcher()
    ).render(font_config=FontConfiguration(), **pdf_render.WEASYPRINT_OPTIONS)
    return document.write_pdf(**pdf_render.WEASYPRINT_OPTIONS), len(document.pages)


#: The worker's task runs as the download enqueues it, so that a first download is
#: the whole of a render's work (in production the worker does it, off the request).
IMMEDIATE_TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@override_settings(TASKS=IMMEDIATE_TASKS)
def measure(plan: Plan, rounds: int) -> dict:
    # Someone who may read drafts, as the board's officers do (rolled back with the rest).
    reader = get_user_model().objects.create(username="bench-reader", is_superuser=True)
    client = Client(HTTP_HOST="localhost")
    client.force_login(reader)
    url = reverse("plans:pdf", kwargs={"slug": plan.slug})

    def first_download():
        RenderedPDF.objects.filter(plan=plan).delete()
        PDFRender.objects.filter(plan=plan).delete()
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        return response.content

    html = pdf_render.plan_html(plan)
    pdf, pages = weasyprint_alone(html)
    # Alternated, each going first in turn, so that whatever else the machine does
    # (and whatever one render leaves behind for the next) weighs on both alike.
    alone, first = [], []
    for round_number in range(rounds):
        pair = [(alone, lambda: weasyprint_alone(html)), (first, first_download)]
        for samples, function in pair if round_number % 2 == 0 else reversed(pair):
            samples.append(timed(function, 1))
    figures = {
        "pages": pages,
        "bytes": len(pdf),
        "alone": statistics.median(alone),
        "first": statistics.median(first),
    }
    client.get(url)  # Fills the cache.
    figures["cached"] = timed(lambda: client.get(url), CACHED_ROUNDS)
    figures["fingerprint"] = timed(lambda: pdf_cache.content_fingerprint(plan), CACHED_ROUNDS)
    figures["html_hash"] = timed(
        lambda: hashlib.sha256(pdf_render.plan_html(plan).encode()).hexdigest(), rounds
    )
    gc.collect()
    tracemalloc.start()
    pdf_render.render_plan_pdf(plan)
    figures["python_peak"] = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    figures["rss"] = rss_mib()
    figures["peak_rss"] = peak_rss_mib()
    return figures


def report(name: str, f: dict) -> None:
    ratio = f["first"] / f["alone"]
    cached_share = f["cached"] / f["first"]
    ok = lambda good: "ok" if good else "OVER TARGET"  # noqa: E731
    print(f"\n{name}: {f['pages']} pages, {f['bytes'] / 1024:,.0f} KiB")
    print(f"  WeasyPrint alone, same HTML       {f['alone'] * 1000:9.0f} ms")
    print(
        f"  our export (first download)       {f['first'] * 1000:9.0f} ms   {ratio:.2f}x  (target <= 1.2x: {ok(ratio <= 1.2)})"
    )
    print(
        f"  cached download                   {f['cached'] * 1000:9.1f} ms   {cached_share:.2%} of the first  (target <= 2%: {ok(cached_share <= 0.02)})"
    )
    print(f"  cache key: database fingerprint   {f['fingerprint'] * 1000:9.1f} ms")
    print(
        f"  (hashing the plan's HTML instead) {f['html_hash'] * 1000:9.1f} ms   {f['html_hash'] / f['first']:.1%} of a first download"
    )
    print(f"  peak Python memory, one render    {f['python_peak']:9.1f} MiB")
    print(
        f"  process memory after it           {f['rss']:9.0f} MiB resident, peak so far {f['peak_rss']:.0f} MiB"
    )


def run() -> int:
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    logging.getLogger("django.tasks").setLevel(logging.WARNING)  # A line per task otherwise.
    print(
        f"PDF benchmark: WeasyPrint {weasyprint.__version__}, medians of {ROUNDS['demo']} renders "
        f"({ROUNDS['generated']} for the generated plan) and {CACHED_ROUNDS} cached downloads"
    )
    print(f"process memory at start: {rss_mib():.0f} MiB")
    weasyprint_alone(
        '<html lang="en-GB"><title>Warm-up</title><p>Warm-up</p></html>'
    )  # Imports, fonts: once per process, not per PDF.
    missing = [slug for slug in DEMO_SLUGS if not Plan.objects.filter(slug=slug).exists()]
    if missing:
        print(f"\nDemo plans not loaded ({', '.join(missing)}): run `make demo` first.")
    for slug in DEMO_SLUGS:
        plan = Plan.objects.with_partnership().filter(slug=slug).first()
        if plan is not None:
            with rolled_back():
                report(str(plan), measure(plan, ROUNDS["demo"]))
    with rolled_back():
        started = time.perf_counter()
        plan = generate_plan()
        print(f"\n(generated a plan in {time.perf_counter() - started:.1f} s; it is rolled back afterwards)")
        report("Generated plan", measure(plan, ROUNDS["generated"]))
    print(
        "\nResident memory grows with each render in one process and is not given back: the"
        "\nworker renders each PDF in a child process of its own, which gives it back."
    )
    return 0
