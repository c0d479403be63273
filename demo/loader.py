"""Load a plan from a structured YAML file (the demo plans in ``demo/data``).

The file's shape is documented in ``demo/data/README.md``. Every item is written by
the editor's services, as if typed into the editor, so the file meets every rule a
person would; a published plan is filled as a draft, then published. Loading is one
transaction: a file with a mistake changes nothing.
"""

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pghistory
import yaml
from django.core.exceptions import ValidationError
from django.db import transaction

from plans.editor import registry
from plans.editor.services import item_create, item_update
from plans.models import Area, Partnership, Plan
from plans.services import plan_create, plan_publish

DATA_DIR = Path(__file__).resolve().parent / "data"
PLAN_FIELDS = {
    "title",
    "subtitle",
    "slug",
    "period_kind",
    "start_year",
    "end_year",
    "status",
    "version",
    "published_on",
    "board_name",
    "chair_name",
    "chair_role",
    "chair_office",
}


class PlanFileError(ValueError):
    pass


def demo_files() -> list[Path]:
    return sorted(DATA_DIR.glob("*.yaml"))


def read_plan_file(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or "plan" not in data:
        raise PlanFileError(f"{path.name}: not a plan file (no 'plan' mapping)")
    return data


PARTNERSHIP_FIELDS = {"name", "slug", "board_name", "description", "two_tier"}


@transaction.atomic
def load_plan(data: dict, *, replace: bool = False) -> tuple[Plan, bool]:
    """Create the plan described by ``data``; return (plan, created).

    An existing plan with the same slug is kept as it is, unless ``replace``."""
    slug = data["plan"]["slug"]
    existing = Plan.objects.filter(slug=slug).first()
    if existing and not replace:
        return existing, False
    if existing:
        existing.delete()

    about = _only(data["partnership"], PARTNERSHIP_FIELDS, "partnership")
    partnership, _ = Partnership.objects.get_or_create(
        slug=about["slug"], defaults={key: value for key, value in about.items() if key != "slug"}
    )
    areas = _load_areas(partnership, data.get("areas", []))
    fields = dict(_only(data["plan"], PLAN_FIELDS, "plan"))
    status, published_on = fields.pop("status", Plan.Status.DRAFT), fields.pop("published_on", None)
    # One history context for the whole file: its changes read as one load.
    with pghistory.context(command="load_demo"):
        try:
            plan = plan_create(partnership=partnership, data=fields, actor=None)
            _Builder(plan, areas, data).build()
            if status == Plan.Status.PUBLISHED:
                plan = plan_publish(plan=plan, actor=None, published_on=published_on)
        except ValidationError as exc:
            raise PlanFileError(f"{slug}: {' '.join(exc.messages)}") from None
    return plan, True


def _only(mapping: dict, allowed: set, where: str) -> dict:
    unknown = set(mapping) - allowed
    if unknown:
        raise PlanFileError(f"{where}: unknown field(s) {sorted(unknown)}")
    return mapping


def _load_areas(partnership: Partnership, rows: list[dict]) -> dict[str, Area]:
    for row in rows:
        Area.objects.get_or_create(
            partnership=partnership,
            slug=row["slug"],
            defaults={"name": row["name"], "kind": row["kind"]},
        )
    return {area.slug: area for area in partnership.areas.all()}


class _Builder:
    def __init__(self, plan: Plan, areas: dict[str, Area], data: dict):
        self.plan, self.areas, self.data = plan, areas, data
        self.series = {}
        self.statistics = {}

    def add(self, edit_kind: str, parent=None, **data):
        """One item, through the editor's service; YAML's floats become decimals."""
        data = {k: Decimal(str(v)) if isinstance(v, float) else v for k, v in data.items()}
        kind = registry.get(edit_kind)
        try:
            return item_create(kind=kind, plan=self.plan, parent=parent, data=data, actor=None)
        except ValidationError as exc:
            raise PlanFileError(f"{edit_kind} {data!r:.200}: {' '.join(exc.messages)}") from None

    def area(self, slug: str | None) -> Area | None:
        if slug is None:
            return None
        if slug not in self.areas:
            raise PlanFileError(f"unknown area {slug!r}")
        return self.areas[slug]

    def build(self) -> None:
        data = self.data
        if "assessment" in data:
            self.add("assessment", **data["assessment"])
        for kind, key in [
            ("partner", "partners"),
            ("duty", "duties"),
            ("police-priority", "police_priorities"),
            ("theme", "themes"),
        ]:
            for text in data.get(key, []):
                self.add(kind, text=text)
        self._series(data.get("series", []))
        self._statistics(data.get("statistics", []))
        self._concerns(data.get("areas_of_concern", []))
        self._county_priorities(data.get("county_priorities", []))
        self._area_priorities(data.get("area_priorities", {}))
        self._sections(data.get("sections", []), parent=None)

    def _series(self, rows):
        for row in rows:
            points = row.pop("points", {})
            series = self._unplaced_series(**{**row, "area": self.area(row.get("area"))})
            for year, value in points.items():
                self.add("series-point", parent=series, year=int(year), value=value)
            self.series[series.key] = series

    def _unplaced_series(self, **data):
        """Figures by year not yet shown in a section: the series block that shows
        them, if any, comes later in the file (statistics are computed from them
        first)."""
        kind = replace(registry.get("series"), on_create=None)
        try:
            return item_create(kind=kind, plan=self.plan, data={**data, "plan": self.plan}, actor=None)
        except ValidationError as exc:
            raise PlanFileError(f"series {data!r:.200}: {' '.join(exc.messages)}") from None

    def _statistics(self, rows):
        for row in rows:
            fields = {**row, "area": self.area(row.get("area"))}
            if "series" in row:
                fields["series"] = self.series[row["series"]]
            self.statistics[row["key"]] = self.add("statistic", **fields)

    def _concerns(self, rows):
        for row in rows:
            concern = self.add("concern", title=row.get("title", ""))
            for text in row["points"]:
                self.add("concern-point", parent=concern, text=text)

    def _county_priorities(self, rows):
        for row in rows:
            priority = self.add(
                "priority", title=row["title"], summary=row["summary"], why=row.get("why", "")
            )
            for group_row in row.get("action_groups", []):
                group = self.add("action-group", parent=priority, title=group_row.get("title", ""))
                for text in group_row["actions"]:
                    self.add("action", parent=group, text=text)

    def _area_priorities(self, by_area: dict):
        for slug, texts in by_area.items():
            for text in texts:
                self.add("area-priority", area=self.area(slug), text=text)

    def _sections(self, rows, parent):
        for row in rows:
            section = self.add(
                "subsection" if parent else "section",
                parent=parent,
                title=row.get("title", ""),
                numbered=row.get("numbered", True),
                anchor=row["anchor"],
            )
            for block_row in row.get("blocks", []):
                self._block(section, block_row)
            self._sections(row.get("children", []), parent=section)

    def _block(self, section, row: dict):
        if not isinstance(row, dict) or len(row) != 1:
            raise PlanFileError(
                f"section {section.anchor!r}: a block is a mapping with one kind: {row!r:.80}"
            )
        ((kind, value),) = row.items()
        if kind == "text":
            self.add("block", parent=section, body=value)
            return
        handler = getattr(self, f"_block_{kind}", None)
        if handler:
            handler(section, value)
            return
        options = value if isinstance(value, dict) else {}
        self.add("component", parent=section, kind=kind, list_style=options.get("list_style", "bullets"))

    def _block_evidence(self, section, value):
        group = self.add(
            "evidence-group", parent=section, heading=value["heading"], subheading=value.get("subheading", "")
        )
        for text in value["findings"]:
            self.add("finding", parent=group, text=text)

    def _block_series(self, section, key):
        """Show figures by year already loaded: a series block, then the series on it."""
        series = self.series.get(key)
        if series is None:
            raise PlanFileError(f"series block: unknown series {key!r}")
        block = self.add("component", parent=section, kind="series")
        item_update(
            kind=registry.get("series"),
            plan=self.plan,
            pk=series.pk,
            data={"block": block},
            actor=None,
            based_on_version=series.edit_version,
        )

    def _block_survey(self, section, value):
        topics = value.get("topics", [])
        survey = self.add("survey", parent=section, **{k: v for k, v in value.items() if k != "topics"})
        for topic_row in topics:
            topic = self.add("survey-topic", parent=survey, heading=topic_row.get("heading", ""))
            for finding in topic_row.get("findings", []):
                figure = None
                if finding.get("figure"):
                    figure = self.statistics.get(finding["figure"])
                    if figure is None:
                        raise PlanFileError(f"survey: unknown figure {finding['figure']!r}")
                self.add("survey-finding", parent=topic, figure=figure, text=finding["text"])

    def _block_fund(self, section, value):
        lines = value.get("lines", [])
        fund = self.add("fund", parent=section, **{k: v for k, v in value.items() if k != "lines"})
        for description, amount in lines:
            self.add("budget-line", parent=fund, description=description, amount=amount)
