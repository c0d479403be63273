"""Rendered PDFs kept under a fingerprint of the plan's content and of the layout, so
unchanged content is never rendered twice (see ``RenderedPDF``).

Nothing here loads WeasyPrint until a PDF is rendered in this process
(``cached_plan_pdf``, for the ``export_pdf`` command): the download view looks up
kept PDFs through this module and leaves rendering to the worker (``tasks``)."""

import hashlib
import importlib.metadata
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.template.loader import get_template

from .. import blocks as block_registry
from ..content import shown_tables
from ..models import Plan, RenderedPDF
from .names import STYLESHEET, static_file, static_url

DOCUMENT_TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"
FONT_URL = re.compile(r"url\(['\"]?([^'\")]+\.(?:woff2?|ttf|otf))['\"]?\)")


@dataclass(frozen=True)
class Version:
    """One version of a plan's PDF: fingerprints of its content and of the layout."""

    content: str
    layout: str


def current_version(plan: Plan) -> Version:
    return Version(content_fingerprint(plan), layout_fingerprint())


def cached_plan_pdf(plan: Plan) -> bytes:
    """The plan's PDF: the kept one if its content has not changed, else one rendered
    now, in this process (the ``export_pdf`` command; the download view asks the
    worker instead, see ``tasks``).

    A published plan's PDF is pinned: once rendered, the same bytes come back for as
    long as its content is unchanged, even after the templates or stylesheet move on.
    A draft's PDF is replaced whenever its content or the layout changes, and the
    draft's older PDFs are dropped."""
    kept = pinned_pdf(plan)
    if kept is not None:
        return kept
    version = current_version(plan)
    kept = kept_pdf(plan, version)
    if kept is not None:
        return kept
    from . import render

    return render_and_keep(plan, version, render.html_to_pdf)


def render_and_keep(plan: Plan, version: Version, html_to_pdf: Callable[[str], bytes]) -> bytes:
    """Render the plan's PDF now with ``html_to_pdf`` (WeasyPrint, here or in a child
    process) and keep it under ``version``, which must be the plan's current one."""
    from . import render

    html = render.plan_html(plan)
    # An edit while the HTML was being drawn would make it disagree with the
    # fingerprint: serve what was drawn, but keep only a PDF whose content is known.
    unchanged = content_fingerprint(plan) == version.content
    pdf = html_to_pdf(html)
    if unchanged:
        _keep(plan, version, pdf)
    return pdf


def pinned_pdf(plan: Plan) -> bytes | None:
    """A published plan's kept PDF, found by its version key (the plan row's last
    save) without fingerprinting the content: one small query. None for a draft, or
    when the plan row was saved since (then ``kept_pdf`` looks it up by content)."""
    if not plan.is_published:
        return None
    rows = RenderedPDF.objects.filter(plan=plan, pinned=True, plan_saved_at=plan.updated_at)
    pdf = rows.order_by("created_at").values_list("pdf", flat=True).first()
    return bytes(pdf) if pdf is not None else None


def kept_pdf(plan: Plan, version: Version) -> bytes | None:
    """The kept PDF of this version of the plan: a draft's by content and layout, a
    published plan's by content alone (pinned), whose version key is brought up to
    date on the way so that the next download finds it with ``pinned_pdf``."""
    found = _kept(plan, version).order_by("created_at").values_list("pk", "plan_saved_at", "pdf").first()
    if found is None:
        return None
    pk, saved_at, pdf = found
    if plan.is_published and saved_at != plan.updated_at:
        RenderedPDF.objects.filter(pk=pk).update(plan_saved_at=plan.updated_at)
    return bytes(pdf)


def is_kept(plan: Plan, version: Version) -> bool:
    return _kept(plan, version).exists()


def _kept(plan: Plan, version: Version):
    rows = RenderedPDF.objects.filter(plan=plan, content_hash=version.content)
    return rows.filter(pinned=True) if plan.is_published else rows.filter(layout_hash=version.layout)


