"""Pieces shared by every ordered item in a plan."""

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual

from ..periods import financial_year_label as financial_year_label  # shared here too


class Versioned(models.Model):
    """Content people edit. ``edit_version`` goes up by one on every save through the
    editor, which refuses a save based on an older version (see ``plans.editor``), so
    two people editing the same item cannot overwrite each other silently."""

    edit_version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class Positioned(Versioned):
    """An item in an ordered list. ``position`` counts from 1 within its list;
    each concrete model backs that with a unique constraint on (list owner, position)."""

    position = models.PositiveIntegerField(validators=[MinValueValidator(1)])

    class Meta:
        abstract = True
        ordering = ["position"]


#: What people are told when two items of a list end up in the same place. It can
#: only happen when two people move items of one list at the same moment.
POSITIONS_DIFFER = "Positions in a list must be different"
POSITIONS_FROM_1 = "Positions in a list count from 1"

#: Length limits of Markdown text: a section's narrative, and everything shorter (a
#: finding, an action, a theme). Declared as the TextField's ``max_length``, so forms
#: check it, and kept by the database with ``at_most``.
NARRATIVE_MAX_LENGTH = 20_000
SHORT_TEXT_MAX_LENGTH = 5_000
#: Titles, headings and names in prose: long enough for any a real plan has.
TITLE_MAX_LENGTH = 300


def unique_position(
    owner: str, model_label: str, *extra: str, message: str = POSITIONS_DIFFER
) -> models.UniqueConstraint:
    """One item per position in a list. Deferred to the end of the transaction, so
    two items can swap places (move up/down) without a temporary position."""
    return models.UniqueConstraint(
        fields=[owner, *extra, "position"],
        name=f"{model_label}_unique_position",
        deferrable=models.Deferrable.DEFERRED,
        violation_error_message=message,
        violation_error_code="position_taken",
    )


def positive_position(model_label: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(position__gte=1),
        name=f"{model_label}_position_from_1",
        violation_error_message=POSITIONS_FROM_1,
        violation_error_code="position",
    )


def position_constraints(owner: str, model_label: str, *extra: str) -> list:
    return [unique_position(owner, model_label, *extra), positive_position(model_label)]


FIRST_YEAR, LAST_YEAR = 1990, 2100


def year_in_range(field: str, model_label: str, message: str = "") -> models.CheckConstraint:
    """The database's copy of the forms' year rule (a null year passes)."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__isnull": True})
        | models.Q(**{f"{field}__gte": FIRST_YEAR, f"{field}__lte": LAST_YEAR}),
        name=f"{model_label}_{field}_in_range",
        violation_error_message=message or f"Enter a year from {FIRST_YEAR} to {LAST_YEAR}",
        violation_error_code="year",
    )


def not_blank(field: str, model_label: str, message: str) -> models.CheckConstraint:
    """Text that must say something: not empty, not only spaces. ``message`` says
    what to enter, in the words of the page ("Enter the name of the fund")."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__regex": r"\S"}),
        name=f"{model_label}_{field}_not_blank",
        violation_error_message=message,
        violation_error_code="blank",
    )


def at_most(field: str, limit: int, model_label: str, what: str = "The text") -> models.CheckConstraint:
    """The database's copy of a text's ``max_length`` (a TextField's is only checked
    by forms). Postgres's ``length()`` counts characters, as Python's ``len`` does.
    ``what`` names the text as the page does: "The finding"."""
    return models.CheckConstraint(
        condition=LessThanOrEqual(Length(field), limit),
        name=f"{model_label}_{field}_length",
        violation_error_message=f"{what} must be {limit:,} characters or fewer",
        violation_error_code="max_length",
    )


def track_history(*models_to_track) -> None:
    """Record every insert, update and delete of these models, with who made it, in
    event tables filled by Postgres triggers: bulk and raw-SQL changes are recorded too
    (django-pghistory). Call from the models module that defines them."""
    import pghistory

    for model in models_to_track:
        pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())(model)
