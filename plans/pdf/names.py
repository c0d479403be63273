"""What the PDF and its parts are called: the print stylesheet, the addresses under
which WeasyPrint asks for the app's static files, and the download's file name.
Nothing here loads WeasyPrint, so the download view can fingerprint the layout and
name the file without it."""

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils._os import safe_join
from django.utils.text import slugify

#: The print stylesheet (a static file).
STYLESHEET = "src/pdf.css"

#: Every address WeasyPrint may fetch lives under this origin (``.invalid`` never
#: resolves): ``https://static.invalid/<path>`` is the static file ``<path>``.
STATIC_ORIGIN = "https://static.invalid"
BASE_URL = f"{STATIC_ORIGIN}/"
STATIC_TYPES = {".css", ".woff", ".woff2", ".ttf", ".otf", ".svg", ".png", ".jpg", ".jpeg"}


class RefusedURL(ValueError):
    """WeasyPrint asked for an address outside the app's static files."""


def static_url(path: str) -> str:
    return f"{STATIC_ORIGIN}/{path}"


def static_file(url: str) -> Path:
    """The file on disk behind ``https://static.invalid/<path>``: found by the
    staticfiles finders (source folders, as in development) or in STATIC_ROOT (as
    collected for production). Anything else is refused."""
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != STATIC_ORIGIN or parts.query:
        raise RefusedURL(f"not a static file of this app: {url}")
    path = unquote(parts.path).lstrip("/")
    if not path or posixpath.normpath(path) != path or path.startswith("..") or "\\" in path:
        raise RefusedURL(f"not a plain static path: {url}")
    if posixpath.splitext(path)[1].lower() not in STATIC_TYPES:
        raise RefusedURL(f"not a stylesheet, font or image: {url}")
    found = finders.find(path)
    if not found and settings.STATIC_ROOT:
        candidate = Path(safe_join(settings.STATIC_ROOT, path))
        found = candidate if candidate.is_file() else None
    if not found:
        raise RefusedURL(f"no such static file (has `npm run build` run?): {path}")
    return Path(found)


def pdf_filename(plan) -> str:
    """ "community-safety-plan-2025-26.pdf"; a later version says so ("...-v2.pdf")."""
    version = f"-v{plan.version}" if plan.version > 1 else ""
    return f"{slugify(f'{plan.title} {plan.period_label}')}{version}.pdf"
