"""Every change to partnerships, their areas and their people: each in one
transaction, checked against the acting person's role inside it, and recorded
(``MembershipEvent``) when it is about who belongs."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.template.loader import render_to_string
from django.utils import timezone

from plans import access
from plans.models import Area, Partnership
from plans.services import unique_slug

from .models import Invitation, Membership, MembershipEvent, Role

User = get_user_model()


def person_name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.email or user.get_username()


def _record(partnership, actor, action, subject: str, detail: str = "") -> None:
    MembershipEvent.objects.create(
        partnership=partnership,
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_name=person_name(actor) if actor is not None and actor.is_authenticated else "",
        action=action,
        subject=subject[:254],
        detail=detail[:500],
    )


def _require_operator(actor) -> None:
    if actor is not None and not actor.is_superuser:
        raise PermissionDenied("Only the site's operators can set up a partnership.")


def _require_officer(actor, partnership: Partnership) -> None:
    if actor is not None and not access.can_manage(actor, partnership.pk):
        raise PermissionDenied("Only the partnership's board officers can do this.")


# Partnerships ----------------------------------------------------------------------


def partnership_create(*, actor, data: dict, officer_email: str, request=None) -> tuple[Partnership, str]:
    """A new partnership and an invitation for its first board officer. Returns the
    partnership and the invitation's link."""
    _require_operator(actor)
    with transaction.atomic():
        partnership = Partnership(**data)
        partnership.slug = unique_slug(Partnership, partnership.name, max_length=80)
        partnership.full_clean()
        partnership.save()
        _record(partnership, actor, MembershipEvent.Action.PARTNERSHIP_CREATED, partnership.name)
        _, link, message = _invite(actor, partnership, officer_email, Role.OFFICER, [], request=request)
    send_mail(*message)  # once the invitation is saved
    return partnership, link


def partnership_update(*, actor, partnership: Partnership, data: dict) -> Partnership:
    with transaction.atomic():
        locked = Partnership.objects.select_for_update().get(pk=partnership.pk)
        _require_officer(actor, locked)
        for name, value in data.items():
            setattr(locked, name, value)
        locked.full_clean()
        locked.save()
    return locked


# Areas -----------------------------------------------------------------------------


def area_save(*, actor, partnership: Partnership, area: Area | None, data: dict) -> Area:
    with transaction.atomic():
        _require_officer(actor, partnership)
        if area is None:
            area = Area(partnership=partnership)
        elif area.partnership_id != partnership.pk:
            raise PermissionDenied("That area belongs to another partnership.")
        for name, value in data.items():
            setattr(area, name, value)
        if not area.slug:
            area.slug = unique_slug(Area, area.name, max_length=80, partnership=partnership)
        area.full_clean()
        area.save()
    return area


def area_delete(*, actor, partnership: Partnership, area: Area) -> None:
    """Delete an area no plan uses; one that holds local priorities or figures is kept,
    with a message saying so."""
    with transaction.atomic():
        _require_officer(actor, partnership)
        if area.partnership_id != partnership.pk:
            raise PermissionDenied("That area belongs to another partnership.")
        try:
            with transaction.atomic():
                area.delete()
        except (ProtectedError, IntegrityError):
            raise ValidationError(
                f"{area.name} cannot be deleted: a plan has local priorities or figures for it. Delete or move "
                "those first.",
                code="protected",
            ) from None


# Invitations -----------------------------------------------------------------------


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_link(token: str, request=None) -> str:
    from django.urls import reverse

    path = reverse("partnerships:accept", kwargs={"token": token})
    return request.build_absolute_uri(path) if request is not None else f"{settings.SITE_URL}{path}"


