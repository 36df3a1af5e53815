"""The map of public models per province: the page (works without JavaScript) and its data as JSON.

`?era=` picks the map (today's 34 provinces by default, the 63 of before 1 July 2025 on the
switch); anything else is a 400 page in the visitor's language. The boundaries are static files
(`portal/map/vn-provinces-<era>.geojson`, see scripts/build_portal_map.py); the figures come from
`portal.selectors.map`. Both are kept in the portal's page cache until what the portal shows
changes (`portal.cache`).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from danvan.geo.models import Era
from danvan.portal.cache import public_page
from danvan.portal.selectors.map import MapCounts, map_counts, map_eras


def province_url(code: str) -> str:
    """The public province page (portal: provinces), in the page's language."""
    return f"/{get_language()}/provinces/{code}/"


def boundaries_url(era: str) -> str:
    return static(f"portal/map/vn-provinces-{era}.geojson")


def _chosen_era(request: HttpRequest, eras: list[Era]) -> Era | None:
    wanted = request.GET.get("era", "")
    if wanted == "":
        return eras[0] if eras else None
    return next((e for e in eras if e.code == wanted), None)


def _payload(counts: MapCounts) -> dict[str, Any]:
    return {
        "era": counts.era.code,
        "newest": counts.newest,
        "boundaries": boundaries_url(counts.era.code),
        "total": counts.total,
        "unplaced": counts.unplaced,
        "provinces": [
            {"code": p.code, "name": p.name, "count": p.count, "url": province_url(p.successor)}
            for p in counts.provinces
        ],
    }


@require_safe
@public_page
def map_page(request: HttpRequest) -> HttpResponse:
    eras = map_eras()
    era = _chosen_era(request, eras)
    if era is None:
        error = _("There is no such map. Choose one of the maps below.")
        return render(request, "portal/map.html", {"eras": eras, "error": error}, status=400)
    counts = map_counts(era=era.code, eras=eras)
    context: dict[str, Any] = {
        "eras": eras,
        "counts": counts,
        "rows": [(p, province_url(p.successor)) for p in counts.provinces],
        "payload": _payload(counts),
    }
    return render(request, "portal/map.html", context)


@require_safe
@public_page
def map_data(request: HttpRequest) -> JsonResponse:
    eras = map_eras()
    era = _chosen_era(request, eras)
    if era is None:
        return JsonResponse(
            {"error": _("There is no such map."), "eras": [e.code for e in eras]},
            status=400,
            json_dumps_params={"ensure_ascii": False},
        )
    return JsonResponse(_payload(map_counts(era=era.code, eras=eras)), json_dumps_params={"ensure_ascii": False})
