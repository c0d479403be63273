"""Small factories for plans of any size, on the real database."""

import itertools
from decimal import Decimal

from funding.models import BudgetLine, Fund
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

_counter = itertools.count(1)


def make_partnership(**fields) -> Partnership:
    n = next(_counter)
    return Partnership.objects.create(**{"name": f"Partnership {n}", "slug": f"partnership-{n}", **fields})


HOME_PARTNERSHIP = {"slug": "northmoor", "name": "Northmoor Community Safety Partnership"}


def home_partnership() -> Partnership:
    """The partnership a test's plans and people belong to unless it says otherwise."""
    partnership, _ = Partnership.objects.get_or_create(
        slug=HOME_PARTNERSHIP["slug"], defaults={"name": HOME_PARTNERSHIP["name"]}
    )
    return partnership


def make_area(partnership, **fields) -> Area:
    n = next(_counter)
    return Area.objects.create(
        partnership=partnership, **{"name": f"Area {n}", "slug": f"area-{n}", "kind": "district", **fields}
    )


def make_plan(partnership=None, **fields) -> Plan:
    n = next(_counter)
    partnership = partnership or home_partnership()
    defaults = {"title": f"Plan {n}", "slug": f"plan-{n}", "start_year": 2024, "end_year": 2025}
    return Plan.objects.create(partnership=partnership, **{**defaults, **fields})


def make_section(plan, position, **fields) -> Section:
    defaults = {"title": f"Section {position}", "anchor": f"section-{position}-{next(_counter)}"}
    return Section.objects.create(plan=plan, position=position, **{**defaults, **fields})


def make_block(section, position, kind="text", **fields) -> Block:
    if kind == "text":
        fields.setdefault("body", f"Paragraph {position} of {section.title}.")
    return Block.objects.create(section=section, position=position, kind=kind, **fields)


def make_full_plan(scale: int = 1, **plan_fields) -> Plan:
    """A plan with every kind of content, ``scale`` times over: every list, section,
    priority, fund and figure grows with scale. Used to show a page's query count
    does not grow with the plan."""
    plan = make_plan(**plan_fields)
    partnership = plan.partnership
    areas = [make_area(partnership) for _ in range(2 * scale)]
    for model in (StatutoryDuty, PolicePriority, UnderlyingTheme):
        for i in range(1, 3 * scale + 1):
            model.objects.create(plan=plan, position=i, text=f"{model.__name__} {i}")
    kinds = list(Partner.Kind)
    partners = [
        Partner.objects.create(plan=plan, position=i, text=f"Partner {i}", kind=kinds[i % len(kinds)])
        for i in range(1, 3 * scale + 1)
    ]
    StrategicAssessment.objects.create(plan=plan, year=2023)
    series = Series.objects.create(plan=plan, key="crimes", title="Recorded crime", value_label="Crimes")
    for i in range(3 * scale):
        SeriesPoint.objects.create(series=series, year=2000 + i, value=1000 + 10 * i)
    Statistic.objects.create(
        plan=plan,
        key="change",
        label="Change",
        unit="percent_change",
        series=series,
        year=2001,
        comparison_year=2000,
    )
    for i in range(1, 3 * scale + 1):
        Statistic.objects.create(
            plan=plan, key=f"stat-{i}", label=f"Stat {i}", unit="percent", value=Decimal(i), area=areas[0]
        )
    for i in range(1, 2 * scale + 1):
        concern = AreaOfConcern.objects.create(plan=plan, position=i)
        for j in range(1, 4):
            ConcernPoint.objects.create(concern=concern, position=j, text=f"Point {j}, up {{{{stat-{i}}}}}.")
    for i in range(1, 2 * scale + 1):
        priority = CountyPriority.objects.create(
            plan=plan, position=i, title=f"Priority {i}", summary="Summary.", why="Why."
        )
        for g in range(1, 3):
            group = ActionGroup.objects.create(priority=priority, position=g, title=f"Theme {g}")
            for a in range(1, 4):
                action = Action.objects.create(
                    group=group,
                    position=a,
                    text=f"Action {a}.",
                    lead_partner=partners[-1] if a > 1 else None,  # only the last partner leads
                    measure=f"Measure {a}" if a > 1 else "",
                    timescale="By March 2027" if a == 3 else "",
                )
                if a == 3:
                    action.supporting_partners.set(partners[:2])
        for area in areas:
            local = AreaPriority.objects.create(
                plan=plan,
                area=area,
                position=i,
                text=f"Local priority {i}",
                lead_partner=partners[-1],
                measure="Fewer incidents",
                timescale="Quarterly",
            )
            local.supporting_partners.set(partners[:2])

    kinds = ["partners", "duties", "police_priorities", "themes", "concerns", "priority_list"]
    position = itertools.count(1)
    for s in range(scale):
        section = make_section(plan, next(position))
        child = make_section(plan, 1, parent=section)
        make_block(section, 1, body="Crimes: {{crimes@2000}}, change {{change:signed}}.")
        for b, kind in enumerate(kinds, start=2):
            make_block(section, b, kind=kind)
        group_block = make_block(child, 1, kind="evidence")
        group = EvidenceGroup.objects.create(block=group_block, heading=f"Findings {s}")
        for f in range(1, 4):
            Finding.objects.create(group=group, position=f, text=f"Finding {f}: {{{{stat-1}}}}.")
        survey = Survey.objects.create(
            block=make_block(child, 2, kind="survey"), title=f"Survey {s}", year=2020, respondents=100
        )
        topic = SurveyTopic.objects.create(survey=survey, position=1, heading="Feeling safe")
        SurveyFinding.objects.create(
            topic=topic, position=1, text="feel safe.", figure=Statistic.objects.get(plan=plan, key="stat-1")
        )
        fund = Fund.objects.create(
            plan=plan, block=make_block(child, 3, kind="fund"), name=f"Fund {s}", year=2024
        )
        for line in range(1, 4):
            BudgetLine.objects.create(
                fund=fund, position=line, description=f"Line {line}", amount=Decimal("100.50")
            )
    last = make_section(plan, next(position), title="", numbered=False)
    make_block(last, 1, kind="priority_chapters")
    make_block(last, 2, kind="area_priorities")
    series.block = make_block(last, 3, kind="series")
    series.save()
    return plan


ROLES = {"Board officers": "officer", "Viewers": "viewer", "Area leads": "lead"}


def make_user(username: str, group: str | None = None, areas=(), partnership=None):
    """A person with a role in a partnership: "Board officers", "Viewers" or "Area
    leads" (or the role's own name: officer, viewer, lead); ``areas`` are the areas a
    lead looks after. The partnership is the areas', else ``partnership``, else the
    tests' home partnership."""
    from django.contrib.auth.models import User

    from partnerships.models import Membership

    user = User.objects.create_user(
        username=username, email=f"{username}@example.org", password="correct horse battery"
    )
    if group:
        areas = list(areas)
        partnership = areas[0].partnership if areas else (partnership or home_partnership())
        membership = Membership.objects.create(
            user=user, partnership=partnership, role=ROLES.get(group, group)
        )
        membership.areas.set(areas)
    return user


def join(user, partnership, role: str = "officer", areas=()):
    """Give an existing person a role in another partnership too."""
    from partnerships.models import Membership

    membership = Membership.objects.create(user=user, partnership=partnership, role=ROLES.get(role, role))
    membership.areas.set(areas)
    return membership
