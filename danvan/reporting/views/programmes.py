"""Pages of programmes (chương trình, đề án) and their targets, with progress from the live roll-ups.

Thin views: the selectors decide what the user sees (a programme outside the user's area is a
404), the services what may be changed (a DomainError comes back on the same page with its status:
400 bad input, 403 not a manager). The target import runs in the request: a programme has at most
a few thousand targets (a file of more is refused), saved in seconds (see `sheets.programmes`).

The dashboard's "Programmes" panel is its own fragment (`programme_panel`), fetched by HTMX once the
dashboard has loaded, so the dashboard's own queries stay what they are.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from danvan.core.dates import DateError, parse_date
from danvan.core.errors import DomainError, NotFound
from danvan.geo.selectors import unit_get
from danvan.reporting import selectors
from danvan.reporting.forms.programmes import ProgrammeForm, TargetForm, TargetUploadForm
from danvan.reporting.models import Programme, Target
from danvan.reporting.selectors import ProgrammeProgress, TargetProgress
from danvan.reporting.services import programmes as services
from danvan.reporting.sheets.programmes import targets_import, template_write

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PANEL_PROGRAMMES = 5  # the dashboard panel shows the newest programmes covering the unit; the list has them all


def _programme(request: HttpRequest, pk: int) -> Programme:
    try:
        return selectors.programme_get(user=request.user, pk=pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _managed(request: HttpRequest, pk: int) -> Programme:
    """The programme, for a page that changes it: whoever sees it but does not manage it is told so (403)."""
    programme = _programme(request, pk)
    if not selectors.programme_may_manage(user=request.user, programme=programme):
        raise _Refused(programme)
    return programme


class _Refused(Exception):
    def __init__(self, programme: Programme) -> None:
        self.programme = programme


def _refused(request: HttpRequest, programme: Programme) -> HttpResponse:
    message = _("Only a manager of %(unit)s may set its programmes and targets.") % {"unit": programme.unit.name}
    return render(request, "reporting/programmes/refused.html", {"programme": programme, "error": message}, status=403)


def _as_of(request: HttpRequest) -> tuple[date, str]:
    """The day progress is read on (?as_of=, day/month/year or ISO), today by default; and what was wrong."""
    raw = request.GET.get("as_of", "").strip()
    today = timezone.localdate()
    if not raw:
        return today, ""
    try:
        return parse_date(raw[:20]) or today, ""
    except DateError as exc:
        return today, exc.message


# --- the list -------------------------------------------------------------------------------------


@login_required
@require_safe
def programme_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {
        "programmes": list(selectors.programme_list(user=user)),
        "may_create": bool(selectors.programme_units(user=user, limit=1)),
    }
    return render(request, "reporting/programmes/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def programme_create(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _form_page(request, ProgrammeForm(user=request.user))
    form = ProgrammeForm(request.POST, user=request.user)
    if not form.is_valid():
        return _form_page(request, form, status=400)
    try:
        programme = services.programme_create(actor=request.user, **form.cleaned_data)
    except DomainError as exc:
        form.add_error(None, exc.message)
        return _form_page(request, form, status=exc.status)
    messages.success(request, _("The programme was created; now set its targets."))
    return redirect("reporting:programme-detail", pk=programme.pk)


def _form_page(
    request: HttpRequest, form: ProgrammeForm, *, programme: Programme | None = None, status: int = 200
) -> HttpResponse:
    return render(request, "reporting/programmes/form.html", {"form": form, "programme": programme}, status=status)


# --- one programme ----------------------------------------------------------------------------------


def _rows(progress: ProgrammeProgress) -> list[dict[str, Any]]:
    """Each target with its figures as shown, and for a target per unit below its units in map order."""
    out = []
    for tp in progress.targets:
        units = sorted([(f, True) for f in tp.met] + [(f, False) for f in tp.short], key=lambda pair: pair[0].unit.path)
        out.append({"p": tp, "t": tp.target, "units": units})
    return out


@login_required
@require_safe
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme(request, pk)
    as_of, as_of_error = _as_of(request)
    progress = selectors.programme_progress(user=request.user, programme=programme, as_of=as_of)
    context = {
        "programme": programme,
        "progress": progress,
        "rows": _rows(progress),
        "as_of": as_of,
        "as_of_error": as_of_error,
        "may_manage": selectors.programme_may_manage(user=request.user, programme=programme),
    }
    return render(request, "reporting/programmes/detail.html", context, status=400 if as_of_error else 200)


@login_required
@require_http_methods(["GET", "POST"])
def programme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        programme = _managed(request, pk)
    except _Refused as refused:
        return _refused(request, refused.programme)
    if request.method != "POST":
        return _form_page(request, ProgrammeForm(user=request.user, programme=programme), programme=programme)
    form = ProgrammeForm(request.POST, user=request.user, programme=programme)
    if not form.is_valid():
        return _form_page(request, form, programme=programme, status=400)
    try:
        services.programme_update(actor=request.user, programme=programme, **form.cleaned_data)
    except DomainError as exc:
        form.add_error(None, exc.message)
        return _form_page(request, form, programme=programme, status=exc.status)
    messages.success(request, _("The programme was saved."))
    return redirect("reporting:programme-detail", pk=programme.pk)


@login_required
@require_http_methods(["GET", "POST"])
def programme_delete(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        programme = _managed(request, pk)
    except _Refused as refused:
        return _refused(request, refused.programme)
    if request.method == "POST":
        try:
            services.programme_delete(actor=request.user, programme=programme)
        except DomainError as exc:
            return _confirm(request, programme, None, error=exc.message, status=exc.status)
        messages.success(request, _("The programme and its targets were deleted."))
        return redirect("reporting:programme-list")
    return _confirm(request, programme, None)


def _confirm(
    request: HttpRequest, programme: Programme, target: Target | None, *, error: str = "", status: int = 200
) -> HttpResponse:
    context = {"programme": programme, "target": target, "error": error}
    return render(request, "reporting/programmes/delete.html", context, status=status)


# --- targets ------------------------------------------------------------------------------------------


def _target_page(
    request: HttpRequest, programme: Programme, form: TargetForm, *, target: Target | None = None, status: int = 200
) -> HttpResponse:
    context = {"programme": programme, "form": form, "target": target}
    return render(request, "reporting/programmes/target_form.html", context, status=status)


def _target_save(request: HttpRequest, programme: Programme, target: Target | None) -> HttpResponse:
    form = TargetForm(request.POST, user=request.user, programme=programme, target=target)
    if not form.is_valid():
        return _target_page(request, programme, form, target=target, status=400)
    try:
        with transaction.atomic():
            if target is not None and _identity_changed(target, form.cleaned_data):
                services.target_delete(actor=request.user, target=target)  # another target now: the old one goes
            services.target_set(actor=request.user, programme=programme, **form.cleaned_data)
    except DomainError as exc:
        form.add_error(None, exc.message)
        return _target_page(request, programme, form, target=target, status=exc.status)
    messages.success(request, _("The target was saved."))
    return redirect(reverse("reporting:programme-detail", args=[programme.pk]) + "#targets")


def _identity_changed(target: Target, data: dict[str, Any]) -> bool:
    """Whether the edit names another target (kind, indicator, unit, due period) than the one edited."""
    due = data.get("due_period")
    return (
        target.kind != data["kind"]
        or target.indicator_id != data["indicator"].pk
        or target.unit_id != data["unit"].pk
        or (target.due_period.code if target.due_period is not None else "") != (due.code if due is not None else "")
    )


@login_required
@require_http_methods(["GET", "POST"])
def target_create(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        programme = _managed(request, pk)
    except _Refused as refused:
        return _refused(request, refused.programme)
    if request.method == "POST":
        return _target_save(request, programme, None)
    return _target_page(request, programme, TargetForm(user=request.user, programme=programme))


def _target(request: HttpRequest, programme: Programme, target_pk: int) -> Target:
    try:
        return selectors.target_get(user=request.user, programme=programme, pk=target_pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


@login_required
@require_http_methods(["GET", "POST"])
def target_edit(request: HttpRequest, pk: int, target_pk: int) -> HttpResponse:
    try:
        programme = _managed(request, pk)
    except _Refused as refused:
        return _refused(request, refused.programme)
    target = _target(request, programme, target_pk)
    if request.method == "POST":
        return _target_save(request, programme, target)
    form = TargetForm(user=request.user, programme=programme, target=target)
    return _target_page(request, programme, form, target=target)


@login_required
@require_http_methods(["GET", "POST"])
def target_delete(request: HttpRequest, pk: int, target_pk: int) -> HttpResponse:
    try:
        programme = _managed(request, pk)
    except _Refused as refused:
        return _refused(request, refused.programme)
    target = _target(request, programme, target_pk)
    if request.method == "POST":
        try:
            services.target_delete(actor=request.user, target=target)
        except DomainError as exc:
            return _confirm(request, programme, target, error=exc.message, status=exc.status)
        messages.success(request, _("The target was deleted."))
        return redirect(reverse("reporting:programme-detail", args=[programme.pk]) + "#targets")
    return _confirm(request, programme, target)


# --- Excel ----------------------------------------------------------------------------------------------


@login_required
@require_safe
def targets_template(request: HttpRequest, pk: int) -> FileResponse:
    programme = _programme(request, pk)
    out = io.BytesIO()
    template_write(out, user=request.user, programme=programme)
    out.seek(0)
    name = f"chi-tieu-{programme.pk}-{programme.unit.era_id}-{programme.unit.code}.xlsx"
    return FileResponse(out, as_attachment=True, filename=name, content_type=XLSX)


@login_required
@require_http_methods(["GET", "POST"])
def targets_upload(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        programme = _managed(request, pk)
    except _Refused as refused:
        return _refused(request, refused.programme)
    if request.method != "POST":
        return _upload_page(request, programme, TargetUploadForm())
    form = TargetUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _upload_page(request, programme, form, status=400)
    try:
        result = targets_import(form.cleaned_data["file"], user=request.user, programme=programme)
    except DomainError as exc:
        form.add_error("file", exc.message)
        return _upload_page(request, programme, form, status=exc.status)
    if not result.ok:
        return _upload_page(request, programme, form, errors=result.errors, status=400)
    messages.success(request, _("%(count)d targets were saved from the file.") % {"count": result.saved})
    return redirect(reverse("reporting:programme-detail", args=[programme.pk]) + "#targets")


def _upload_page(
    request: HttpRequest, programme: Programme, form: TargetUploadForm, *, errors: Any = None, status: int = 200
) -> HttpResponse:
    context = {"programme": programme, "form": form, "errors": errors or []}
    return render(request, "reporting/programmes/upload.html", context, status=status)


# --- the dashboard's panel ----------------------------------------------------------------------------


def _unit_status(tp: TargetProgress, unit: Any) -> str:
    """For a target per unit below: whether the dashboard's unit reaches it ("met", "short" or "")."""
    if any(f.unit.pk == unit.pk for f in tp.met):
        return "met"
    if any(f.unit.pk == unit.pk for f in tp.short):
        return "short"
    return ""


