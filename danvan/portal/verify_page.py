"""The certificate check page, rendered once per language and case, then filled in per request.

Why: the page is reached from a QR code on paper, by anyone, many times over (a province prints
10,000 certificates after a review conference); checking a code should cost little more than
reading its row (`bench/certificates.py`, target 2× a minimal view). Rendering the template was
two thirds of the request: a dozen `{% translate %}` and two `{% static %}` per page, none of
which depends on the certificate. So the template stays the one source of the page (translators
and markup as everywhere else), rendered once per (language, revoked, has a position) with a
marker in place of each value, and each request puts the certificate's escaped values in place of
the markers in a single pass (a value that happens to contain a marker is never read again).
"""

from __future__ import annotations

import functools
import re
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import get_language

from danvan.core.dates import format_date
from danvan.recognition.selectors.certificates import Verified

FIELDS = ("award", "recipient", "position", "reason", "issuer", "number", "signer_title", "signer_name", "code")
MARKER = re.compile(r"@@dv:(\w+)@@")


def _marker(name: str) -> str:
    return f"@@dv:{name}@@"


@functools.lru_cache(maxsize=128)
def _skeleton(language: str | None, revoked: bool, with_position: bool, namespace: str = "portal") -> str:
    """The page for one language, case and address family, with markers where the certificate's values go."""
    cert: dict[str, Any] = {name: _marker(name) for name in FIELDS}
    cert.update(revoked=revoked, position=_marker("position") if with_position else "")
    again = reverse(f"{namespace}:verify_form")
    context: dict[str, Any] = {"cert": cert, "signed_on": _marker("signed_on"), "again": again}
    return render_to_string("portal/verify.html", context)


def verify_html(found: Verified, namespace: str = "portal") -> str:
    """The page for `found`, in the active language; `namespace` "public" under the portal's language prefix."""
    if settings.DEBUG:  # a template edited while developing shows at once
        _skeleton.cache_clear()
    values = {name: escape(getattr(found, name)) for name in FIELDS}
    values["signed_on"] = escape(format_date(found.signed_on))
    skeleton = _skeleton(get_language(), found.revoked, bool(found.position), namespace)
    return MARKER.sub(lambda m: values[m.group(1)], skeleton)
