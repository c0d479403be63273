"""County priorities with their themed "We will" actions, and each area's own
local priorities."""

from django.db import models

from plans.models import Area, Plan
from plans.models.base import (
    NARRATIVE_MAX_LENGTH,
    SHORT_TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Positioned,
    at_most,
    not_blank,
    position_constraints,
    track_history,
)


class CountyPriority(Positioned):
    """A priority the whole partnership works on."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="county_priorities")
    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    summary = models.TextField(
        max_length=SHORT_TEXT_MAX_LENGTH, help_text="Markdown: the priority in a sentence or a paragraph."
    )
    why = models.TextField(
        blank=True, max_length=NARRATIVE_MAX_LENGTH, help_text='Markdown: "Why is it a priority?"'
    )

    class Meta(Positioned.Meta):
        verbose_name_plural = "county priorities"
        constraints = [
            *position_constraints("plan", "countypriority"),
            not_blank("title", "countypriority", "Enter the title of the priority"),
            not_blank("summary", "countypriority", "Enter the priority in a sentence or a paragraph"),
            at_most(
                "summary",
                SHORT_TEXT_MAX_LENGTH,
                "countypriority",
                "The priority in a sentence or a paragraph",
            ),
            at_most("why", NARRATIVE_MAX_LENGTH, "countypriority", 'The answer to "Why is it a priority?"'),
        ]

    def __str__(self):
        return self.title


class ActionGroup(Positioned):
    """A theme of actions under a priority ("Building Resilience"); may be untitled."""

    priority = models.ForeignKey(CountyPriority, on_delete=models.CASCADE, related_name="action_groups")
    title = models.CharField(max_length=TITLE_MAX_LENGTH, blank=True)

    class Meta(Positioned.Meta):
        constraints = position_constraints("priority", "actiongroup")

    def __str__(self):
        return self.title or "Actions"


class Action(Positioned):
    """One "We will" commitment."""

    group = models.ForeignKey(ActionGroup, on_delete=models.CASCADE, related_name="actions")
    text = models.TextField(
        max_length=SHORT_TEXT_MAX_LENGTH, help_text='Markdown; completes the sentence "We will:".'
    )

    class Meta(Positioned.Meta):
        constraints = [
            *position_constraints("group", "action"),
            not_blank("text", "action", "Enter what we will do"),
            at_most("text", SHORT_TEXT_MAX_LENGTH, "action", "What we will do"),
        ]

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
            not_blank("text", "areapriority", "Enter the priority"),
        ]

    def __str__(self):
        return self.text


track_history(CountyPriority, ActionGroup, Action, AreaPriority)
