"""The migration that writes qualifiers as they read mid-sentence ("About" becomes
"about"), on the real database: migrated back, a row written the old way, and
forward again."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("plans", "0013_merge_0011_partner_kinds_0012_merge_20261126_0141"),
    ("funding", "0004_plain_messages_and_lengths"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_stored_qualifiers_are_written_in_lower_case_and_the_history_with_them():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old = migrate(BEFORE)
        Partnership = old.get_model("plans", "Partnership")
        Plan = old.get_model("plans", "Plan")
        Statistic = old.get_model("plans", "Statistic")
        partnership = Partnership.objects.create(name="Safer Somewhere", slug="safer-somewhere")
        plan = Plan.objects.create(
            partnership=partnership, title="Plan", slug="plan", start_year=2024, end_year=2025
        )
        for key, qualifier in [("a", "About"), ("b", "Over"), ("c", "")]:
            Statistic.objects.create(
                plan=plan, key=key, label=key, unit="count", value=1, qualifier=qualifier
            )
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM plans_statisticevent WHERE qualifier = 'About'")
            assert cursor.fetchone() == (1,)
    finally:
        migrate(latest)
    with connection.cursor() as cursor:
        cursor.execute("SELECT key, qualifier FROM plans_statistic ORDER BY key")
        assert cursor.fetchall() == [("a", "about"), ("b", "over"), ("c", "")]
        cursor.execute("SELECT DISTINCT qualifier FROM plans_statisticevent ORDER BY qualifier")
        assert cursor.fetchall() == [("",), ("about",), ("over",)]
        # Changing how a value is written is not a change to the plan: no history row.
        cursor.execute("SELECT count(*) FROM plans_statisticevent")
        assert cursor.fetchone() == (3,)
