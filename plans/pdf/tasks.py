"""The PDF is rendered by a background worker, never in a web request.

The download view looks for the kept PDF of the plan's current version (``cache``);
when there is none it asks for one with ``request_pdf``, which enqueues
``render_plan_pdf_task`` on Django's tasks framework (``settings.TASKS``: the
database backend of django-tasks-db, run by ``manage.py db_worker``, which
``make run`` and ``make serve`` start) and shows a page saying the PDF is being
prepared. The task renders the plan as it then is, keeps the PDF, and the next
download gets it.

Each version of a plan's PDF (content and layout fingerprints) is asked for once:
a ``PDFRender`` row, unique per version, is created in the same transaction as the
queued task, so any number of downloads and reloads of the waiting page enqueue one
task. Its status says what the page shows:

- queued, running: being prepared (if it has waited long for a worker, the page says
  so);
- timed out: WeasyPrint took longer than ``settings.PDF_RENDER_TIMEOUT`` seconds and
  was stopped (see ``isolated``);
- failed: the render raised, or its worker was lost twice in the middle of it (a
  render still running well past its time limit has lost its worker: it is queued
  again, once); a render interrupted by the worker being stopped is queued again,
  up to three starts in all;
- done: rendered. If that PDF is no longer kept (a draft changed, then changed
  back), the next download queues it again.

A render that failed or took too long is not tried again for the same version: the
page says so until the content or the layout changes, which is a new version."""

import datetime
import time
import traceback

from django.conf import settings
from django.db import transaction
from django.db.models import BooleanField, ExpressionWrapper, F, Q
from django.db.models.functions import Now
from django.tasks import task

from ..models import Plan
from ..models.base import SHORT_TEXT_MAX_LENGTH
from ..models.pdf import PDFRender
from . import cache

Status = PDFRender.Status

#: A render still running this long after its time limit has lost its worker.
LOST_AFTER = datetime.timedelta(seconds=60)
#: Renders started for one version before a lost one counts as failed.
MAX_ATTEMPTS = 2
#: Renders started for one version before an interrupted one counts as failed.
MAX_INTERRUPTIONS = 3
#: A render waiting this long for a worker is taking longer than usual.
SLOW_AFTER = datetime.timedelta(minutes=2)

WORKER_LOST = "Its worker stopped while rendering it, twice."


def time_limit() -> float:
    """Seconds a render may take, from the moment the worker starts it."""
    return float(settings.PDF_RENDER_TIMEOUT)


def _lost() -> Q:
    return Q(
        status=Status.RUNNING,
        started_at__lt=Now() - (datetime.timedelta(seconds=time_limit()) + LOST_AFTER),
    )


def _renders():
    """PDFRender rows with what the waiting page needs to know: ``lost`` (running
    long past its time limit) and ``slow`` (waiting long for a worker)."""
    return PDFRender.objects.annotate(
        lost=ExpressionWrapper(_lost(), output_field=BooleanField()),
        slow=ExpressionWrapper(
            Q(status=Status.QUEUED, enqueued_at__lt=Now() - SLOW_AFTER), output_field=BooleanField()
        ),
    )


def request_pdf(plan: Plan, version: cache.Version) -> PDFRender:
    """Ask the worker for this version of the plan's PDF, unless it has been asked
    for already: the caller has found no kept PDF of it. Returns the request as it
    now stands (a backend that runs tasks at once, as the tests use, has run it)."""
    with transaction.atomic():
        render, created = PDFRender.objects.get_or_create(
            plan=plan, content_hash=version.content, layout_hash=version.layout
        )
        if created:
            _enqueue(render)
        elif render.status == Status.DONE and cache.is_kept(plan, version):
            pass  # rendered and kept since the caller looked: nothing to ask for
        else:
            again = Q(status=Status.DONE) | (_lost() & Q(attempts__lt=MAX_ATTEMPTS))
            queued = PDFRender.objects.filter(again, pk=render.pk).update(
                status=Status.QUEUED, enqueued_at=Now(), started_at=None, finished_at=None
            )
            if queued:
                _enqueue(render)
            else:
                PDFRender.objects.filter(_lost(), pk=render.pk).update(
                    status=Status.FAILED, finished_at=Now(), error=WORKER_LOST
                )
    return _renders().get(pk=render.pk)


