from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

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
