"""A large plan for the benchmark: every kind of content, about 100 A4 pages.

Written straight to the database through the models (the caller wraps it in a
transaction it rolls back). The prose is drawn from the words of the demo plans by
a seeded generator, so every run builds the same plan."""

import random
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
    Survey,
    SurveyFinding,
    SurveyTopic,
    UnderlyingTheme,
)
from priorities.models import Action, ActionGroup, AreaPriority, CountyPriority

SLUG = "bench-generated-plan"
WORDS = (
    "community safety partnership crime disorder residents victims offenders police council "
    "services support vulnerable people young adults children families evidence analysis "
    "strategic assessment priorities actions local districts county partners work together "
    "reduce prevent protect reporting data information funding resources outcomes progress "
    "anti-social behaviour domestic abuse violence exploitation drugs alcohol burglary "
    "neighbourhood town centres rural areas schools health probation fire rescue board "
    "commissioner plan year trends increase decrease risk harm confidence awareness training"
).split()


class Prose:
    def __init__(self, seed: int = 2015):
        self.random = random.Random(seed)  # noqa: S311 (repeatable prose, not secrets)

    def sentence(self, words: int = 16) -> str:
        chosen = [self.random.choice(WORDS) for _ in range(self.random.randint(words - 6, words + 6))]
        return " ".join(chosen).capitalize() + "."

    def paragraph(self, sentences: int = 5) -> str:
        return " ".join(self.sentence() for _ in range(sentences))

    def title(self, words: int = 4) -> str:
        return " ".join(self.random.choice(WORDS) for _ in range(words)).capitalize()


def generate_plan(chapters: int = 12, priorities: int = 8) -> Plan:
    """About 100 pages with the defaults."""
    prose = Prose()
    partnership = Partnership.objects.create(name="Benchmark Community Safety Partnership", slug=SLUG)
    areas = [
        Area.objects.create(
            partnership=partnership, name=f"District {n}", slug=f"district-{n}", kind="district"
        )
        for n in range(1, 13)
    ]
    plan = Plan.objects.create(
        partnership=partnership,
        title="Benchmark Plan",
        subtitle="A generated plan of about a hundred pages",
        slug=SLUG,
        start_year=2024,
        end_year=2027,
        board_name="Benchmark Board",
        chair_name="A. Chair",
        chair_office="Chair of the Benchmark Board",
    )
    for model in (Partner, StatutoryDuty, PolicePriority):
        model.objects.bulk_create(model(plan=plan, position=i, text=prose.title(6)) for i in range(1, 9))
    UnderlyingTheme.objects.bulk_create(
        UnderlyingTheme(plan=plan, position=i, text=prose.sentence(24)) for i in range(1, 7)
    )
    statistics = _statistics(plan, areas)
    series = _series(plan, areas[0])
    for i in range(1, 6):
        concern = AreaOfConcern.objects.create(plan=plan, position=i, title=prose.title())
        ConcernPoint.objects.bulk_create(
            ConcernPoint(concern=concern, position=j, text=f"{prose.sentence()} Up {{{{{statistics[j]}}}}}.")
            for j in range(1, 6)
        )
    _priorities(plan, prose, priorities, areas)

    position = 0
    for chapter in range(1, chapters + 1):
        position += 1
        section = Section.objects.create(
            plan=plan, position=position, title=prose.title(), anchor=f"ch-{chapter}"
        )
        blocks = [("text", prose.paragraph(6)), ("partners", ""), ("text", prose.paragraph(4))]
        if chapter == 1:
            blocks += [("signature", ""), ("duties", ""), ("police_priorities", ""), ("themes", "")]
        if chapter == 2:
            blocks += [("concerns", ""), ("priority_list", "")]
        _blocks(section, blocks)
        for sub in range(1, 4):
            child = Section.objects.create(
                plan=plan, parent=section, position=sub, title=prose.title(5), anchor=f"ch-{chapter}-{sub}"
            )
            _blocks(child, [("text", prose.paragraph(7)), ("text", prose.paragraph(5))])
            evidence = Block.objects.create(section=child, position=3, kind="evidence")
            group = EvidenceGroup.objects.create(
                block=evidence, heading=prose.title(), subheading="(last year)"
            )
            Finding.objects.bulk_create(
                Finding(group=group, position=f, text=f"{prose.sentence()} ({{{{{statistics[f]}}}}})")
                for f in range(1, 7)
            )
            if sub == 1:
                _fund(plan, child, chapter, prose)
            if sub == 2 and chapter <= len(series):
                series[chapter - 1].block = Block.objects.create(section=child, position=4, kind="series")
                series[chapter - 1].save()
            if sub == 3 and chapter == 3:
                _survey(child, statistics, prose)
    chapters_section = Section.objects.create(
        plan=plan, position=position + 1, title="", numbered=False, anchor="priorities-in-detail"
    )
    Block.objects.create(section=chapters_section, position=1, kind="priority_chapters")
    appendix = Section.objects.create(
        plan=plan, position=position + 2, title="Appendix One", numbered=False, anchor="appendix-one"
    )
    Block.objects.create(section=appendix, position=1, kind="area_priorities")
    return plan


