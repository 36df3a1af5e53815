from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from danvan.org.access import is_national
from danvan.org.selectors import membership_list


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The signed-in user's scope: each role, its unit, and the other era's units it also covers."""
    rows = membership_list(user=request.user)
    national = is_national(request.user)
    return render(request, "core/home.html", {"rows": rows, "national": national})


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitors: is the database answering?"""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return JsonResponse({"status": "error", "database": {"ok": False, "error": str(exc)}}, status=503)
    return JsonResponse({"status": "ok", "database": {"ok": True, "vendor": connection.vendor}})
