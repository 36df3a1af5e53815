"""Reports in Excel: download a template for a form, unit and period; upload it to import in the background.

Thin on purpose: what a template holds and what an import may save is `reporting.sheets`' (which
reads through the selectors and saves through `services.values_upsert`); the upload is queued by
`documents.services.import_start` and its progress is the documents app's import page.
"""

from __future__ import annotations

import io
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from danvan.core.errors import DomainError
from danvan.documents.selectors import import_job_list
from danvan.documents.services import imports as import_services
from danvan.geo.selectors import era_list
from danvan.org.access import home_unit
from danvan.reporting.selectors import form_list
from danvan.reporting.sheets.layout import template_units
from danvan.reporting.sheets.template import template_write

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEMPLATE_PARAMS = ("form", "era", "unit", "period")
RECENT_IMPORTS = 10


class ReportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Excel file (.xlsx)"),
        help_text=_("The report template, filled in; every row is checked before anything is saved."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )
    submit = forms.BooleanField(
        label=_("Submit the reports after import"),
        required=False,
        help_text=_("Each report in the file is sent to the level above, as if you pressed “Submit” on it."),
    )


def _initial(request: HttpRequest) -> dict[str, str]:
    """The template choices: what was asked, else the user's own unit and last year."""
    values = {"form": "", "era": "", "unit": "", "period": str(timezone.localdate().year - 1)}
    own = home_unit(request.user)
    if own is not None:
        values.update(era=own.era_id, unit=own.code)
    values.update({k: request.GET[k][:60] for k in TEMPLATE_PARAMS if request.GET.get(k)})
    return values


def _page(
    request: HttpRequest,
    *,
    upload: ReportUploadForm | None = None,
    template_error: str = "",
    status: int = 200,
) -> HttpResponse:
    context: dict[str, Any] = {
        "upload": upload or ReportUploadForm(),
        "template_error": template_error,
        "choice": _initial(request),
        "forms": form_list(user=request.user),
        "eras": era_list(),
        "recent": import_job_list(user=request.user).filter(kind=import_services.KIND_REPORTS)[:RECENT_IMPORTS],
    }
    return render(request, "reporting/sheets.html", context, status=status)


@login_required
@require_GET
def sheet_template(request: HttpRequest) -> HttpResponse:
    """The .xlsx for ?form=&era=&unit=&period=; without them, the page to choose them."""
    if not any(request.GET.get(k) for k in TEMPLATE_PARAMS):
        return _page(request)
    params = {k: request.GET.get(k, "") for k in TEMPLATE_PARAMS}
    try:
        target, unit, units = template_units(user=request.user, **params)
    except DomainError as exc:  # NotFound included: a unit outside the user's area answers 404
        return _page(request, template_error=exc.message, status=exc.status)
    out = io.BytesIO()
    template_write(out, user=request.user, target=target, unit=unit, units=units)
    out.seek(0)
    name = f"bao-cao-{target.form.code}-{unit.era_id}-{unit.code}-{target.period.code}.xlsx"
    return FileResponse(out, as_attachment=True, filename=name, content_type=XLSX)


@login_required
@require_http_methods(["GET", "POST"])
def sheet_import(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _page(request)
    upload = ReportUploadForm(request.POST, request.FILES)
    if not upload.is_valid():
        return _page(request, upload=upload, status=400)
    try:
        job = import_services.import_start(
            actor=request.user,
            upload=upload.cleaned_data["file"],
            kind=import_services.KIND_REPORTS,
            options={"submit": upload.cleaned_data["submit"]},
        )
    except DomainError as exc:
        upload.add_error("file", exc.message)
        return _page(request, upload=upload, status=exc.status)
    return redirect("documents:import", pk=job.pk)


urlpatterns = [
    path("sheets/template/", sheet_template, name="sheet-template"),
    path("sheets/import/", sheet_import, name="sheet-import"),
]
