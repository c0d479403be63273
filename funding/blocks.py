"""The block kind this app draws inside a plan (see ``plans.blocks``)."""

from decimal import Decimal

from plans import blocks
from plans.content import PlanContent

from .models import Fund


def load_funds(content: PlanContent) -> dict:
    funds = content.rows(Fund)
    for fund in funds:
        fund.total_amount = sum((line.amount for line in fund.lines.all()), Decimal("0"))
    return blocks.by_block(funds)


def register() -> None:
    blocks.register(
        "fund",
        "funding/blocks.html#fund",
        load=load_funds,
        context=lambda block, loaded: {"fund": loaded.get(block.id)},
    )
