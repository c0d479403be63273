"""Demo accounts, for trying the product: never for a real deployment."""

from django.contrib.auth.models import User
from django.db import transaction

from partnerships.models import Membership
from plans.models import Area, Partnership

DEMO_PASSWORD = "saferbucks-demo"
DEMO_PARTNERSHIP = "buckinghamshire"
DISTRICT_LEADS = {
    "lead-aylesbury-vale": "aylesbury-vale",
    "lead-chiltern": "chiltern",
    "lead-south-bucks": "south-bucks",
    "lead-wycombe": "wycombe",
}
ROLES = {"officer": Membership.Role.OFFICER, "viewer": Membership.Role.VIEWER} | dict.fromkeys(
    DISTRICT_LEADS, Membership.Role.LEAD
)


@transaction.atomic
def create_demo_accounts() -> list[str]:
    """Create (or reset the password of) every demo account, each with its role in the
    demo partnership; return their names. A site operator ("operator", a superuser
    who belongs to no partnership) sets up new partnerships."""
    partnership = Partnership.objects.get(slug=DEMO_PARTNERSHIP)
    for username, role in ROLES.items():
        user, _ = User.objects.get_or_create(username=username, defaults={"email": f"{username}@example.org"})
        user.set_password(DEMO_PASSWORD)
        user.save()
        membership, _ = Membership.objects.update_or_create(
            user=user, partnership=partnership, defaults={"role": role}
        )
        area_slug = DISTRICT_LEADS.get(username)
        membership.areas.set(
            Area.objects.filter(partnership=partnership, slug=area_slug) if area_slug else []
        )
    operator, _ = User.objects.get_or_create(username="operator", defaults={"email": "operator@example.org"})
    operator.is_superuser = operator.is_staff = True
    operator.set_password(DEMO_PASSWORD)
    operator.save()
    return [*ROLES, "operator"]