def _invite(
    actor, partnership, email: str, role: str, areas, *, request=None
) -> tuple[Invitation, str, tuple]:
    email = User.objects.normalize_email(email).strip()
    if Membership.objects.filter(partnership=partnership, user__email__iexact=email).exists():
        raise ValidationError({"email": "This person already belongs to the partnership"})
    if Invitation.objects.waiting().filter(partnership=partnership, email__iexact=email).exists():
        raise ValidationError(
            {
                "email": "This email address already has an invitation waiting: withdraw it first to send a new one"
            }
        )
    if role == Role.LEAD and not areas:
        raise ValidationError({"areas": "Choose the areas the area lead looks after"})
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        partnership=partnership,
        email=email,
        role=role,
        token_hash=_hash(token),
        invited_by=actor if actor is not None and actor.is_authenticated else None,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    invitation.areas.set(areas if role == Role.LEAD else [])
    link = invitation_link(token, request)
    detail = invitation.get_role_display()
    if role == Role.LEAD:
        detail += " for " + ", ".join(area.name for area in areas)
    _record(partnership, actor, MembershipEvent.Action.INVITED, email, detail)
    context = {
        "partnership": partnership,
        "invitation": invitation,
        "link": link,
        "inviter": person_name(actor) if actor is not None and actor.is_authenticated else "",
        "product_name": settings.PRODUCT_NAME,
        "days": settings.INVITATION_DAYS,
    }
    message = (
        render_to_string("partnerships/email/invitation_subject.txt", context).strip(),
        render_to_string("partnerships/email/invitation.txt", context),
        None,
        [email],
    )
    return invitation, link, message


def invite(*, actor, partnership: Partnership, email: str, role: str, areas=(), request=None) -> Invitation:
    with transaction.atomic():
        _require_officer(actor, partnership)
        areas = list(areas)
        if any(area.partnership_id != partnership.pk for area in areas):
            raise PermissionDenied("That area belongs to another partnership.")
        invitation, _, message = _invite(actor, partnership, email, role, areas, request=request)
    send_mail(*message)  # once the invitation is saved
    return invitation


def invitation_withdraw(*, actor, invitation: Invitation) -> None:
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        _require_officer(actor, locked.partnership)
        if locked.accepted_at is None and locked.withdrawn_at is None:
            locked.withdrawn_at = timezone.now()
            locked.save(update_fields=["withdrawn_at"])
            _record(locked.partnership, actor, MembershipEvent.Action.INVITATION_WITHDRAWN, locked.email)


class InvitationUnusable(Exception):
    """The link cannot be used: the message says why, in plain words."""


def invitation_for(token: str) -> Invitation:
    invitation = (
        Invitation.objects.select_related("partnership").filter(token_hash=_hash(token)).first()
        if token
        else None
    )
    if invitation is None:
        raise InvitationUnusable(
            "This invitation link is not right. Check you copied the whole link from the email, or ask the "
            "partnership's board officer to invite you again."
        )
    if invitation.accepted_at is not None:
        raise InvitationUnusable(
            "This invitation has already been used. Sign in with the email address it was sent to."
        )
    if invitation.withdrawn_at is not None:
        raise InvitationUnusable(
            "This invitation was withdrawn. Ask the partnership's board officer to invite you again."
        )
    if invitation.is_expired:
        raise InvitationUnusable(
            f"This invitation expired on {timezone.localtime(invitation.expires_at):%-d %B %Y}. Ask the "
            "partnership's board officer to invite you again."
        )
    return invitation


def account_for_email(email: str):
    return User.objects.filter(email__iexact=email).order_by("pk").first()


