
from django.contrib import messages
from django.contrib.auth import authenticate, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from complaints.accounts import two_factor
from complaints.accounts.access import Action, can
from complaints.accounts.decorators import require
from complaints.accounts.forms import (
    IssueSetUpTokenForm, ReauthenticateForm, SetUpTokenForm, SignInForm, TwoFactorCodeForm,
)
from complaints.accounts.models import TwoFactor
from complaints.audit import audit
from complaints.audit.models import AuditEntry


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


def home(request):
    """Send each person to the first page their role may use."""
    if not request.user.is_authenticated:
        return redirect("login")
    if can(request.user, Action.MY_WORK):
        return redirect("my_work")
    return render(request, "accounts/home.html")


def accessibility(request):
    return render(request, "accessibility.html")


# -- Two-factor sign-in -------------------------------------------------------------------

WRONG_CODE = "The code is not right. Enter the 6-digit code your authenticator app shows now, or a recovery code"


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return target
    return reverse("home")


def _with_next(request, name: str):
    return redirect(f"{reverse(name)}?{urlencode({'next': _next(request)})}")


def _signed_in(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None


def _wrong(request, form, field: str, attempt: two_factor.Attempt, what: str, message: str):
    """Record a wrong (or refused) code or set-up token and say so on the form;
    the wrong one that locks the second step signs the person out. A response,
    or None to show the form again (with ``form.status``)."""
    until = timezone.localtime(attempt.locked_until) if attempt.locked_until else None
    if attempt.refused:
        audit.record(request, AuditEntry.Action.SIGN_IN_FAILED,
                     detail=f"{what.capitalize()} refused: second step locked until {until:%H:%M}")
        form.add_error(field, f"You entered a wrong code too many times. Wait until {until:%H:%M}, "
                              "then try again, or ask an administrator to help")
        form.status = 429
        return None
    audit.record(request, AuditEntry.Action.SIGN_IN_FAILED, detail=f"Wrong {what} ({attempt.failures})")
    if attempt.locked_now:
        audit.record(request, AuditEntry.Action.SIGN_IN_FAILED,
                     detail=f"Second step locked until {until:%H:%M} after {attempt.failures} wrong codes")
        logout(request)
        messages.error(request, f"You entered a wrong code too many times. Wait until {until:%H:%M}, "
                                "then sign in again.")
        return redirect("login")
    form.add_error(field, message)
    return None


def _reauthenticated(request, form) -> tuple[bool, object]:
    """The person's password and a current code (or a recovery code), checked
    as signing in checks them: wrong passwords count towards django-axes'
    lock-out, wrong codes towards the second step's. (whether both were right,
    a response to send instead of the form or None)."""
    if authenticate(request, username=request.user.get_username(),
                    password=form.cleaned_data["password"]) is None:
        form.add_error("password", "The password is not right. Enter the password you sign in with")
        return False, None
    attempt = two_factor.check(request.user, form.cleaned_data["code"])
    if attempt.used:
        return True, None
    return False, _wrong(request, form, "code", attempt, "code", WRONG_CODE)


def two_factor_code(request):
    """The second step of signing in: a code from the authenticator app, or a
    recovery code. Wrong ones are counted against the account (see two_factor)."""
    if (response := _signed_in(request)) is not None:
        return response
    if not two_factor.confirmed(request.user):
        return _with_next(request, "two_factor_setup")
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        attempt = two_factor.check(request.user, form.cleaned_data["code"])
        if attempt.used:
            two_factor.mark_verified(request)
            audit.record(request, AuditEntry.Action.SIGN_IN, detail="Second step: " + (
                "recovery code" if attempt.used == "recovery" else "authenticator code"))
            if attempt.used == "recovery":
                left = request.user.recovery_codes.filter(used_at=None).count()
                messages.warning(request, f"You used a recovery code. {left} are left: make new ones if that is few.")
            return redirect(_next(request))
        if (response := _wrong(request, form, "code", attempt, "code", WRONG_CODE)) is not None:
            return response
    return render(request, "accounts/two_factor_code.html", {"form": form, "next": _next(request)},
                  status=getattr(form, "status", 200))


def two_factor_setup(request):
    """Setting up the first authenticator: the set-up token an administrator
    issued, then the key to add to the app and a code from it; the recovery
    codes are shown once. Someone with an authenticator is sent to replace it."""
    if (response := _signed_in(request)) is not None:
        return response
    if two_factor.confirmed(request.user):
        return _with_next(request, "two_factor_replace" if two_factor.is_verified(request) else "two_factor_code")
    token = two_factor.accepted_token(request)
    if token is None:
        form = SetUpTokenForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            attempt = two_factor.accept_token(request, form.cleaned_data["token"])
            if attempt.used:
                return _with_next(request, "two_factor_setup")
            if (response := _wrong(request, form, "token", attempt, "set-up token",
                                   "The set-up token is not right, or it has expired or been used. Enter the "
                                   "token an administrator gave you, or ask them for a new one")) is not None:
                return response
        return render(request, "accounts/two_factor_set_up_token.html", {"form": form, "next": _next(request)},
                      status=getattr(form, "status", 200))
    device = two_factor.enrolment(request.user)
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.confirm(request.user, form.cleaned_data["code"], token=token)
        if codes is not None:
            two_factor.mark_verified(request)
            audit.record(request, AuditEntry.Action.CHANGE, request.user, detail="Authenticator set up")
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": _next(request)})
        form.add_error("code", "The code is not right. Enter the 6-digit code your authenticator app shows now")
    return _new_key_page(request, form, device.secret, replacing=False)


def _new_key_page(request, form, secret: str, *, replacing: bool):
    return render(request, "accounts/two_factor_setup.html", {
        "form": form, "next": _next(request), "replacing": replacing,
        "secret": " ".join(secret[i:i + 4] for i in range(0, len(secret), 4)),
        "uri": two_factor.provisioning_uri(TwoFactor(user=request.user, secret=secret))})


def two_factor_replace(request):
    """Replacing the authenticator (a new phone): the password and a current
    code first, then the new key and a code from it; new recovery codes."""
    if (response := _signed_in(request)) is not None:
        return response
    if not two_factor.confirmed(request.user):
        return _with_next(request, "two_factor_setup")
    secret = two_factor.replacement_secret(request)
    if secret is None:
        form = ReauthenticateForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            right, response = _reauthenticated(request, form)
            if right:
                two_factor.start_replacement(request)
                return _with_next(request, "two_factor_replace")
            if response is not None:
                return response
        return render(request, "accounts/two_factor_replace.html", {"form": form, "next": _next(request)},
                      status=getattr(form, "status", 200))
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.replace(request, form.cleaned_data["code"])
        if codes is not None:
            two_factor.mark_verified(request)
            audit.record(request, AuditEntry.Action.CHANGE, request.user, detail="Authenticator replaced")
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": _next(request)})
        form.add_error("code", "The code is not right. Enter the 6-digit code your new authenticator app shows now")
    return _new_key_page(request, form, secret, replacing=True)


def recovery_codes(request):
    """New recovery codes (the old ones stop working), for a signed-in person
    who enters their password and a current code again."""
    if (response := _signed_in(request)) is not None:
        return response
    if not two_factor.confirmed(request.user):
        return redirect("two_factor_setup")
    form = ReauthenticateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        right, response = _reauthenticated(request, form)
        if right:
            codes = two_factor.new_recovery_codes(request.user)
            audit.record(request, AuditEntry.Action.CHANGE, request.user, detail="New recovery codes")
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": reverse("home")})
        if response is not None:
            return response
    left = request.user.recovery_codes.filter(used_at=None).count()
    return render(request, "accounts/recovery_codes_new.html", {"form": form, "left": left},
                  status=getattr(form, "status", 200))


@require(Action.MANAGE_REFERENCE_DATA)
def set_up_tokens(request):
    """Administrators issue the one-time token a person needs to set up their
    first authenticator; it is shown once."""
    form = IssueSetUpTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["user"]
        token, issued = two_factor.issue_token(person, by=request.user)
        audit.record(request, AuditEntry.Action.CREATE, issued,
                     detail=f"Valid until {timezone.localtime(issued.expires_at):%d %B %Y %H:%M}")
        return render(request, "accounts/set_up_token_issued.html", {
            "person": person, "token": token, "expires_at": issued.expires_at})
    return render(request, "accounts/set_up_tokens.html", {"form": form})
