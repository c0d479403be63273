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

# {{key}}, {{key:signed}}, {{key:change}}, {{series_key@2018}}, {{series_key@2024q1}}
FIGURE_PATTERN = re.compile(
    r"\{\{\s*(?P<key>[a-z0-9_-]+)(?:@(?P<year>\d{4})(?:q(?P<quarter>[1-4]))?)?(?::(?P<style>[a-z]+))?\s*\}\}"
)

#: What may stand at the start of a line before its text: a heading's #, a quote's >,
#: a list item's bullet or number.
LINE_START_MARKS = re.compile(r"^\s*(?:(?:#{1,6}|>)\s*|[-*+]\s+|\d{1,9}[.)]\s+)+")
#: Emphasis, brackets and quotation marks that may come just before a figure.
OPENING_MARKS = "*_([\"'‘“"
#: Short forms ending in a full stop that do not end a sentence.
ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "approx.", "c.", "ca.", "vs.", "no.", "incl.")


def starts_sentence(text: str, position: int) -> bool:
    """Whether what is written at ``position`` of a Markdown text begins a sentence:
    the start of the text, of a paragraph, a heading or a list item, or after a full
    stop, question or exclamation mark. "Crime fell by {{key}}" is mid-sentence."""
    lines = text[:position].split("\n")
    line = lines[-1]
    marks = LINE_START_MARKS.match(line)
    if marks is not None:
        line = line[marks.end() :]
    elif not line.strip(OPENING_MARKS + " \t") and len(lines) > 1:
        earlier = lines[-2]
        if earlier.strip() and not earlier.lstrip().startswith("#"):
            line = f"{earlier} {line}"  # The paragraph goes on from the line before.
    core = line.rstrip(OPENING_MARKS + " \t")
    if not core:
        return True
    if not any(character.isspace() for character in line[len(core) :]):
        return False  # Joined to the word before it.
    ending = core.rstrip(")]\"'’”")
    if not ending.endswith((".", "!", "?")):
        return False
    return ending.rsplit(None, 1)[-1].lstrip(OPENING_MARKS).lower() not in ABBREVIATIONS


def figure_keys(text: str) -> list[str]:
    """The statistic keys a text refers to, in order."""
    return [m["key"] for m in FIGURE_PATTERN.finditer(text or "") if m["year"] is None]


def substitute_figures(text: str, figures) -> str:
    def replace(match: re.Match) -> str:
        key, year, style = match["key"], match["year"], match["style"] or ""
        if year:
            quarter = int(match["quarter"]) if match["quarter"] else None
            value = figures.point(key, int(year), quarter)
        else:
            value = figures.text(key, style, starts_sentence(text, match.start()))
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
