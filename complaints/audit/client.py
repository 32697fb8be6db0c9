"""The network address a request came from: the one answer the audit log, the
public forms' rate limit and django-axes's sign-in lock-out all use.

Without a proxy (TRUSTED_PROXY_COUNT = 0) it is the address of the connection,
REMOTE_ADDR, and any X-Forwarded-For the client sends is ignored. Behind N
proxies that each append the address they were reached from to
TRUSTED_PROXY_HEADER (nginx: ``proxy_set_header X-Forwarded-For
$proxy_add_x_forwarded_for``), the last N entries of that header were written
by the council's own proxies, and the Nth from the right is the client as the
outermost one saw it. Anything to its left came from the client and is never
read: a client cannot choose its own address.
"""

import ipaddress

from django.conf import settings


def client_address(request) -> str | None:
    """The client's IP address, or None if the trusted proxy gave something that is
    not one. Reads settings.TRUSTED_PROXY_COUNT and TRUSTED_PROXY_HEADER; no queries."""
    count = settings.TRUSTED_PROXY_COUNT
    if count == 0:
        return request.META.get("REMOTE_ADDR") or None
    header = "HTTP_" + settings.TRUSTED_PROXY_HEADER.upper().replace("-", "_")
    hops = [hop.strip() for hop in request.META.get(header, "").split(",") if hop.strip()]
    if not hops:
        # Not through the proxies (they always add one): only the connection is known.
        return request.META.get("REMOTE_ADDR") or None
    # Fewer entries than proxies: every entry was still written by one of them.
    address = hops[-min(count, len(hops))]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None
