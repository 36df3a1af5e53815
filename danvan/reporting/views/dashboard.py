"""Dashboards and completeness: each level reads its figures over its whole area, live, on either map.

Thin views: `reporting.dashboards` resolves the parameters and reads through the selectors, which
check access (a unit outside the user's area and a unit that does not exist both answer 404).
Bad parameters answer 400 with the page and what was wrong, never a 500.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from danvan.org.access import is_national, scope_roots
from danvan.reporting import dashboards, exports
from danvan.reporting import selectors as reporting_selectors
from danvan.reporting.dashboards import Selection
from danvan.reporting.models import Indicator, Submission

COMPLETENESS_PAGE = 100


def _unit_options(user: Any, sel_era: str, unit: Any) -> list[tuple[str, str]]:
    """The unit picker: the nation (national users), the user's roots on this map, the unit and its ancestors."""
    options: dict[str, str] = {"": _("Whole country")} if is_national(user) else {}
    for u in sorted(scope_roots(user, era=sel_era), key=lambda u: u.code):
        options[u.code] = u.name
    if unit is not None and unit.code not in options:
        options[unit.code] = unit.name
    return list(options.items())


def _base_context(
    request: HttpRequest, known: dict[str, Any], need: str = "indicator", indicators: list[Indicator] | None = None
) -> dict[str, Any]:
    """What the page's form offers: the dashboard picks an indicator, completeness a form (not both: a read each)."""
    user = request.user
    era = known.get("era") or ""
    unit = known.get("unit")
    this_year = timezone.localdate().year
    return {
        "raw": request.GET,
        "era": era,
        "unit": unit,
        "unit_value": request.GET.get("unit", unit.code if unit is not None else ""),
        "unit_options": _unit_options(user, era, unit) if era else [],
        "indicators": (indicators if indicators is not None else list(reporting_selectors.indicator_list(user=user)))
        if need == "indicator"
        else [],
        "forms": list(reporting_selectors.form_list(user=user)) if need == "form" else [],
        "period_suggestions": [str(y) for y in range(this_year, this_year - 8, -1)],
    }


@login_required
@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    indicators = list(reporting_selectors.indicator_list(user=request.user))
    sel, problem, known = dashboards.resolve(user=request.user, params=request.GET, indicators=indicators)
    context = _base_context(request, known, indicators=indicators)
    context["indicator_options"] = _indicator_options(context["indicators"], sel, request.GET.get("indicator"))
    if sel is None:
        context["errors"] = problem.messages
        return render(request, "reporting/dashboard.html", context, status=problem.status)
    user = request.user
    # every figure of the page from one bulk read of its roll-ups
    page = dashboards.page_rollups(user=user, sel=sel, indicators=context["indicators"], by=("child", "field"))
    comparison = dashboards.compare_children(user=user, sel=sel, rollups=page)
    trend = dashboards.trend(user=user, sel=sel, rollups=page)
    breakdown = dashboards.breakdown(user=user, sel=sel, rollups=page)
    charts = {
        "trend": dashboards.trend_chart(trend) if trend is not None else None,
        "yoy": dashboards.yoy_chart(comparison),
        "breakdown": dashboards.breakdown_chart(breakdown) if breakdown is not None else None,
    }
    tiles = dashboards.tiles(user=user, sel=sel, rollups=page)
    context.update(
        sel=sel,
        tiles=tiles,
        tile_cards=dashboards.tile_cards(tiles, sel.indicator),
        child_lines=dashboards.child_lines(comparison.rows),
        trend=trend,
        trend_rows=[(row.key, dashboards.indicator_number(row.value, sel.indicator), row.count) for row in trend.rows]
        if trend is not None
        else [],
        comparison=comparison,
        breakdown=breakdown,
        charts=charts,
        crumbs=dashboards.crumbs(user=user, sel=sel),
        era_links=dashboards.era_links(user=user, sel=sel),
        completeness_query=sel.query(indicator=None),
        completeness_links=dashboards.report_links(user=user, sel=sel, indicator=None)[1],
        **_links(sel),
    )
    now, before = comparison.now, comparison.before
    if now is not None:
        context.update(
            area_shown=dashboards.indicator_number(now.value, sel.indicator),
            area_shown_last=dashboards.indicator_number(before.value, sel.indicator) if before and before.count else "",
            area_change=dashboards.percent(
                dashboards.change(now.value, now.count, before.value, before.count) if before else None
            ),
        )
    return render(request, "reporting/dashboard.html", context)


def _indicator_options(
    indicators: list[Indicator], sel: Selection | None, raw: str | None
) -> list[tuple[str, str, bool]]:
    """The indicator picker's (code, label, selected): the selection's indicator, else the one asked for."""
    if sel is not None:
        chosen = sel.indicator.pk if sel.indicator is not None else None
        return [(i.code, i.label, i.pk == chosen) for i in indicators]
    return [(i.code, i.label, i.code == raw) for i in indicators]


def _links(sel: Selection) -> dict[str, str]:
    """Query strings for the page's links: the same selection less what each link sets itself."""
    params = sel.params()

    def without(*keys: str) -> str:
        return urlencode({k: v for k, v in params.items() if k not in keys})

    rest = without("era", "unit")
    return {
        "query": sel.query(),
        "keep": f"&{rest}" if rest else "",  # after "era=…&unit=…"
        "keep_unit": without("unit"),  # before "&unit=…"
        "tile_query": without("indicator"),  # before "&indicator=…"
        "nav_query_nation": sel.query(unit=None),
    }


