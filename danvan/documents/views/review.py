"""The review report's pages: the list in scope, a new report, its page (header, narratives, generation) and its files.

Thin on purpose: reads through `documents.selectors`, writes through `documents.services`. A report
outside the user's scope is missing (404), on every page and file.
"""

from __future__ import annotations

import contextlib
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.core.errors import DomainError, NotFound
from danvan.documents import selectors, services
from danvan.documents.forms import NarrativeForm, ReviewHeaderForm, ReviewReportForm
from danvan.documents.models import NarrativePart, ReviewJob, ReviewReport
from danvan.documents.services.review import HEADER_FIELDS, review_filename
from danvan.org.access import Action, can


def _report(request: HttpRequest, pk: int) -> ReviewReport:
    try:
        return selectors.review_report_get(user=request.user, pk=pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


@login_required
@require_GET
def review_list(request: HttpRequest) -> HttpResponse:
    reports = list(selectors.review_report_list(user=request.user)[:200])
    return render(request, "documents/review_list.html", {"reports": reports})


def _initial(request: HttpRequest, units: list[Any], periods: list[Any]) -> dict[str, Any]:
    """Prefilled from ?unit=<id>&period=<code> (the dashboard's link), with a header named after the unit."""
    initial: dict[str, Any] = {"layout": ReviewReport.Layout.PARTY}
    unit = None
    raw = request.GET.get("unit", "")
    if raw.isdigit():
        try:
            unit = selectors.review_unit_get(user=request.user, pk=int(raw))
        except NotFound:
            unit = None
    if unit is not None:
        if all(u.pk != unit.pk for u in units):
            units.append(unit)
        initial.update(unit=unit.pk, place=unit.short_name or unit.name, superior=f"Đảng bộ {unit.name}".upper())
    period = next((p for p in periods if p.code == request.GET.get("period")), None)
    if period is not None:
        initial["period"] = period.code
    label = f"năm {period.code}" if period is not None and period.type == "year" else (period.code if period else "")
    initial["title"] = f"Tổng kết phong trào thi đua “Dân vận khéo” {label}".strip()
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def review_new(request: HttpRequest) -> HttpResponse:
    units = selectors.review_units(user=request.user)
    periods = list(selectors.review_periods(user=request.user))
    if request.method == "POST":
        raw = request.POST.get("unit", "")
        if raw.isdigit() and all(u.pk != int(raw) for u in units):  # the dashboard's unit, below the usual ones
            with contextlib.suppress(NotFound):
                units.append(selectors.review_unit_get(user=request.user, pk=int(raw)))
    initial = _initial(request, units, periods) if request.method == "GET" else {}
    form = ReviewReportForm(request.POST or None, initial=initial, units=units, periods=periods)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            unit = next(u for u in units if u.pk == data["unit"])
            period = next(p for p in periods if p.code == data["period"])
            try:
                report = services.review_report_create(
                    actor=request.user, unit=unit, period=period, **{f: data[f] for f in HEADER_FIELDS}
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
                status = exc.status
            else:
                return redirect("documents:review", pk=report.pk)
    return render(request, "documents/review_new.html", {"form": form}, status=status)


def _detail_context(request: HttpRequest, report: ReviewReport, **extra: Any) -> dict[str, Any]:
    drafts = selectors.narrative_drafts(report=report)
    parts = [
        {
            "part": part,
            "label": label,
            "drafts": drafts.get(part, []),
            "form": extra.pop(f"form_{part}", None)
            or NarrativeForm(initial={"text": drafts[part][0].text if drafts.get(part) else ""}, prefix=part),
        }
        for part, label in NarrativePart.choices
    ]
    return {
        "report": report,
        "may_manage": can(request.user, Action.MANAGE, report.unit),
        "header_form": extra.pop("header_form", None) or ReviewHeaderForm(instance=report),
        "parts": parts,
        "job": selectors.review_job_latest(report=report),
        **extra,
    }


@login_required
@require_http_methods(["GET", "POST"])
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The report's page; a POST saves its header."""
    report = _report(request, pk)
    if request.method == "GET":
        return render(request, "documents/review_detail.html", _detail_context(request, report))
    form = ReviewHeaderForm(request.POST, instance=ReviewReport.objects.get(pk=report.pk))
    status = 400
    if form.is_valid():
        try:
            services.review_report_update(
                actor=request.user, report=report, **{f: form.cleaned_data[f] for f in HEADER_FIELDS}
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
            status = exc.status
        else:
            return redirect("documents:review", pk=report.pk)
    return render(
        request, "documents/review_detail.html", _detail_context(request, report, header_form=form), status=status
    )


@login_required
@require_POST
def review_narrative(request: HttpRequest, pk: int, part: str) -> HttpResponse:
    report = _report(request, pk)
    if part not in NarrativePart.values:
        raise Http404
    form = NarrativeForm(request.POST, prefix=part)
    status = 400
    if form.is_valid():
        try:
            services.narrative_save(actor=request.user, report=report, part=part, text=form.cleaned_data["text"])
        except DomainError as exc:
            form.add_error("text", exc.message)
            status = exc.status
        else:
            return redirect(reverse("documents:review", kwargs={"pk": report.pk}) + f"#part-{part}")
    context = _detail_context(request, report, **{f"form_{part}": form})
    return render(request, "documents/review_detail.html", context, status=status)


@login_required
@require_POST
def review_restore(request: HttpRequest, pk: int, draft: int) -> HttpResponse:
    report = _report(request, pk)
    try:
        found = selectors.narrative_draft_get(report=report, pk=draft)
        services.narrative_restore(actor=request.user, draft=found)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except DomainError as exc:
        return render(
            request,
            "documents/review_detail.html",
            _detail_context(request, report, error=exc.message),
            status=exc.status,
        )
    return redirect(reverse("documents:review", kwargs={"pk": report.pk}) + f"#part-{found.part}")


@login_required
@require_POST
def review_generate(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    try:
        services.review_generate(actor=request.user, report=report)
    except DomainError as exc:
        return render(
            request,
            "documents/review_detail.html",
            _detail_context(request, report, error=exc.message),
            status=exc.status,
        )
    return redirect(reverse("documents:review", kwargs={"pk": report.pk}) + "#generate")


def _job(request: HttpRequest, pk: int, job: int) -> ReviewJob:
    report = _report(request, pk)
    try:
        found = selectors.review_job_get(report=report, pk=job)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    found.report = report
    return found


@login_required
@require_GET
def review_job_status(request: HttpRequest, pk: int, job: int) -> HttpResponse:
    """The progress fragment HTMX polls every second until the files are made."""
    found = _job(request, pk, job)
    return render(request, "documents/_review_job.html", {"job": found, "report": found.report})


@login_required
@require_GET
def review_download(request: HttpRequest, pk: int, job: int, kind: str) -> FileResponse:
    found = _job(request, pk, job)
    file = found.docx if kind == "docx" else found.pdf if kind == "pdf" else None
    if not file:
        raise Http404
    content_type = (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        if kind == "docx"
        else "application/pdf"
    )
    return FileResponse(
        file.open("rb"), as_attachment=True, filename=review_filename(found.report, kind), content_type=content_type
    )
