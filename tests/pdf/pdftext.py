"""Reading a rendered PDF back: its text page by page (body and page margins apart),
its outline, its metadata and its structure tree, with pypdf."""

import io
import re
from dataclasses import dataclass
from functools import cached_property

from pypdf import PdfReader
from pypdf.generic import IndirectObject

# The page's margins in points (static/src/pdf.css: 25mm top, 22mm bottom).
TOP_MARGIN_Y = 842 - 25 * 72 / 25.4
BOTTOM_MARGIN_Y = 22 * 72 / 25.4


def squash(text: str) -> str:
    """Text without any whitespace: line breaks fall where the layout puts them."""
    return re.sub(r"\s+", "", text)


@dataclass
class PageText:
    body: str
    margins: str


class ReadPDF:
    def __init__(self, pdf: bytes):
        self.reader = PdfReader(io.BytesIO(pdf))

    @cached_property
    def pages(self) -> list[PageText]:
        result = []
        for page in self.reader.pages:
            body, margins = [], []

            def visit(text, cm, tm, font, size, body=body, margins=margins):
                if not text.strip():  # Line breaks come without a useful position.
                    body.append(text)
                    margins.append(text)
                    return
                y = tm[5] * cm[3] + tm[4] * cm[1] + cm[5]
                in_body = BOTTOM_MARGIN_Y < y < TOP_MARGIN_Y
                (body if in_body else margins).append(text)

            page.extract_text(visitor_text=visit)
            result.append(PageText("".join(body), "".join(margins)))
        return result

    @cached_property
    def outline(self) -> list[tuple[str, int]]:
        """The bookmarks (headings) as (title, page index), in document order."""
        entries = []

        def walk(items):
            for item in items:
                if isinstance(item, list):
                    walk(item)
                else:
                    entries.append((item.title, self.reader.get_destination_page_number(item)))

        walk(self.reader.outline)
        return entries

    @property
    def catalog(self):
        return self.reader.trailer["/Root"]

    def structure_elements(self):
        """Every element of the tag tree (below its root), depth first."""
        stack = [self.catalog["/StructTreeRoot"].get_object()]
        while stack:
            element = stack.pop()
            if "/S" in element:
                yield element
            kids = element.get("/K")
            if kids is None:
                continue
            kids = kids if isinstance(kids, list) else [kids]
            for kid in reversed(kids):
                if isinstance(kid, IndirectObject):
                    kid = kid.get_object()
                if hasattr(kid, "get") and kid.get("/Type") == "/StructElem":
                    stack.append(kid)

    def fonts(self) -> dict[str, dict]:
        found = {}
        for page in self.reader.pages:
            for font in page["/Resources"].get("/Font", {}).values():
                font = font.get_object()
                found[font["/BaseFont"]] = font
        return found
