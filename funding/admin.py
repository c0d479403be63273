from django.contrib import admin

from .models import BudgetLine, Fund


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    extra = 0


@admin.register(Fund)
class FundAdmin(admin.ModelAdmin):
    list_display = ["name", "year_label", "plan", "total"]
    inlines = [BudgetLineInline]
