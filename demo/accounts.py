"""Demo accounts, for trying the product: never for a real deployment."""

from django.contrib.auth.models import User
from django.db import transaction

from plans.access import LEADS_GROUP, OFFICERS_GROUP, VIEWERS_GROUP, ensure_role_groups
from plans.models import Area

DEMO_PASSWORD = "saferbucks-demo"
DISTRICT_LEADS = {
    "lead-aylesbury-vale": "aylesbury-vale",
    "lead-chiltern": "chiltern",
    "lead-south-bucks": "south-bucks",
    "lead-wycombe": "wycombe",
}


@transaction.atomic
def create_demo_accounts() -> list[str]:
    """Create (or reset the password of) every demo account; return their names."""
    groups = ensure_role_groups()
    accounts = {"officer": OFFICERS_GROUP, "viewer": VIEWERS_GROUP} | dict.fromkeys(
        DISTRICT_LEADS, LEADS_GROUP
    )
    for username, group in accounts.items():
        user, _ = User.objects.get_or_create(username=username)
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.set([groups[group]])
    for username, area_slug in DISTRICT_LEADS.items():
        for area in Area.objects.filter(slug=area_slug):
            area.leads.add(User.objects.get(username=username))
    return list(accounts)
