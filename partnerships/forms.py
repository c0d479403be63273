from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError

from plans.editor.forms import EditForm, YearField
from plans.forms import check_period
from plans.models import Area, Partnership, Plan

from .models import Role


class PartnershipForm(EditForm):
    class Meta:
        model = Partnership
        fields = ["name", "board_name", "description", "two_tier"]
        labels = {
            "name": "Partnership's name",
            "board_name": "Board's name",
            "description": "About the partnership",
        }

    required_messages = {"name": "Enter the partnership's name"}


class NewPartnershipForm(PartnershipForm):
    officer_email = forms.EmailField(
        label="First board officer's email address",
        help_text="They get an email with a link to set a password and start; they can then invite others.",
        error_messages={
            "required": "Enter the first board officer's email address",
            "invalid": "Enter an email address in the right format, like name@example.org",
        },
    )

    class Meta(PartnershipForm.Meta):
        fields = ["name", "board_name", "two_tier"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lay_out()


class AreaForm(EditForm):
    class Meta:
        model = Area
        fields = ["name", "kind"]
        labels = {"name": "Name of the area", "kind": "Kind of area"}
        help_texts = {
            "kind": "What the partnership calls it: district, borough, locality, ward, community board..."
        }

    required_messages = {"name": "Enter the name of the area", "kind": "Enter what kind of area it is"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].widget.attrs["list"] = "area-kinds"


class RoleChoiceField(forms.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            choices=Role.choices,
            widget=forms.RadioSelect,
            label="Role",
            error_messages={"required": "Choose a role", "invalid_choice": "Choose a role"},
            **kwargs,
        )


class AreasField(forms.ModelMultipleChoiceField):
    def __init__(self, partnership, **kwargs):
        super().__init__(
            queryset=Area.objects.filter(partnership=partnership),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label="Areas they look after",
            help_text="For an area lead: the areas whose local priorities they keep.",
            error_messages={
                "invalid_choice": "Choose areas of this partnership",
                "invalid_pk_value": "Choose areas of this partnership",
            },
            **kwargs,
        )


def _gds_helper():
    """GOV.UK rendering for a form inside the page's own <form>."""
    from crispy_forms_gds.helper import FormHelper

    helper = FormHelper()
    helper.form_tag = False
    return helper


class MembershipForm(forms.Form):
    """A person's role in the partnership, and for an area lead their areas."""

    use_required_attribute = False

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"] = RoleChoiceField()
        self.fields["areas"] = AreasField(partnership)
        self.helper = _gds_helper()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") == Role.LEAD and not cleaned.get("areas"):
            self.add_error(
                "areas", ValidationError("Choose the areas the area lead looks after", code="required")
            )
        return cleaned


class InviteForm(MembershipForm):
    email = forms.EmailField(
        label="Email address",
        error_messages={
            "required": "Enter the email address of the person to invite",
            "invalid": "Enter an email address in the right format, like name@example.org",
        },
    )


class AcceptForm(forms.Form):
    """A new account, made from an invitation."""

    use_required_attribute = False
    full_name = forms.CharField(
        label="Your full name",
        max_length=150,
        error_messages={
            "required": "Enter your full name",
            "max_length": "Your name must be 150 characters or fewer",
        },
    )
    password1 = forms.CharField(
        label="Choose a password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 12 characters. A few unrelated words make a strong password.",
        error_messages={"required": "Choose a password"},
    )
    password2 = forms.CharField(
        label="Type the password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Type the password again"},
    )

    def __init__(self, *args, email: str, **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)
        self.helper = _gds_helper()

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error(
                "password2", ValidationError("The two passwords are not the same", code="mismatch")
            )
        elif first:
            from django.contrib.auth import get_user_model

            candidate = get_user_model()(
                username=self.email, email=self.email, first_name=cleaned.get("full_name", "")
            )
            try:
                password_validation.validate_password(first, candidate)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class NewPlanForm(EditForm):
    """A new plan: what the partnership calls it, and its period."""

    start_year = YearField(
        label="Year the plan starts", help_text="For financial years, the year of its first 1 April."
    )
    end_year = YearField(
        label="Year the plan ends",
        help_text="For financial years, the year of its last 31 March; for calendar years, its last year.",
    )
    start_from = forms.ChoiceField(
        label="Start with",
        widget=forms.RadioSelect,
        choices=[
            ("skeleton", "The usual sections of a partnership plan, to fill in"),
            ("blank", "A blank plan"),
        ],
        initial="skeleton",
        error_messages={"required": "Choose how to start the plan"},
    )

    class Meta:
        model = Plan
        fields = ["title", "subtitle", "period_kind", "start_year", "end_year"]
        labels = {"title": "Title of the plan"}
        help_texts = {
            "title": 'What the partnership calls it, like "Community Safety Partnership Plan". The years are '
            "shown beside it: no need to repeat them."
        }

    required_messages = {
        "title": "Enter the title of the plan",
        "start_year": "Enter the year the plan starts",
        "end_year": "Enter the year the plan ends",
        "period_kind": "Choose whether the plan runs in financial or calendar years",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period_kind"].widget = forms.RadioSelect(choices=Plan.PeriodKind.choices)
        self.fields["period_kind"].choices = Plan.PeriodKind.choices
        self.lay_out()

    def clean(self):
        cleaned = super().clean()
        check_period(self, cleaned)
        return cleaned
