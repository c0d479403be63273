"""A draft plan's page for a member of its partnership, sent with an ETag so that a
browser asking again for an unchanged page gets "304 Not Modified" without the page
being drawn.

The ETag is a hash of everything the page depends on:

- the plan's content: the fingerprint of every table of the plan, its partnership
  and areas, in one query (``plans.pdf.cache.content_fingerprint``, the PDF's cache
  key);
- the person: their id and name (shown in the header), their role and areas in the
  partnership (which decide the "Change" links), and the CSRF secret of the session
  (the sign-out form's token: a new sign-in has a new one);
- the release: templates, stylesheet, script and the product's Python code
  (``deploy_key``).

A request with a message waiting to be shown once gets the page drawn, with no
validators, so the message is never lost to a 304. ``Cache-Control: private,
no-cache``: only the person's own browser keeps it, and asks again before reuse.

A 304 carries no Content-Security-Policy header: the browser keeps the one stored
with the page, whose script nonce is the one written in the page (a new header
would name a nonce the kept page does not have, and block its scripts)."""

import hashlib
from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.utils.cache import get_conditional_response, patch_cache_control

from . import access, published
from .models import Plan
from .pdf.cache import content_fingerprint

#: The project's apps, whose Python code draws the page (hashed into ``deploy_key``).
CODE_FOLDERS = ("saferbucks", "plans", "priorities", "funding", "partnerships", "demo")


@cache
def deploy_key() -> str:
    """What draws pages in this release, once per process: the templates and static
    files (``published.release``), the product's name and its Python code. The same
    in every worker process of one release."""
    digest = hashlib.sha256(published.release().encode())
    digest.update(settings.PRODUCT_NAME.encode())
    base = Path(settings.BASE_DIR)
    files = sorted(path for folder in CODE_FOLDERS for path in (base / folder).rglob("*.py"))
    for path in files:
        digest.update(str(path.relative_to(base)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def has_validators(request, plan: Plan) -> bool:
    """Whether this request's page of the plan is sent with an ETag: a draft, read
    by a signed-in member, with no message waiting to be shown."""
    return (
        not plan.is_published
        and request.method in ("GET", "HEAD")
        and request.user.is_authenticated
        # Counts the messages waiting without marking them as shown.
        and len(messages.get_messages(request)) == 0
    )


def etag(request, plan: Plan) -> str:
    user = request.user
    found = access.membership(user, plan.partnership_id)  # Kept from the access check.
    parts = [
        content_fingerprint(plan),
        str(user.pk),
        user.get_username(),
        found.role if found else "",
        ",".join(str(pk) for pk in sorted(found.area_ids)) if found else "",
        request.META.get("CSRF_COOKIE", ""),
        deploy_key(),
    ]
    return f'"draft-{plan.pk}-{hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]}"'


def page(request, plan: Plan, render_page):
    """The draft's page: 304 if the browser has this version of it, else drawn by
    ``render_page()``; either way with its ETag."""
    tag = etag(request, plan)
    response = get_conditional_response(request, etag=tag)
    if response is None:
        response = render_page()
    else:
        # Keep the stored page's own policy (see the module's docstring).
        response._csp_config = response._csp_ro_config = {}
    response["ETag"] = tag
    patch_cache_control(response, private=True, no_cache=True)
    return response
