"""County priorities with their themed "We will" actions, and each area's own
local priorities."""

from django.core.exceptions import ValidationError
from django.db import models

from plans.models import Area, Partner, Plan
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

#: How long a measure or a timescale may be: a line, not a paragraph.
MEASURE_MAX_LENGTH = 500
TIMESCALE_MAX_LENGTH = 100
ANOTHER_PLANS_PARTNER = "{name} is a partner organisation of another plan: choose one of this plan's partners"
DELETED_PARTNER = "The partner organisation chosen has been deleted: choose another"


def lead_partner_field(related_name: str) -> models.ForeignKey:
    """Who leads the item: one of its plan's partners. A partner that leads something
    cannot be deleted (the editor says what it leads) until the lead is changed."""
    return models.ForeignKey(
        Partner,
        verbose_name="Lead partner",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name=related_name,
        error_messages={"invalid": DELETED_PARTNER},
    )


def measure_field() -> models.CharField:
    return models.CharField(
        "How we will measure it",
        max_length=MEASURE_MAX_LENGTH,
        blank=True,
        help_text='A measure or a target, such as "Fewer repeat victims than in 2025".',
    )


def timescale_field() -> models.CharField:
    return models.CharField(
        "Timescale",
        max_length=TIMESCALE_MAX_LENGTH,
        blank=True,
        help_text='When it will be done, or how often: "By March 2027", "Quarterly", "2026 to 2028".',
    )


def lead_of_the_same_plan(item, plan_id) -> None:
    """The item's lead partner is one of its own plan's partners."""
    partner = item.lead_partner if item.lead_partner_id else None
    if partner is not None and plan_id is not None and partner.plan_id != plan_id:
        raise ValidationError({"lead_partner": ANOTHER_PLANS_PARTNER.format(name=partner.text)})


class LedByPartners:
    """An item a partner leads and others support, with a measure and a timescale."""

    def supporters(self) -> list[Partner]:
        """The supporting partners in the plan's order of partners (from the links
        already loaded with the plan's content, or read now)."""
        return sorted((link.partner for link in self.supporter_links.all()), key=lambda p: p.position)

    def clean_links(self, supporting_partners=()) -> None:
        """The supporting partners chosen are the plan's own, and the lead is not
        among them (it leads: it is not also supporting)."""
        plan_id = self.plan_id_for_partners()
        for partner in supporting_partners:
            if plan_id is not None and partner.plan_id != plan_id:
                raise ValidationError(
                    {"supporting_partners": ANOTHER_PLANS_PARTNER.format(name=partner.text)}
                )
        if self.lead_partner_id and any(p.pk == self.lead_partner_id for p in supporting_partners):
            raise ValidationError(
                {
                    "supporting_partners": f"{self.lead_partner.text} leads this: it cannot also be one of "
                    "the supporting partners"
                }
            )

    @property
    def has_owners(self) -> bool:
        """Whether the page has anything to say about who leads it, its measure or timescale."""
        return bool(self.lead_partner_id or self.measure or self.timescale or self.supporter_links.all())


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


class Action(LedByPartners, Positioned):
    """One "We will" commitment, with who leads it, how it is measured and when."""

    group = models.ForeignKey(ActionGroup, on_delete=models.CASCADE, related_name="actions")
    text = models.TextField(
        max_length=SHORT_TEXT_MAX_LENGTH, help_text='Markdown; completes the sentence "We will:".'
    )
    lead_partner = lead_partner_field("led_actions")
    supporting_partners = models.ManyToManyField(
        Partner, through="ActionSupporter", blank=True, related_name="supported_actions"
    )
    measure = measure_field()
    timescale = timescale_field()

    class Meta(Positioned.Meta):
        constraints = [
            *position_constraints("group", "action"),
            not_blank("text", "action", "Enter what we will do"),
            at_most("text", SHORT_TEXT_MAX_LENGTH, "action", "What we will do"),
        ]

    def __str__(self):
        return self.text[:80]

    def plan_id_for_partners(self):
        if not self.group_id:
            return None
        return (
            ActionGroup.objects.filter(pk=self.group_id).values_list("priority__plan_id", flat=True).first()
        )

    def clean(self):
        super().clean()
        lead_of_the_same_plan(self, self.plan_id_for_partners() if self.lead_partner_id else None)


class AreaPriority(LedByPartners, Positioned):
    """A district's (or area's) own priority, kept by that area's CSP lead."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="area_priorities")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="priorities")
    text = models.CharField(max_length=500)
    lead_partner = lead_partner_field("led_area_priorities")
    supporting_partners = models.ManyToManyField(
        Partner, through="AreaPrioritySupporter", blank=True, related_name="supported_area_priorities"
    )
    measure = measure_field()
    timescale = timescale_field()

    class Meta(Positioned.Meta):
        ordering = ["area__name", "position"]
        verbose_name_plural = "area priorities"
        constraints = [
            *position_constraints("plan", "areapriority", "area"),
            not_blank("text", "areapriority", "Enter the priority"),
        ]

    def __str__(self):
        return self.text

    def plan_id_for_partners(self):
        return self.plan_id

    def clean(self):
        super().clean()
        lead_of_the_same_plan(self, self.plan_id)


def _supporter_unique(item: str, label: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(
        fields=[item, "partner"],
        name=f"{label}_unique_partner",
        violation_error_message="A partner organisation is listed once among the supporting partners",
        violation_error_code="unique_together",
    )


class ActionSupporter(models.Model):
    """A partner organisation supporting an action (the action's
    ``supporting_partners``). Owned by the plan through the partner, so the plan's
    content reads it with the rest, and deleted with the action or the partner."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="supporter_links")
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="action_supporter_links")

    class Meta:
        verbose_name = "supporting partner of an action"
        ordering = ["partner__position"]
        constraints = [_supporter_unique("action", "actionsupporter")]

    def __str__(self):
        return f"{self.partner} supports “{self.action}”"


class AreaPrioritySupporter(models.Model):
    """A partner organisation supporting a local priority."""

    priority = models.ForeignKey(AreaPriority, on_delete=models.CASCADE, related_name="supporter_links")
    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="area_priority_supporter_links"
    )

    class Meta:
        verbose_name = "supporting partner of a local priority"
        ordering = ["partner__position"]
        constraints = [_supporter_unique("priority", "areaprioritysupporter")]

    def __str__(self):
        return f"{self.partner} supports “{self.priority}”"


track_history(CountyPriority, ActionGroup, Action, AreaPriority, ActionSupporter, AreaPrioritySupporter)
