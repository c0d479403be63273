from django.contrib import admin

from .models import Action, ActionGroup, AreaPriority, CountyPriority


class ActionGroupInline(admin.TabularInline):
    model = ActionGroup
    extra = 0


@admin.register(CountyPriority)
class CountyPriorityAdmin(admin.ModelAdmin):
    list_display = ["title", "position", "plan"]
    list_filter = ["plan"]
    inlines = [ActionGroupInline]


@admin.register(AreaPriority)
class AreaPriorityAdmin(admin.ModelAdmin):
    list_display = ["text", "area", "position", "plan"]
    list_filter = ["plan", "area"]


admin.site.register(Action)
