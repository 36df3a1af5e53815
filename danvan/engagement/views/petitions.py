"""Back office for petitions: list with filters and exports, detail with timeline and actions, the
sender's identity on request (audited), the overdue list and the dashboard.

Thin: reads through `engagement.petition_selectors` (scope from `org.access`; missing and
forbidden both 404), writes through `engagement.petitions`, whose `DomainError` is shown with
its status. Exports never carry the sender's identity.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from danvan.core.errors import DomainError, NotFound
from danvan.core.uploads import FileType
from danvan.engagement.exports.petitions import petitions_table
from danvan.engagement.forms.petitions import ActionForm, AssignForm, PetitionFilterForm, TransferForm
from danvan.engagement.models.petitions import Petition
from danvan.engagement.petition_rules import deadlines, routing
from danvan.engagement.selectors import petitions as sel
from danvan.engagement.services import petitions as svc
from danvan.org.access import Action, can, home_unit, is_national

PER_PAGE = 50


def _get(request: HttpRequest, pk: int) -> Petition:
    try:
        return sel.petition_get(user=request.user, pk=pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _filtered(request: HttpRequest) -> tuple[PetitionFilterForm, Any, int]:
    form = PetitionFilterForm(request.GET or None, user=request.user)
    if request.GET and not form.is_valid():
        return form, Petition.objects.none(), 400
    filters = form.filters() if request.GET else sel.PetitionFilters()
    return form, sel.petition_list(user=request.user, filters=filters), 200


@login_required
@require_safe
def petition_list(request: HttpRequest) -> HttpResponse:
    form, petitions, status = _filtered(request)
    page = Paginator(petitions, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "today": deadlines.today(), "query": query.urlencode()}
    return render(request, "engagement/petition_list.html", context, status=status)


@login_required
@require_safe
def petition_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The filtered list as CSV or Excel; no identity in any export (it is read only on the detail page)."""
    form, petitions, status = _filtered(request)
    if status != 200:
        return render(request, "engagement/petition_list.html", {"form": form, "page": None}, status=status)
    return petitions_table(fmt, petitions[:50_000])


def _detail(request: HttpRequest, petition: Petition, *, status: int = 200, **extra: Any) -> HttpResponse:
    user = request.user
    perms = sel.permissions(user, petition)
    context = {
        "petition": petition,
        "perms": perms,
        "events": sel.petition_timeline(user=user, petition=petition),
        "duplicates": sel.petition_duplicates(user=user, petition=petition),
        "actions": svc.allowed_actions(actor=user, petition=petition),
        "handlers": routing.handler_choices(actor=user, petition=petition),
        "targets": routing.transfer_targets(actor=user, petition=petition)[:500],
        "overdue": deadlines.is_overdue(petition, deadlines.today()),
        "attachments": petition.attachments.all(),
        "extension_decisions": petition.extension_decisions.all(),
        "action_form": ActionForm(),
        "error": "",
        **extra,
    }
    return render(request, "engagement/petition_detail.html", context, status=status)


@login_required
@require_safe
def petition_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _get(request, pk))


DONE = {
    "accept": gettext_lazy("The petition was accepted."),
    "reject": gettext_lazy("The petition was not accepted."),
    "start": gettext_lazy("Handling started."),
    "answer": gettext_lazy("The answer was recorded; the sender can read it with the tracking code."),
    "close": gettext_lazy("The petition was closed."),
    "reopen": gettext_lazy("The petition was reopened."),
    "extend": gettext_lazy("The time limit was extended."),
    "not_duplicate": gettext_lazy("The petition is no longer marked as a duplicate."),
}


@login_required
@require_POST
def petition_act(request: HttpRequest, pk: int) -> HttpResponse:
    petition = _get(request, pk)
    form = ActionForm(request.POST)
    if not form.is_valid():
        return _detail(request, petition, status=400, error=_("Choose one of the buttons."), action_form=form)
    d = form.cleaned_data
    try:
        svc.petition_act(
            actor=request.user,
            petition=petition,
            action=d["action"],
            reason=d["reason"],
            answer=d["answer"],
            complex=d["complex"],
            note=d["note"],
            complexity=d["complexity"],
            instance=d["instance"],
            decision_number=d["decision_number"],
            decision_date=d["decision_date"],
        )
    except DomainError as exc:
        return _detail(request, petition, status=exc.status, error=exc.message, action_form=form)
    messages.success(request, str(DONE[d["action"]]))
    return redirect("engagement:petition_detail", pk=petition.pk)


@login_required
@require_POST
def petition_assign(request: HttpRequest, pk: int) -> HttpResponse:
    petition = _get(request, pk)
    form = AssignForm(request.POST)
    if not form.is_valid():
        return _detail(request, petition, status=400, error=_("Choose a handler from the list."))
    handler_id = form.cleaned_data["handler"]
    choices = routing.handler_choices(actor=request.user, petition=petition) if handler_id else []
    handler = next((u for u in choices if u.pk == handler_id), None)
    if handler_id and handler is None:
        return _detail(request, petition, status=400, error=_("Choose a handler from the list."))
    try:
        svc.petition_assign(actor=request.user, petition=petition, handler=handler)
    except DomainError as exc:
        return _detail(request, petition, status=exc.status, error=exc.message)
    messages.success(request, _("The handler was assigned."))
    return redirect("engagement:petition_detail", pk=petition.pk)


