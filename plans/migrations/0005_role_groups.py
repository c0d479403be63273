"""The three roles as groups with their permissions (see plans.access)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_PERMISSIONS = {
    "Board officers": ["view_drafts", "edit_plan"],
    "Viewers": ["view_drafts"],
    "Area leads": ["view_drafts", "edit_own_area"],
}


def create_groups(apps, schema_editor):
    # Permissions are normally made after all migrations; make the plan's now.
    plans_config = apps.get_app_config("plans")
    plans_config.models_module = True
    create_permissions(plans_config, apps=apps, verbosity=0)
    plans_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="plans", codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0004_history_and_edit_versions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
