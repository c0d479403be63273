from django.contrib import admin

from plans.admin import ReadOnlyContentAdmin, ReadOnlyInline

from .models import Action, ActionGroup, AreaPriority, CountyPriority


class ActionGroupInline(ReadOnlyInline):
    model = ActionGroup


@admin.register(CountyPriority)
class CountyPriorityAdmin(ReadOnlyContentAdmin):
    list_display = ["title", "position", "plan"]
    list_filter = ["plan"]
    inlines = [ActionGroupInline]


@admin.register(AreaPriority)
class AreaPriorityAdmin(ReadOnlyContentAdmin):
    list_display = ["text", "area", "position", "plan"]
    list_filter = ["plan", "area"]


admin.site.register(Action, ReadOnlyContentAdmin)
