from django.contrib import admin

from plans.admin import ReadOnlyContentAdmin, ReadOnlyInline

from .models import BudgetLine, Fund


class BudgetLineInline(ReadOnlyInline):
    model = BudgetLine


@admin.register(Fund)
class FundAdmin(ReadOnlyContentAdmin):
    list_display = ["name", "year_label", "plan", "total"]
    inlines = [BudgetLineInline]
