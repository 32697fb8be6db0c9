from django.contrib.auth import views as auth_views
from django.urls import include, path

from complaints.accounts import views as accounts
from complaints.accounts.admin import site as admin_site
from complaints.casework import views as casework

urlpatterns = [
    path("", accounts.home, name="home"),
    path("sign-in/", accounts.SignInView.as_view(), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("two-step/code/", accounts.two_factor_code, name="two_factor_code"),
    path("two-step/set-up/", accounts.two_factor_setup, name="two_factor_setup"),
    path("two-step/recovery-codes/", accounts.recovery_codes, name="recovery_codes"),
    path("two-step/replace/", accounts.two_factor_replace, name="two_factor_replace"),
    path("two-step/set-up-tokens/", accounts.set_up_tokens, name="set_up_tokens"),
    path("accessibility/", accounts.accessibility, name="accessibility"),
    path("my-work/", casework.my_work, name="my_work"),
    path("cases/", casework.case_list, name="case_list"),
    path("cases/new/", casework.case_new, name="case_new"),
    path("cases/<str:reference>/", casework.case_detail, name="case_detail"),
    path("cases/<str:reference>/<slug:action>/", casework.case_action, name="case_action"),
    path("due-dates/", casework.calculator, name="calculator"),
    path("", include("complaints.records.urls")),
    path("", include("complaints.letters.urls")),
    path("", include("complaints.intake.urls")),
    path("", include("complaints.reports.entry_urls")),
    path("", include("complaints.privacy.urls")),
    path("", include("complaints.reports.urls")),
    path("", include("complaints.transfer.urls")),
    path("", include("complaints.subject_access.urls")),
    path("admin/", admin_site.urls),
]
