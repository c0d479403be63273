"""Who belongs to which partnership, in which role; invitations to join; and the
record of every change to either. A person may belong to several partnerships and
has one role in each."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

from plans.models import Area, Partnership


class Role(models.TextChoices):
    OFFICER = "officer", "Board officer"
    LEAD = "lead", "Area lead"
    VIEWER = "viewer", "Viewer"


ROLE_HINTS = {
    Role.OFFICER: "Changes everything in the partnership's draft plans, publishes them, and manages "
    "the partnership's areas and people.",
    Role.LEAD: "Keeps their areas' local priorities up to date in draft plans, and reads the rest.",
    Role.VIEWER: "Reads draft plans (board members and partners who comment and agree).",
}


class MembershipQuerySet(models.QuerySet):
    def with_areas(self):
        return self.select_related("user").prefetch_related("areas")


class Membership(models.Model):
    """A person's place in one partnership: their role, and for an area lead the
    areas whose local priorities they keep."""

    Role = Role

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=Role.choices)
    areas = models.ManyToManyField(Area, blank=True, related_name="memberships")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["partnership", "user__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "partnership"],
                name="membership_one_per_partnership",
                violation_error_message="This person already belongs to the partnership",
                violation_error_code="unique_together",
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values),
                name="membership_role_valid",
                violation_error_message="Choose a board officer, an area lead or a viewer",
                violation_error_code="invalid_choice",
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}, {self.partnership})"

    @property
    def is_officer(self) -> bool:
        return self.role == Role.OFFICER


#: An invitation neither used nor withdrawn (its link may still have expired).
WAITING = models.Q(accepted_at__isnull=True, withdrawn_at__isnull=True)


class InvitationQuerySet(models.QuerySet):
    def waiting(self):
        return self.filter(WAITING)


class Invitation(models.Model):
    """An invitation to join a partnership in a role, sent by email. The link holds a
    secret of which only a hash is kept; it works once, until it expires."""

    Role = Role

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    role = models.CharField(max_length=10, choices=Role.choices)
    areas = models.ManyToManyField(Area, blank=True, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values),
                name="invitation_role_valid",
                violation_error_message="Choose a board officer, an area lead or a viewer",
                violation_error_code="invalid_choice",
            ),
            models.UniqueConstraint(
                Lower("email"),
                "partnership",
                condition=WAITING,
                name="invitation_one_open_per_email",
                violation_error_message="This email address already has an invitation waiting: withdraw it "
                "first to send a new one",
                violation_error_code="unique_together",
            ),
        ]

    def __str__(self):
        return f"{self.email} to {self.partnership} as {self.get_role_display()}"

    @property
    def is_expired(self) -> bool:
        from django.utils import timezone

        return self.expires_at <= timezone.now()


class MembershipEvent(models.Model):
    """One change to who belongs to a partnership, kept for the record: who did it,
    to whom, what, and when."""

    class Action(models.TextChoices):
        PARTNERSHIP_CREATED = "partnership_created", "Set up the partnership"
        INVITED = "invited", "Invited"
        INVITATION_WITHDRAWN = "invitation_withdrawn", "Withdrew the invitation of"
        JOINED = "joined", "Joined"
        ROLE_CHANGED = "role_changed", "Changed the role of"
        AREAS_CHANGED = "areas_changed", "Changed the areas of"
        REMOVED = "removed", "Removed"
        ADDED = "added", "Added"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="membership_events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_name = models.CharField(max_length=254, blank=True)
    action = models.CharField(max_length=30, choices=Action.choices)
    subject = models.CharField(max_length=254, help_text="The person the change is about (name or email).")
    detail = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name or 'System'}: {self.get_action_display()} {self.subject}"
