"""The site operator's admin. Plan content is read-only here: it changes only
through the editor's services, which check the plan's state, people's rights and
every rule, and record who changed what. Publishing a draft is an action that calls
the same service the product uses."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError

from . import models
from .services import plan_publish


class ReadOnlyContentAdmin(admin.ModelAdmin):
    """A plan's content, shown but never added, changed or deleted from the admin."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SectionInline(ReadOnlyInline):
    model = models.Section
    fields = ["position", "parent", "title", "numbered", "anchor"]


@admin.register(models.Plan)
class PlanAdmin(ReadOnlyContentAdmin):
    list_display = ["title", "period_label", "status", "version", "partnership"]
    list_filter = ["status", "partnership"]
    inlines = [SectionInline]
    actions = ["publish"]

    @admin.action(description="Publish the selected draft plans")
    def publish(self, request, queryset):
        for plan in queryset.filter(status=models.Plan.Status.DRAFT):
            try:
                plan_publish(plan=plan, actor=request.user)
            except (PermissionDenied, ValidationError) as exc:
                self.message_user(request, f"{plan}: {exc}", messages.ERROR)
            else:
                self.message_user(request, f"Published {plan}.", messages.SUCCESS)

    def has_change_permission(self, request, obj=None):
        # The change list's actions need it; the change form stays read-only.
        return obj is None and request.user.has_perm("plans.change_plan")


@admin.register(models.Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "partnership"]


@admin.register(models.Block)
class BlockAdmin(ReadOnlyContentAdmin):
    list_display = ["section", "position", "kind"]
    list_filter = ["kind", "section__plan"]


@admin.register(models.Statistic)
class StatisticAdmin(ReadOnlyContentAdmin):
    list_display = ["key", "label", "unit", "value", "area", "year", "comparison_year", "plan"]
    list_filter = ["plan", "unit"]


admin.site.register(models.Partnership)
admin.site.register(
    [
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
    ],
    ReadOnlyContentAdmin,
)
