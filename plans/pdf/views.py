"""The plan's PDF as a download (the renderer, its cache and its task are beside this
module)."""

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from .. import access


@require_safe
@access.plan_reader
def plan_pdf(request, plan):
    """The kept PDF of the plan's current version, at once; else a page saying it is
    being prepared (202), the worker having been asked for it once, or why it could
    not be (500). A published plan's kept PDF costs one small query."""
    # Imported with the first download rather than with the URLconf. None of these
    # loads WeasyPrint: web processes never render, the worker does (``tasks``).
    from . import cache, tasks
    from .names import pdf_filename

    pdf = cache.pinned_pdf(plan)
    if pdf is None:
        version = cache.current_version(plan)
        pdf = cache.kept_pdf(plan, version)
        if pdf is None:
            render = tasks.request_pdf(plan, version)
            # Rendered while it was asked for: a backend that runs tasks at once (tests).
            if render.status == render.Status.DONE:
                pdf = cache.kept_pdf(plan, version)
            if pdf is None:
                return _not_ready(request, plan, render, tasks.time_limit())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf_filename(plan)}"'
    # A draft changes under the same address; a browser must ask again each time.
    response["Cache-Control"] = "private, no-cache"
    return response


def _not_ready(request, plan, render, time_limit):
    Status = render.Status
    failed = render.status in (Status.FAILED, Status.TIMED_OUT)
    response = TemplateResponse(
        request,
        "plans/pdf/preparing.html",
        {
            "plan": plan,
            "failed": failed,
            "timed_out": render.status == Status.TIMED_OUT,
            "slow": render.slow,
            "time_limit": time_limit,
        },
        status=500 if failed else 202,
    )
    response["Cache-Control"] = "no-store"
    if not failed:
        response["Retry-After"] = "5"
    return response
