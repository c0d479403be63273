from django.core.management.base import BaseCommand, CommandError

from demo.accounts import DEMO_PASSWORD, create_demo_accounts
from demo.loader import PlanFileError, demo_files, load_plan, read_plan_file


class Command(BaseCommand):
    help = "Load the two demo plans and the demo accounts. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Replace the demo plans with the files' contents (edits to them are lost).",
        )

    def handle(self, *args, reset=False, **options):
        for path in demo_files():
            try:
                plan, created = load_plan(read_plan_file(path), replace=reset)
            except PlanFileError as exc:
                raise CommandError(f"{path.name}: {exc}") from None
            state = "loaded" if created else "already present (use --reset to reload)"
            self.stdout.write(f"{plan}: {state}")
        names = create_demo_accounts()
        self.stdout.write(f"Demo accounts ({', '.join(names)}), password: {DEMO_PASSWORD}")
