from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from danvan.org.selectors import membership_list, user_scope


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/home.html",
        {"memberships": membership_list(user=request.user), "scope": user_scope(user=request.user)},
    )


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
