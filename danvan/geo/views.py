"""The administrative-map browser: era switch, search, lazy tree, unit pages, villages.

Thin on purpose: every read goes through `geo.selectors` (which start from `org.access`), the
one write through `geo.services.village_add`. Missing and forbidden units both answer 404.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from danvan.core.errors import DomainError, NotFound
from danvan.geo import selectors, services
from danvan.geo.forms import CoveringForm, MapSearchForm, VillageForm
from danvan.geo.models import AdminUnit, Era, Level
from danvan.org.access import Action, can
from danvan.org.selectors import organization_list

SEARCH_LIMIT = 50  # a search is for finding one unit: past this many, ask for more letters
CHILDREN_PER_PAGE = 100  # a 2025 province has up to ~170 communes: two pages at most
ORGANIZATIONS_PER_PAGE = 50


def _unit_or_404(request: HttpRequest, era: str, code: str) -> AdminUnit:
    try:
        return selectors.unit_get(user=request.user, era=era, code=code)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _search_form(request: HttpRequest) -> tuple[MapSearchForm, Era | None, str]:
    """The bound search form, the chosen era (default: the one in force today) and the query."""
    eras = list(selectors.era_list())
    form = MapSearchForm(request.GET, eras=eras)
    if not form.is_valid():
        return form, None, ""
    code = form.cleaned_data["era"]
    era = next((e for e in eras if e.code == code), None) if code else selectors.current_era()
    return form, era, form.cleaned_data["q"]


def _search(user: Any, era: Era | None, q: str) -> dict[str, Any]:
    if era is None or not q:
        return {"q": q, "results": [], "more": False}
    found = list(selectors.unit_list(user=user, era=era.code, q=q).select_related("parent__parent")[: SEARCH_LIMIT + 1])
    return {"q": q, "results": found[:SEARCH_LIMIT], "more": len(found) > SEARCH_LIMIT, "limit": SEARCH_LIMIT}


@login_required
@require_safe
def browse(request: HttpRequest) -> HttpResponse:
    form, era, q = _search_form(request)
    context = {"form": form, "era": era, "eras": form.fields["era"].choices, **_search(request.user, era, q)}
    if era is not None:
        context["provinces"] = selectors.unit_tree_level(user=request.user, era=era.code)
    return render(request, "geo/browse.html", context, status=200 if form.is_valid() else 400)


@login_required
@require_safe
def search(request: HttpRequest) -> HttpResponse:
    """The results list alone, for HTMX live search; the address bar follows the query."""
    form, era, q = _search_form(request)
    context = {"form": form, "era": era, **_search(request.user, era, q)}
    response = render(request, "geo/_results.html", context, status=200 if form.is_valid() else 400)
    if era is not None:
        params = {"era": era.code, "q": q} if q else {"era": era.code}
        response["HX-Replace-Url"] = reverse("geo:browse") + "?" + urlencode(params)
    return response


@login_required
@require_safe
def children(request: HttpRequest, era: str, code: str) -> HttpResponse:
    """One level of the tree under a unit, loaded when the user expands it."""
    unit = _unit_or_404(request, era, code)
    nodes = selectors.unit_tree_level(user=request.user, parent=unit)
    return render(request, "geo/_children.html", {"unit": unit, "nodes": nodes})


def _unit_page(
    request: HttpRequest, unit: AdminUnit, *, village_form: VillageForm | None = None, status: int = 200
) -> HttpResponse:
    user = request.user
    covering_form = CoveringForm(request.GET if "on" in request.GET else None)
    covering = None
    if covering_form.is_bound:
        if covering_form.is_valid():
            covering = selectors.unit_covering(user=user, unit=unit, on=covering_form.cleaned_data["on"])
        else:
            status = max(status, 400)
    may_add_villages = unit.level == Level.COMMUNE and can(user, Action.MANAGE, unit)
    context = {
        "unit": unit,
        "ancestors": selectors.unit_ancestors(user=user, unit=unit),
        "children": Paginator(selectors.unit_list(user=user, parent=unit), CHILDREN_PER_PAGE).get_page(
            request.GET.get("page")
        ),
        "predecessors": selectors.unit_predecessors(user=user, unit=unit),
        "successors": selectors.unit_successors(user=user, unit=unit),
        "covering_form": covering_form,
        "covering": covering,
        # organisations of the whole subtree: a province's page lists its districts' and communes' too
        "organizations": Paginator(organization_list(user=user, unit_path=unit.path), ORGANIZATIONS_PER_PAGE).get_page(
            request.GET.get("orgs")
        ),
        "may_add_villages": may_add_villages,
        "village_form": village_form or (VillageForm() if may_add_villages else None),
    }
    return render(request, "geo/unit.html", context, status=status)


@login_required
@require_safe
def unit_detail(request: HttpRequest, era: str, code: str) -> HttpResponse:
    return _unit_page(request, _unit_or_404(request, era, code))


@login_required
@require_POST
def village_add(request: HttpRequest, era: str, code: str) -> HttpResponse:
    commune = _unit_or_404(request, era, code)
    form = VillageForm(request.POST)
    if not form.is_valid():
        return _unit_page(request, commune, village_form=form, status=400)
    try:
        village = services.village_add(
            actor=request.user,
            commune=commune,
            name=form.cleaned_data["name"],
            type_name=form.cleaned_data["type_name"],
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return _unit_page(request, commune, village_form=form, status=exc.status)
    messages.success(request, _("%(village)s was added under %(unit)s.") % {"village": village, "unit": commune})
    return redirect(commune)
