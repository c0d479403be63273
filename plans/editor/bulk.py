"""Entering many items at once: a pasted list, one item a line, and a table of rows
edited on one page. Each line or row is checked by the kind's own form, shown with
its own errors, and saved through the services in one transaction: all or nothing.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms

#: What people paste from Word or email before each item: bullets and numbers.
LIST_MARKER = re.compile(r"^\s*(?:[-*•·▪‣◦–—]|\(?\d{1,3}[.)])\s+")
#: "Domestic abuse services - £55,000", "... – 55000", or a tab between the two.
AMOUNT_AT_END = re.compile(
    r"^(?P<text>.*?)\s*(?:\t+|\s[-–—:]\s+|\s+(?=£))\s*(?P<amount>£?\s*[\d,]+(?:\.\d+)?)\s*$"
)
#: "2018 - 33,529", "2018/19 33529", "Q1 2024/25 - 1,204" (a quarter: Q1 to Q4 first).
YEAR_AND_FIGURE = re.compile(
    r"^(?:Q(?P<quarter>[1-4])\s+)?(?P<year>\d{4})(?:/\d{2,4})?\s*(?:\t+|[-–—:,]|\s)\s*(?P<value>[\d,]+)\s*$",
    re.IGNORECASE,
)


def pasted_lines(text: str) -> list[tuple[int, str]]:
    """(line number, item) for each line that says something, list markers removed."""
    found = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = LIST_MARKER.sub("", line).strip()
        if line:
            found.append((number, line))
    return found


def text_line(name: str = "text") -> Callable[[str], dict]:
    return lambda line: {name: line}


def described_amount(line: str) -> dict:
    match = AMOUNT_AT_END.match(line)
    if match is None:
        return {"description": line, "amount": ""}
    return {"description": match["text"], "amount": match["amount"]}


def year_and_figure(line: str) -> dict:
    match = YEAR_AND_FIGURE.match(line)
    if match is None:
        return {"year": line, "value": ""}
    found = {"year": match["year"], "value": match["value"]}
    if match["quarter"]:
        found["quarter"] = match["quarter"]
    return found


@dataclass(frozen=True)
class Paste:
    """How a kind is entered as a pasted list: what one line fills, and how to say it."""

    parse: Callable[[str], dict]
    fills: tuple[str, ...]
    example: str


@dataclass
class Line:
    number: int
    text: str
    data: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def check_lines(kind, plan, user, text: str, shared: dict, parent=None) -> list[Line]:
    """Each pasted line through the kind's form, with the answers shared by every
    line (a local priority's area) and in its place (a series' figure in its series,
    which says how its periods are named): its cleaned data, or its errors in words."""
    lines = []
    for number, line in pasted_lines(text):
        form = kind.form_class({**shared, **kind.paste.parse(line)}, plan=plan, user=user)
        if parent is not None and kind.parent_field:
            setattr(form.instance, kind.parent_field, parent)
        checked = Line(number, line)
        if form.is_valid():
            checked.data = form.cleaned_data
            checked.text = kind.summary(form.instance)
        else:
            checked.errors = messages_of(form)
        lines.append(checked)
    return lines


def messages_of(form) -> list[str]:
    return [message for errors in form.errors.values() for message in errors]


def shared_form(kind, plan, user, data=None):
    """The kind's form with only what every line shares (what a line does not fill)."""
    form = kind.form_class(data, plan=plan, user=user)
    for name in kind.paste.fills:
        form.fields.pop(name, None)
    form.lay_out()
    return form


def row_form_class(kind):
    """The kind's form as a row of a table: one line inputs, and the version the
    row was read at, so that a row someone else changed meanwhile is not overwritten."""

    shared_choices: dict[str, list] = {}

    class Row(kind.form_class):
        edit_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            # A list to choose from (a survey result's figure) is read once for the
            # whole table, not once a row.
            for name, form_field in self.fields.items():
                if isinstance(form_field, forms.ModelChoiceField):
                    if name not in shared_choices:
                        shared_choices[name] = list(form_field.choices)
                    form_field.choices = shared_choices[name]
            if self.instance.pk:
                self.fields["edit_version"].initial = self.instance.edit_version
            for form_field in self.fields.values():
                widget = form_field.widget
                if isinstance(widget, forms.Textarea):
                    form_field.widget = widget = forms.TextInput()
                css = {forms.TextInput: "govuk-input", forms.Select: "govuk-select"}.get(type(widget))
                if css:
                    widget.attrs["class"] = f"{css} {widget.attrs.get('class', '')}".strip()

    Row.__name__ = f"{kind.form_class.__name__}Row"
    return Row


def table_formset(kind, plan, user, queryset, data=None, extra: int = 3):
    formset_class = forms.modelformset_factory(
        kind.model,
        form=row_form_class(kind),
        fields=kind.form_class._meta.fields,
        extra=extra,
        can_delete=True,
    )
    return formset_class(data, queryset=queryset, form_kwargs={"plan": plan, "user": user})
