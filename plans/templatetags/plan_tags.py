from decimal import Decimal

from django import template

from plans import periods, wording
from plans.markdown import render_inline, render_markdown
from plans.models.evidence import percent_change
from plans.periods import is_quarterly

register = template.Library()


@register.filter
def markdown(text, figures=None):
    """Sanitised Markdown, with {{figures}} from the plan's FigureBook."""
    return render_markdown(text, figures)


@register.filter
def markdown_inline(text, figures=None):
    return render_inline(text, figures)


@register.simple_tag
def priority_words(plan):
    """The plan's words for its priorities: ``{% priority_words plan as words %}``
    then ``{{ words.priorities }}`` ("Priorities", or "County priorities" in a
    two-tier county's plan). See ``plans.wording``."""
    return wording.priority_words(plan)


@register.filter
def money(amount):
    """£85,910 for whole pounds, £85,910.50 otherwise."""
    if amount is None:
        return ""
    amount = Decimal(amount)
    if amount == amount.to_integral_value():
        return f"£{amount:,.0f}"
    return f"£{amount:,.2f}"


@register.simple_tag
def series_rows(series):
    """Each period of a series with its change on the previous period shown and on the
    first, and the periods' names ("2024/25", "2024", "Q1 2024/25", "Jan to Mar 2024")."""
    points = list(series.points.all())
    rows = []
    for index, point in enumerate(points):
        previous = points[index - 1] if index else None
        rows.append(
            {
                "point": point,
                "label": point.label_in(series.period_kind),
                "previous_label": previous.label_in(series.period_kind) if previous else "",
                "change_previous": percent_change(point.value, previous.value) if previous else None,
                "previous": previous,
                "change_first": percent_change(point.value, points[0].value) if index else None,
            }
        )
    return rows


@register.filter
def period_heading(series):
    """The series table's first column: "Year", or "Quarter" for figures by quarter."""
    return "Quarter" if is_quarterly(series.period_kind) else "Year"


@register.filter
def period_noun(series):
    return periods.period_noun(series.period_kind)


@register.filter
def signed_percent(value):
    if value is None:
        return "–"
    rounded = Decimal(value).quantize(Decimal("1"))
    return f"+{rounded}%" if rounded > 0 else f"{rounded}%"


@register.filter
def figure_text(figures, key):
    return figures.text(key)


@register.simple_tag
def finding_runs(findings):
    """Consecutive survey findings grouped by whether they carry a headline figure,
    so figures sit side by side in one grid: [{"figures": bool, "items": [...]}]."""
    runs: list[dict] = []
    for finding in findings:
        has_figure = finding.figure_id is not None
        if not runs or runs[-1]["figures"] != has_figure:
            runs.append({"figures": has_figure, "items": []})
        runs[-1]["items"].append(finding)
    return runs


@register.simple_tag
def plan_has_block(doc, kind):
    """Whether the assembled plan (``doc``) draws a block of this kind anywhere: a block
    can leave to another what that one shows in full. No query: the plan is assembled."""
    if doc is None:
        return False

    def walk(sections):
        return any(
            any(item.block.kind == kind for item in section.blocks) or walk(section.children)
            for section in sections
        )

    return walk(doc.sections)
