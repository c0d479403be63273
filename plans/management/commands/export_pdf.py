from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from plans.models import Plan
from plans.pdf.cache import cached_plan_pdf
from plans.pdf.render import pdf_filename, render_plan_pdf


class Command(BaseCommand):
    help = "Write a plan's PDF to a file (the same PDF the plan page's download gives)."

    def add_arguments(self, parser):
        parser.add_argument("slug", help='The plan\'s slug, e.g. "community-safety-plan-2025-26".')
        parser.add_argument(
            "-o", "--output", type=Path, help="The file to write (default: the download's file name)."
        )
        parser.add_argument(
            "--fresh", action="store_true", help="Render now, neither reading nor filling the cache."
        )

    def handle(self, *args, slug, output=None, fresh=False, **options):
        plan = Plan.objects.with_partnership().filter(slug=slug).first()
        if plan is None:
            known = ", ".join(Plan.objects.values_list("slug", flat=True)) or "none"
            raise CommandError(f"No plan has the slug {slug!r} (plans: {known}).")
        pdf = render_plan_pdf(plan) if fresh else cached_plan_pdf(plan)
        output = output or Path(pdf_filename(plan))
        try:
            output.write_bytes(pdf)
        except OSError as exc:
            raise CommandError(f"Cannot write {output}: {exc}") from None
        self.stdout.write(f"{plan}: {len(pdf):,} bytes written to {output}")
