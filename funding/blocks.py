"""The block kind this app draws inside a plan (see ``plans.blocks``)."""

from plans import blocks
from plans.models import Plan

from .models import Fund


def load_funds(plan: Plan) -> dict:
    return blocks.by_block(
        Fund.objects.filter(plan=plan, block__isnull=False).with_totals().prefetch_related("lines")
    )


def register() -> None:
    blocks.register(
        "fund",
        "funding/blocks.html#fund",
        load=load_funds,
        context=lambda block, loaded: {"fund": loaded.get(block.id)},
    )
