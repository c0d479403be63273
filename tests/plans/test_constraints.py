"""Every rule the database keeps is also explained to people, in plain English: a
model's ``full_clean()`` (and so every ModelForm) says what to do, never a
constraint's name or Django's "Statistic with this Plan and Key already exists"."""

import re

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, models, transaction
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.forms import modelform_factory
from pghistory.models import Event

from plans.models import Block, EvidenceGroup, Finding, Partner, Plan, Section, Statistic
from plans.models.base import NARRATIVE_MAX_LENGTH, SHORT_TEXT_MAX_LENGTH, TITLE_MAX_LENGTH
from priorities.models import Action, ActionGroup, CountyPriority
from tests.factories import make_block, make_partnership, make_plan, make_section

APPS = ("plans", "priorities", "funding")


def content_models() -> list[type[models.Model]]:
    """The apps' own models, without the history tables pghistory makes of them."""
    return [
        model
        for label in APPS
        for model in apps.get_app_config(label).get_models()
        if not issubclass(model, Event)
    ]


def all_constraints() -> list[tuple[type[models.Model], models.BaseConstraint]]:
    return [(model, constraint) for model in content_models() for constraint in model._meta.constraints]


CAMEL_CASE_MODEL_NAMES = {
    model.__name__
    for label in APPS
    for model in apps.get_app_config(label).get_models()
    if len(re.findall(r"[A-Z]", model.__name__)) > 1
}


def test_the_walk_below_finds_the_constraints_of_all_three_apps():
    assert {model._meta.app_label for model, _ in all_constraints()} == set(APPS)


@pytest.mark.parametrize(
    ("model", "constraint"),
    all_constraints(),
    ids=lambda value: value.name if isinstance(value, models.BaseConstraint) else value.__name__,
)
def test_every_constraint_explains_itself_in_plain_english(model, constraint):
    message = constraint.violation_error_message
    assert message, f"{constraint.name} has no message"
    assert message != constraint.default_violation_error_message, f"{constraint.name} uses Django's message"
    # The message is shown as written: no "%(name)s" left to fill in.
    assert constraint.get_violation_error_message() == message
    assert constraint.name not in message
    assert not re.search(r"\w_\w", message), f"{constraint.name}: an identifier in {message!r}"
    assert not {word for word in re.findall(r"\w+", message) if word in CAMEL_CASE_MODEL_NAMES}, message
    assert message[0].isupper() and not message.endswith("."), message
    assert constraint.violation_error_code, f"{constraint.name} has no error code for forms to match"


def unique_fields() -> list[models.Field]:
    return [
        field
        for model in content_models()
        for field in model._meta.concrete_fields
        if field.unique and not field.primary_key
    ]


@pytest.mark.parametrize("field", unique_fields(), ids=str)
def test_every_unique_field_explains_itself_in_plain_english(field):
    message = field.error_messages["unique"]
    assert message != models.Field.default_error_messages["unique"]
    assert "%(" not in message and not re.search(r"\w_\w", message)


def text_fields() -> list[tuple[type[models.Model], models.TextField]]:
    return [
        (model, field)
        for model in content_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.TextField)
    ]


@pytest.mark.parametrize(
    ("model", "field"),
    text_fields(),
    ids=lambda value: value.name if isinstance(value, models.Field) else value.__name__,
)
def test_every_markdown_text_has_a_length_limit_the_database_keeps(model, field):
    assert field.max_length in (NARRATIVE_MAX_LENGTH, SHORT_TEXT_MAX_LENGTH)
    limit = LessThanOrEqual(Length(field.name), field.max_length)
    kept = [
        c for c in model._meta.constraints if isinstance(c, models.CheckConstraint) and c.condition == limit
    ]
    assert len(kept) == 1, f"{model.__name__}.{field.name} has no length constraint"
    assert kept[0].violation_error_message.endswith(f"must be {field.max_length:,} characters or fewer")


PROSE_TITLES = [
    ("plans", "Partnership", "name"),
    ("plans", "Plan", "title"),
    ("plans", "Plan", "subtitle"),
    ("plans", "Plan", "board_name"),
    ("plans", "Plan", "chair_role"),
    ("plans", "Plan", "chair_office"),
    ("plans", "Section", "title"),
    ("plans", "StrategicAssessment", "name"),
    ("plans", "Series", "title"),
    ("plans", "Series", "value_label"),
    ("plans", "Series", "source"),
    ("plans", "Statistic", "label"),
    ("plans", "Statistic", "source"),
    ("plans", "EvidenceGroup", "heading"),
    ("plans", "EvidenceGroup", "subheading"),
    ("plans", "Survey", "title"),
    ("plans", "SurveyTopic", "heading"),
    ("plans", "AreaOfConcern", "title"),
    ("priorities", "CountyPriority", "title"),
    ("priorities", "ActionGroup", "title"),
    ("funding", "Fund", "name"),
    ("funding", "Fund", "provider"),
    ("funding", "Fund", "total_label"),
]


