"""Pages of award decisions, their certificates, the review conference and the awards register."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from danvan.core.errors import DomainError, NotFound
from danvan.recognition.exports.certificates import certificate_pdf, decision_pdf, decision_zip
from danvan.recognition.exports.register import XLSX, register_xlsx
from danvan.recognition.forms.decisions import (
    ConferenceForm,
    DecisionForm,
    IssueForm,
    RegisterFilterForm,
    RevokeForm,
    issuers_for,
)
from danvan.recognition.models import AwardDecision, DecisionStatus
from danvan.recognition.selectors.certificates import certificate_list, decision_get, decision_list
from danvan.recognition.selectors.register import (
    RegisterFilter,
    conference_get,
    conference_list,
    register_list,
    register_stats,
)
from danvan.recognition.services.conferences import conference_create
from danvan.recognition.services.decisions import decision_create, decision_issue, decision_revoke

PER_PAGE = 50
_MAX_ID = 2**63 - 1


def _decision_or_404(request: HttpRequest, pk: int) -> AwardDecision:
    try:
        if pk > _MAX_ID:
            raise NotFound(_("No such decision."))
        return decision_get(user=request.user, pk=pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _error(request: HttpRequest, exc: DomainError) -> None:
    """Forbidden looks like missing (404); every other refusal is a message on the page."""
    if exc.status in (403, 404) and exc.code == "forbidden":
        raise Http404(exc.message)
    messages.error(request, exc.message)


def _pdf(content: bytes, filename: str, *, kind: str = "application/pdf") -> HttpResponse:
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _file_stem(decision: AwardDecision) -> str:
    return (decision.number_text or f"draft-{decision.pk}").replace("/", "-").replace("Đ", "D")


@login_required
@require_http_methods(["GET", "HEAD"])
def decision_list_page(request: HttpRequest) -> HttpResponse:
    rows = decision_list(user=request.user)
    status = request.GET.get("status", "")
    if status in DecisionStatus.values:
        rows = rows.filter(status=status)
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "status": status,
        "statuses": DecisionStatus.choices,
        "may_create": issuers_for(request.user).exists(),
    }
    return render(request, "recognition/decisions/list.html", context)


def _form_page(request: HttpRequest, form: DecisionForm, *, error: str = "", status: int = 200) -> HttpResponse:
    return render(request, "recognition/decisions/form.html", {"form": form, "error": error}, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def decision_create_page(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not issuers_for(user).exists():
        raise Http404(_("No such page."))
    if request.method != "POST" or request.POST.get("action") == "propose":
        initial: dict[str, Any] = {"year": request.GET.get("year") or None}
        if request.method == "POST":  # the campaign was chosen: offer its published results
            form = DecisionForm(request.POST, user=user)
            form.is_valid()
            form.errors.clear()
            return _form_page(request, form)
        if campaign := request.GET.get("campaign"):
            initial["campaign"] = campaign
        return _form_page(request, DecisionForm(user=user, initial=initial))
    form = DecisionForm(request.POST, user=user)
    if not form.is_valid():
        return _form_page(request, form, status=400)
    d = form.cleaned_data
    try:
        recipients = form.recipients()
        decision = decision_create(
            actor=user,
            issuer=d["issuer"],
            award=d["award"],
            year=d["year"],
            title=d["title"],
            reason=d["reason"],
            signer_name=d["signer_name"],
            signer_title=d["signer_title"],
            suffix=d["suffix"],
            place=d["place"],
            campaign=d["campaign"],
            recipients=recipients,
        )
    except ValidationError as exc:
        return _form_page(request, form, error=" ".join(exc.messages), status=400)
    except DomainError as exc:
        return _form_page(request, form, error=exc.message, status=400 if exc.code != "forbidden" else 404)
    messages.success(request, _("The draft decision was saved with %(n)s recipients.") % {"n": len(recipients)})
    return redirect("recognition:decision_detail", pk=decision.pk)


@login_required
@require_http_methods(["GET", "HEAD"])
def decision_detail_page(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _decision_or_404(request, pk)
    certs = certificate_list(decision=decision)
    page = Paginator(certs, 200).get_page(request.GET.get("page"))
    may_manage = issuers_for(request.user).filter(pk=decision.issuer_id).exists()
    context = {
        "decision": decision,
        "page": page,
        "may_manage": may_manage,
        "issue_form": IssueForm(),
        "revoke_form": RevokeForm(),
    }
    return render(request, "recognition/decisions/detail.html", context)


@login_required
@require_POST
def decision_issue_page(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _decision_or_404(request, pk)
    form = IssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect("recognition:decision_detail", pk=pk)
    try:
        decision = decision_issue(actor=request.user, decision=decision, signed_on=form.cleaned_data["signed_on"])
    except DomainError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Decision %(number)s was issued.") % {"number": decision.number_text})
    return redirect("recognition:decision_detail", pk=pk)


@login_required
@require_POST
def decision_revoke_page(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _decision_or_404(request, pk)
    form = RevokeForm(request.POST)
    try:
        decision_revoke(
            actor=request.user, decision=decision, reason=form.data.get("reason", "") if form.is_bound else ""
        )
    except DomainError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("The decision was revoked; its certificates now verify as revoked."))
    return redirect("recognition:decision_detail", pk=pk)


def _issued_or_404(request: HttpRequest, pk: int) -> AwardDecision:
    decision = _decision_or_404(request, pk)
    if decision.status == DecisionStatus.DRAFT:  # a draft has no number: nothing to print yet
        raise Http404(_("A draft decision has no certificates to print."))
    return decision


@login_required
@require_http_methods(["GET", "HEAD"])
def certificate_download(request: HttpRequest, pk: int, cert: int) -> HttpResponse:
    decision = _issued_or_404(request, pk)
    found = certificate_list(decision=decision).filter(pk=cert).first() if cert <= _MAX_ID else None
    if found is None:
        raise Http404(_("No such certificate."))
    return _pdf(certificate_pdf(decision, found), f"{_file_stem(decision)}-{found.order}.pdf")


@login_required
@require_http_methods(["GET", "HEAD"])
def decision_print(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _issued_or_404(request, pk)
    return _pdf(decision_pdf(decision, certificate_list(decision=decision)), f"{_file_stem(decision)}.pdf")


@login_required
@require_http_methods(["GET", "HEAD"])
def decision_archive(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _issued_or_404(request, pk)
    content = decision_zip(decision, certificate_list(decision=decision))
    return _pdf(content, f"{_file_stem(decision)}.zip", kind="application/zip")


# --- review conferences ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD"])
def conference_list_page(request: HttpRequest) -> HttpResponse:
    page = Paginator(conference_list(user=request.user), PER_PAGE).get_page(request.GET.get("page"))
    context = {"page": page, "may_create": issuers_for(request.user).exists()}
    return render(request, "recognition/decisions/conference_list.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def conference_create_page(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not issuers_for(user).exists():
        raise Http404(_("No such page."))
    form = ConferenceForm(request.POST or None, request.FILES or None, user=user)
    error, status = "", 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                conference = conference_create(
                    actor=user,
                    unit=d["organization"].unit,
                    organization=d["organization"],
                    title=d["title"],
                    held_on=d["held_on"],
                    place=d["place"],
                    report_url=d["report_url"],
                    report_file=d["report_file"],
                    decisions=list(d["decisions"]),
                )
            except DomainError as exc:
                error = exc.message
            else:
                messages.success(request, _("The conference was recorded."))
                return redirect("recognition:conference_detail", pk=conference.pk)
    context = {"form": form, "error": error}
    return render(request, "recognition/decisions/conference_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD"])
def conference_detail_page(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        if pk > _MAX_ID:
            raise NotFound(_("No such conference."))
        conference = conference_get(user=request.user, pk=pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    seen = decision_list(user=request.user).filter(conferences=conference).annotate(recipients=Count("certificates"))
    return render(
        request, "recognition/decisions/conference_detail.html", {"conference": conference, "decisions": seen}
    )


# --- the awards register --------------------------------------------------------------------------


def _register_rows(request: HttpRequest) -> tuple[RegisterFilterForm, Any]:
    form = RegisterFilterForm(request.GET or None, user=request.user)
    f = form.filter() if form.is_valid() else RegisterFilter()
    if form.is_bound and not form.is_valid():
        return form, register_list(user=request.user).none()
    return form, register_list(user=request.user, f=f)


@login_required
@require_http_methods(["GET", "HEAD"])
def register_page(request: HttpRequest) -> HttpResponse:
    form, rows = _register_rows(request)
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "stats": register_stats(rows), "query": query.urlencode()}
    return render(request, "recognition/decisions/register.html", context)


@login_required
@require_http_methods(["GET", "HEAD"])
def register_export(request: HttpRequest) -> HttpResponse:
    _form, rows = _register_rows(request)
    return _pdf(register_xlsx(rows.iterator(chunk_size=2000)), "so-khen-thuong.xlsx", kind=XLSX)


urlpatterns: list[URLPattern] = [
    path("decisions/", decision_list_page, name="decision_list"),
    path("decisions/new/", decision_create_page, name="decision_create"),
    path("decisions/<int:pk>/", decision_detail_page, name="decision_detail"),
    path("decisions/<int:pk>/issue/", decision_issue_page, name="decision_issue"),
    path("decisions/<int:pk>/revoke/", decision_revoke_page, name="decision_revoke"),
    path("decisions/<int:pk>/certificates/<int:cert>.pdf", certificate_download, name="certificate_pdf"),
    path("decisions/<int:pk>/certificates.pdf", decision_print, name="decision_pdf"),
    path("decisions/<int:pk>/certificates.zip", decision_archive, name="decision_zip"),
    path("conferences/", conference_list_page, name="conference_list"),
    path("conferences/new/", conference_create_page, name="conference_create"),
    path("conferences/<int:pk>/", conference_detail_page, name="conference_detail"),
    path("register/", register_page, name="register"),
    path("register.xlsx", register_export, name="register_xlsx"),
]
