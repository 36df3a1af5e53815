"""Two sign-in rules applied to every request (see README "Accounts and sign-in").

- `SecondFactorMiddleware`: a signed-in user who must pass a one-time code (`access.requires_second_factor`)
  and whose session has not passed one reaches only the pages that set one up or ask for it.
- `UserLanguageMiddleware`: the language chosen in the profile becomes the interface's language at
  sign-in (the language cookie is set once; the switcher in the header still works afterwards).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from danvan.org.access import requires_second_factor

LANGUAGE_AT_LOGIN = "danvan_language_at_login"  # session key: set at sign-in, applied by the response


class SecondFactorMiddleware:
    OPEN = ("/static/", "/i18n/", "/healthz")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(self.OPEN)
            and not _second_factor_page(request.path)
            and requires_second_factor(user)
            and not user.is_verified()  # type: ignore[union-attr]  # django_otp.middleware.OTPMiddleware
        ):
            if request.path.startswith("/api/"):
                message = _("This account needs a second factor: sign in again with your one-time code.")
                return JsonResponse({"detail": message, "code": "second_factor_required"}, status=403)
            from danvan.org.services.accounts import second_factor_devices

            target = "login_code" if second_factor_devices(user) else "two_factor"
            return redirect(reverse(target))
        return self.get_response(request)


def _second_factor_page(path: str) -> bool:
    return path in {reverse("two_factor"), reverse("two_factor_enrol"), reverse("login_code"), reverse("logout")}


class UserLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        language = session.pop(LANGUAGE_AT_LOGIN, None) if session is not None else None
        if language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response
