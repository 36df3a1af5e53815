"""The error answers operations document, each with the body every API error has (`ErrorSerializer`).

An operation lists the ones it can give: 400 when it reads parameters or a body, 401 unless it is
public, 404 when its address names an object, 403/409/429 where a service can refuse so; 415 is
added to every operation that reads a body by `ApiSchema` (settings' DEFAULT_SCHEMA_CLASS).
`tests/test_schema.py` checks the first three for every operation, and `tests/test_conformance.py`
that nothing else comes back.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse

from danvan.api.serializers import ErrorSerializer


def error(description: Any) -> OpenApiResponse:
    return OpenApiResponse(ErrorSerializer, description=description)


BAD_REQUEST = error(_("A parameter or a field is malformed or names nothing (code invalid; “errors” says which)."))
UNAUTHENTICATED = error(_("No token or session, or a bad token (code not_authenticated or authentication_failed)."))
FORBIDDEN = error(_("The caller sees it but may not do this (code forbidden)."))
NOT_FOUND = error(_("No such object, or not one the caller may see (code not_found)."))
CONFLICT = error(_("Not possible in its current state (the code says why)."))
TOO_MANY = error(
    _("Too many requests from this address (code rate_limited); the header Retry-After says when to retry.")
)
UNAVAILABLE = error(_("It could not be stored just now; try again."))
UNSUPPORTED = error(_("The body is neither JSON nor a form (code unsupported_media_type)."))


class ApiSchema(AutoSchema):
    """The schema of every API view: an operation that reads a body also documents 415."""

    def get_operation(self, *args: Any, **kwargs: Any) -> Any:
        operation = super().get_operation(*args, **kwargs)
        if operation is not None and "requestBody" in operation and "415" not in operation["responses"]:
            operation["responses"]["415"] = self._get_response_for_code(UNSUPPORTED, "415")
        return operation


TOO_MANY_SIGN_INS = error(
    _(
        "Too many failed sign-ins for this account or from this address (code throttled); the header "
        "Retry-After says when to retry."
    )
)