@login_required
@require_safe
def programme_panel(request: HttpRequest) -> HttpResponse:
    """The programmes covering ?era=&unit= and their targets' status today: an HTMX fragment (or a page)."""
    try:
        unit = unit_get(user=request.user, era=request.GET.get("era", "")[:20], code=request.GET.get("unit", "")[:20])
    except NotFound as exc:
        raise Http404(exc.message) from exc
    today = timezone.localdate()
    covering = list(selectors.programmes_covering(user=request.user, unit=unit)[: PANEL_PROGRAMMES + 1])
    shown = []
    for programme in covering[:PANEL_PROGRAMMES]:
        progress = selectors.programme_progress(user=request.user, programme=programme, as_of=today)
        shown.append((progress, [(tp, _unit_status(tp, unit)) for tp in progress.targets]))
    context = {"unit": unit, "shown": shown, "more": len(covering) > PANEL_PROGRAMMES, "as_of": today}
    template = "reporting/programmes/_panel.html"
    if not request.headers.get("HX-Request"):
        template = "reporting/programmes/panel_page.html"  # the link without JavaScript: the same panel as a page
    return render(request, template, context)


urlpatterns = [
    path("programmes/", programme_list, name="programme-list"),
    path("programmes/new/", programme_create, name="programme-create"),
    path("programmes/panel/", programme_panel, name="programme-panel"),
    path("programmes/<int:pk>/", programme_detail, name="programme-detail"),
    path("programmes/<int:pk>/edit/", programme_edit, name="programme-edit"),
    path("programmes/<int:pk>/delete/", programme_delete, name="programme-delete"),
    path("programmes/<int:pk>/targets/new/", target_create, name="programme-target-create"),
    path("programmes/<int:pk>/targets/<int:target_pk>/edit/", target_edit, name="programme-target-edit"),
    path("programmes/<int:pk>/targets/<int:target_pk>/delete/", target_delete, name="programme-target-delete"),
    path("programmes/<int:pk>/targets/template.xlsx", targets_template, name="programme-template"),
    path("programmes/<int:pk>/targets/import/", targets_upload, name="programme-import"),
]
