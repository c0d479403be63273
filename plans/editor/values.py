"""A field's value as people read it, for the history and the edit-conflict pages:
money as £50,000.00, Yes or No, a chosen item by its name (an area's, not its id), a
choice by its label, nothing as "–". Values come typed (a model or a form) or as the
history's JSON (a number for an amount, an id for a chosen item): both read the same.
"""

import datetime
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats
from django.utils.text import capfirst

from .forms import MoneyField

#: What stands for no value at all.
EMPTY = "–"

#: Label endings that help someone typing, not someone reading a change.
_LABEL_ENDINGS = (" (optional)", " (£)")


def money(amount) -> str:
    """£50,000.00: pounds and pence, always, so that amounts line up when compared."""
    return f"£{Decimal(amount):,.2f}"


def field_label(model_field: models.Field, form_class: type[forms.BaseForm] | None = None) -> str:
    """The field's name as its form shows it ("What it pays for"), else the model's."""
    form_field = form_class.base_fields.get(model_field.name) if form_class else None
    text = str(form_field.label) if form_field is not None and form_field.label else ""
    text = text or capfirst(str(model_field.verbose_name))
    for ending in _LABEL_ENDINGS:
        text = text.removesuffix(ending)
    return text


def typed(model_field: models.Field, raw):
    """A value recorded as JSON (an amount as a float, a date as a string) in the
    model field's own type; a value that does not convert is kept as it is."""
    if raw is None:
        return None
    if isinstance(raw, float):
        raw = Decimal(repr(raw))
    target = model_field.target_field if model_field.is_relation else model_field
    try:
        value = target.to_python(raw)
    except (ValidationError, TypeError, ValueError):
        return raw
    if isinstance(target, models.DecimalField) and isinstance(value, Decimal):
        value = value.quantize(Decimal(1).scaleb(-target.decimal_places))  # 12.5 -> 12.50, as stored
    return value


def is_text(model_field: models.Field | None, form_field: forms.Field | None = None) -> bool:
    """Typed text (compared word by word), not a number, a choice or a chosen item."""
    if form_field is not None:
        return type(form_field) in {forms.CharField, forms.SlugField} and not isinstance(
            getattr(form_field, "widget", None), forms.Select | forms.RadioSelect
        )
    return isinstance(model_field, models.CharField | models.TextField) and not model_field.choices


def _choice(value, *choice_lists) -> str | None:
    for choices in choice_lists:
        labels = {str(key): text for key, text in choices}
        if str(value) in labels:
            return str(labels[str(value)])
    return None


def readable(value, *, model_field=None, form_field=None, names: dict | None = None) -> str:
    """The value as people read it. ``names``: the chosen items of relation fields,
    by (model, id), as loaded for a whole page at once."""
    if value is None:
        return EMPTY
    if isinstance(value, models.Model):
        return str(value)
    if model_field is not None and model_field.is_relation:
        chosen = (names or {}).get((model_field.related_model, value))
        return (
            str(chosen) if chosen is not None else f"a deleted {model_field.related_model._meta.verbose_name}"
        )
    if isinstance(form_field, MoneyField):
        return money(value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    form_choices = (
        form_field.choices
        if isinstance(form_field, forms.ChoiceField) and not isinstance(form_field, forms.ModelChoiceField)
        else ()
    )
    model_choices = model_field.flatchoices if model_field is not None and model_field.choices else ()
    if form_choices or model_choices:
        chosen = _choice(value, form_choices, model_choices)
        if chosen:
            return chosen
    if value == "":
        return EMPTY
    if isinstance(value, datetime.datetime):
        return formats.date_format(value, "j F Y, H:i")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "j F Y")
    return str(value)
