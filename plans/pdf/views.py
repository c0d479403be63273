"""The plan's PDF as a download (the renderer and its cache are beside this module)."""

from django.http import HttpResponse
from django.views.decorators.http import require_safe

from .. import access
from .cache import cached_plan_pdf
from .render import pdf_filename


@require_safe
@access.plan_reader
def plan_pdf(request, plan):
    response = HttpResponse(cached_plan_pdf(plan), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf_filename(plan)}"'
    # A draft changes under the same address; a browser must ask again each time.
    response["Cache-Control"] = "private, no-cache"
    return response
