"""API errors: one body for every error, in the caller's language, never a stack trace.

    {"detail": "<one sentence for a person>", "code": "<stable machine name>", "errors": {...}}

`errors` (field or parameter -> messages) is only there for 400s. Domain errors carry their own
translated message. DRF's own errors that clients meet every day get our wording, so they are in
our catalogue (DRF's Vietnamese catalogue is nearly empty); rarer ones keep DRF's text.

Nothing under /api/ answers an HTML page: an address no route matches gets `not_found` below (the
last route of api/urls.py), a request Django finds suspicious (a body too large, too many fields)
a 400, and a bug a 500 in the same shape — still logged with its traceback, as Django would.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.core.signals import got_request_exception
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from danvan.api.authentication import SECOND_FACTOR_TOKEN_CODES
from danvan.core.errors import DomainError


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DomainError):
        set_rollback()
        body: dict[str, Any] = {"detail": exc.message, "code": exc.code}
        if exc.status == 400:  # every 400 has `errors`; a rule of the domain names no single field…
            by_cell = getattr(exc, "by_cell", None)  # …unless it names cells (reporting.services.CellErrors)
            body["errors"] = by_cell() if callable(by_cell) else {"non_field_errors": [exc.message]}
        return Response(body, status=exc.status, headers=exc.headers or None)  # Retry-After with a 429
    if isinstance(exc, Http404):  # as DRF's handler does, so that the message below is ours
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None and isinstance(exc, SuspiciousOperation):  # RequestDataTooBig, TooManyFieldsSent…
        set_rollback()
        return Response(
            {"detail": _("The request cannot be accepted: %(reason)s") % {"reason": exc}, "code": "bad_request"},
            status=400,
        )
    if response is None:  # not an API error: a bug
        return _server_error(exc, context)
    if isinstance(exc, exceptions.ValidationError):
        errors = _as_field_errors(exc.detail)
        response.data = {"detail": _summary(errors), "code": "invalid", "errors": errors}
    else:
        detail = getattr(exc, "detail", None)
        code = getattr(detail, "code", None) or getattr(exc, "default_code", "error")
        response.data = {"detail": _message(exc, context) or str(detail), "code": code}
    return response


def _server_error(exc: Exception, context: dict[str, Any]) -> Response | None:
    """A bug: logged with its traceback as Django does, answered in the API's shape (DEBUG keeps Django's page)."""
    if settings.DEBUG:
        return None
    set_rollback()
    request = getattr(context.get("request"), "_request", None)
    got_request_exception.send(sender=None, request=request)  # what Django does: the test client re-raises it
    logging.getLogger("django.request").error(
        "Internal Server Error: %s",
        getattr(request, "path", ""),
        exc_info=exc,
        extra={"status_code": 500, "request": request},
    )
    response = Response(
        {
            "detail": _("Something went wrong on our side; it has been recorded. Please try again later."),
            "code": "server_error",
        },
        status=500,
    )
    response._has_been_logged = True  # type: ignore[attr-defined]  # Django's log_response would log it again
    return response


@csrf_exempt
def not_found(request: HttpRequest, path: str = "") -> JsonResponse:
    """Any address under /api/ that no route matches, whatever the method: the API's 404, not Django's page."""
    body = {
        "detail": _("There is nothing at %(path)s; the list of addresses is at /api/docs/.") % {"path": request.path},
        "code": "not_found",
    }
    return JsonResponse(body, status=404)


def _message(exc: Exception, context: dict[str, Any]) -> str | None:
    if isinstance(exc, exceptions.NotAuthenticated):
        return _("Sign in first: send the header “Authorization: Token <token>”; get a token from /api/v1/auth/token/.")
    if isinstance(exc, exceptions.AuthenticationFailed):
        if exc.get_codes() in SECOND_FACTOR_TOKEN_CODES:  # a real token, refused for a reason its owner can act on
            return str(exc.detail)
        # bad, revoked or malformed token, or its account disabled: the client does the same in every case
        return _("This token is not valid. Get a new one from /api/v1/auth/token/.")
    if isinstance(exc, exceptions.NotFound):
        return _("Not found.")
    if isinstance(exc, exceptions.MethodNotAllowed):
        request = context.get("request")
        return _("Method %(method)s is not allowed here.") % {"method": getattr(request, "method", "")}
    if isinstance(exc, exceptions.UnsupportedMediaType):
        request = context.get("request")
        return _("Send the body as JSON (Content-Type: application/json) or as a form, not as “%(type)s”.") % {
            "type": getattr(request, "content_type", "")
        }
    if isinstance(exc, exceptions.NotAcceptable):
        return _("The API answers only in JSON (Accept: application/json).")
    if isinstance(exc, exceptions.ParseError):
        return _("The request body cannot be read: %(reason)s") % {"reason": exc.detail}
    return None


def _as_field_errors(detail: Any) -> dict[str, list[str]]:
    """ValidationError.detail is a dict, a list or a string; make it {name: [messages]}."""
    if isinstance(detail, dict):
        return {str(name): _messages(msgs) for name, msgs in detail.items()}
    return {"non_field_errors": _messages(detail)}


def _messages(value: Any) -> list[str]:
    """A field's messages; those of the parts of a list or object value are led by the part's key or index."""
    if isinstance(value, dict):
        return [f"{key}: {m}" for key, inner in value.items() for m in _messages(inner)]
    if isinstance(value, list):
        return [m for inner in value for m in _messages(inner)]
    return [str(value)]


def _summary(errors: dict[str, list[str]]) -> str:
    """ "level: “town” is not a level; … as_of: not a date; …" – each message led by its parameter."""
    return " ".join(
        message if name == "non_field_errors" else f"{name}: {message}"
        for name, messages in errors.items()
        for message in messages
    )
