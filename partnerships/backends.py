from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm


class EmailOrUsernameBackend(ModelBackend):
    """People sign in with their email address (accounts made from an invitation) or
    their username (accounts made by a script); either way the password decides."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username and "@" in username:
            found = get_user_model().objects.filter(email__iexact=username.strip()).order_by("pk").first()
            if found is not None:
                username = found.get_username()
        return super().authenticate(request, username=username, password=password, **kwargs)


class SignInForm(AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Email address or username"
        self.error_messages["invalid_login"] = (
            "Enter a correct email address (or username) and password. The password is case-sensitive."
        )
