"""Health checks for a load balancer or a monitor: ``/healthz`` answers while the
process is up (no database), ``/readyz`` only when the database answers too."""

from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import access


@require_safe
@never_cache
@access.public
def healthz(request):
    return HttpResponse("ok\n", content_type="text/plain")


@require_safe
@never_cache
@access.public
def readyz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable\n", content_type="text/plain", status=503)
    return HttpResponse("ok\n", content_type="text/plain")
