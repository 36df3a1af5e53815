"""What the engagement pages share: the 404 for what a user may not see, the refusal page, list queries."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from danvan.core.errors import DomainError, NotFound

PER_PAGE = 50


def get_or_404(getter: Any, request: HttpRequest, pk: int) -> Any:
    try:
        return getter(user=request.user, pk=pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def refused(request: HttpRequest, exc: DomainError, back: str) -> HttpResponse:
    return render(
        request, "engagement/activity_refused.html", {"message": exc.message, "back": back}, status=exc.status
    )


def query_string(request: HttpRequest) -> str:
    from urllib.parse import urlencode

    return urlencode([(k, v) for k, v in request.GET.items() if v and k not in ("page", "export")])


def export_format(request: HttpRequest) -> str | None:
    fmt = request.GET.get("export")
    return fmt if fmt in ("csv", "xlsx") else None
