"""Gather a whole plan, in document order, for the web page and the PDF.

One call reads everything in one query (``plans.content.PlanContent``): the
sections, their blocks, the plan's figures, and each block kind's data, picked once
per kind (see ``plans.blocks``).
"""

from dataclasses import dataclass, field

from . import blocks as block_registry
from .content import PlanContent
from .figures import FigureBook
from .models import Block, Plan, Section


@dataclass
class BlockView:
    block: Block
    template: str
    context: dict


@dataclass
class SectionView:
    section: Section
    number: str
    depth: int
    blocks: list[BlockView] = field(default_factory=list)
    children: list["SectionView"] = field(default_factory=list)

    @property
    def heading(self) -> str:
        if self.number:
            return f"{self.number} {self.section.title}"
        return self.section.title

    @property
    def anchor(self) -> str:
        return self.section.anchor

    @property
    def heading_level(self) -> int:
        """h2 for a chapter, h3 for a subsection: the page's h1 is the plan's title."""
        return min(self.depth + 1, 6)

    @property
    def inner_heading_level(self) -> int:
        """Headings inside the section's blocks sit one level below its own."""
        return min(self.heading_level + (1 if self.section.title else 0), 6)


@dataclass
class PlanDocument:
    plan: Plan
    sections: list[SectionView]
    figures: FigureBook
    toc: list[dict]


def assemble_plan(plan: Plan) -> PlanDocument:
    content = PlanContent.load(plan)
    sections = content.rows(Section)
    block_rows = sorted(content.rows(Block), key=lambda block: (block.section_id, block.position))
    figures = FigureBook.from_content(content)

    kinds = {block.kind for block in block_rows}
    types = {kind: block_registry.get(kind) for kind in kinds}
    # Kinds may share a loader (the priorities' list and chapters): call each once.
    by_loader = {btype.load: btype.load(content) for btype in types.values() if btype.load}
    loaded = {kind: by_loader.get(btype.load) for kind, btype in types.items()}

    views: dict[int, SectionView] = {}
    blocks_by_section: dict[int, list[BlockView]] = {}
    for block in block_rows:
        btype = types[block.kind]
        context = btype.block_context(block, loaded[block.kind])
        blocks_by_section.setdefault(block.section_id, []).append(
            BlockView(block=block, template=btype.template, context=context)
        )

    roots = _build_tree(sections, blocks_by_section, views)
    return PlanDocument(plan=plan, sections=roots, figures=figures, toc=_toc(roots, types))


def section_numbers(rows) -> dict[int, str]:
    """Each section's number as the plan shows it ("4.1"; "" when unnumbered), from
    (id, parent id, position, numbered) rows: numbered sections count among their
    numbered siblings, under their parent's number."""
    children: dict = {}
    for section_id, parent_id, position, numbered in rows:
        children.setdefault(parent_id, []).append((position, section_id, numbered))
    numbers: dict[int, str] = {}

    def walk(parent_id, prefix: str) -> None:
        count = 0
        for _position, section_id, numbered in sorted(children.get(parent_id, [])):
            number = ""
            if numbered:
                count += 1
                number = f"{prefix}{count}"
            numbers[section_id] = number
            walk(section_id, f"{number}." if number else prefix)

    walk(None, "")
    return numbers


def _build_tree(sections, blocks_by_section, views) -> list[SectionView]:
    children: dict[int | None, list[Section]] = {}
    for section in sections:
        children.setdefault(section.parent_id, []).append(section)
    numbers = section_numbers((s.id, s.parent_id, s.position, s.numbered) for s in sections)

    def build(parent_id, depth: int) -> list[SectionView]:
        result = []
        for section in sorted(children.get(parent_id, []), key=lambda s: s.position):
            view = SectionView(section, numbers[section.id], depth, blocks_by_section.get(section.id, []))
            views[section.id] = view
            view.children = build(section.id, depth + 1)
            result.append(view)
        return result

    return build(None, 1)


def _toc(roots: list[SectionView], types) -> list[dict]:
    entries = []
    for view in roots:
        if view.section.title:
            entries.append(
                {
                    "anchor": view.anchor,
                    "label": view.heading,
                    "children": [
                        {"anchor": child.anchor, "label": child.heading}
                        for child in view.children
                        if child.section.title
                    ],
                }
            )
        for block_view in view.blocks:
            btype = types[block_view.block.kind]
            if btype.toc:
                entries.extend(
                    {"anchor": e.anchor, "label": e.label, "children": []}
                    for e in btype.toc(block_view.block, block_view.context)
                )
    return entries
