from django.conf import settings
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode

from complaints.accounts import two_factor


class SecurityHeadersMiddleware:
    """Headers Django's SecurityMiddleware does not set.

    The Content Security Policy allows only this site's own scripts and
    styles: no inline script anywhere in the templates.
    """

    CSP = (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
        "frame-ancestors 'none'"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.CSP)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), geolocation=(), microphone=(), payment=()"
        )
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            # Case records must not linger in shared browsers' caches.
            response.headers.setdefault("Cache-Control", "no-store")
        return response


class TwoFactorMiddleware:
    """After the password, nothing but the second step until it is done.

    A signed-in person whose session has not passed the second step is sent to
    enter a code (or to set up their authenticator) with where they were going.
    """

    ALLOWED = {"two_factor_code", "two_factor_setup", "logout", "accessibility", "login"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if settings.REQUIRE_TWO_FACTOR and user is not None and user.is_authenticated \
                and not two_factor.is_verified(request):
            try:
                name = resolve(request.path_info).url_name
            except Resolver404:
                name = None
            if name not in self.ALLOWED:
                target = "two_factor_code" if two_factor.confirmed(user) else "two_factor_setup"
                return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
