"""The plan as a document: partnership, areas, plan, sections, blocks and the plan's
short lists (partners, duties, Police & Crime Plan priorities, underlying themes)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from .base import Positioned, Versioned, position_constraints, track_history


class Partnership(models.Model):
    """A Community Safety Partnership, e.g. the Buckinghamshire partnership."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class AreaKind(models.TextChoices):
    COUNTY = "county", "County"
    DISTRICT = "district", "District"
    TOWN = "town", "Town"
    COMMUNITY_BOARD = "community_board", "Community Board"


class Area(models.Model):
    """A place the partnership covers: the county, a district with its own CSP, a
    town, or a Community Board. Area leads own the area's local priorities."""

    Kind = AreaKind

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="areas")
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=80)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    leads = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="led_areas",
        help_text="District or area CSP leads who keep this area's priorities current.",
    )

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "slug"], name="area_unique_slug"),
            models.UniqueConstraint(fields=["partnership", "name"], name="area_unique_name"),
            models.CheckConstraint(condition=models.Q(kind__in=AreaKind.values), name="area_kind_valid"),
        ]

    def __str__(self):
        return self.name


class PlanQuerySet(models.QuerySet):
    def with_partnership(self):
        return self.select_related("partnership")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class Plan(Versioned):
    """One year's (or period's) plan of a partnership, in one version."""

    Status = PlanStatus

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="plans")
    title = models.CharField(max_length=200, help_text='For example "Safer Bucks Plan".')
    subtitle = models.CharField(
        max_length=200,
        blank=True,
        help_text='For example "The Buckinghamshire Community Safety Agreement".',
    )
    slug = models.SlugField(max_length=120, unique=True)
    start_year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1998), MaxValueValidator(2100)],
        help_text="The year the plan's period starts (1 April for a financial year).",
    )
    end_year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1999), MaxValueValidator(2101)],
        help_text="The year the plan's period ends (31 March for a financial year).",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1)])
    published_on = models.DateField(null=True, blank=True)
    board_name = models.CharField(
        max_length=200,
        blank=True,
        help_text='The partnership board that owns the plan, e.g. "Safer Buckinghamshire Board".',
    )
    chair_name = models.CharField(max_length=120, blank=True)
    chair_role = models.CharField(
        max_length=200,
        blank=True,
        help_text='e.g. "Deputy Chief Executive, Buckinghamshire Council".',
    )
    chair_office = models.CharField(
        max_length=200, blank=True, help_text='e.g. "Chair of Safer Buckinghamshire Board".'
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-start_year", "-version"]
        permissions = [
            ("view_drafts", "Can read draft plans"),
            ("edit_plan", "Can change everything in a draft plan"),
            ("edit_own_area", "Can change their own area's local priorities in a draft plan"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__gt=models.F("start_year")),
                name="plan_period_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(end_year__lte=models.F("start_year") + 5),
                name="plan_period_at_most_five_years",
            ),
            models.CheckConstraint(condition=models.Q(version__gte=1), name="plan_version_from_1"),
            models.CheckConstraint(
                condition=models.Q(status__in=PlanStatus.values), name="plan_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(published_on__isnull=False),
                name="plan_published_has_date",
            ),
            models.CheckConstraint(condition=models.Q(title__regex=r"\S"), name="plan_title_not_blank"),
            models.CheckConstraint(
                condition=models.Q(start_year__gte=1998, end_year__lte=2101), name="plan_years_in_range"
            ),
            models.UniqueConstraint(
                fields=["partnership", "title", "start_year", "end_year", "version"],
                name="plan_unique_version",
            ),
        ]

    def __str__(self):
        return f"{self.title} {self.period_label}"

    def get_absolute_url(self):
        return reverse("plans:detail", kwargs={"slug": self.slug})

    @property
    def period_label(self) -> str:
        """ "2015-16" for one financial year, "2020-2023" for a longer period."""
        if self.end_year - self.start_year == 1:
            return f"{self.start_year}-{self.end_year % 100:02d}"
        return f"{self.start_year}-{self.end_year}"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def has_chair(self) -> bool:
        return bool(self.chair_name)


