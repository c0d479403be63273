"""Imported once by the fork server that ``isolated`` forks its PDF renderers from:
Django set up (the fetcher finds static files through the settings and the apps),
WeasyPrint loaded and warmed up, so that every child starts ready to lay out a PDF.
Nothing else imports this module."""

import importlib
import logging
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saferbucks.settings")
# The renderers lay out HTML and never touch the database: an address that leads
# nowhere, so that neither they nor this server start or join the embedded
# PostgreSQL (which stops only when the last process that joined it has exited).
os.environ["DATABASE_URL"] = "postgres://pdf-renderer@127.0.0.1:1/no-database"
django.setup()
render = importlib.import_module("plans.pdf.render")


def warm_up() -> None:
    """One small PDF with the real stylesheet and fonts, so that what WeasyPrint, Pango
    and fontconfig set up once per process is done before the children are forked.
    A failure here is the render's to report (a missing stylesheet, say), not the
    fork server's: it is logged and the server starts all the same."""
    stylesheet = render.static_url(render.STYLESHEET)
    try:
        render.html_to_pdf(
            f'<html lang="en-GB"><head><title>Warm-up</title><link rel="stylesheet" href="{stylesheet}">'
            "</head><body><h1>Warm-up</h1><p>Warm-up</p></body></html>"
        )
    except Exception:
        logging.getLogger(__name__).warning("The PDF renderers' warm-up failed", exc_info=True)


warm_up()
