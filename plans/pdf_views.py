"""The plan's PDF as a download (the renderer and its cache are in ``plans.pdf``)."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from .models import Plan
from .pdf import cached_plan_pdf, pdf_filename


@require_safe
def plan_pdf(request, slug):
    # The same access as the plan's web page (plans.views.plan_detail).
    plan = get_object_or_404(Plan.objects.with_partnership(), slug=slug)
    response = HttpResponse(cached_plan_pdf(plan), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf_filename(plan)}"'
    # A draft changes under the same address; a browser must ask again each time.
    response["Cache-Control"] = "private, no-cache"
    return response
