"""The base form and field types of every editing form: GOV.UK rendering with
crispy-forms-gds, plain-English messages, length limits stated with the GOV.UK
character count, and the service layer's errors shown on the form."""

import re
from decimal import Decimal

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.core.exceptions import ValidationError

MARKDOWN_HELP = (
    "You can use Markdown: **bold**, *italic*, lists starting with -, and links [text](https://...)."
)
FIGURES_HELP = (
    " Show a figure with {{key}}, {{key:signed}} or {{key:change}} (up 12% from 2023 to 2024), a yearly "
    "figure with {{series_key@2018}}, a quarter's with {{series_key@2024q1}}."
)


#: Characters that show nothing, and the ones that turn text's direction round.
INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]")
DIRECTION_OVERRIDES = re.compile("[\u202a-\u202e\u2066-\u2069]")
#: Fields at least this long are typed in a box with the GOV.UK character count.
COUNTED_FROM = 250


def _lower_first(label: str) -> str:
    return label[:1].lower() + label[1:]


class EditForm(forms.ModelForm):
    """Base for every editing form: GOV.UK rendering, plain-English messages, limits
    stated as people type (character count) and never silently cut.

    The form checks what people typed; the service it is passed to checks the item
    as a whole, the database's rules included, and its errors are shown here with
    ``show_errors``."""

    use_required_attribute = False
    markdown_fields: tuple[str, ...] = ()
    #: "This field is required" in the words of the page, by field; others get
    #: "Enter <label>" or "Choose <label>".
    required_messages: dict[str, str] = {}

    def __init__(self, *args, plan=None, user=None, **kwargs):
        self.plan, self.user = plan, user
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.legend_size = Size.SMALL
        self.helper.disable_csrf = True  # the page's own <form> has the token
        for name, field in self.fields.items():
            label = str(field.label or name.replace("_", " "))
            if name in self.required_messages:
                field.error_messages["required"] = self.required_messages[name]
            elif field.error_messages.get("required") == forms.Field.default_error_messages["required"]:
                verb = "Choose" if isinstance(field, forms.ChoiceField) else "Enter"
                field.error_messages["required"] = f"{verb} {_lower_first(label)}"
            limit = getattr(field, "max_length", None)
            if limit:
                # No maxlength attribute: it would cut a paste short without a word.
                field.widget.attrs.pop("maxlength", None)
                field.error_messages["max_length"] = (
                    f"{label.removesuffix(' (optional)')} must be {limit:,} characters or fewer"
                )
        self.lay_out()

    def lay_out(self) -> None:
        """The crispy layout of the form's fields (again after fields are removed)."""
        self.helper.layout = Layout(*(self._layout_field(name) for name in self.fields))

    def _layout_field(self, name: str):
        field = self.fields[name]
        limit = getattr(field, "max_length", None)
        if limit and limit >= COUNTED_FROM and isinstance(field.widget, forms.TextInput | forms.Textarea):
            rows = 8 if name in self.markdown_fields else 2
            # crispy-forms-gds links the count's message only to a box that already
            # has an aria-describedby (2.0.1).
            field.widget = forms.Textarea(attrs={"aria-describedby": ""})
            return Field.textarea(name, rows=rows, max_characters=limit)
        if name in self.markdown_fields:
            field.widget.attrs.setdefault("rows", 8)
        return name

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if not isinstance(value, str) or not value:
                continue
            if DIRECTION_OVERRIDES.search(value):
                self.add_error(
                    name,
                    ValidationError(
                        "Remove the hidden characters that change the direction of the text",
                        code="direction",
                    ),
                )
            elif not INVISIBLE.sub("", value).strip() and self.fields[name].required:
                self.add_error(
                    name, ValidationError(self.fields[name].error_messages["required"], code="required")
                )
        return cleaned


def show_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: beside the field it is about when
    the form has that field, at the top otherwise."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


class YearField(forms.IntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1990)
        kwargs.setdefault("max_value", 2100)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"})
        )
        kwargs.setdefault(
            "error_messages",
            {
                "invalid": "Enter a year as 4 digits, like 2015",
                "min_value": "Enter a year from 1990",
                "max_value": "Enter a year before 2100",
            },
        )
        super().__init__(**kwargs)


class DecimalInput(forms.DecimalField):
    """A number typed as text (GOV.UK's pattern), forgiving of £, commas and spaces."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10"})
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"[£,\s]", "", value)
        return super().to_python(value)


class WholeNumberField(forms.IntegerField):
    """A count typed as text, forgiving of commas and spaces ("33,529")."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", 2_000_000_000)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-10"})
        )
        kwargs.setdefault(
            "error_messages",
            {
                "invalid": "Enter a whole number, like 33529",
                "min_value": "Enter %(limit_value)s or more",
                "max_value": "Enter a number no bigger than %(limit_value)s",
            },
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"[,\s]", "", value)
        return super().to_python(value)


class MoneyField(DecimalInput):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal("0"))
        kwargs.setdefault(
            "error_messages",
            {
                "required": "Enter an amount",
                "invalid": "Enter the amount as a number, like 85910 or 85910.50",
                "min_value": "Enter an amount of £0 or more",
                "max_decimal_places": "Enter the amount in pounds and pence, with at most 2 decimal places",
                "max_digits": "Enter an amount less than £10,000,000,000",
                "max_whole_digits": "Enter an amount less than £10,000,000,000",
            },
        )
        super().__init__(**kwargs)
