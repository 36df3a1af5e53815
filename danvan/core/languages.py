"""Which languages each side of the site speaks: the portal six, the back office two.

Why: the portal's URLs carry their language (/es/...), so Django must know all six, and a browser
that asks for Spanish would then get a back office half in Spanish (Django's own strings) and half
in English (ours, untranslated). Outside the portal's prefixes the choice is made again among the
back office's languages only: the cookie the language menu sets, then the browser's list, then
Vietnamese. The profile's language (org.middleware.UserLanguageMiddleware) still comes after.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.urls import is_valid_path
from django.utils import translation
from django.utils.translation import trans_real


def backoffice_codes() -> list[str]:
    return [code for code, _name in settings.BACKOFFICE_LANGUAGES]


def backoffice_language(request: HttpRequest) -> str:
    """The back office's language for a request that named none in its URL."""
    codes = backoffice_codes()
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    if cookie in codes:
        return cookie
    for accepted, _quality in trans_real.parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        base = accepted.split("-")[0].lower()
        if base in codes:
            return base
    return str(settings.LANGUAGE_CODE)


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's, except that a page outside the portal that answered 404 on purpose stays a 404.

    Django sends any unprefixed 404 to the same path under the language prefix when that path
    exists. The portal has /vi/models/<pk>/ as the back office has /models/<pk>/: a model the
    user may not see (forbidden answers like missing) would be redirected to its public page
    instead of being missing. Only addresses that resolve nowhere get Django's helpful redirect
    (/stories/ goes to /vi/stories/).
    """

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if response.status_code == 404 and is_valid_path(request.path_info, getattr(request, "urlconf", None)):
            return response
        return super().process_response(request, response)


class BackofficeLanguageMiddleware:
    """After LocaleMiddleware: a page outside the portal's prefixes speaks a back-office language."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not trans_real.get_language_from_path(request.path_info):
            language = translation.get_language()
            if language not in backoffice_codes():
                language = backoffice_language(request)
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)
