from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from complaints.accounts.models import User
from complaints.govuk.forms import GovukDateField


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password",
        "inactive": "This account is inactive",
        "demonstration": "Demonstration accounts cannot sign in to the live service. "
                         "Sign in with your own account",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.fields["username"].widget.attrs.pop("autofocus", None)

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        # Their password is published (manage.py demo_data): only a development system takes them.
        if user.demonstration and not settings.DEBUG:
            raise ValidationError(self.error_messages["demonstration"], code="demonstration")


class TwoFactorCodeForm(forms.Form):
    code = forms.CharField(
        label="Code", max_length=20, help_text="The 6-digit code from your authenticator app, or a recovery code",
        error_messages={"required": "Enter the code from your authenticator app"},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "class": "govuk-input--width-10",
                                      "spellcheck": "false"}),
    )


class ReauthenticateForm(TwoFactorCodeForm):
    """The password again and a current code, before an authenticator or the
    recovery codes are replaced."""

    password = forms.CharField(
        label="Your password", strip=False,
        error_messages={"required": "Enter your password"},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    field_order = ["password", "code"]


class SetUpTokenForm(forms.Form):
    token = forms.CharField(
        label="Set-up token", max_length=40,
        help_text="An administrator gives you this, for example ABCD-EFGH-JKLM-NPQR",
        error_messages={"required": "Enter the set-up token an administrator gave you"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false",
                                      "class": "govuk-input--width-20"}),
    )


class IssueSetUpTokenForm(forms.Form):
    user = forms.ModelChoiceField(
        label="Who is setting up their authenticator", empty_label="Choose a person",
        queryset=User.objects.filter(is_active=True).exclude(
            two_factor__confirmed_at__isnull=False),
        error_messages={"required": "Select the person to issue a set-up token to",
                        "invalid_choice": "Select a person who has not set up an authenticator yet"},
    )
