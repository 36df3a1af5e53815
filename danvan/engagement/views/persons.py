"""Back office for prestigious persons: list with counts per unit, detail with the engagements log, edit.

Ethnicity, religion, phone and address are shown (and exported) only to a reviewer or manager of
the person's place, through `person_selectors.person_sensitive`, which audits every read. The list
page never shows them; the CSV/XLSX export carries their columns only for a user who may see
them somewhere, filled only on the rows of places they review or manage.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from danvan.core.errors import DomainError, NotFound
from danvan.engagement.exports.persons import persons_table
from danvan.engagement.forms.common import unit_datalist
from danvan.engagement.forms.persons import EngagementForm, PersonFilterForm, PersonForm
from danvan.engagement.models import PrestigiousPerson
from danvan.engagement.selectors import persons as person_selectors
from danvan.engagement.services import persons as person_services
from danvan.engagement.views.common import query_string, refused
from danvan.initiatives.forms_entry import unit_key
from danvan.org.access import Action, can

PER_PAGE = 50


def _person_or_404(request: HttpRequest, pk: int) -> PrestigiousPerson:
    try:
        return person_selectors.person_get(user=request.user, pk=pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


@login_required
@require_safe
def person_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    form = PersonFilterForm(request.GET, user=user)
    valid = form.is_valid()
    qs = person_selectors.person_list(user=user, filters=form.filters(today) if valid else None)
    if not valid:
        qs = qs.none()
    fmt = request.GET.get("export")
    if fmt in ("csv", "xlsx") and valid:
        return persons_table(request.user, fmt, list(qs))
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    person_selectors.audit_standings(user=user, persons=page.object_list, purpose="list")
    counts = person_selectors.person_counts(user=user, unit=form.cleaned_data.get("unit") if valid else None, on=today)
    context = {
        "form": form,
        "page": page,
        "counts": counts,
        "counts_total": sum(n for _u, n in counts),
        "query": query_string(request),
        "units": unit_datalist(user, Action.VIEW),
        "may_add": _may_report_somewhere(user),
    }
    return render(request, "engagement/person_list.html", context, status=200 if valid else 400)


def _may_report_somewhere(user: Any) -> bool:
    from danvan.initiatives.forms_entry import may_report_somewhere

    return may_report_somewhere(user)


def _detail(request: HttpRequest, person: PrestigiousPerson, *, status: int = 200, **extra: Any) -> HttpResponse:
    user = request.user
    sensitive = person_selectors.person_sensitive(user=user, persons=[person], purpose="detail").get(person.pk)
    may_report = can(user, Action.REPORT, person.village)
    context = {
        "person": person,
        "sensitive": sensitive,
        "engagements": person_selectors.person_engagements(user=user, person=person),
        "may_report": may_report,
        "engagement_form": extra.pop("engagement_form", None) or (EngagementForm() if may_report else None),
        "error": "",
        **extra,
    }
    return render(request, "engagement/person_detail.html", context, status=status)


@login_required
@require_safe
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _person_or_404(request, pk))


def _form_page(request: HttpRequest, form: PersonForm, person: Any, **kw: Any) -> HttpResponse:
    context = {"form": form, "person": person, "units": unit_datalist(request.user), "error": kw.get("error", "")}
    return render(request, "engagement/person_form.html", context, status=kw.get("status", 200))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def person_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    sensitive = person_selectors.may_see_sensitive_anywhere(user)
    if request.method != "POST":
        return _form_page(request, PersonForm(user=user, sensitive=sensitive), None)
    form = PersonForm(request.POST, user=user, sensitive=sensitive)
    if not form.is_valid():
        return _form_page(request, form, None, status=400)
    try:
        person = person_services.person_create(actor=user, **form.cleaned_data)
    except DomainError as exc:
        return _form_page(request, form, None, error=exc.message, status=exc.status)
    messages.success(request, _("The person was recorded."))
    return redirect("engagement:person_detail", pk=person.pk)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    person = _person_or_404(request, pk)
    back = reverse("engagement:person_detail", args=[pk])
    if not can(user, Action.REPORT, person.village):
        return refused(request, DomainError(_("You may not change this person's record."), status=403), back)
    sensitive = person_selectors.may_see_sensitive(user, person.village)
    initial: dict[str, Any] = {f: getattr(person, f) for f in person_services.PLAIN_FIELDS}
    initial["standing"] = person.visible_standing  # "other" for a religious dignitary, unless he may see it
    initial["village"] = unit_key(person.village)
    if sensitive:
        values = person_selectors.person_sensitive(user=user, persons=[person], purpose="edit")[person.pk]
        initial.update(values)
    if request.method != "POST":
        return _form_page(request, PersonForm(user=user, sensitive=sensitive, initial=initial), person)
    form = PersonForm(request.POST, user=user, sensitive=sensitive, initial=initial)
    if not form.is_valid():
        return _form_page(request, form, person, status=400)
    try:
        person_services.person_update(actor=user, person=person, **form.cleaned_data)
    except DomainError as exc:
        return _form_page(request, form, person, error=exc.message, status=exc.status)
    messages.success(request, _("The record was saved."))
    return redirect(back)


@login_required
@require_POST
def person_engagement_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_or_404(request, pk)
    form = EngagementForm(request.POST)
    if not form.is_valid():
        return _detail(request, person, status=400, engagement_form=form)
    try:
        person_services.person_engagement_add(actor=request.user, person=person, **form.cleaned_data)
    except DomainError as exc:
        return _detail(request, person, status=exc.status, engagement_form=form, error=exc.message)
    messages.success(request, _("The contact was added to the log."))
    return redirect(reverse("engagement:person_detail", args=[pk]) + "#log")


urlpatterns = [
    path("persons/", person_list, name="person_list"),
    path("persons/new/", person_create, name="person_create"),
    path("persons/<int:pk>/", person_detail, name="person_detail"),
    path("persons/<int:pk>/edit/", person_edit, name="person_edit"),
    path("persons/<int:pk>/log/", person_engagement_add, name="person_engagement_add"),
]
