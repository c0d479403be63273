"""What WeasyPrint may read while it lays out a plan: the app's own static files,
from disk, and nothing else (the addresses and files themselves are in ``names``)."""

import mimetypes

import weasyprint

from .names import BASE_URL, STATIC_ORIGIN, STATIC_TYPES, RefusedURL, static_file, static_url

__all__ = [
    "BASE_URL",
    "STATIC_ORIGIN",
    "STATIC_TYPES",
    "RefusedURL",
    "StaticFileFetcher",
    "static_file",
    "static_url",
]


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
