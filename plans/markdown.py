"""Markdown for user-written text: figures substituted, then converted, then
sanitised with nh3 so scripts, styles, event handlers, javascript: links and
images never reach a page or the PDF."""

import re
import threading
from functools import lru_cache

import markdown as md
import nh3
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "a",
    "h3",
    "h4",
    "blockquote",
    "code",
    "abbr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}

# {{key}}, {{key:signed}}, {{series_key@2018}}
FIGURE_PATTERN = re.compile(r"\{\{\s*([a-z0-9_-]+)(?:@(\d{4}))?(?::([a-z]+))?\s*\}\}")


def figure_keys(text: str) -> list[str]:
    """The statistic keys a text refers to, in order."""
    return [m.group(1) for m in FIGURE_PATTERN.finditer(text or "") if m.group(2) is None]


def substitute_figures(text: str, figures) -> str:
    def replace(match: re.Match) -> str:
        key, year, style = match.group(1), match.group(2), match.group(3) or ""
        value = figures.point(key, int(year)) if year else figures.text(key, style)
        return escape(value)

    return FIGURE_PATTERN.sub(replace, text)


_local = threading.local()


def _parser() -> md.Markdown:
    """One Markdown parser per thread, reset between texts (building one costs more
    than converting a paragraph)."""
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = _local.parser = md.Markdown(extensions=["sane_lists"], output_format="html")
    return parser


@lru_cache(maxsize=8192)
def _safe_html(text: str) -> str:
    """The sanitised HTML of a Markdown text whose figures are already in it: the
    same text (the same words and the same figures) is converted once per process."""
    html = _parser().reset().convert(text)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


def _convert(text: str, figures) -> str:
    if figures is not None:
        text = substitute_figures(text, figures)
    return _safe_html(text)


def render_markdown(text: str, figures=None) -> SafeString:
    # nh3 has removed everything outside the allow-lists above.
    return mark_safe(_convert(text or "", figures))  # noqa: S308


def render_inline(text: str, figures=None) -> SafeString:
    """As render_markdown, without the paragraph around a one-paragraph text."""
    html = _convert(text or "", figures)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return mark_safe(html)  # noqa: S308
