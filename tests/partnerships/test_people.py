"""Setting up a partnership and its people, through the pages, as the site's operator
and a partnership's board officer would: invitations by email that work once and
expire, roles and areas, and a record of every change."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from partnerships.models import Invitation, Membership, MembershipEvent
from plans.models import Partnership
from tests.factories import home_partnership, make_area, make_user

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+/invitations/\S+/")


def invitation_link() -> str:
    (link,) = LINK.findall(mail.outbox[-1].body)
    return link.split("testserver", 1)[-1]


@pytest.fixture
def operator_client(client, django_user_model):
    operator = django_user_model.objects.create_superuser("root", "root@example.org", "correct horse battery")
    client.force_login(operator)
    return client


def test_an_operator_sets_up_a_partnership_and_its_first_officer_joins_through_the_emailed_link(
    operator_client, client
):
    response = operator_client.post(
        reverse("partnerships:new"),
        {
            "name": "Riverside Community Safety Partnership",
            "board_name": "Safer Riverside Board",
            "officer_email": "Priya.Shah@Riverside.example",
        },
        follow=True,
    )
    partnership = Partnership.objects.get(name="Riverside Community Safety Partnership")
    assert partnership.slug == "riverside-community-safety-partnership"
    assert "An invitation was sent to Priya.Shah@Riverside.example" in response.text
    (email,) = mail.outbox
    assert email.to == ["Priya.Shah@riverside.example"]
    assert email.subject == "You are invited to join Riverside Community Safety Partnership"
    assert "as board officer" in email.body

    operator_client.logout()
    link = invitation_link()
    page = client.get(link)
    assert "Join Riverside Community Safety Partnership" in page.text
    response = client.post(
        link,
        {
            "full_name": "Priya Shah",
            "password1": "lantern orchard pebble",
            "password2": "lantern orchard pebble",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("partnerships:detail", args=[partnership.slug])
    assert "You have joined Riverside Community Safety Partnership as board officer" in response.text
    membership = Membership.objects.get(partnership=partnership)
    assert (membership.user.email, membership.user.get_full_name(), membership.role) == (
        "Priya.Shah@riverside.example",
        "Priya Shah",
        "officer",
    )
    # Signs in again with the address, in any case.
    client.logout()
    assert client.login(username="priya.shah@RIVERSIDE.example", password="lantern orchard pebble")
    # The link works once.
    client.logout()
    used = client.get(link)
    assert used.status_code == 410
    assert "This invitation has already been used" in used.text
    actions = list(MembershipEvent.objects.filter(partnership=partnership).values_list("action", flat=True))
    assert actions == ["joined", "invited", "partnership_created"]


def test_only_operators_set_up_partnerships(client, officer):
    client.force_login(officer)
    assert client.get(reverse("partnerships:new")).status_code == 403
    assert (
        client.post(reverse("partnerships:new"), {"name": "Sneaky", "officer_email": "a@b.org"}).status_code
        == 403
    )
    assert not Partnership.objects.filter(name="Sneaky").exists()


def test_a_partnership_with_a_name_already_taken_is_refused_in_plain_words(operator_client):
    home_partnership()
    response = operator_client.post(
        reverse("partnerships:new"),
        {"name": "Northmoor Community Safety Partnership", "officer_email": "x@y.org"},
    )
    assert "A partnership with this name already exists" in response.text
    assert not mail.outbox


def test_the_command_sets_up_a_partnership_and_prints_the_link(capsys):
    call_command(
        "create_partnership", "Eastdale CSP", "--officer-email", "chair@eastdale.example", "--two-tier"
    )
    out = capsys.readouterr().out
    partnership = Partnership.objects.get(name="Eastdale CSP")
    assert partnership.two_tier
    assert "/invitations/" in out and "chair@eastdale.example" in out
    assert Invitation.objects.get(partnership=partnership).role == "officer"


def test_an_officer_invites_an_area_lead_for_their_areas(officer_client, officer):
    partnership = home_partnership()
    ward = make_area(partnership, name="Castle Ward", kind="Ward")
    url = reverse("partnerships:invite", args=[partnership.slug])
    refused = officer_client.post(url, {"email": "lee@example.org", "role": "lead"})
    assert "Choose the areas the area lead looks after" in refused.text
    officer_client.post(url, {"email": "lee@example.org", "role": "lead", "areas": [ward.pk]})
    again = officer_client.post(url, {"email": "LEE@example.org", "role": "viewer"})
    assert "This email address already has an invitation waiting" in again.text
    assert len(mail.outbox) == 1
    assert "as area lead for Castle Ward" in mail.outbox[0].body

    officer_client.logout()
    link = invitation_link()
    officer_client.post(
        link,
        {"full_name": "Lee Ng", "password1": "copper meadow tangle", "password2": "copper meadow tangle"},
    )
    membership = Membership.objects.get(user__email="lee@example.org")
    assert membership.role == "lead" and list(membership.areas.all()) == [ward]


def test_a_withdrawn_or_expired_invitation_says_why_it_cannot_be_used(officer_client):
    partnership = home_partnership()
    url = reverse("partnerships:invite", args=[partnership.slug])
    officer_client.post(url, {"email": "gone@example.org", "role": "viewer"})
    withdrawn_link = invitation_link()
    invitation = Invitation.objects.get(email="gone@example.org")
    officer_client.post(reverse("partnerships:invitation_withdraw", args=[partnership.slug, invitation.pk]))
    officer_client.post(url, {"email": "late@example.org", "role": "viewer"})
    late_link = invitation_link()
    Invitation.objects.filter(email="late@example.org").update(expires_at=timezone.now() - timedelta(days=1))
    officer_client.logout()
    assert "This invitation was withdrawn" in officer_client.get(withdrawn_link).text
    assert "This invitation expired on" in officer_client.get(late_link).text
    assert "This invitation link is not right" in officer_client.get("/invitations/not-a-real-token/").text
    posted = officer_client.post(late_link, {"full_name": "L", "password1": "x" * 14, "password2": "x" * 14})
    assert posted.status_code == 410
    assert not Membership.objects.filter(user__email="late@example.org").exists()


def test_a_weak_or_mistyped_password_is_explained_and_nothing_is_made(officer_client):
    partnership = home_partnership()
    officer_client.post(
        reverse("partnerships:invite", args=[partnership.slug]), {"email": "v@example.org", "role": "viewer"}
    )
    officer_client.logout()
    link = invitation_link()
    mismatch = officer_client.post(
        link, {"full_name": "Val", "password1": "lantern orchard", "password2": "lantern orchards"}
    )
    assert "The two passwords are not the same" in mismatch.text
    short = officer_client.post(link, {"full_name": "Val", "password1": "abc", "password2": "abc"})
    assert "This password is too short" in short.text
    assert not Membership.objects.filter(user__email="v@example.org").exists()


def test_someone_with_an_account_joins_a_second_partnership_once_signed_in(client, officer):
    other = Partnership.objects.create(name="Westvale CSP", slug="westvale")
    other_officer = make_user("wendy", "Board officers", partnership=other)
    client.force_login(other_officer)
    client.post(reverse("partnerships:invite", args=[other.slug]), {"email": officer.email, "role": "viewer"})
    link = invitation_link()
    client.logout()
    assert "You already have an account" in client.get(link).text
    client.force_login(officer)
    client.post(link)
    assert set(officer.memberships.values_list("partnership__slug", "role")) == {
        ("northmoor", "officer"),
        ("westvale", "viewer"),
    }


def test_roles_change_and_access_is_removed_with_a_record_of_each(officer_client, officer):
    partnership = home_partnership()
    area = make_area(partnership, name="Harbour", kind="Locality")
    viewer = make_user("vic", "Viewers")
    membership = viewer.memberships.get()
    edit = reverse("partnerships:person_edit", args=[partnership.slug, membership.pk])
    officer_client.post(edit, {"role": "lead", "areas": [area.pk]})
    membership.refresh_from_db()
    assert membership.role == "lead" and list(membership.areas.all()) == [area]
    officer_client.post(reverse("partnerships:person_remove", args=[partnership.slug, membership.pk]))
    assert not Membership.objects.filter(pk=membership.pk).exists()
    record = officer_client.get(reverse("partnerships:people_log", args=[partnership.slug])).text
    assert "Changed the role of vic@example.org: from Viewer to Area lead" in record
    assert "Changed the areas of vic@example.org: now Harbour (was no areas)" in record
    assert "Removed vic@example.org" in record


def test_the_last_board_officer_cannot_be_demoted_or_removed(officer_client, officer):
    partnership = home_partnership()
    membership = officer.memberships.get()
    demote = officer_client.post(
        reverse("partnerships:person_edit", args=[partnership.slug, membership.pk]), {"role": "viewer"}
    )
    assert "The partnership needs at least one board officer" in demote.text
    remove = officer_client.post(
        reverse("partnerships:person_remove", args=[partnership.slug, membership.pk])
    )
    assert "The partnership needs at least one board officer" in remove.text
    membership.refresh_from_db()
    assert membership.role == "officer"
