"""The plan's print HTML, and WeasyPrint turning it into a tagged PDF."""

import weasyprint
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint.text.fonts import FontConfiguration

from ..assemble import PlanDocument, assemble_plan
from ..markdown import figure_keys
from ..models import Plan
from .chart import bar_chart
from .fetcher import BASE_URL, StaticFileFetcher, static_url
from .names import STYLESHEET
from .names import pdf_filename as pdf_filename  # The download's name, also known here.

DOCUMENT_TEMPLATE = "plans/pdf/document.html"

#: Block kinds drawn differently on paper: the figures by year get a chart.
PDF_BLOCK_TEMPLATES = {
    "series": "plans/pdf/blocks.html#series",
    "evidence": "plans/pdf/blocks.html#evidence",
}

#: What WeasyPrint is asked for: tagged PDF/UA-1 (headings, tables, lists, figures
#: with their alternative text, document title and language).
WEASYPRINT_OPTIONS = {"pdf_variant": "pdf/ua-1"}


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
            # The PDF's creator in its metadata (its title is the plan's, its author
            # the partnership); WeasyPrint names itself as the producer.
            "product_name": settings.PRODUCT_NAME,
        },
    )


def html_to_pdf(html: str) -> bytes:
    """WeasyPrint alone: lay out the print HTML and write a tagged PDF/UA-1."""
    document = weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFileFetcher())
    return document.write_pdf(font_config=FontConfiguration(), **WEASYPRINT_OPTIONS)


def render_plan_pdf(plan: Plan) -> bytes:
    """The plan's PDF, rendered now (no cache)."""
    return html_to_pdf(plan_html(plan))