def _keep(plan: Plan, version: Version, pdf: bytes) -> None:
    try:
        with transaction.atomic():
            RenderedPDF.objects.create(
                plan=plan,
                content_hash=version.content,
                layout_hash=version.layout,
                pinned=plan.is_published,
                plan_saved_at=plan.updated_at if plan.is_published else None,
                pdf=pdf,
                size=len(pdf),
            )
    except IntegrityError:
        return  # Another render of the same content came first: theirs is kept.
    # A draft's older PDFs show content or a layout that has since changed.
    RenderedPDF.objects.filter(plan=plan, pinned=False).exclude(
        content_hash=version.content, layout_hash=version.layout
    ).delete()


def content_fingerprint(plan: Plan) -> str:
    """A SHA-256 of everything in the database that a plan's PDF shows, in one query.

    Each table whose rows the plan owns (found by following cascading foreign keys
    back to Plan, so kinds added by other apps are covered without registering) is
    hashed by PostgreSQL itself, row by row, together with the plan, its partnership
    and the partnership's areas. That costs a few milliseconds, where hashing the assembled
    data or the HTML costs most of a page view (``make bench`` prints both)."""
    sql, parameter_count = _fingerprint_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql, [plan.pk] * parameter_count)
        row = cursor.fetchone()
    return hashlib.sha256("|".join(row).encode()).hexdigest()


#: Stands for the plan's id while the fingerprint's SQL is compiled once.
_PLAN_ID_PLACEHOLDER = -7_000_000_001


@cache
def _fingerprint_sql() -> tuple[str, int]:
    """The fingerprint query, compiled once per process: every parameter is the
    plan's id."""
    selects, parameter_count = [], 0
    for model, lookup in shown_tables():
        # Bookkeeping columns (updated_at, edit_version) are not editable: saving
        # without a change is not a change.
        columns = [
            field.attname for field in model._meta.concrete_fields if field.editable or field.primary_key
        ]
        queryset = (
            model._default_manager.filter(**{lookup: _PLAN_ID_PLACEHOLDER}).order_by().values_list(*columns)
        )
        # Django compiles the queryset; its values stay parameters.
        sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
        if any(param != _PLAN_ID_PLACEHOLDER for param in params):  # pragma: no cover
            raise ValueError(f"unexpected parameters in {model._meta.label}'s query: {params}")
        pk = connection.ops.quote_name(model._meta.pk.column)
        selects.append(
            f"(SELECT md5(coalesce(string_agg(r::text, ',' ORDER BY r.{pk}), '')) FROM ({sql}) AS r)"  # noqa: S608
        )
        parameter_count += len(params)
    return f"SELECT {', '.join(selects)}", parameter_count


def layout_fingerprint() -> str:
    """A SHA-256 of what turns the data into pages: the templates of every app that
    draws a block (the print templates among them), the stylesheet, the fonts it
    names, WeasyPrint's version and the product's name (the PDF's creator). About a millisecond: computed for each download,
    so an edited stylesheet shows at once, without a restart."""
    digest = hashlib.sha256(importlib.metadata.version("weasyprint").encode())
    digest.update(settings.PRODUCT_NAME.encode())  # the PDF's creator, in its metadata
    template_dirs = {DOCUMENT_TEMPLATE_DIR}
    for btype in block_registry.registered().values():
        origin = Path(get_template(btype.template.split("#")[0]).origin.name)
        template_dirs.add(next(parent for parent in origin.parents if parent.name == "templates"))
    files = sorted(path for folder in template_dirs for path in folder.rglob("*.html"))
    stylesheet = static_file(static_url(STYLESHEET))
    files.append(stylesheet)
    css = stylesheet.read_text()
    for font in sorted(set(FONT_URL.findall(css))):
        files.append(static_file(static_url(posixpath.normpath(posixpath.join("src", font)))))
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
