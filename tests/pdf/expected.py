"""What a plan's PDF must say, in document order, worked out from the database
through the assembled plan (not from the HTML): every section heading, narrative
paragraph, list item, priority, action, statistic, budget line and total."""

import re
from html import unescape

from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.html import strip_tags

from plans.assemble import PlanDocument, SectionView
from plans.markdown import figure_keys, render_markdown
from plans.templatetags.plan_tags import money, plan_has_block

BLOCK_TAGS = re.compile(r"</?(?:p|li|ul|ol|h3|h4|blockquote)(?:\s[^>]*)?>")


def markdown_chunks(text: str, figures) -> list[str]:
    """A Markdown text as the paragraphs and list items a reader sees."""
    html = render_markdown(text, figures)
    return [chunk for part in BLOCK_TAGS.split(html) if (chunk := unescape(strip_tags(part)).strip())]


def document_order(doc: PlanDocument) -> list[str]:
    expected: list[str] = []
    for section in doc.sections:
        expected += _section(section, doc)
    return expected


def _section(view: SectionView, doc: PlanDocument) -> list[str]:
    out = [view.heading] if view.section.title else []
    for item in view.blocks:
        out += _block(item.block, item.context, view, doc)
    for child in view.children:
        out += _section(child, doc)
    return out


def _block(block, ctx, section, doc) -> list[str]:  # noqa: C901 (one branch per block kind)
    figures, plan = doc.figures, doc.plan
    md = lambda text: markdown_chunks(text, figures)  # noqa: E731
    kind = block.kind
    if kind == "text":
        return md(block.body)
    if kind == "signature":
        return [plan.chair_office, plan.chair_name] if plan.has_chair else []
    if kind == "partners" and ctx["groups"]:
        return [
            text
            for group in ctx["groups"]
            for text in (group["heading"], *[p.text for p in group["partners"]])
        ]
    if kind in ("partners", "duties", "police_priorities"):
        return [item.text for item in ctx["entries"]]
    if kind == "themes":
        return [chunk for item in ctx["entries"] for chunk in md(item.text)]
    if kind == "concerns":
        out = []
        for concern in ctx["entries"]:
            out += [concern.title] if concern.title else []
            out += [chunk for point in concern.points.all() for chunk in md(point.text)]
        return out
    if kind == "evidence":
        group = ctx["group"]
        out = [group.heading, *[chunk for finding in group.findings.all() for chunk in md(finding.text)]]
        keys = dict.fromkeys(key for finding in group.findings.all() for key in figure_keys(finding.text))
        for key in keys:
            stat = figures.statistics[key]
            style = "signed" if stat.unit == "percent_change" else ""
            out += [stat.label, figures.text(key, style)]
        return out
    if kind == "series":
        series = ctx["series"]
        out = [series.title]
        for point in series.points.all():
            out += [point.year_label, intcomma(point.value)]
        return out
    if kind == "survey":
        survey = ctx["survey"]
        out = [intcomma(survey.respondents), f"people completed the {survey.title}."]
        for topic in survey.topics.all():
            out += [topic.heading] if topic.heading else []
            for finding in topic.findings.all():
                if finding.figure:
                    out.append(figures.text(finding.figure.key))
                out += md(finding.text)
        return out
    if kind == "priority_list":
        # The actions show under each priority, unless the plan draws chapters too.
        with_actions = not plan_has_block(doc, "priority_chapters")
        out = []
        for priority in ctx["entries"]:
            number = f"{section.number}.{priority.position}" if block.list_style == "numbers" else ""
            out += [number, priority.title, *md(priority.summary)]
            for group in priority.action_groups.all() if with_actions else []:
                if group.actions.all():
                    out += [group.title, "We will:"]
                    out += [
                        chunk
                        for action in group.actions.all()
                        for chunk in (*md(action.text), *owners(action))
                    ]
        return [text for text in out if text]
    if kind == "priority_chapters":
        out = []
        for priority in ctx["entries"]:
            out.append(f"Priority {priority.position}: {priority.title}")
            if priority.why:
                out += ["Why is it a priority?", *md(priority.why)]
            if priority.action_groups.all():
                out.append("What we plan to do")
            for group in priority.action_groups.all():
                out += [group.title] if group.title else []
                out.append("We will:")
                out += [
                    chunk for action in group.actions.all() for chunk in (*md(action.text), *owners(action))
                ]
        return out
    if kind == "area_priorities":
        return [
            text
            for row in ctx["entries"]
            for text in (row["area"].name, *[t for p in row["priorities"] for t in (p.text, *owners(p))])
        ]
    if kind == "fund":
        fund = ctx["fund"]
        out = [f"{fund.name} {fund.year_label}"]
        for line in fund.lines.all():
            out += [line.description, money(line.amount)]
        return [*out, fund.total_label, money(fund.total)]
    raise AssertionError(f"no expectation for block kind {kind!r}")


def owners(item) -> list[str]:
    """What an action or a local priority says of who leads it, its measure and timescale."""
    out = []
    if item.lead_partner:
        out += ["Led by", item.lead_partner.text]
    if item.supporters():
        out += ["Supported by", ", ".join(p.text for p in item.supporters())]
    if item.measure:
        out += ["How we will measure it", item.measure]
    if item.timescale:
        out += ["Timescale", item.timescale]
    return out


def find_in_order(haystack: str, needles: list[str]) -> list[str]:
    """The needles missing from the haystack, or found out of order (whitespace
    ignored: lines break where the layout puts them)."""
    missing, position = [], 0
    for needle in needles:
        squashed = re.sub(r"\s+", "", needle)
        found = haystack.find(squashed, position)
        if found < 0:
            missing.append(needle)
        else:
            position = found + len(squashed)
    return missing
