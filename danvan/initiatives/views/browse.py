"""The models list with its filters, and the pickers (units, people) the forms ask for as the user types."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from danvan.core.errors import NotFound
from danvan.geo import selectors as geo_selectors
from danvan.initiatives import selectors
from danvan.initiatives.forms import InitiativeFilterForm
from danvan.initiatives.forms_entry import (
    may_report_somewhere,
    people_of,
    unit_key,
    unit_label,
    unit_options,
)
from danvan.initiatives.models import Initiative, Status
from danvan.initiatives.views.common import FILTER_SELECTS, PER_PAGE, _document_url
from danvan.org.access import Action
from danvan.org.selectors import organization_get


def _current_filters(request: HttpRequest) -> list[tuple[str, str]]:
    """The query without empty values or the page: for the address bar, the pages and the export."""
    return [(key, value) for key, value in request.GET.items() if value and key != "page"]


# --- list ---------------------------------------------------------------------------------------


@login_required
@require_safe
def model_list(request: HttpRequest) -> HttpResponse:
    """All models in the user's scope, filtered; the results alone for HTMX, the address bar following."""
    user = request.user
    form = InitiativeFilterForm(request.GET, user=user)
    if form.is_valid():
        models = selectors.initiative_list(user=user, filters=form.filters())
        status = 200
    else:
        models = Initiative.objects.none()
        status = 400
    page = Paginator(models, PER_PAGE).get_page(request.GET.get("page"))
    by_status = dict(models.order_by().values_list("status").annotate(n=Count("pk"))) if page.paginator.count else {}
    params = _current_filters(request)
    selected_unit = form.cleaned_data.get("unit") if form.is_valid() else None
    for name in ("organization_kind", "target_group"):
        form.fields[name].empty_label = "—"  # as the other filters show "any"
    context = {
        "form": form,
        "filter_fields": [form[name] for name in FILTER_SELECTS],
        "page": page,
        "status_counts": [(s, label, by_status[s]) for s, label in Status.choices if by_status.get(s)],
        "query": urlencode(params),
        "export_url": _document_url("export") + ("?" + urlencode(params) if params else ""),
        "template_url": _document_url("template"),
        "import_url": _document_url("import"),
        "unit_choices": [
            (unit_key(u), unit_label(u)) for u in unit_options(user=user, action=Action.VIEW, selected=selected_unit)
        ],
        "unit_value": unit_key(selected_unit) if selected_unit else request.GET.get("unit", ""),
        "may_register": may_report_somewhere(user),
    }
    partial = (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-Target") == "results"
        and not request.headers.get("HX-History-Restore-Request")
    )
    if partial:
        response = render(request, "initiatives/_list_results.html", context, status=status)
        shown = params + ([("page", str(page.number))] if page.number > 1 else [])
        response["HX-Push-Url"] = reverse("initiatives:list") + ("?" + urlencode(shown) if shown else "")
    else:
        response = render(request, "initiatives/list.html", context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_safe
def unit_choices(request: HttpRequest) -> HttpResponse:
    """`<option>`s for a unit picker: matches of `q`, or the scope's roots; `for=report` where one may register."""
    user = request.user
    action = Action.REPORT if request.GET.get("for") == "report" else Action.VIEW
    q = request.GET.get("q", "")[:100].replace("\x00", "")
    selected = None
    raw = request.GET.get("unit", "").strip("/")
    era, _sep, code = raw.partition("/")
    if code:
        try:
            selected = geo_selectors.unit_get(user=user, era=era, code=code)
        except NotFound:
            selected = None
    found = unit_options(user=user, action=action, q=q)
    units = found if selected is None or selected in found else [selected, *found]
    context = {
        "choices": [(unit_key(u), unit_label(u)) for u in units],
        "value": unit_key(selected) if selected else "",
        "blank": _("All units") if action == Action.VIEW else "—",
        "q": q,
        "empty": bool(q) and not found,
    }
    return render(request, "initiatives/_unit_options.html", context)


@login_required
@require_safe
def person_choices(request: HttpRequest) -> HttpResponse:
    """`<option>`s of the people of the organisation chosen on the registration form."""
    raw = request.GET.get("organization", "")
    people = []
    if raw.isdigit() and len(raw) < 19:
        try:
            people = list(people_of(user=request.user, organization=organization_get(user=request.user, pk=int(raw))))
        except NotFound:
            people = []
    return render(request, "initiatives/_person_options.html", {"people": people})


# --- detail and what is done on it --------------------------------------------------------------
