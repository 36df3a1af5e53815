"""The signed-in user's own page: the scope their memberships give them, on both maps."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from danvan.geo.selectors import units_by_paths
from danvan.org.selectors import membership_list, user_scope


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The signed-in user's scope: each role, its unit, and the other era's units it also covers."""
    scope = user_scope(user=request.user)
    other_era_paths = {grant.unit_id: grant.paths[1:] for grant in scope.grants}  # paths[0] is the unit itself
    wanted = [path for paths in other_era_paths.values() for path in paths]
    units = {unit.path: unit for unit in units_by_paths(user=request.user, paths=wanted)}
    rows = [
        (membership, [units[path] for path in other_era_paths.get(membership.unit_id, ()) if path in units])
        for membership in membership_list(user=request.user)
    ]
    return render(request, "core/home.html", {"rows": rows, "scope": scope})
