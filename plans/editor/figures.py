"""What a text's {{figures}} refer to: every reference is checked when the text is
saved, and a figure that text shows cannot be deleted or renamed from under it."""

import difflib
import re

from django.core.exceptions import ValidationError
from django.db.models import Q

from ..markdown import FIGURE_PATTERN
from ..models import Plan, SeriesPoint, Statistic
from .registry import all_kinds

#: Anything written between double braces, to catch what FIGURE_PATTERN would not
#: recognise ("{{ Burglary }}", "{{burglary:big}}").
BRACES = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
STYLES = {"", "signed", "change"}


def _closest(key: str, keys) -> str:
    close = difflib.get_close_matches(key, sorted(keys), n=3, cutoff=0.6)
    if close:
        return " The closest: " + ", ".join("{{" + k + "}}" for k in close) + "."
    return " The plan's figures are listed under Evidence, Statistics."


def problems(text: str, statistic_keys: set[str], points: set[tuple[str, int, int | None]]) -> list[str]:
    """Plain-English problems with the figures a text refers to (none: all fine)."""
    found = []
    series_keys = {key for key, _year, _quarter in points}
    for braces in BRACES.finditer(text or ""):
        written = braces.group(0)
        match = FIGURE_PATTERN.fullmatch(written)
        if match is None:
            example = min(statistic_keys, default="recorded_crime")
            found.append(
                f"{written} is not a figure: write a figure's key in lower case, like {{{{{example}}}}}."
            )
            continue
        key, year, style = match["key"], match["year"], match["style"] or ""
        quarter = int(match["quarter"]) if match["quarter"] else None
        if year:
            if key not in series_keys:
                found.append(f"There are no figures by year called {key}." + _closest(key, series_keys))
            elif (key, int(year), quarter) not in points:
                written_period = f"{year} quarter {quarter}" if quarter else year
                codes = ", ".join(
                    _point_code(y, q) for k, y, q in sorted(points, key=_point_order) if k == key
                )
                found.append(f"{key} has no figure for {written_period}. It has figures for {codes}.")
        elif key not in statistic_keys:
            found.append(f"There is no figure called {key}." + _closest(key, statistic_keys))
        elif style not in STYLES:
            found.append(
                f"{written}: a figure takes only the style :signed or :change, as in {{{{{key}:signed}}}} "
                f"or {{{{{key}:change}}}}."
            )
    return found


def _point_code(year: int, quarter: int | None) -> str:
    """How a series' period is written after the @: 2018, or 2024q1."""
    return f"{year}q{quarter}" if quarter else str(year)


def _point_order(point: tuple[str, int, int | None]):
    key, year, quarter = point
    return key, year, quarter or 0


def plan_figures(plan: Plan) -> tuple[set[str], set[tuple[str, int, int | None]]]:
    keys = set(Statistic.objects.filter(plan=plan).values_list("key", flat=True))
    points = set(SeriesPoint.objects.filter(series__plan=plan).values_list("series__key", "year", "quarter"))
    return keys, points


def check_references(plan: Plan, item, fields) -> None:
    """Refuse text that refers to a figure the plan does not have, naming the closest."""
    texts = {name: getattr(item, name) or "" for name in fields}
    texts = {name: text for name, text in texts.items() if "{{" in text}
    if not texts:
        return
    keys, points = plan_figures(plan)
    errors = {name: problems(text, keys, points) for name, text in texts.items()}
    errors = {name: found for name, found in errors.items() if found}
    if errors:
        raise ValidationError(errors)


def _texts_showing(plan: Plan, key: str):
    """(kind, queryset of its items whose text shows the figure ``key``), per kind of text."""
    pattern = r"\{\{\s*" + re.escape(key) + r"\s*(:[a-z]+)?\s*\}\}"
    seen_models = set()
    for kind in all_kinds(plan).values():
        if not kind.markdown_fields or not kind.plan_path or kind.model in seen_models:
            continue
        seen_models.add(kind.model)
        condition = Q()
        for name in kind.markdown_fields:
            condition |= Q(**{f"{name}__regex": pattern})
        yield kind, kind.in_plan(plan).filter(condition)


def uses(plan: Plan, key: str) -> list[str]:
    """Where the plan's text shows the figure ``key``, as people name the items."""
    return [
        f"{kind.singular} “{kind.summary(item)[:60]}”"
        for kind, queryset in _texts_showing(plan, key)
        for item in queryset[:5]
    ]


def is_shown_in_text(plan: Plan, key: str) -> bool:
    """Whether any text of the plan shows the figure ``key``: one query."""
    first, *rest = [queryset.order_by().values_list("pk") for _kind, queryset in _texts_showing(plan, key)]
    return first.union(*rest, all=True).exists()


def refuse_if_used(plan: Plan, key: str, action: str) -> None:
    where = uses(plan, key)
    if where:
        raise ValidationError(
            f"Text in the plan shows this figure with {{{{{key}}}}}, so you cannot {action} yet. "
            f"Change that text first: {'; '.join(where)}."
        )
