from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from complaints.accounts import audit, two_factor, unusual
from complaints.accounts.access import Action, can
from complaints.accounts.decorators import require
from complaints.accounts.forms import AuditSearchForm, SignInForm, TwoFactorCodeForm
from complaints.accounts.models import AuditEntry


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


@require(Action.VIEW_AUDIT_LOG)
def audit_log(request):
    form = AuditSearchForm(request.GET or None)
    entries = form.filter(AuditEntry.objects.select_related("user"))
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request, "accounts/audit_log.html", {"form": form, "page": page, "query": query.urlencode()}
    )


@require(Action.VIEW_AUDIT_LOG)
def unusual_access(request):
    """Users who opened many cases outside their own team (or service area) in
    a day, over the last fortnight: what an information governance lead looks
    at first."""
    since = timezone.localdate() - timedelta(days=settings.AUDIT_UNUSUAL_DAYS)
    findings = unusual.find(since=since, threshold=settings.AUDIT_UNUSUAL_CASES_PER_DAY)
    return render(request, "accounts/unusual_access.html", {
        "findings": findings, "since": since, "threshold": settings.AUDIT_UNUSUAL_CASES_PER_DAY})


# -- Two-factor sign-in -------------------------------------------------------------------

MAX_CODE_FAILURES = 5


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return target
    return reverse("home")


def _signed_in(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None


def two_factor_code(request):
    """The second step of signing in: a code from the authenticator app, or a
    recovery code. Five wrong codes sign the person out."""
    if (response := _signed_in(request)) is not None:
        return response
    if not two_factor.confirmed(request.user):
        return redirect(f"{reverse('two_factor_setup')}?{urlencode({'next': _next(request)})}")
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        used = two_factor.check(request.user, form.cleaned_data["code"])
        if used:
            two_factor.mark_verified(request)
            request.session.pop("two_factor_failures", None)
            audit.record(request, AuditEntry.Action.SIGN_IN,
                         detail="Second step: " + ("recovery code" if used == "recovery" else "authenticator code"))
            if used == "recovery":
                left = request.user.recovery_codes.filter(used_at=None).count()
                messages.warning(request, f"You used a recovery code. {left} are left: make new ones if that is few.")
            return redirect(_next(request))
        failures = request.session.get("two_factor_failures", 0) + 1
        request.session["two_factor_failures"] = failures
        audit.record(request, AuditEntry.Action.SIGN_IN_FAILED, detail=f"Wrong code ({failures})")
        if failures >= MAX_CODE_FAILURES:
            logout(request)
            messages.error(request, "You entered a wrong code too many times. Sign in again.")
            return redirect("login")
        form.add_error("code", "The code is not right. Enter the 6-digit code your authenticator app "
                               "shows now, or a recovery code")
    return render(request, "accounts/two_factor_code.html", {"form": form, "next": _next(request)})


def two_factor_setup(request):
    """Setting up the authenticator the first time: the key to add to the app,
    then a code from it; the recovery codes are shown once."""
    if (response := _signed_in(request)) is not None:
        return response
    if two_factor.confirmed(request.user) and not two_factor.is_verified(request):
        return redirect(f"{reverse('two_factor_code')}?{urlencode({'next': _next(request)})}")
    device = two_factor.enrolment(request.user)
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.confirm(request.user, form.cleaned_data["code"])
        if codes is not None:
            two_factor.mark_verified(request)
            audit.record(request, AuditEntry.Action.CHANGE, request.user, detail="Authenticator set up")
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": _next(request)})
        form.add_error("code", "The code is not right. Enter the 6-digit code your authenticator app shows now")
    return render(request, "accounts/two_factor_setup.html", {
        "form": form, "next": _next(request), "secret": " ".join(
            device.secret[i:i + 4] for i in range(0, len(device.secret), 4)),
        "uri": two_factor.provisioning_uri(device)})


def recovery_codes(request):
    """New recovery codes (the old ones stop working), for a signed-in person."""
    if (response := _signed_in(request)) is not None:
        return response
    if not two_factor.confirmed(request.user):
        return redirect("two_factor_setup")
    if request.method != "POST":
        left = request.user.recovery_codes.filter(used_at=None).count()
        return render(request, "accounts/recovery_codes_new.html", {"left": left})
    codes = two_factor.new_recovery_codes(request.user)
    audit.record(request, AuditEntry.Action.CHANGE, request.user, detail="New recovery codes")
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": reverse("home")})