def _enqueue(render: PDFRender) -> None:
    """Queue the task; in the caller's transaction, so the request and its task are
    stored together or not at all."""
    result = render_plan_pdf_task.enqueue(render.plan_id)
    PDFRender.objects.filter(pk=render.pk).update(task_id=str(result.id)[:64])


@task
def render_plan_pdf_task(plan_id: int) -> str:
    """Render and keep the plan's PDF as the plan now is, within the time limit.

    Does nothing when that version's PDF is kept already, when another worker is
    rendering it, or when it failed or took too long before. Returns what it did."""
    plan = Plan.objects.with_partnership().filter(pk=plan_id).first()
    if plan is None:
        return "no such plan"
    started = time.monotonic()
    version = cache.current_version(plan)
    if cache.is_kept(plan, version):
        _finish(plan, version, Status.DONE)
        return "kept already"
    render = _claim(plan, version)
    if render is None:
        return "rendering elsewhere, or given up"

    def html_to_pdf_in_time(html: str) -> bytes:
        from . import isolated

        return isolated.html_to_pdf(html, time_limit() - (time.monotonic() - started))

    from .isolated import RenderInterrupted, RenderTimeout

    try:
        cache.render_and_keep(plan, version, html_to_pdf_in_time)
    except RenderInterrupted as exc:
        if render.attempts >= MAX_INTERRUPTIONS:
            _finish(plan, version, Status.FAILED, error=str(exc))
            raise
        # The worker is being stopped: queued again, for the next one.
        PDFRender.objects.filter(pk=render.pk).update(
            status=Status.QUEUED, enqueued_at=Now(), started_at=None, finished_at=None
        )
        _enqueue(render)
        raise
    except RenderTimeout as exc:
        error = (
            f"Stopped after {time.monotonic() - started:.1f} s (PDF_RENDER_TIMEOUT={time_limit():g}): {exc}"
        )
        _finish(plan, version, Status.TIMED_OUT, error=error)
        raise  # The task fails too, for the worker's log.
    except Exception as exc:
        _finish(plan, version, Status.FAILED, error="".join(traceback.format_exception_only(exc)).strip())
        raise
    _finish(plan, version, Status.DONE)
    # Older requests of this plan whose outcome nobody will ask for again.
    PDFRender.objects.filter(plan=plan, status__in=[Status.DONE, Status.FAILED, Status.TIMED_OUT]).exclude(
        content_hash=version.content, layout_hash=version.layout
    ).delete()
    return "rendered"


def _claim(plan: Plan, version: cache.Version) -> PDFRender | None:
    """Mark this version's request as running in this worker, or None if another
    worker runs it, or it failed or timed out before."""
    with transaction.atomic():
        render, _ = PDFRender.objects.select_for_update().get_or_create(
            plan=plan, content_hash=version.content, layout_hash=version.layout
        )
        if render.status in (Status.FAILED, Status.TIMED_OUT):
            return None
        if render.status == Status.RUNNING and not PDFRender.objects.filter(_lost(), pk=render.pk).exists():
            return None
        PDFRender.objects.filter(pk=render.pk).update(
            status=Status.RUNNING,
            started_at=Now(),
            finished_at=None,
            attempts=F("attempts") + 1,
            error="",
        )
        render.refresh_from_db()
    return render


def _finish(plan: Plan, version: cache.Version, status: str, error: str = "") -> None:
    PDFRender.objects.filter(plan=plan, content_hash=version.content, layout_hash=version.layout).update(
        status=status,
        finished_at=Now(),
        error=error[-SHORT_TEXT_MAX_LENGTH:],  # A traceback's end.
    )
