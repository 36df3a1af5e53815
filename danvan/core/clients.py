"""Who is asking: the client's address, also behind a reverse proxy.

Behind nginx every request comes from the proxy's address, so a limit keyed by `REMOTE_ADDR` puts
every citizen in one bucket: five petitions from anyone would block the whole country. The proxy
tells who its client was in `X-Forwarded-For`, but anyone can send that header, so it is believed
only when the request comes from a proxy listed in `DANVAN_TRUSTED_PROXIES`, and only as far as
trusted proxies wrote it: the list is read from the right (each proxy appends the address it saw)
and the first address that is not a trusted proxy is the client. What a client wrote itself lies
further left and is never reached.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from django.conf import settings
from django.http import HttpRequest

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def _address(text: str) -> Address | None:
    text = text.strip()
    if text.startswith("[") and "]" in text:  # "[2001:db8::1]:4711"
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # "203.0.113.7:4711"
        text = text.split(":", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _trusted(address: Address, proxies: list[Any]) -> bool:
    return any(address in network for network in proxies if address.version == network.version)


def client_address(request: HttpRequest) -> str:
    """The client's address: the peer's, or, from a trusted proxy, the rightmost untrusted hop it reports."""
    peer = request.META.get("REMOTE_ADDR", "") or ""
    proxies = getattr(settings, "DANVAN_TRUSTED_PROXIES", [])
    current = _address(peer)
    if current is None:
        return peer or "unknown"
    if not proxies or not _trusted(current, proxies):
        return str(current)
    hops = [h for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:  # not an address: the chain cannot be followed past the proxy that passed it on
            break
        current = address
        if not _trusted(current, proxies):
            break
    return str(current)
