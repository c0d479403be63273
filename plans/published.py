"""A published plan's page for the public, drawn once and then served from the cache.

A published plan cannot change (``plans.editor.services`` refuses every write), so
its page is the same for everyone who is not signed in: it is rendered once per
process and version of the templates and styles, and sent with an ETag and
Last-Modified, so a browser or proxy asking again gets "304 Not Modified".

Within ``RECHECK_SECONDS`` of serving it, the page is served by its address alone,
without a query.

The page carries the request's CSP nonce (for the one inline script): the cached
copy holds a placeholder, replaced with each request's own nonce."""

import hashlib
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.cache import cache as page_cache
from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from .models import Plan

NONCE_PLACEHOLDER = "csp-nonce-of-this-response"
#: How long a published plan's version is trusted without asking the database: a
#: plan withdrawn from publication stops being served from the cache within this.
RECHECK_SECONDS = 30


@cache
def release() -> str:
    """A short fingerprint of what draws pages (templates, stylesheet, script), once
    per process: a new release gives published pages new ETags."""
    digest = hashlib.sha256()
    folders = [Path(folder) for folder in settings.TEMPLATES[0]["DIRS"]]
    folders += sorted(Path(settings.BASE_DIR).glob("*/templates"))
    files = sorted(path for folder in folders for path in folder.rglob("*.html"))
    files += [Path(settings.BASE_DIR) / "static" / "dist" / name for name in ("app.css", "app.js")]
    for path in files:
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def servable(request, plan: Plan) -> bool:
    """Whether this request gets the shared public page: a published plan, a person
    not signed in, and no message waiting to be shown to them."""
    return (
        plan.is_published
        and request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and "messages" not in request.COOKIES
    )


def etag(plan: Plan) -> str:
    return f'"plan-{plan.pk}-v{plan.version}-{plan.updated_at.timestamp():.6f}-{release()}"'


def page(request, plan: Plan, render_page) -> HttpResponse:
    """The public page of a published plan: 304 if the browser has it, else from the
    cache, else rendered by ``render_page()`` and kept. The plan's version is then
    remembered by its address for ``RECHECK_SECONDS`` (see ``remembered_page``)."""
    tag, last_modified = etag(plan), plan.updated_at.timestamp()
    page_cache.set(_address_key(plan.slug), (tag, last_modified), timeout=RECHECK_SECONDS)
    return _respond(request, tag, last_modified, render_page)


def remembered_page(request, slug: str) -> HttpResponse | None:
    """The public page of a plan published and served within the last
    ``RECHECK_SECONDS``, without asking the database; None if there is none (the
    plan is then looked up, and its access checked, as for any page)."""
    if (
        request.method not in ("GET", "HEAD")
        or request.user.is_authenticated
        or "messages" in request.COOKIES
    ):
        return None
    remembered = page_cache.get(_address_key(slug))
    if remembered is None:
        return None
    tag, last_modified = remembered
    return _respond(request, tag, last_modified, render_page=None)


def _address_key(slug: str) -> str:
    return f"published-plan-version:{slug}"


def _respond(request, tag: str, last_modified: float, render_page) -> HttpResponse | None:
    response = get_conditional_response(request, etag=tag, last_modified=last_modified)
    if response is not None:
        # No Content-Security-Policy on a 304: the browser keeps the one stored with
        # the page, whose nonce is the page's (a new one would block its scripts).
        response._csp_config = response._csp_ro_config = {}
    else:
        key = f"published-plan-page:{tag}"
        html = page_cache.get(key)
        if html is None:
            if render_page is None:
                return None
            rendered = render_page()
            html = rendered.content.decode().replace(str(get_nonce(request)), NONCE_PLACEHOLDER)
            page_cache.set(key, html, timeout=None)
        response = HttpResponse(html.replace(NONCE_PLACEHOLDER, str(get_nonce(request))))
    response["ETag"] = tag
    response["Last-Modified"] = http_date(last_modified)
    # Anyone may keep it, but must ask again (cheaply, with the ETag) before reuse.
    patch_cache_control(response, public=True, no_cache=True)
    return response
