"""The Django admin, signed into only through the app's own sign-in (password, then the one-time code).

Django's admin has its own login form that checks the password alone: an account with a second
factor (required or enrolled of its own accord) would get a full session there without its code.
So the admin's login page only sends the visitor to the app's sign-in (`/accounts/login/`, with
`next` kept), which asks for the code and counts wrong ones towards throttling; and every admin page
refuses a session that has yet to pass a code the account has or needs (`access.second_factor_pending`),
however it was signed in. django-otp's `OTPAdminSite` was not taken: it adds a second code form
beside ours, without our throttling, and demands a code even of accounts that need none.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from danvan.org.access import second_factor_pending


class DanVanAdminSite(admin.AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and not second_factor_pending(request.user)

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        """Never signs anyone in (a POST with a password does nothing): off to the app's sign-in."""
        target = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
            target = ""
        target = target or reverse("admin:index", current_app=self.name)
        return HttpResponseRedirect(f"{reverse('login')}?{urlencode({'next': target})}")
