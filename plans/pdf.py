"""A plan as a PDF: the document the partnership publishes and sends to the Police
and Crime Commissioner.

The PDF is drawn from the same data as the plan's web page (``assemble_plan``) and
with the same block partials, styled by a lean print stylesheet of its own
(``static/src/pdf.css``), then laid out by WeasyPrint as a tagged PDF/UA-1 document.

The steps, each usable on its own:

- ``plan_html(plan)``: the print HTML;
- ``html_to_pdf(html)``: WeasyPrint alone (the only function that calls it);
- ``render_plan_pdf(plan)``: both, with no cache;
- ``cached_plan_pdf(plan)``: what the download view and ``export_pdf`` use. The PDF
  is kept in ``RenderedPDF`` under a fingerprint of the plan's content, so a second
  download of unchanged content costs one small query and the bytes, and never
  calls WeasyPrint. A published plan's PDF is kept byte for byte.

No network while rendering: WeasyPrint reads the stylesheet and the fonts through
``StaticFileFetcher``, which serves the app's own static files from disk and refuses
every other address (a stylesheet fetched over HTTP from the app itself can stall
every PDF while the only worker waits for itself).

Memory: WeasyPrint's resident memory grows over many renders in one process (fonts
and layout caches in Pango and Python; several upstream reports). Web workers should
be recycled (gunicorn ``--max-requests``, as ``make serve`` does), and a busy
deployment should render first downloads in a task rather than in the request.
"""

import hashlib
import mimetypes
import posixpath
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import IntegrityError, connection, models, transaction
from django.db.models import CASCADE
from django.template.loader import get_template, render_to_string
from django.utils import timezone
from django.utils._os import safe_join
from django.utils.text import slugify
from weasyprint.text.fonts import FontConfiguration

from . import blocks as block_registry
from .assemble import PlanDocument, assemble_plan
from .markdown import figure_keys
from .models import Area, Partnership, Plan, RenderedPDF

#: Every address WeasyPrint may fetch lives under this origin (``.invalid`` never
#: resolves): ``https://static.invalid/<path>`` is the static file ``<path>``.
STATIC_ORIGIN = "https://static.invalid"
BASE_URL = f"{STATIC_ORIGIN}/"
STYLESHEET = "src/pdf.css"
DOCUMENT_TEMPLATE = "plans/pdf/document.html"
DOCUMENT_TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"

#: Block kinds drawn differently on paper: the figures by year get a chart.
PDF_BLOCK_TEMPLATES = {
    "series": "plans/pdf/blocks.html#series",
    "evidence": "plans/pdf/blocks.html#evidence",
}

#: What WeasyPrint is asked for: tagged PDF/UA-1 (headings, tables, lists, figures
#: with their alternative text, document title and language).
WEASYPRINT_OPTIONS = {"pdf_variant": "pdf/ua-1"}
FONT_URL = re.compile(r"url\(['\"]?([^'\")]+\.(?:woff2?|ttf|otf))['\"]?\)")
STATIC_TYPES = {".css", ".woff", ".woff2", ".ttf", ".otf", ".svg", ".png", ".jpg", ".jpeg"}


# --- Fetching: the app's static files, and nothing else ---------------------------


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


# --- HTML ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float

    @property
    def centre(self) -> float:
        return self.x + self.width / 2


@dataclass(frozen=True)
class BarChart:
    """A column chart of a series, in SVG user units (see plans/pdf/blocks.html)."""

    width: int
    height: int
    plot_left: int
    plot_bottom: int
    bars: list[Bar]
    gridlines: list[dict]
    description: str