def _refuse(request: HttpRequest, template: str, context: dict[str, Any], problem: dashboards.Problem) -> HttpResponse:
    if problem.status == 404:
        raise Http404(" ".join(problem.messages))
    context["errors"] = problem.messages
    return render(request, template, context, status=problem.status)


def _filename(sel: Selection, what: str) -> str:
    place = sel.unit.code if sel.unit is not None else "nation"
    return f"danvan-{what}-{sel.era}-{place}-{sel.period.code}"


@login_required
@require_safe
def dashboard_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The drill-down with every active indicator as columns and the area's total as the last row."""
    if fmt not in exports.FORMATS:
        raise Http404
    sel, problem, known = dashboards.resolve(user=request.user, params=request.GET)
    if sel is None:
        return _refuse(request, "reporting/dashboard.html", _base_context(request, known), problem)
    table = dashboards.area_table(user=request.user, sel=sel)
    columns = [exports.Column(_("Code"), width=10), exports.Column(_("Administrative unit"), width=32)]
    for indicator in table.indicators:
        title = f"{indicator.label} ({indicator.uom})" if indicator.uom else indicator.label
        integer = indicator.value_type == Indicator.ValueType.INTEGER
        columns.append(exports.Column(title, exports.WHOLE if integer else exports.TWO_PLACES, width=18))

    def cells(values: list[tuple[Any, int]]) -> list[Any]:
        return [value if count else None for value, count in values]  # empty: nothing reported; 0: a reported 0

    rows: list[list[Any]] = [[child.code, child.name, *cells(values)] for child, values in table.rows]
    place = sel.unit.name if sel.unit is not None else _("Whole country")
    rows.append(["", _("Total: %(place)s") % {"place": place}, *cells(table.total)])
    title = f"{place} {sel.period.code}"
    return exports.download(fmt, _filename(sel, "figures"), title, columns, rows, bold_last=True)


@login_required
@require_safe
def completeness(request: HttpRequest) -> HttpResponse:
    sel, problem, known = dashboards.resolve(user=request.user, params=request.GET, need="form")
    context = _base_context(request, known, need="form")
    show = request.GET.get("show", "")
    if show not in dashboards.SHOW_CHOICES:
        problem.messages.append(_("Show all units, those that have not reported, or those that are late."))
        sel = None
    context["show"] = show
    if sel is None:
        context["errors"] = problem.messages
        return render(request, "reporting/completeness.html", context, status=problem.status)
    result = dashboards.completeness(user=request.user, sel=sel, show=show, today=None)
    page = Paginator(result.rows, COMPLETENESS_PAGE).get_page(request.GET.get("page"))
    statuses = dict(Submission.Status.choices)
    rows = [{**r, "status_label": statuses.get(r["status"], "") if r["status"] else _("not started")} for r in page]
    context.update(
        sel=sel,
        result=result,
        page=page,
        rows=rows,
        crumbs=dashboards.crumbs(user=request.user, sel=sel),
        era_links=dashboards.era_links(user=request.user, sel=sel),
        **_links(sel),
        filtered_query=sel.query(show=show or None),
        # the period's reports were made on the other map: say so, and lead there
        reports_map=dashboards.report_links(user=request.user, sel=sel, show=show or None),
        dashboard_query=sel.query(form=None),
        dashboard_url=reverse("reporting:dashboard"),
    )
    return render(request, "reporting/completeness.html", context)


@login_required
@require_safe
def completeness_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in exports.FORMATS:
        raise Http404
    sel, problem, known = dashboards.resolve(user=request.user, params=request.GET, need="form")
    show = request.GET.get("show", "")
    if sel is None or show not in dashboards.SHOW_CHOICES:
        if sel is not None:
            problem.messages.append(_("Show all units, those that have not reported, or those that are late."))
        return _refuse(request, "reporting/completeness.html", _base_context(request, known, need="form"), problem)
    result = dashboards.completeness(user=request.user, sel=sel, show=show, today=None)
    statuses = dict(Submission.Status.choices)
    columns = [
        exports.Column(_("Code"), width=10),
        exports.Column(_("Administrative unit"), width=32),
        exports.Column(_("Part of"), width=28),
        exports.Column(_("Status"), width=16),
        exports.Column(_("Submitted at"), width=20),
        exports.Column(_("Due"), width=12),
        exports.Column(_("Late"), width=8),
    ]
    rows = []
    for r in result.rows:
        s = r["submission"]
        submitted = timezone.localtime(s.submitted_at).replace(tzinfo=None) if s and s.submitted_at else None
        rows.append(
            [
                r["unit"].code,
                r["unit"].name,
                r["unit"].parent.name if r["unit"].parent_id else "",
                str(statuses.get(r["status"], "")) if r["status"] else _("not started"),
                submitted,
                r["due"],
                _("yes") if r["late"] else "",
            ]
        )
    title = f"{sel.form.code} {sel.period.code}" if sel.form else sel.period.code
    return exports.download(fmt, _filename(sel, "completeness"), title, columns, rows)


urlpatterns = [
    path("dashboard/", dashboard, name="dashboard"),
    path("dashboard/export.<str:fmt>", dashboard_export, name="dashboard-export"),
    path("completeness/", completeness, name="completeness"),
    path("completeness/export.<str:fmt>", completeness_export, name="completeness-export"),
]
