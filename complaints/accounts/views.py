from datetime import timedelta

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone

from complaints.accounts import unusual

from complaints.accounts.access import Action, can
from complaints.accounts.decorators import require
from complaints.accounts.forms import AuditSearchForm, SignInForm
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
