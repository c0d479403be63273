"""A partnership's own pages: its plans, details, areas and people; the operators'
page for setting up a partnership; and the page an invitation's link opens."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from plans import access
from plans.editor.forms import show_errors
from plans.models import Area, Partnership, Plan
from plans.services import plan_start

from . import services
from .forms import (
    AcceptForm,
    AreaForm,
    InviteForm,
    MembershipForm,
    NewPartnershipForm,
    NewPlanForm,
    PartnershipForm,
)
from .models import ROLE_HINTS, Invitation, Membership, MembershipEvent

PEOPLE_PAGE_EVENTS = 200


def _to(name: str, partnership: Partnership, **kwargs) -> str:
    return reverse(f"partnerships:{name}", kwargs={"partnership": partnership.slug, **kwargs})


def _confirm(request, template: str, context: dict, act, done: str, next_url: str):
    """A page asking to confirm, whose POST does ``act``: done, the message and the
    next page; refused (``ValidationError``), the page again saying why."""
    if request.method == "POST":
        try:
            act()
        except ValidationError as refusal:
            context["error"] = refusal.messages[0]
        else:
            messages.success(request, done)
            return redirect(next_url)
    return render(request, template, context)


def _submitted(request, form, act, done, next_url):
    """A valid form posted: ``act()`` (a service call) and, if it is done, the
    message ``done(result)`` and a redirect to ``next_url`` (or ``next_url(result)``);
    refused (``ValidationError``), its errors on the form. None: show the page (again)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = act()
    except ValidationError as error:
        show_errors(form, error)
        return None
    messages.success(request, done(result))
    return redirect(next_url(result) if callable(next_url) else next_url)


@access.signed_in
def partnership_list(request):
    memberships = Membership.objects.filter(user=request.user).select_related("partnership")
    context = {"memberships": memberships}
    if request.user.is_superuser:
        context["all_partnerships"] = Partnership.objects.all()
    return render(request, "partnerships/partnership_list.html", context)


@access.operator
def partnership_new(request):
    form = NewPartnershipForm(request.POST or None)
    done = _submitted(
        request,
        form,
        lambda: services.partnership_create(
            actor=request.user,
            data={name: form.cleaned_data[name] for name in ("name", "board_name", "two_tier")},
            officer_email=form.cleaned_data["officer_email"],
            request=request,
        ),
        lambda created: (
            f"{created[0].name} is set up. An invitation was sent to {form.cleaned_data['officer_email']}."
        ),
        # The operator does not belong to it: its pages are its members'.
        reverse("partnerships:list"),
    )
    return done or render(
        request, "partnerships/partnership_new.html", {"form": form, "heading": "Set up a partnership"}
    )


@access.partnership_member
def partnership_detail(request, partnership, membership):
    plans = list(partnership.plans.order_by("-start_year", "-version"))
    return render(
        request,
        "partnerships/partnership_detail.html",
        {
            "partnership": partnership,
            "membership": membership,
            "drafts": [plan for plan in plans if not plan.is_published],
            "published": [plan for plan in plans if plan.is_published],
            "areas": partnership.areas.all(),
            "is_officer": membership.is_officer,
        },
    )


@access.partnership_officer
def partnership_settings(request, partnership):
    form = PartnershipForm(request.POST or None, instance=partnership)
    done = _submitted(
        request,
        form,
        lambda: services.partnership_update(
            actor=request.user,
            partnership=partnership,
            data={name: form.cleaned_data[name] for name in form.Meta.fields},
        ),
        lambda _: "The partnership's details are saved.",
        _to("detail", partnership),
    )
    return done or render(
        request,
        "partnerships/settings.html",
        {"partnership": partnership, "form": form, "heading": "The partnership's details"},
    )


def _area_kinds(partnership) -> list[str]:
    return sorted(set(partnership.areas.values_list("kind", flat=True)) | {"District", "Borough", "Ward"})


@access.partnership_officer
def area_list(request, partnership):
    form = AreaForm(request.POST or None)
    done = _submitted(
        request,
        form,
        lambda: services.area_save(
            actor=request.user, partnership=partnership, area=None, data=form.cleaned_data
        ),
        lambda area: f"{area.name} ({area.kind}) is added.",
        _to("areas", partnership),
    )
    areas = partnership.areas.prefetch_related("memberships__user")
    return done or render(
        request,
        "partnerships/area_list.html",
        {"partnership": partnership, "areas": areas, "form": form, "kinds": _area_kinds(partnership)},
    )


@access.partnership_officer
def area_edit(request, partnership, pk):
    area = get_object_or_404(Area, partnership=partnership, pk=pk)
    form = AreaForm(request.POST or None, instance=area)
    done = _submitted(
        request,
        form,
        lambda: services.area_save(
            actor=request.user, partnership=partnership, area=area, data=form.cleaned_data
        ),
        lambda saved: f"{saved.name} is saved.",
        _to("areas", partnership),
    )
    return done or render(
        request,
        "partnerships/area_edit.html",
        {
            "partnership": partnership,
            "area": area,
            "form": form,
            "kinds": _area_kinds(partnership),
            "heading": f"Change {area.name}",
        },
    )


@access.partnership_officer
def area_delete(request, partnership, pk):
    area = get_object_or_404(Area, partnership=partnership, pk=pk)
    return _confirm(
        request,
        "partnerships/area_delete.html",
        {"partnership": partnership, "area": area},
        lambda: services.area_delete(actor=request.user, partnership=partnership, area=area),
        f"{area.name} is deleted.",
        _to("areas", partnership),
    )


