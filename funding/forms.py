from plans.editor.forms import EditForm, MoneyField, YearField

from .models import BudgetLine, Fund


class FundForm(EditForm):
    year = YearField(label="Financial year", help_text="The year it starts: 2015 means 2015/16.")

    class Meta:
        model = Fund
        fields = ["name", "provider", "year", "total_label"]
        labels = {"total_label": "Label of the total row"}


class BudgetLineForm(EditForm):
    amount = MoneyField(label="Amount (£)")

    class Meta:
        model = BudgetLine
        fields = ["description", "amount"]
        labels = {"description": "What it pays for"}

    required_messages = {"description": "Enter what the money pays for"}
