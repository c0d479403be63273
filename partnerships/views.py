"""A partnership's own pages: its plans, details, areas and people; the operators'
page for setting up a partnership; and the page an invitation's link opens."""

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
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in ("name", "board_name", "two_tier")}
        try:
            partnership, link = services.partnership_create(
                actor=request.user,
                data=data,
                officer_email=form.cleaned_data["officer_email"],
                request=request,
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(
                request,
                f"{partnership.name} is set up. An invitation was sent to {form.cleaned_data['officer_email']}.",
            )
            # The operator does not belong to it: its pages are its members'.
            return redirect("partnerships:list")
    return render(
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
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            services.partnership_update(actor=request.user, partnership=partnership, data=data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "The partnership's details are saved.")
            return redirect(_to("detail", partnership))
    return render(
        request,
        "partnerships/settings.html",
        {"partnership": partnership, "form": form, "heading": "The partnership's details"},
    )


def _area_kinds(partnership) -> list[str]:
    return sorted(set(partnership.areas.values_list("kind", flat=True)) | {"District", "Borough", "Ward"})


@access.partnership_officer
def area_list(request, partnership):
    form = AreaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            area = services.area_save(
                actor=request.user, partnership=partnership, area=None, data=form.cleaned_data
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"{area.name} ({area.kind}) is added.")
            return redirect(_to("areas", partnership))
    areas = partnership.areas.prefetch_related("memberships__user")
    return render(
        request,
        "partnerships/area_list.html",
        {"partnership": partnership, "areas": areas, "form": form, "kinds": _area_kinds(partnership)},
    )


@access.partnership_officer
def area_edit(request, partnership, pk):
    area = get_object_or_404(Area, partnership=partnership, pk=pk)
    form = AreaForm(request.POST or None, instance=area)
    if request.method == "POST" and form.is_valid():
        try:
            services.area_save(actor=request.user, partnership=partnership, area=area, data=form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"{area.name} is saved.")
            return redirect(_to("areas", partnership))
    return render(
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
    invitations = Invitation.objects.filter(
        partnership=partnership, accepted_at__isnull=True, withdrawn_at__isnull=True
    ).prefetch_related("areas")
    return render(
        request,
        "partnerships/people.html",
        {"partnership": partnership, "members": members, "invitations": invitations},
    )


@access.partnership_officer
def person_invite(request, partnership):
    form = InviteForm(request.POST or None, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        try:
            services.invite(
                actor=request.user,
                partnership=partnership,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                areas=form.cleaned_data["areas"],
                request=request,
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"An invitation was sent to {form.cleaned_data['email']}.")
            return redirect(_to("people", partnership))
    return render(
        request,
        "partnerships/person_invite.html",
        {"partnership": partnership, "form": form, "role_hints": ROLE_HINTS, "heading": "Invite someone"},
    )


@access.partnership_officer
def person_edit(request, partnership, pk):
    membership = get_object_or_404(Membership.objects.select_related("user"), partnership=partnership, pk=pk)
    initial = {"role": membership.role, "areas": list(membership.areas.all())}
    form = MembershipForm(request.POST or None, partnership=partnership, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_update(
                actor=request.user,
                membership=membership,
                role=form.cleaned_data["role"],
                areas=form.cleaned_data["areas"],
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"{services.person_name(membership.user)}'s role is saved.")
            return redirect(_to("people", partnership))
    return render(
        request,
        "partnerships/person_edit.html",
        {
            "partnership": partnership,
            "membership": membership,
            "form": form,
            "role_hints": ROLE_HINTS,
            "heading": f"Role of {services.person_name(membership.user)}",
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
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in NewPlanForm.Meta.fields}
        try:
            plan = plan_start(
                partnership=partnership,
                data=data,
                actor=request.user,
                skeleton=form.cleaned_data["start_from"] == "skeleton",
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"{plan.title} {plan.period_label} is started, as a draft.")
            return redirect(reverse("plans:edit", kwargs={"slug": plan.slug}))
    return render(
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
