"""County priorities with their themed "We will" actions, and each area's own
local priorities."""

from django.db import models

from plans.models import Area, Plan
from plans.models.base import Positioned, position_constraints, track_history


def _not_blank(field: str, label: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__regex": r"\S"}), name=f"{label}_{field}_not_blank"
    )


class CountyPriority(Positioned):
    """A priority the whole partnership works on."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="county_priorities")
    title = models.CharField(max_length=200)
    summary = models.TextField(help_text="Markdown: the priority in a sentence or a paragraph.")
    why = models.TextField(blank=True, help_text='Markdown: "Why is it a priority?"')

    class Meta(Positioned.Meta):
        verbose_name_plural = "county priorities"
        constraints = [
            *position_constraints("plan", "countypriority"),
            _not_blank("title", "countypriority"),
            _not_blank("summary", "countypriority"),
        ]

    def __str__(self):
        return self.title


class ActionGroup(Positioned):
    """A theme of actions under a priority ("Building Resilience"); may be untitled."""

    priority = models.ForeignKey(CountyPriority, on_delete=models.CASCADE, related_name="action_groups")
    title = models.CharField(max_length=200, blank=True)

    class Meta(Positioned.Meta):
        constraints = position_constraints("priority", "actiongroup")

    def __str__(self):
        return self.title or "Actions"


class Action(Positioned):
    """One "We will" commitment."""

    group = models.ForeignKey(ActionGroup, on_delete=models.CASCADE, related_name="actions")
    text = models.TextField(help_text='Markdown; completes the sentence "We will:".')

    class Meta(Positioned.Meta):
        constraints = [*position_constraints("group", "action"), _not_blank("text", "action")]

    def __str__(self):
        return self.text[:80]


class AreaPriority(Positioned):
    """A district's (or area's) own priority, kept by that area's CSP lead."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="area_priorities")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="priorities")
    text = models.CharField(max_length=500)

    class Meta(Positioned.Meta):
        ordering = ["area__name", "position"]
        verbose_name_plural = "area priorities"
        constraints = [
            *position_constraints("plan", "areapriority", "area"),
            _not_blank("text", "areapriority"),
        ]

    def __str__(self):
        return self.text


track_history(CountyPriority, ActionGroup, Action, AreaPriority)
