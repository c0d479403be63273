"""Pieces shared by every ordered item in a plan."""

from django.core.validators import MinValueValidator
from django.db import models


class Versioned(models.Model):
    """Content people edit. ``edit_version`` goes up by one on every save through the
    editor, which refuses a save based on an older version (see ``plans.editing``), so
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


def unique_position(owner: str, model_label: str, *extra: str) -> models.UniqueConstraint:
    """One item per position in a list. Deferred to the end of the transaction, so
    two items can swap places (move up/down) without a temporary position."""
    return models.UniqueConstraint(
        fields=[owner, *extra, "position"],
        name=f"{model_label}_unique_position",
        deferrable=models.Deferrable.DEFERRED,
    )


def positive_position(model_label: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=models.Q(position__gte=1), name=f"{model_label}_position_from_1")


def position_constraints(owner: str, model_label: str, *extra: str) -> list:
    return [unique_position(owner, model_label, *extra), positive_position(model_label)]


FIRST_YEAR, LAST_YEAR = 1990, 2100


def year_in_range(field: str, model_label: str) -> models.CheckConstraint:
    """The database's copy of the forms' year rule (a null year passes)."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__isnull": True})
        | models.Q(**{f"{field}__gte": FIRST_YEAR, f"{field}__lte": LAST_YEAR}),
        name=f"{model_label}_{field}_in_range",
    )


def not_blank(field: str, model_label: str) -> models.CheckConstraint:
    """Text that must say something: not empty, not only spaces."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__regex": r"\S"}), name=f"{model_label}_{field}_not_blank"
    )


def financial_year_label(start_year: int | None) -> str:
    """2013 -> "2013/14": the financial year from 1 April to 31 March."""
    if start_year is None:
        return ""
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def track_history(*models_to_track) -> None:
    """Record every insert, update and delete of these models, with who made it, in
    event tables filled by Postgres triggers: bulk and raw-SQL changes are recorded too
    (django-pghistory). Call from the models module that defines them."""
    import pghistory

    for model in models_to_track:
        pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())(model)