def invitation_accept(
    *, token: str, user=None, password: str | None = None, full_name: str = ""
) -> Membership:
    """Use an invitation, once: to an existing account (``user``, signed in as the
    invited address) or a new one made with ``password``. Raises InvitationUnusable."""
    with transaction.atomic():
        invitation = invitation_for(token)
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        invitation_for(token)  # still usable once locked
        if user is None:
            if account_for_email(invitation.email) is not None:
                raise InvitationUnusable(
                    "An account already uses this email address: sign in first, then open the link again."
                )
            first, _, last = full_name.strip().partition(" ")
            user = User(
                username=invitation.email.lower(), email=invitation.email, first_name=first, last_name=last
            )
            user.set_password(password)
            user.save()
        elif user.email.lower() != invitation.email.lower():
            raise InvitationUnusable(
                f"This invitation was sent to {invitation.email}, and you are signed in as {user.email or user}. "
                "Sign out, then open the link again."
            )
        membership, created = Membership.objects.get_or_create(
            user=user, partnership=invitation.partnership, defaults={"role": invitation.role}
        )
        if not created:
            raise InvitationUnusable("You already belong to this partnership.")
        membership.areas.set(invitation.areas.all())
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        _record(
            invitation.partnership,
            user,
            MembershipEvent.Action.JOINED,
            person_name(user),
            membership.get_role_display(),
        )
        access.forget_memberships(user)
    return membership


# Memberships -----------------------------------------------------------------------


def _officers_left(partnership, without: Membership) -> int:
    return (
        Membership.objects.filter(partnership=partnership, role=Role.OFFICER).exclude(pk=without.pk).count()
    )


def membership_add(*, actor, partnership: Partnership, user, role: str, areas=()) -> Membership:
    """Give an existing account a role (the site's operators and scripts)."""
    with transaction.atomic():
        if actor is not None and not actor.is_superuser:
            _require_officer(actor, partnership)
        membership = Membership(user=user, partnership=partnership, role=role)
        membership.full_clean()
        membership.save()
        membership.areas.set(areas)
        _record(
            partnership, actor, MembershipEvent.Action.ADDED, person_name(user), membership.get_role_display()
        )
        access.forget_memberships(user)
    return membership


def membership_update(*, actor, membership: Membership, role: str, areas) -> Membership:
    with transaction.atomic():
        locked = (
            Membership.objects.select_for_update().select_related("user", "partnership").get(pk=membership.pk)
        )
        partnership = locked.partnership
        _require_officer(actor, partnership)
        areas = list(areas) if role == Role.LEAD else []
        if any(area.partnership_id != partnership.pk for area in areas):
            raise PermissionDenied("That area belongs to another partnership.")
        if role == Role.LEAD and not areas:
            raise ValidationError({"areas": "Choose the areas the area lead looks after"})
        if locked.role == Role.OFFICER and role != Role.OFFICER and not _officers_left(partnership, locked):
            raise ValidationError(
                {
                    "role": "The partnership needs at least one board officer: make someone else a board officer first"
                }
            )
        before_role, before_areas = locked.get_role_display(), sorted(a.name for a in locked.areas.all())
        locked.role = role
        locked.full_clean()
        locked.save()
        locked.areas.set(areas)
        subject = person_name(locked.user)
        if before_role != locked.get_role_display():
            _record(
                partnership,
                actor,
                MembershipEvent.Action.ROLE_CHANGED,
                subject,
                f"from {before_role} to {locked.get_role_display()}",
            )
        after_areas = sorted(area.name for area in areas)
        if before_areas != after_areas:
            _record(
                partnership,
                actor,
                MembershipEvent.Action.AREAS_CHANGED,
                subject,
                f"now {', '.join(after_areas) or 'no areas'} (was {', '.join(before_areas) or 'no areas'})",
            )
        access.forget_memberships(locked.user)
    return locked


def membership_remove(*, actor, membership: Membership) -> None:
    with transaction.atomic():
        locked = (
            Membership.objects.select_for_update().select_related("user", "partnership").get(pk=membership.pk)
        )
        _require_officer(actor, locked.partnership)
        if locked.role == Role.OFFICER and not _officers_left(locked.partnership, locked):
            raise ValidationError(
                "The partnership needs at least one board officer: make someone else a board officer before "
                "removing this one"
            )
        subject = person_name(locked.user)
        locked.delete()
        _record(locked.partnership, actor, MembershipEvent.Action.REMOVED, subject, locked.get_role_display())
        access.forget_memberships(locked.user)
