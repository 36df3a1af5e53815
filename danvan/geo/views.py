from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from danvan.core.errors import NotFound
from danvan.geo import selectors


@login_required
def browse(request: HttpRequest) -> HttpResponse:
    return render(request, "geo/browse.html", {})


@login_required
def unit_detail(request: HttpRequest, era: str, code: str) -> HttpResponse:
    try:
        unit = selectors.unit_get(user=request.user, era=era, code=code)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    return render(request, "geo/unit.html", {"unit": unit})
