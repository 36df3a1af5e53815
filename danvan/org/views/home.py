"""The signed-in user's own page: the scope their memberships give them, on both maps."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from danvan.org.access import is_national
from danvan.org.selectors import membership_list


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The signed-in user's scope: each role, its unit, and the other era's units it also covers."""
    rows = membership_list(user=request.user)
    national = is_national(request.user)
    return render(request, "core/home.html", {"rows": rows, "national": national})
