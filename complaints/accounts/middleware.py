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
