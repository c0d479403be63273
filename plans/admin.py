from django.contrib import admin

from . import models


class SectionInline(admin.TabularInline):
    model = models.Section
    fields = ["position", "parent", "title", "numbered", "anchor"]
    extra = 0


@admin.register(models.Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["title", "period_label", "status", "version", "partnership"]
    list_filter = ["status", "partnership"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [SectionInline]


@admin.register(models.Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "partnership"]
    filter_horizontal = ["leads"]


@admin.register(models.Block)
class BlockAdmin(admin.ModelAdmin):
    list_display = ["section", "position", "kind"]
    list_filter = ["kind", "section__plan"]


@admin.register(models.Statistic)
class StatisticAdmin(admin.ModelAdmin):
    list_display = ["key", "label", "unit", "value", "area", "year", "comparison_year", "plan"]
    list_filter = ["plan", "unit"]


admin.site.register(
    [
        models.Partnership,
        models.Section,
        models.Partner,
        models.StatutoryDuty,
        models.PolicePriority,
        models.UnderlyingTheme,
        models.StrategicAssessment,
        models.Series,
        models.SeriesPoint,
        models.EvidenceGroup,
        models.Finding,
        models.Survey,
        models.SurveyTopic,
        models.SurveyFinding,
        models.AreaOfConcern,
        models.ConcernPoint,
    ]
)