@access.partnership_officer
def people(request, partnership):
    members = (
        Membership.objects.filter(partnership=partnership)
        .select_related("user")
        .prefetch_related("areas")
        .order_by("role", "user__first_name", "user__username")
    )
    invitations = Invitation.objects.waiting().filter(partnership=partnership).prefetch_related("areas")
    return render(
        request,
        "partnerships/people.html",
        {"partnership": partnership, "members": members, "invitations": invitations},
    )


@access.partnership_officer
def person_invite(request, partnership):
    form = InviteForm(request.POST or None, partnership=partnership)
    done = _submitted(
        request,
        form,
        lambda: services.invite(
            actor=request.user,
            partnership=partnership,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            areas=form.cleaned_data["areas"],
            request=request,
        ),
        lambda invitation: f"An invitation was sent to {invitation.email}.",
        _to("people", partnership),
    )
    return done or render(
        request,
        "partnerships/person_invite.html",
        {
            "partnership": partnership,
            "form": form,
            "role_hints": ROLE_HINTS,
            "heading": "Invite someone",
            "days": settings.INVITATION_DAYS,
        },
    )


@access.partnership_officer
def person_edit(request, partnership, pk):
    membership = get_object_or_404(Membership.objects.select_related("user"), partnership=partnership, pk=pk)
    initial = {"role": membership.role, "areas": list(membership.areas.all())}
    form = MembershipForm(request.POST or None, partnership=partnership, initial=initial)
    name = services.person_name(membership.user)
    done = _submitted(
        request,
        form,
        lambda: services.membership_update(
            actor=request.user,
            membership=membership,
            role=form.cleaned_data["role"],
            areas=form.cleaned_data["areas"],
        ),
        lambda _: f"{name}'s role is saved.",
        _to("people", partnership),
    )
    return done or render(
        request,
        "partnerships/person_edit.html",
        {
            "partnership": partnership,
            "membership": membership,
            "form": form,
            "role_hints": ROLE_HINTS,
            "heading": f"Role of {name}",
        },
    )


@access.partnership_officer
def person_remove(request, partnership, pk):
    membership = get_object_or_404(Membership.objects.select_related("user"), partnership=partnership, pk=pk)
    return _confirm(
        request,
        "partnerships/person_remove.html",
        {"partnership": partnership, "membership": membership},
        lambda: services.membership_remove(actor=request.user, membership=membership),
        f"{services.person_name(membership.user)} no longer has access.",
        _to("people", partnership),
    )


@require_POST
@access.partnership_officer
def invitation_withdraw(request, partnership, pk):
    invitation = get_object_or_404(Invitation, partnership=partnership, pk=pk)
    services.invitation_withdraw(actor=request.user, invitation=invitation)
    messages.success(request, f"The invitation to {invitation.email} is withdrawn: its link no longer works.")
    return redirect(_to("people", partnership))


@access.partnership_officer
def people_log(request, partnership):
    events = MembershipEvent.objects.filter(partnership=partnership)[:PEOPLE_PAGE_EVENTS]
    return render(request, "partnerships/people_log.html", {"partnership": partnership, "events": events})


@access.partnership_officer
def plan_new(request, partnership):
    form = NewPlanForm(
        request.POST or None, initial={"period_kind": Plan.PeriodKind.FINANCIAL, "start_from": "skeleton"}
    )
    done = _submitted(
        request,
        form,
        lambda: plan_start(
            partnership=partnership,
            data={name: form.cleaned_data[name] for name in NewPlanForm.Meta.fields},
            actor=request.user,
            skeleton=form.cleaned_data["start_from"] == "skeleton",
        ),
        lambda plan: f"{plan.title} {plan.period_label} is started, as a draft.",
        lambda plan: reverse("plans:edit", kwargs={"slug": plan.slug}),
    )
    return done or render(
        request,
        "partnerships/plan_new.html",
        {"partnership": partnership, "form": form, "heading": "Start a new plan"},
    )


@access.public
def accept(request, token):
    """The invitation's link: a new account with a password, or, for someone who
    already has an account, joining once signed in."""
    try:
        invitation = services.invitation_for(token)
    except services.InvitationUnusable as unusable:
        return render(request, "partnerships/accept_unusable.html", {"reason": str(unusable)}, status=410)
    existing = services.account_for_email(invitation.email)
    context = {"invitation": invitation, "partnership": invitation.partnership, "existing": existing}
    if existing is not None:
        if request.method == "POST" and request.user.is_authenticated:
            try:
                services.invitation_accept(token=token, user=request.user)
            except services.InvitationUnusable as unusable:
                context["reason"] = str(unusable)
            else:
                messages.success(request, f"You have joined {invitation.partnership.name}.")
                return redirect(_to("detail", invitation.partnership))
        return render(request, "partnerships/accept_existing.html", context)
    if request.user.is_authenticated:
        context["signed_in_as_other"] = True
        return render(request, "partnerships/accept_existing.html", context)
    form = AcceptForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.invitation_accept(
                token=token, password=form.cleaned_data["password1"], full_name=form.cleaned_data["full_name"]
            )
        except services.InvitationUnusable as unusable:
            return render(request, "partnerships/accept_unusable.html", {"reason": str(unusable)}, status=410)
        login(request, membership.user, backend="partnerships.backends.EmailOrUsernameBackend")
        messages.success(
            request,
            f"Welcome. You have joined {invitation.partnership.name} as {membership.get_role_display().lower()}.",
        )
        return redirect(_to("detail", invitation.partnership))
    context["form"] = form
    return render(request, "partnerships/accept_new.html", context)
