"""Re-mapping history onto the current map: national administrators start it and watch its progress.

It starts by itself when the map or a succession weight changes (see `reporting.receivers`).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods

from danvan.core.errors import DomainError
from danvan.org.access import is_national
from danvan.reporting.models import RollupRebuild
from danvan.reporting.services import rollup_rebuild_start


def _national(request: HttpRequest) -> None:
    if not is_national(request.user):
        raise Http404


@login_required
@require_http_methods(["GET", "POST"])
def remap(request: HttpRequest) -> HttpResponse:
    _national(request)
    if request.method == "POST":
        try:
            rollup_rebuild_start(actor=request.user, reason=request.POST.get("reason", ""))
        except DomainError as e:
            messages.error(request, e.message)
        return redirect("reporting:rebuild")
    jobs = RollupRebuild.objects.select_related("requested_by")[:20]
    return render(request, "reporting/rebuild.html", {"jobs": jobs})


@login_required
def remap_status(request: HttpRequest, pk: int) -> HttpResponse:
    _national(request)
    job = get_object_or_404(RollupRebuild, pk=pk)
    return render(request, "reporting/_rebuild_job.html", {"job": job})


urlpatterns = [
    path("remap/", remap, name="rebuild"),
    path("remap/<int:pk>/", remap_status, name="rebuild-status"),
]