class Section(Positioned):
    """A chapter or subsection of narrative. Numbered sections get their number from
    their place among numbered siblings ("4.1"); unnumbered ones (an appendix, the
    priority chapters, a back page) keep their title alone, or no heading at all."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    title = models.CharField(max_length=200, blank=True)
    numbered = models.BooleanField(default=True)
    anchor = models.SlugField(max_length=80, help_text="The section's id in the page's address.")

    class Meta(Positioned.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "parent", "position"],
                nulls_distinct=False,
                name="section_unique_position",
                deferrable=models.Deferrable.DEFERRED,
            ),
            models.UniqueConstraint(fields=["plan", "anchor"], name="section_unique_anchor"),
            models.CheckConstraint(condition=models.Q(position__gte=1), name="section_position_from_1"),
            models.CheckConstraint(
                condition=models.Q(numbered=False) | models.Q(title__regex=r"\S"),
                name="section_numbered_has_title",
            ),
            models.CheckConstraint(condition=~models.Q(parent=models.F("id")), name="section_not_own_parent"),
            models.CheckConstraint(
                condition=models.Q(anchor__regex=r"^[-a-zA-Z0-9_]+$"), name="section_anchor_slug"
            ),
        ]

    def __str__(self):
        return self.title or f"Section {self.position} (no heading)"


class BlockKind(models.TextChoices):
    TEXT = "text", "Narrative text"
    SIGNATURE = "signature", "Chair's signature"
    PARTNERS = "partners", "Partner organisations"
    DUTIES = "duties", "Statutory duties"
    POLICE_PRIORITIES = "police_priorities", "Police & Crime Plan priorities"
    THEMES = "themes", "Underlying themes"
    EVIDENCE = "evidence", "Evidence findings"
    SURVEY = "survey", "Residents' survey"
    CONCERNS = "concerns", "Areas of concern"
    SERIES = "series", "Figures by year"
    PRIORITY_LIST = "priority_list", "County priorities (list)"
    PRIORITY_CHAPTERS = "priority_chapters", "County priorities (chapters)"
    AREA_PRIORITIES = "area_priorities", "Local priorities by area"
    FUND = "fund", "Fund and budget lines"


class Block(Positioned):
    """One piece of a section's content, in order: Markdown narrative, or a place
    where a structured part of the plan is shown (its partners, an evidence group, a
    fund's table...). How each kind is loaded and drawn lives in ``plans.blocks``;
    apps that own a kind register it there."""

    Kind = BlockKind

    class ListStyle(models.TextChoices):
        BULLETS = "bullets", "Bullets"
        NUMBERS = "numbers", "Numbers"

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="blocks")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.TEXT)
    body = models.TextField(blank=True, help_text="Markdown. Figures: {{key}} or {{key:signed}}.")
    list_style = models.CharField(max_length=10, choices=ListStyle.choices, default=ListStyle.BULLETS)

    class Meta(Positioned.Meta):
        constraints = [
            *position_constraints("section", "block"),
            models.CheckConstraint(condition=models.Q(kind__in=BlockKind.values), name="block_kind_valid"),
            models.CheckConstraint(
                condition=~models.Q(kind="text") | models.Q(body__regex=r"\S"),
                name="block_text_not_blank",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} in {self.section}"


class PlanListItem(Positioned):
    """An entry of one of the plan's short ordered lists."""

    text = models.CharField(max_length=500)

    class Meta(Positioned.Meta):
        abstract = True

    def __str__(self):
        return self.text


def _plan_list_constraints(label: str) -> list:
    return [
        *position_constraints("plan", label),
        models.CheckConstraint(condition=models.Q(text__regex=r"\S"), name=f"{label}_text_not_blank"),
    ]


class Partner(PlanListItem):
    """A partner organisation (a board member in a unitary plan)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="partners")

    class Meta(PlanListItem.Meta):
        constraints = _plan_list_constraints("partner")


class StatutoryDuty(PlanListItem):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="duties")

    class Meta(PlanListItem.Meta):
        verbose_name_plural = "statutory duties"
        constraints = _plan_list_constraints("statutoryduty")


class PolicePriority(PlanListItem):
    """A priority of the Police & Crime Plan that this plan complements."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="police_priorities")

    class Meta(PlanListItem.Meta):
        verbose_name_plural = "police priorities"
        constraints = _plan_list_constraints("policepriority")


class UnderlyingTheme(Positioned):
    """A theme that runs under all the priorities (Markdown: it may be a paragraph)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="themes")
    text = models.TextField()

    class Meta(Positioned.Meta):
        constraints = _plan_list_constraints("underlyingtheme")

    def __str__(self):
        return self.text[:80]


track_history(Plan, Section, Block, Partner, StatutoryDuty, PolicePriority, UnderlyingTheme)