@pytest.mark.parametrize(("app", "model", "field"), PROSE_TITLES)
def test_titles_and_names_allow_300_characters(app, model, field):
    assert apps.get_model(app, model)._meta.get_field(field).max_length >= TITLE_MAX_LENGTH


def test_a_form_for_markdown_text_limits_its_length():
    form_class = modelform_factory(Block, fields=["body"])
    field = form_class.base_fields["body"]
    assert field.max_length == NARRATIVE_MAX_LENGTH
    assert field.widget.attrs["maxlength"] == str(NARRATIVE_MAX_LENGTH)


def refusal(instance: models.Model) -> dict[str, list[str]]:
    """What ``full_clean()`` tells people about this instance, by field."""
    with pytest.raises(ValidationError) as refused:
        instance.full_clean()
    return refused.value.message_dict


def new_action(text: str) -> Action:
    priority = CountyPriority.objects.create(
        plan=make_plan(), position=1, title="Priority", summary="Summary"
    )
    group = ActionGroup.objects.create(priority=priority, position=1)
    return Action(group=group, position=1, text=text)


@pytest.mark.django_db
def test_an_action_with_only_spaces_is_refused_with_enter_what_we_will_do():
    assert refusal(new_action("   ")) == {"__all__": ["Enter what we will do"]}


@pytest.mark.django_db
def test_a_second_statistic_with_the_same_key_in_a_plan_is_refused_in_plain_words():
    plan = make_plan()
    Statistic.objects.create(plan=plan, key="total-crime", label="Total crime", unit="count", value=1)
    duplicate = Statistic(plan=plan, key="total-crime", label="All crime", unit="count", value=2)
    assert refusal(duplicate) == {
        "__all__": ["A statistic with this key already exists in this plan: choose another key"]
    }


@pytest.mark.django_db
def test_the_same_statistic_key_in_another_plan_is_allowed():
    Statistic.objects.create(plan=make_plan(), key="total-crime", label="Total crime", unit="count", value=1)
    Statistic(plan=make_plan(), key="total-crime", label="Total crime", unit="count", value=1).full_clean()


@pytest.mark.django_db
def test_a_plan_that_ends_before_it_starts_is_refused_in_plain_words():
    plan = Plan(
        partnership=make_partnership(), title="Safer Bucks Plan", slug="sbp", start_year=2020, end_year=2019
    )
    assert refusal(plan) == {"__all__": ["The plan must end after it starts"]}


@pytest.mark.django_db
def test_two_partners_in_the_same_place_are_refused_in_plain_words():
    plan = make_plan()
    Partner.objects.create(plan=plan, position=1, text="Thames Valley Police")
    assert refusal(Partner(plan=plan, position=1, text="Buckinghamshire Council")) == {
        "__all__": ["Positions in a list must be different"]
    }


@pytest.mark.django_db
def test_narrative_over_20000_characters_is_refused_and_20000_is_kept():
    section = make_section(make_plan(), 1)
    too_long = Block(section=section, position=1, kind="text", body="a" * (NARRATIVE_MAX_LENGTH + 1))
    assert refusal(too_long) == {"__all__": ["The text must be 20,000 characters or fewer"]}
    make_block(section, 1, body="a" * NARRATIVE_MAX_LENGTH).full_clean()


@pytest.mark.django_db
def test_a_finding_over_5000_characters_is_refused_in_plain_words():
    block = make_block(make_section(make_plan(), 1), 1, kind="evidence")
    group = EvidenceGroup.objects.create(block=block, heading="Findings")
    finding = Finding(group=group, position=1, text="a" * (SHORT_TEXT_MAX_LENGTH + 1))
    assert refusal(finding) == {"__all__": ["The finding must be 5,000 characters or fewer"]}


@pytest.mark.django_db
def test_an_action_over_5000_characters_is_refused_in_plain_words():
    assert refusal(new_action("a" * (SHORT_TEXT_MAX_LENGTH + 1))) == {
        "__all__": ["What we will do must be 5,000 characters or fewer"]
    }


@pytest.mark.django_db
def test_the_database_refuses_an_over_long_narrative_written_with_raw_sql():
    block = make_block(make_section(make_plan(), 1), 1)
    with pytest.raises(IntegrityError) as refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE plans_block SET body = %s WHERE id = %s",
            ["a" * (NARRATIVE_MAX_LENGTH + 1), block.pk],
        )
    assert refused.value.__cause__.diag.constraint_name == "block_body_length"
    block.refresh_from_db()
    assert block.body.startswith("Paragraph")


@pytest.mark.django_db
def test_300_character_titles_are_kept_with_their_history():
    title = "T" * TITLE_MAX_LENGTH
    plan = make_plan(title=title, subtitle=title)
    section = make_section(plan, 1, title=title)
    priority = CountyPriority.objects.create(plan=plan, position=1, title=title, summary="Summary")
    for item in (plan, section, priority):
        item.full_clean()
        assert item.events.get().title == title
    assert Section.objects.get(pk=section.pk).title == title