@login_required
@require_POST
def petition_transfer(request: HttpRequest, pk: int) -> HttpResponse:
    petition = _get(request, pk)
    form = TransferForm(request.POST)
    if not form.is_valid():
        return _detail(request, petition, status=400, error=_("Choose an organisation and give the reason."))
    targets = routing.transfer_targets(actor=request.user, petition=petition)
    organization = targets.filter(pk=form.cleaned_data["organization"]).first()
    if organization is None:
        return _detail(request, petition, status=400, error=_("Choose an organisation from the list."))
    try:
        svc.petition_transfer(
            actor=request.user, petition=petition, organization=organization, reason=form.cleaned_data["reason"]
        )
    except DomainError as exc:
        return _detail(request, petition, status=exc.status, error=exc.message)
    messages.success(request, _("The petition was transferred to %(org)s.") % {"org": organization.name})
    return redirect("engagement:petition_detail", pk=petition.pk)


@login_required
@require_safe
def petition_sender(request: HttpRequest, pk: int) -> HttpResponse:
    """The identity, shown on request (each read is audited): a fragment for the detail page."""
    petition = _get(request, pk)
    try:
        sender = sel.petition_sender(user=request.user, petition=petition)
    except DomainError as exc:
        return render(request, "engagement/petition_sender.html", {"error": exc.message}, status=exc.status)
    response = render(request, "engagement/petition_sender.html", {"sender": sender, "petition": petition})
    response["Cache-Control"] = "no-store"
    return response


_CONTENT_TYPES = {t.content_type: t for t in FileType}
_UNSAFE = re.compile(r'[\x00-\x1f\x7f"\\/:*?<>|;%]+')


def download_name(original: str, content_type: str) -> str:
    """A file name safe in a Content-Disposition header and on any disk: no path, no control or
    quoting characters, at most 100 characters, ending in the extension of the type it is served as."""
    name = unicodedata.normalize("NFC", Path(original.replace("\\", "/")).name)
    stem = _UNSAFE.sub("_", Path(name).stem).strip(" ._") or "file"
    kind = _CONTENT_TYPES.get(content_type)
    return stem[:90] + (kind.ext if kind else ".bin")


@login_required
@require_safe
def petition_attachment(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    """An attachment, for whoever may see the petition; served as a download after the scope check
    (never from MEDIA_URL), with the type sniffed when it was uploaded and `nosniff`."""
    try:
        attachment = sel.petition_attachment_get(user=request.user, petition_pk=pk, pk=attachment_pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404(_("No such file.")) from exc
    kind = _CONTENT_TYPES.get(attachment.content_type)
    content_type = kind.content_type if kind else "application/octet-stream"
    name = download_name(attachment.original_name, content_type)
    response = FileResponse(handle, content_type=content_type, filename=name, as_attachment=True)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_safe
def petition_overdue(request: HttpRequest) -> HttpResponse:
    accept, settle = sel.petition_overdue(user=request.user)
    context = {"accept": accept, "settle": settle, "today": deadlines.today()}
    return render(request, "engagement/petition_overdue.html", context)


def _period(request: HttpRequest) -> tuple[date, date, int, str]:
    today = deadlines.today()
    raw_year, quarter = request.GET.get("year", ""), request.GET.get("quarter", "")
    year = int(raw_year) if raw_year.isdigit() and 2000 <= int(raw_year) <= 2100 else today.year
    if quarter in {"1", "2", "3", "4"}:
        q = int(quarter)
        start = date(year, 3 * q - 2, 1)
        end = deadlines.add_months(start, 3).replace(day=1)
        return start, date.fromordinal(end.toordinal() - 1), year, quarter
    return date(year, 1, 1), date(year, 12, 31), year, ""


@login_required
@require_safe
def petition_dashboard(request: HttpRequest) -> HttpResponse:
    start, end, year, quarter = _period(request)
    unit = None
    raw_unit = request.GET.get("unit")
    if raw_unit is None and not is_national(request.user):  # opens on the user's own unit, on its own map
        home = home_unit(request.user)
        raw_unit = f"{home.era_id}/{home.code}" if home is not None else ""
    form = PetitionFilterForm({"unit": raw_unit or ""}, user=request.user)
    if form.is_valid():
        unit = form.cleaned_data["unit"]
    board = sel.petition_dashboard(user=request.user, start=start, end=end, unit=unit)
    chart = {
        "labels": [name for name, _t in board.by_unit],
        "received": [t.received for _n, t in board.by_unit],
        "resolved": [t.resolved for _n, t in board.by_unit],
        "on_time": [t.on_time for _n, t in board.by_unit],
        "names": [_("Received"), _("Resolved"), _("Resolved on time")],
    }
    context = {
        "board": board,
        "start": start,
        "end": end,
        "year": year,
        "quarter": quarter,
        "unit": unit,
        # counted only over the part the user may see: the heading says so, never "the province"
        "within_scope": not is_national(request.user) and (unit is None or not can(request.user, Action.VIEW, unit)),
        "form": form,
        "chart": chart,
        "quarters": ["1", "2", "3", "4"],
    }
    return render(request, "engagement/petition_dashboard.html", context, status=200 if form.is_valid() else 400)


urlpatterns = [
    path("petitions/", petition_list, name="petition_list"),
    path("petitions/export.csv", petition_export, {"fmt": "csv"}, name="petition_export_csv"),
    path("petitions/export.xlsx", petition_export, {"fmt": "xlsx"}, name="petition_export_xlsx"),
    path("petitions/overdue/", petition_overdue, name="petition_overdue"),
    path("petitions/dashboard/", petition_dashboard, name="petition_dashboard"),
    path("petitions/<int:pk>/", petition_detail, name="petition_detail"),
    path("petitions/<int:pk>/act/", petition_act, name="petition_act"),
    path("petitions/<int:pk>/assign/", petition_assign, name="petition_assign"),
    path("petitions/<int:pk>/transfer/", petition_transfer, name="petition_transfer"),
    path("petitions/<int:pk>/sender/", petition_sender, name="petition_sender"),
    path("petitions/<int:pk>/attachments/<int:attachment_pk>/", petition_attachment, name="petition_attachment"),
]
