"""The registry of block kinds: how each kind's data is loaded and drawn.

A section's content is an ordered list of blocks. Narrative blocks carry their own
Markdown; the others show a structured part of the plan. Each kind registers:

- ``template``: the template (or ``template#partial``) that draws one block;
- ``load(content)``: picks what that kind needs for the whole plan, once, from the
  plan's content read in one query (``plans.content.PlanContent``), so a plan page
  costs the same few queries whatever its size;
- ``context(block, loaded)``: picks this block's share of the loaded data;
- ``toc(block, context)``: extra contents-list entries (for kinds drawn as chapters).

``plans`` registers its own kinds here; ``priorities`` and ``funding`` register
theirs from their AppConfig.ready(), so ``plans`` never imports them.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .content import PlanContent
from .models import (
    AreaOfConcern,
    Block,
    EvidenceGroup,
    Partner,
    PolicePriority,
    Series,
    StatutoryDuty,
    Survey,
    UnderlyingTheme,
)
from .models.document import PARTNER_KIND_HEADINGS


@dataclass(frozen=True)
class TocEntry:
    anchor: str
    label: str


@dataclass(frozen=True)
class BlockType:
    kind: str
    template: str
    load: Callable[[PlanContent], Any] | None = None
    context: Callable[[Block, Any], dict] | None = None
    toc: Callable[[Block, dict], list[TocEntry]] | None = None

    def block_context(self, block: Block, loaded: Any) -> dict:
        if self.context is not None:
            return self.context(block, loaded)
        return {"entries": loaded} if loaded is not None else {}


_registry: dict[str, BlockType] = {}


def register(kind: str, template: str, **hooks) -> None:
    if kind not in Block.Kind.values:
        raise ValueError(f"{kind!r} is not a Block.Kind")
    _registry[kind] = BlockType(kind=kind, template=template, **hooks)


def get(kind: str) -> BlockType:
    return _registry[kind]


def registered() -> dict[str, BlockType]:
    return dict(_registry)


def by_block(rows, attr: str = "block_id") -> dict:
    return {getattr(row, attr): row for row in rows}


def _one_per_block(name: str):
    return lambda block, loaded: {name: loaded.get(block.id)}


def partner_groups(partners: list[Partner]) -> list[dict]:
    """The partners by kind (responsible authorities, co-operating bodies, invited
    members), each in the list's order: [{"heading": ..., "partners": [...]}], or []
    when they are all of one kind (the list needs no headings)."""
    groups = [
        {"heading": heading, "partners": [p for p in partners if p.kind == kind]}
        for kind, heading in PARTNER_KIND_HEADINGS.items()
    ]
    groups = [group for group in groups if group["partners"]]
    return groups if len(groups) > 1 else []


def register_builtin() -> None:
    template = "plans/blocks.html#{}".format
    register("text", template("text"))
    register("signature", template("signature"))
    register(
        "partners",
        template("partners"),
        load=lambda content: content.rows(Partner),
        context=lambda block, partners: {"entries": partners, "groups": partner_groups(partners)},
    )
    register("duties", template("plain_list"), load=lambda content: content.rows(StatutoryDuty))
    register("police_priorities", template("plain_list"), load=lambda content: content.rows(PolicePriority))
    register("themes", template("markdown_list"), load=lambda content: content.rows(UnderlyingTheme))
    register("concerns", template("concerns"), load=lambda content: content.rows(AreaOfConcern))
    register(
        "evidence",
        template("evidence"),
        load=lambda content: by_block(content.rows(EvidenceGroup)),
        context=_one_per_block("group"),
    )
    register(
        "series",
        template("series"),
        load=lambda content: by_block(content.rows(Series)),
        context=_one_per_block("series"),
    )
    register(
        "survey",
        template("survey"),
        load=lambda content: by_block(content.rows(Survey)),
        context=_one_per_block("survey"),
    )
