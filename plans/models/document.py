"""The plan as a document: partnership, areas, plan, sections, blocks and the plan's
short lists (partners, duties, Police & Crime Plan priorities, underlying themes)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from .base import (
    NARRATIVE_MAX_LENGTH,
    POSITIONS_DIFFER,
    POSITIONS_FROM_1,
    SHORT_TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Positioned,
    Versioned,
    at_most,
    not_blank,
    position_constraints,
    track_history,
)


class Partnership(models.Model):
    """A Community Safety Partnership (or, in a two-tier county, the county's
    partnership). Everything a partnership writes is its own: its people are its
    members (``partnerships.Membership``)."""

    name = models.CharField(
        max_length=TITLE_MAX_LENGTH,
        unique=True,
        error_messages={"unique": "A partnership with this name already exists"},
    )
    slug = models.SlugField(
        max_length=80,
        unique=True,
        error_messages={"unique": "Another partnership already has this short name for links"},
    )
    board_name = models.CharField(
        max_length=TITLE_MAX_LENGTH,
        blank=True,
        help_text="The board that agrees the plan, as the partnership calls it.",
    )
    description = models.TextField(
        blank=True,
        max_length=SHORT_TEXT_MAX_LENGTH,
        help_text="One or two sentences: who the partnership is and the place it covers.",
    )
    two_tier = models.BooleanField(
        "Two-tier county",
        default=False,
        help_text="A county partnership whose plan is also the Community Safety Agreement: its own "
        'priorities are called "County priorities" beside each district\'s local priorities.',
    )
    created_at = models.DateTimeField(auto_now_add=True, null=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            not_blank("name", "partnership", "Enter the partnership's name"),
            at_most("description", SHORT_TEXT_MAX_LENGTH, "partnership", "The description"),
        ]

    def __str__(self):
        return self.name


class Area(models.Model):
    """A place the partnership covers, of a kind the partnership names itself (a
    district, borough, locality, ward, community board...). Area leads (members with
    the area) keep the area's local priorities."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="areas")
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=80)
    kind = models.CharField(
        max_length=60,
        help_text="What the partnership calls this kind of place: district, borough, locality, ward...",
    )

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "slug"],
                name="area_unique_slug",
                violation_error_message="Another area of the partnership already has this short name "
                "for links",
                violation_error_code="unique_together",
            ),
            models.UniqueConstraint(
                fields=["partnership", "name"],
                name="area_unique_name",
                violation_error_message="The partnership already has an area with this name",
                violation_error_code="unique_together",
            ),
            not_blank("kind", "area", "Enter what kind of place the area is (district, borough, ward...)"),
        ]

    def __str__(self):
        return self.name


class PlanQuerySet(models.QuerySet):
    def with_partnership(self):
        return self.select_related("partnership")