def bar_chart(series, width: int = 480, height: int = 220) -> BarChart | None:
    """Column geometry for a series' points, on an axis that starts at zero (so a
    bar's height is honest) and ends at a round number above the largest value."""
    points = list(series.points.all())
    if not points:
        return None
    left, top, bottom = 56, 18, height - 28
    top_value = _nice_ceiling(max(point.value for point in points))
    slot = (width - left) / len(points)
    bar_width = min(slot * 0.62, 72)
    bars = []
    for index, point in enumerate(points):
        bar_height = (bottom - top) * point.value / top_value if top_value else 0
        bars.append(
            Bar(
                label=point.year_label,
                value=point.value,
                x=round(left + index * slot + (slot - bar_width) / 2, 1),
                y=round(bottom - bar_height, 1),
                width=round(bar_width, 1),
                height=round(bar_height, 1),
            )
        )
    gridlines = [
        {"value": value, "y": round(bottom - (bottom - top) * value / top_value, 1)}
        for value in _ticks(top_value)
    ]
    description = "; ".join(f"{bar.label}: {bar.value:,}" for bar in bars)
    return BarChart(
        width, height, left, bottom, bars, gridlines, f"{series.value_label} by year. {description}."
    )


def _nice_ceiling(value: int) -> int:
    """The smallest of 1, 2, 2.5 or 5 times a power of ten that is at least value."""
    if value <= 0:
        return 1
    magnitude = Decimal(10) ** (len(str(int(value))) - 1)
    for step in (1, 2, Decimal("2.5"), 5, 10):
        if step * magnitude >= value:
            return int(step * magnitude)
    return int(10 * magnitude)  # pragma: no cover (10 x magnitude always suffices)


def _ticks(top_value: int) -> list[int]:
    """Gridline values from 0 to the axis' top: five steps, or four for 2 x 10^n."""
    parts = 4 if str(top_value).rstrip("0") == "2" else 5
    step = max(1, top_value // parts)
    return list(range(0, top_value + 1, step))


def evidence_figures(group, figures) -> dict:
    """The statistics an evidence group's findings cite, for a table under them."""
    keys = dict.fromkeys(key for finding in group.findings.all() for key in figure_keys(finding.text))
    rows = []
    for key in keys:
        stat = figures.statistics.get(key)
        if stat is not None:
            # A change is shown with its sign; a share or a count as it is.
            style = "signed" if stat.unit == stat.Unit.PERCENT_CHANGE else ""
            rows.append({"stat": stat, "text": figures.text(key, style)})
    sources = list(dict.fromkeys(row["stat"].source for row in rows if row["stat"].source))
    return {"figure_rows": rows, "sources": sources}


def prepare_for_print(doc: PlanDocument) -> PlanDocument:
    """Swap in the print versions of the block partials that have one, and give each
    series its chart. Mutates ``doc``, which is assembled afresh for each PDF."""

    def visit(sections):
        for section in sections:
            for item in section.blocks:
                item.template = PDF_BLOCK_TEMPLATES.get(item.block.kind, item.template)
                if item.block.kind == "series" and item.context.get("series") is not None:
                    item.context = {**item.context, "chart": bar_chart(item.context["series"])}
                if item.block.kind == "evidence" and item.context.get("group") is not None:
                    item.context = {**item.context, **evidence_figures(item.context["group"], doc.figures)}
            visit(section.children)

    visit(doc.sections)
    return doc


def plan_html(plan: Plan, doc: PlanDocument | None = None) -> str:
    """The print HTML of a plan: cover, contents, numbered sections, appendix."""
    doc = prepare_for_print(doc or assemble_plan(plan))
    return render_to_string(
        DOCUMENT_TEMPLATE,
        {
            "plan": plan,
            "doc": doc,
            "stylesheet_url": static_url(STYLESHEET),
            "printed_on": timezone.localdate(),
        },
    )


# --- PDF ----------------------------------------------------------------------------


def html_to_pdf(html: str) -> bytes:
    """WeasyPrint alone: lay out the print HTML and write a tagged PDF/UA-1."""
    document = weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFileFetcher())
    return document.write_pdf(font_config=FontConfiguration(), **WEASYPRINT_OPTIONS)


def pdf_filename(plan: Plan) -> str:
    """ "safer-bucks-plan-2015-16.pdf"; a later version says so ("...-v2.pdf")."""
    version = f"-v{plan.version}" if plan.version > 1 else ""
    return f"{slugify(f'{plan.title} {plan.period_label}')}{version}.pdf"


