"""What WeasyPrint may read while it lays out a plan: the app's own static files,
from disk, and nothing else."""

import mimetypes
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils._os import safe_join

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


class StaticFileFetcher(weasyprint.URLFetcher):
    """Serves WeasyPrint the app's static files from disk; refuses every other
    address. A refused or missing file stops the render (``fail_on_errors``): a PDF
    without its fonts or stylesheet must never be cached, let alone published."""

    def __init__(self):
        super().__init__(fail_on_errors=True)

    def fetch(self, url, headers=None):
        path = static_file(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return weasyprint.urls.URLFetcherResponse(
            url, body=path.read_bytes(), headers={"Content-Type": content_type}
        )