class PeriodKind(models.TextChoices):
    FINANCIAL = "financial", "Financial years (1 April to 31 March)"
    CALENDAR = "calendar", "Calendar years (1 January to 31 December)"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class Plan(Versioned):
    """One year's (or period's) plan of a partnership, in one version."""

    Status = PlanStatus
    PeriodKind = PeriodKind

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="plans")
    title = models.CharField(
        max_length=TITLE_MAX_LENGTH,
        help_text="What the partnership calls the plan. The years are shown beside it: no need to repeat them.",
    )
    subtitle = models.CharField(
        max_length=TITLE_MAX_LENGTH,
        blank=True,
        help_text="A second line under the title, if the plan has one.",
    )
    slug = models.SlugField(
        max_length=120,
        unique=True,
        error_messages={"unique": "Another plan already has this short name for links"},
    )
    period_kind = models.CharField(
        "The plan runs in",
        max_length=10,
        choices=PeriodKind.choices,
        default=PeriodKind.FINANCIAL,
    )
    start_year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1998), MaxValueValidator(2100)],
        help_text="The year the plan's period starts (1 April for financial years, 1 January for calendar years).",
    )
    end_year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1998), MaxValueValidator(2101)],
        help_text="The year the plan's period ends (31 March for financial years, 31 December for calendar "
        "years: a plan for the calendar year 2026 starts and ends in 2026).",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1)])
    published_on = models.DateField(null=True, blank=True)
    board_name = models.CharField(
        max_length=TITLE_MAX_LENGTH,
        blank=True,
        help_text="The partnership board that agrees the plan.",
    )
    chair_name = models.CharField(max_length=120, blank=True)
    chair_role = models.CharField(
        max_length=TITLE_MAX_LENGTH,
        blank=True,
        help_text="The chair's job and organisation.",
    )
    chair_office = models.CharField(
        max_length=TITLE_MAX_LENGTH, blank=True, help_text="The chair's office on the board."
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-start_year", "-version"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__gt=models.F("start_year"))
                | models.Q(period_kind="calendar", end_year=models.F("start_year")),
                name="plan_period_ends_after_start",
                violation_error_message="The plan must end after it starts",
                violation_error_code="order",
            ),
            models.CheckConstraint(
                condition=models.Q(end_year__lte=models.F("start_year") + 5)
                & (models.Q(period_kind="financial") | models.Q(end_year__lte=models.F("start_year") + 4)),
                name="plan_period_at_most_five_years",
                violation_error_message="A plan can cover at most 5 years",
                violation_error_code="too_long",
            ),
            models.CheckConstraint(
                condition=models.Q(period_kind__in=PeriodKind.values),
                name="plan_period_kind_valid",
                violation_error_message="Choose whether the plan runs in financial or calendar years",
                violation_error_code="invalid_choice",
            ),
            models.CheckConstraint(
                condition=models.Q(version__gte=1),
                name="plan_version_from_1",
                violation_error_message="Versions of a plan count from 1",
                violation_error_code="version",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=PlanStatus.values),
                name="plan_status_valid",
                violation_error_message="Choose whether the plan is a draft or published",
                violation_error_code="invalid_choice",
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(published_on__isnull=False),
                name="plan_published_has_date",
                violation_error_message="Enter the date the plan was published",
                violation_error_code="published_on",
            ),
            not_blank("title", "plan", "Enter the title of the plan"),
            models.CheckConstraint(
                condition=models.Q(start_year__gte=1998, end_year__lte=2101),
                name="plan_years_in_range",
                violation_error_message="A plan must start in 1998 or later and end in 2101 or earlier",
                violation_error_code="year",
            ),
            models.UniqueConstraint(
                fields=["partnership", "title", "start_year", "end_year", "version"],
                name="plan_unique_version",
                violation_error_message="The partnership already has a plan with this title, these years "
                "and this version number",
                violation_error_code="unique_together",
            ),
        ]

    def __str__(self):
        return f"{self.title} {self.period_label}"

    def get_absolute_url(self):
        return reverse("plans:detail", kwargs={"slug": self.slug})

    @property
    def years(self) -> int:
        """How many years the plan covers."""
        if self.period_kind == PeriodKind.CALENDAR:
            return self.end_year - self.start_year + 1
        return self.end_year - self.start_year

    @property
    def period_label(self) -> str:
        """ "2015-16" for one financial year, "2020-2023" for several; "2026" for one
        calendar year, "2026-2029" for several."""
        if self.period_kind == PeriodKind.CALENDAR:
            if self.end_year == self.start_year:
                return str(self.start_year)
            return f"{self.start_year}-{self.end_year}"
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
    title = models.CharField(max_length=TITLE_MAX_LENGTH, blank=True)
    numbered = models.BooleanField(default=True)
    anchor = models.SlugField(max_length=80, help_text="The section's id in the page's address.")

    class Meta(Positioned.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "parent", "position"],
                nulls_distinct=False,
                name="section_unique_position",
                deferrable=models.Deferrable.DEFERRED,
                violation_error_message=POSITIONS_DIFFER,
                violation_error_code="position_taken",
            ),
            models.UniqueConstraint(
                fields=["plan", "anchor"],
                name="section_unique_anchor",
                violation_error_message="Another section of the plan already has this short name for links: "
                "choose another",
                violation_error_code="unique_together",
            ),
            models.CheckConstraint(
                condition=models.Q(position__gte=1),
                name="section_position_from_1",
                violation_error_message=POSITIONS_FROM_1,
                violation_error_code="position",
            ),
            models.CheckConstraint(
                condition=models.Q(numbered=False) | models.Q(title__regex=r"\S"),
                name="section_numbered_has_title",
                violation_error_message="Enter a title for a numbered section",
                violation_error_code="title",
            ),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("id")),
                name="section_not_own_parent",
                violation_error_message="A section cannot be inside itself",
                violation_error_code="parent",
            ),
            models.CheckConstraint(
                condition=models.Q(anchor__regex=r"^[-a-zA-Z0-9_]+$"),
                name="section_anchor_slug",
                violation_error_message="Use only letters, numbers, hyphens and underscores in the short "
                "name for links",
                violation_error_code="invalid",
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
    PRIORITY_LIST = "priority_list", "Priorities (list)"
    PRIORITY_CHAPTERS = "priority_chapters", "Priorities (chapters)"
    AREA_PRIORITIES = "area_priorities", "Local priorities"
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
    body = models.TextField(
        blank=True,
        max_length=NARRATIVE_MAX_LENGTH,
        help_text="Markdown. Figures: {{key}} or {{key:signed}}.",
    )
    list_style = models.CharField(max_length=10, choices=ListStyle.choices, default=ListStyle.BULLETS)

    class Meta(Positioned.Meta):
        constraints = [
            *position_constraints("section", "block"),
            models.CheckConstraint(
                condition=models.Q(kind__in=BlockKind.values),
                name="block_kind_valid",
                violation_error_message="Choose what to show here",
                violation_error_code="invalid_choice",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="text") | models.Q(body__regex=r"\S"),
                name="block_text_not_blank",
                violation_error_message="Enter the text",
                violation_error_code="blank",
            ),
            at_most("body", NARRATIVE_MAX_LENGTH, "block"),
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


def _plan_list_constraints(label: str, blank_message: str) -> list:
    return [*position_constraints("plan", label), not_blank("text", label, blank_message)]


class PartnerKind(models.TextChoices):
    """How an organisation takes part (Crime and Disorder Act 1998, s.5): the
    responsible authorities the Act names, the bodies that must co-operate with them,
    and the organisations the partnership invites."""

    RESPONSIBLE_AUTHORITY = "responsible_authority", "Responsible authority"
    CO_OPERATING_BODY = "co_operating_body", "Co-operating body"
    INVITED_MEMBER = "invited_member", "Invited member"


#: Headings for a list of partners of one kind, in the kinds' order.
PARTNER_KIND_HEADINGS = {
    PartnerKind.RESPONSIBLE_AUTHORITY: "Responsible authorities",
    PartnerKind.CO_OPERATING_BODY: "Co-operating bodies",
    PartnerKind.INVITED_MEMBER: "Invited members",
}
PARTNER_KIND_MESSAGE = (
    "Choose whether the partner is a responsible authority, a co-operating body or an invited member"
)


class Partner(PlanListItem):
    """A partner organisation (a board member in a unitary plan)."""

    Kind = PartnerKind

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="partners")
    kind = models.CharField(
        "Kind of partner",
        max_length=30,
        choices=PartnerKind.choices,
        default=PartnerKind.RESPONSIBLE_AUTHORITY,
        error_messages={"invalid_choice": PARTNER_KIND_MESSAGE},
        help_text="Responsible authorities are the bodies the Crime and Disorder Act names (council, police, "
        "fire and rescue, probation, health); co-operating bodies must work with them; invited members "
        "take part because the partnership asks them to.",
    )

    class Meta(PlanListItem.Meta):
        verbose_name = "partner organisation"
        constraints = [
            *_plan_list_constraints("partner", "Enter the name of the partner organisation"),
            models.CheckConstraint(
                condition=models.Q(kind__in=PartnerKind.values),
                name="partner_kind_valid",
                violation_error_message=PARTNER_KIND_MESSAGE,
                violation_error_code="invalid_choice",
            ),
        ]


class StatutoryDuty(PlanListItem):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="duties")

    class Meta(PlanListItem.Meta):
        verbose_name_plural = "statutory duties"
        constraints = _plan_list_constraints("statutoryduty", "Enter the duty")


class PolicePriority(PlanListItem):
    """A priority of the Police & Crime Plan that this plan complements."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="police_priorities")

    class Meta(PlanListItem.Meta):
        verbose_name_plural = "police priorities"
        constraints = _plan_list_constraints("policepriority", "Enter the Police & Crime Plan priority")


class UnderlyingTheme(Positioned):
    """A theme that runs under all the priorities (Markdown: it may be a paragraph)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="themes")
    text = models.TextField(max_length=SHORT_TEXT_MAX_LENGTH)

    class Meta(Positioned.Meta):
        constraints = [
            *_plan_list_constraints("underlyingtheme", "Enter the theme"),
            at_most("text", SHORT_TEXT_MAX_LENGTH, "underlyingtheme", "The theme"),
        ]

    def __str__(self):
        return self.text[:80]


track_history(Plan, Section, Block, Partner, StatutoryDuty, PolicePriority, UnderlyingTheme)
