"""Roles were site-wide Django groups ("Board officers", "Area leads", "Viewers") and
``Area.leads``; they become memberships of each partnership (everyone kept the
access they had), before ``Area.leads`` is removed."""

from django.db import migrations

GROUP_ROLES = {"Board officers": "officer", "Area leads": "lead", "Viewers": "viewer"}
RANK = {"officer": 0, "lead": 1, "viewer": 2}


def roles_to_memberships(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Partnership = apps.get_model("plans", "Partnership")
    Area = apps.get_model("plans", "Area")
    Membership = apps.get_model("partnerships", "Membership")
    best = {}
    for group in Group.objects.filter(name__in=GROUP_ROLES):
        for user_id in group.user_set.values_list("pk", flat=True):
            role = GROUP_ROLES[group.name]
            if user_id not in best or RANK[role] < RANK[best[user_id]]:
                best[user_id] = role
    for partnership in Partnership.objects.all():
        for user_id, role in best.items():
            areas = list(Area.objects.filter(partnership=partnership, leads__pk=user_id)) if role == "lead" else []
            if role == "lead" and not areas:
                role = "viewer"  # a lead of another partnership's areas reads this one's drafts, as before
            membership, _ = Membership.objects.get_or_create(
                user_id=user_id, partnership=partnership, defaults={"role": role}
            )
            membership.areas.set(areas)


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0001_initial"),
        ("plans", "0010_partnerships_name_area_kinds_and_plan_periods"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(roles_to_memberships, migrations.RunPython.noop)]