def render_plan_pdf(plan: Plan) -> bytes:
    """The plan's PDF, rendered now (no cache)."""
    return html_to_pdf(plan_html(plan))


# --- The cache ----------------------------------------------------------------------


def cached_plan_pdf(plan: Plan) -> bytes:
    """The plan's PDF: the kept one if its content has not changed, else a new one.

    A published plan's PDF is pinned: once rendered, the same bytes come back for as
    long as its content is unchanged, even after the templates or stylesheet move on.
    A draft's PDF is replaced whenever its content or the layout changes, and the
    draft's older PDFs are dropped."""
    content, layout = content_fingerprint(plan), layout_fingerprint()
    kept = _kept_pdf(plan, content, layout)
    if kept is not None:
        return kept

    html = plan_html(plan)
    # An edit while the HTML was being drawn would make it disagree with the
    # fingerprint: serve what was drawn, but keep only a PDF whose content is known.
    unchanged = content_fingerprint(plan) == content
    pdf = html_to_pdf(html)
    if unchanged:
        _keep(plan, content, layout, pdf)
    return pdf


def _kept_pdf(plan: Plan, content: str, layout: str) -> bytes | None:
    rows = RenderedPDF.objects.filter(plan=plan, content_hash=content)
    rows = rows.filter(pinned=True) if plan.is_published else rows.filter(layout_hash=layout)
    pdf = rows.order_by("created_at").values_list("pdf", flat=True).first()
    return bytes(pdf) if pdf is not None else None


def _keep(plan: Plan, content: str, layout: str, pdf: bytes) -> None:
    try:
        with transaction.atomic():
            RenderedPDF.objects.create(
                plan=plan,
                content_hash=content,
                layout_hash=layout,
                pinned=plan.is_published,
                pdf=pdf,
                size=len(pdf),
            )
    except IntegrityError:
        return  # Another request rendered the same content first: theirs is kept.
    # A draft's older PDFs show content or a layout that has since changed.
    RenderedPDF.objects.filter(plan=plan, pinned=False).exclude(
        content_hash=content, layout_hash=layout
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
    for model, lookup in _content_tables():
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


def _content_tables() -> list[tuple[type[models.Model], str]]:
    """What a plan's PDF shows: (model, lookup of the plan's id) for the plan, its
    partnership, the partnership's areas, and every table under the plan."""
    return [
        (Plan, "pk"),
        (Partnership, "plans"),
        (Area, "partnership__plans"),
        *_tables_under_plan(),
    ]


@cache
def _tables_under_plan() -> list[tuple[type[models.Model], str]]:
    """Each model whose rows a plan owns, with a lookup path to the plan's id
    ("section__plan"), breadth first from Plan.

    A row is the plan's when a required foreign key that cascades on delete leads
    to the plan, directly or through rows the plan owns: a section, its blocks, a
    block's evidence group and its findings... An optional key does not make a row
    the plan's (a survey finding's figure is optional; its topic is not), nor does
    one that does not cascade (the history tables' events outlive what they
    record), and the plan's own rendered PDFs are not content."""
    found: list[tuple[type[models.Model], str]] = []
    seen = {Plan, RenderedPDF}
    queue = [(Plan, "")]
    while queue:
        model, prefix = queue.pop(0)
        for relation in model._meta.related_objects:
            related = relation.related_model
            owned = not relation.many_to_many and not relation.field.null and relation.on_delete is CASCADE
            if not owned or related in seen:
                continue
            seen.add(related)
            path = f"{relation.field.name}__{prefix}" if prefix else relation.field.name
            found.append((related, path))
            queue.append((related, path))
    return found


def layout_fingerprint() -> str:
    """A SHA-256 of what turns the data into pages: the templates of every app that
    draws a block (the print templates among them), the stylesheet, the fonts it
    names and WeasyPrint's version. About a millisecond: computed for each download,
    so an edited stylesheet shows at once, without a restart."""
    digest = hashlib.sha256(weasyprint.__version__.encode())
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
