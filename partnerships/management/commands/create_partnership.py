from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from partnerships.services import partnership_create


class Command(BaseCommand):
    help = (
        "Set up a partnership and invite its first board officer by email; prints the invitation's link "
        "(SITE_URL is its address)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "name", help='The partnership\'s name, e.g. "Northmoor Community Safety Partnership"'
        )
        parser.add_argument("--officer-email", required=True, help="The first board officer's email address")
        parser.add_argument("--board-name", default="", help="The board that agrees the plan")
        parser.add_argument(
            "--two-tier",
            action="store_true",
            help="A county partnership whose plan is also the Community Safety Agreement",
        )

    def handle(self, *args, name, officer_email, board_name, two_tier, **options):
        try:
            partnership, link = partnership_create(
                actor=None,
                data={"name": name, "board_name": board_name, "two_tier": two_tier},
                officer_email=officer_email,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(f"Set up {partnership.name} (/partnerships/{partnership.slug}/).")
        self.stdout.write(f"Invitation for {officer_email}: {link}")
