"""The kinds of content this app lets people edit (see ``plans.editor``)."""

from plans.edit_kinds import CAN_ADD_AND_DELETE, add_block_for
from plans.editor.bulk import Paste, described_amount
from plans.editor.registry import EditableKind, register, register_block_content
from plans.models import Block
from plans.templatetags.plan_tags import money

from . import forms
from .models import BudgetLine, Fund


def register_kinds() -> None:
    register(
        EditableKind(
            "fund",
            Fund,
            forms.FundForm,
            "fund",
            "Funds",
            plan_path="plan",
            parent_field=None,
            parent_kind="section",
            on_create=add_block_for(Block.Kind.FUND),
            children=("budget-line",),
            order_by=("year", "name"),
            task_group="Funding",
            table_of="budget-line",
            facts=lambda fund: [("Total (computed from the budget lines)", money(fund.total))],
            **CAN_ADD_AND_DELETE,
        )
    )
    register(
        EditableKind(
            "budget-line",
            BudgetLine,
            forms.BudgetLineForm,
            "budget line",
            "Budget lines",
            plan_path="fund__plan",
            parent_field="fund",
            parent_kind="fund",
            summary=lambda line: str(line),
            paste=Paste(described_amount, ("description", "amount"), "Domestic abuse services - £55,000"),
            **CAN_ADD_AND_DELETE,
        )
    )
    register_block_content(Block.Kind.FUND, "fund", "fund")