def _blocks(section, blocks):
    Block.objects.bulk_create(
        Block(section=section, position=i, kind=kind, body=body)
        for i, (kind, body) in enumerate(blocks, start=1)
    )


def _statistics(plan, areas) -> dict[int, str]:
    keys = {}
    for i in range(1, 11):
        keys[i] = f"stat-{i}"
        Statistic.objects.create(
            plan=plan,
            key=keys[i],
            label=f"Measure {i}",
            unit="percent_change" if i % 2 else "percent",
            value=Decimal(i * 3 - 10),
            area=areas[i % len(areas)],
            year=2023,
            comparison_year=2022 if i % 2 else None,
            source="Strategic Assessment 2023/24",
        )
    return keys


def _series(plan, area) -> list[Series]:
    result = []
    for n in range(1, 4):
        series = Series.objects.create(
            plan=plan,
            key=f"series-{n}",
            title=f"Recorded crime, measure {n}",
            value_label="Crimes",
            area=area,
        )
        SeriesPoint.objects.bulk_create(
            SeriesPoint(series=series, year=2014 + year, value=20000 + 1500 * year + 700 * n)
            for year in range(10)
        )
        result.append(series)
    return result


def _priorities(plan, prose, count, areas):
    for i in range(1, count + 1):
        priority = CountyPriority.objects.create(
            plan=plan,
            position=i,
            title=prose.title(5),
            summary=prose.sentence(24),
            why="\n\n".join(prose.paragraph(5) for _ in range(3)),
        )
        for g in range(1, 5):
            group = ActionGroup.objects.create(priority=priority, position=g, title=prose.title(3))
            Action.objects.bulk_create(
                Action(group=group, position=a, text=prose.sentence(22)) for a in range(1, 7)
            )
    for area in areas:
        AreaPriority.objects.bulk_create(
            AreaPriority(plan=plan, area=area, position=p, text=prose.sentence(10)) for p in range(1, 7)
        )


def _fund(plan, section, chapter, prose):
    block = Block.objects.create(section=section, position=4, kind="fund")
    fund = Fund.objects.create(plan=plan, block=block, name=f"Fund {chapter}", year=2024 + chapter % 3)
    BudgetLine.objects.bulk_create(
        BudgetLine(fund=fund, position=n, description=prose.title(6), amount=Decimal(1000 * n + 37 * chapter))
        for n in range(1, 16)
    )


def _survey(section, statistics, prose):
    block = Block.objects.create(section=section, position=5, kind="survey")
    survey = Survey.objects.create(block=block, title="Residents' Survey", year=2023, respondents=2379)
    for t in range(1, 4):
        topic = SurveyTopic.objects.create(survey=survey, position=t, heading=prose.title(2) if t > 1 else "")
        for f in range(1, 5):
            figure = Statistic.objects.get(plan=section.plan, key=statistics[2 * f])
            SurveyFinding.objects.create(
                topic=topic, position=f, figure=figure if f < 4 else None, text=prose.sentence(14)
            )
