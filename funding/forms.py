from django.core.exceptions import ValidationError

from plans.editor.forms import EditForm, MoneyField, YearField

from .models import FUND_ENDS_BEFORE_IT_STARTS, BudgetLine, Fund


class FundForm(EditForm):
    year = YearField(
        label="Financial year",
        help_text="The year it starts: 2015 means 2015/16. For a fund over several years, its first year.",
    )
    end_year = YearField(
        required=False,
        label="Last year it covers (optional)",
        help_text="Only for a fund over more than one year: the year its last financial year starts, "
        "2028 for a fund from 2026/27 to 2028/29. It must be the same as the first year or after it.",
    )

    class Meta:
        model = Fund
        fields = ["name", "provider", "year", "end_year", "total_label"]
        labels = {"total_label": "Label of the total row"}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("year"), cleaned.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", ValidationError(FUND_ENDS_BEFORE_IT_STARTS, code="order"))
        return cleaned


class BudgetLineForm(EditForm):
    amount = MoneyField(label="Amount (£)")

    class Meta:
        model = BudgetLine
        fields = ["description", "amount"]
        labels = {"description": "What it pays for"}

    required_messages = {"description": "Enter what the money pays for"}
