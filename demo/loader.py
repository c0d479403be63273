"""Load a plan from a structured YAML file (the demo plans in ``demo/data``).

The file's shape is documented in ``demo/data/README.md``. Loading is one
transaction: a file with a mistake changes nothing.
"""

from decimal import Decimal
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction

from funding.models import BudgetLine, Fund
from plans.markdown import FIGURE_PATTERN
from plans.models import (
    Area,
    AreaOfConcern,
    Block,
    ConcernPoint,
    EvidenceGroup,
    Finding,
    Partner,
    Partnership,
    Plan,
    PolicePriority,
    Section,
    Series,
    SeriesPoint,
    Statistic,
    StatutoryDuty,
    StrategicAssessment,
    Survey,
    SurveyFinding,
    SurveyTopic,
    UnderlyingTheme,
)
from priorities.models import Action, ActionGroup, AreaPriority, CountyPriority

DATA_DIR = Path(__file__).resolve().parent / "data"
PLAN_FIELDS = {
    "title",
    "subtitle",
    "slug",
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

    partnership, _ = Partnership.objects.get_or_create(
        slug=data["partnership"]["slug"], defaults={"name": data["partnership"]["name"]}
    )
    areas = _load_areas(partnership, data.get("areas", []))
    plan = _create(Plan, partnership=partnership, **_only(data["plan"], PLAN_FIELDS, "plan"))
    _Builder(plan, areas, data).build()
    return plan, True


def _only(mapping: dict, allowed: set, where: str) -> dict:
    unknown = set(mapping) - allowed
    if unknown:
        raise PlanFileError(f"{where}: unknown field(s) {sorted(unknown)}")
    return mapping


def _create(model, **fields):
    """Save with full validation, so the file meets every rule a form would apply."""
    # YAML reads 1.6 as a float; money and figures are decimals, exactly as written.
    fields = {k: Decimal(str(v)) if isinstance(v, float) else v for k, v in fields.items()}
    obj = model(**fields)
    try:
        obj.full_clean(validate_constraints=False)
    except ValidationError as exc:
        raise PlanFileError(f"{model.__name__} {fields!r:.200}: {exc.messages}") from None
    obj.save()
    return obj


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
        self.series: dict[str, Series] = {}
        self.series_years: dict[str, set[int]] = {}
        self.statistics: dict[str, Statistic] = {}
        self.texts: list[str] = []

    def area(self, slug: str | None) -> Area | None:
        if slug is None:
            return None
        if slug not in self.areas:
            raise PlanFileError(f"unknown area {slug!r}")
        return self.areas[slug]

    def build(self) -> None:
        plan, data = self.plan, self.data
        if "assessment" in data:
            _create(StrategicAssessment, plan=plan, **data["assessment"])
        for model, key in [
            (Partner, "partners"),
            (StatutoryDuty, "duties"),
            (PolicePriority, "police_priorities"),
            (UnderlyingTheme, "themes"),
        ]:
            for position, text in enumerate(data.get(key, []), start=1):
                _create(model, plan=plan, position=position, text=text)
                self.texts.append(text)
        self._series(data.get("series", []))
        self._statistics(data.get("statistics", []))
        self._concerns(data.get("areas_of_concern", []))
        self._county_priorities(data.get("county_priorities", []))
        self._area_priorities(data.get("area_priorities", {}))
        self._sections(data.get("sections", []), parent=None)
        self._check_figures()

    def _series(self, rows):
        for row in rows:
            points = row.pop("points", {})
            self.series_years[row["key"]] = {int(year) for year in points}
            series = _create(Series, plan=self.plan, **{**row, "area": self.area(row.get("area"))})
            for year, value in points.items():
                _create(SeriesPoint, series=series, year=int(year), value=value)
            self.series[series.key] = series

    def _statistics(self, rows):
        for row in rows:
            fields = {**row, "area": self.area(row.get("area"))}
            if "series" in row:
                fields["series"] = self.series[row["series"]]
            self.statistics[row["key"]] = _create(Statistic, plan=self.plan, **fields)

    def _concerns(self, rows):
        for position, row in enumerate(rows, start=1):
            concern = _create(AreaOfConcern, plan=self.plan, position=position, title=row.get("title", ""))
            for point_position, text in enumerate(row["points"], start=1):
                _create(ConcernPoint, concern=concern, position=point_position, text=text)
                self.texts.append(text)

    def _county_priorities(self, rows):
        for position, row in enumerate(rows, start=1):
            priority = _create(
                CountyPriority,
                plan=self.plan,
                position=position,
                title=row["title"],
                summary=row["summary"],
                why=row.get("why", ""),
            )
            self.texts += [priority.summary, priority.why]
            for group_position, group_row in enumerate(row.get("action_groups", []), start=1):
                group = _create(
                    ActionGroup,
                    priority=priority,
                    position=group_position,
                    title=group_row.get("title", ""),
                )
                for action_position, text in enumerate(group_row["actions"], start=1):
                    _create(Action, group=group, position=action_position, text=text)
                    self.texts.append(text)

    def _area_priorities(self, by_area: dict):
        for slug, texts in by_area.items():
            for position, text in enumerate(texts, start=1):
                _create(AreaPriority, plan=self.plan, area=self.area(slug), position=position, text=text)

    def _sections(self, rows, parent):
        for position, row in enumerate(rows, start=1):
            section = _create(
                Section,
                plan=self.plan,
                parent=parent,
                position=position,
                title=row.get("title", ""),
                numbered=row.get("numbered", True),
                anchor=row["anchor"],
            )
            for block_position, block_row in enumerate(row.get("blocks", []), start=1):
                self._block(section, block_position, block_row)
            self._sections(row.get("children", []), parent=section)

    def _block(self, section: Section, position: int, row: dict):
        if not isinstance(row, dict) or len(row) != 1:
            raise PlanFileError(
                f"section {section.anchor!r}: a block is a mapping with one kind: {row!r:.80}"
            )
        ((kind, value),) = row.items()
        if kind not in Block.Kind.values:
            raise PlanFileError(f"section {section.anchor!r}: unknown block kind {kind!r}")
        options = value if isinstance(value, dict) else {}
        block = _create(
            Block,
            section=section,
            position=position,
            kind=kind,
            body=value if kind == "text" else "",
            list_style=options.get("list_style", Block.ListStyle.BULLETS),
        )
        if kind == "text":
            self.texts.append(value)
        handler = getattr(self, f"_block_{kind}", None)
        if handler:
            handler(block, value)

    def _block_evidence(self, block, value):
        group = _create(
            EvidenceGroup, block=block, heading=value["heading"], subheading=value.get("subheading", "")
        )
        for position, text in enumerate(value["findings"], start=1):
            _create(Finding, group=group, position=position, text=text)
            self.texts.append(text)

    def _block_series(self, block, key):
        series = self.series.get(key)
        if series is None:
            raise PlanFileError(f"series block: unknown series {key!r}")
        series.block = block
        series.save(update_fields=["block"])

    def _block_survey(self, block, value):
        topics = value.get("topics", [])
        survey = _create(Survey, block=block, **{k: v for k, v in value.items() if k != "topics"})
        for position, topic_row in enumerate(topics, start=1):
            topic = _create(
                SurveyTopic, survey=survey, position=position, heading=topic_row.get("heading", "")
            )
            for finding_position, finding in enumerate(topic_row.get("findings", []), start=1):
                figure = None
                if finding.get("figure"):
                    figure = self.statistics.get(finding["figure"])
                    if figure is None:
                        raise PlanFileError(f"survey: unknown figure {finding['figure']!r}")
                _create(
                    SurveyFinding, topic=topic, position=finding_position, figure=figure, text=finding["text"]
                )
                self.texts.append(finding["text"])

    def _block_fund(self, block, value):
        lines = value.get("lines", [])
        fund = _create(Fund, plan=self.plan, block=block, **{k: v for k, v in value.items() if k != "lines"})
        for position, (description, amount) in enumerate(lines, start=1):
            _create(BudgetLine, fund=fund, position=position, description=description, amount=amount)

    def _check_figures(self):
        """Every {{figure}} in the file's text names a statistic or series point."""
        for text in self.texts:
            for match in FIGURE_PATTERN.finditer(text or ""):
                key, year = match.group(1), match.group(2)
                if year:
                    series = self.series.get(key)
                    if series is None or int(year) not in self.series_years[key]:
                        raise PlanFileError(f"text refers to {match.group(0)}, which has no figure")
                elif key not in self.statistics:
                    raise PlanFileError(f"text refers to {match.group(0)}, which is not a statistic")
