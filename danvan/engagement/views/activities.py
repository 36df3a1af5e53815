"""Three Together pages: the list with its totals and exports, an activity, its form."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from danvan.core.errors import DomainError
from danvan.engagement.exports.activities import activities_table
from danvan.engagement.forms.activities import ActivityFilterForm, ActivityForm
from danvan.engagement.forms.common import unit_datalist
from danvan.engagement.models import GrassrootsActivity
from danvan.engagement.selectors import activities as activity_selectors
from danvan.engagement.services import activities as activity_services
from danvan.engagement.views.common import PER_PAGE, export_format, get_or_404, query_string, refused
from danvan.initiatives.forms_entry import unit_key
from danvan.org.access import Action, can

_ACTIVITY_LABELS = dict(GrassrootsActivity.Activity.choices)


@login_required
@require_safe
def activity_list(request: HttpRequest) -> HttpResponse:
    form = ActivityFilterForm(request.GET, user=request.user)
    valid = form.is_valid()
    qs = activity_selectors.activity_list(user=request.user, filters=form.filters() if valid else None)
    if not valid:
        qs = qs.none()
    fmt = export_format(request)
    if fmt and valid:
        return activities_table(fmt, qs)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    for a in page.object_list:
        a.activity_labels = a.activities_display()
    context = {
        "form": form,
        "page": page,
        "totals": activity_selectors.activity_totals(qs),
        "query": query_string(request),
        "units": unit_datalist(request.user, Action.VIEW),
    }
    return render(request, "engagement/activity_list.html", context, status=200 if valid else 400)


@login_required
@require_safe
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_or_404(activity_selectors.activity_get, request, pk)
    context = {
        "activity": activity,
        "labels": [capfirst(_ACTIVITY_LABELS.get(c, c)) for c in activity.activities],
        "cadres": list(activity.cadres.all()),
        "may_report": can(request.user, Action.REPORT, activity.unit, activity.organization),
    }
    return render(request, "engagement/activity_detail.html", context)


def _activity_form_page(request: HttpRequest, form: ActivityForm, activity: Any, **kw: Any) -> HttpResponse:
    context = {"form": form, "activity": activity, "units": unit_datalist(request.user), "error": kw.get("error", "")}
    return render(request, "engagement/activity_form.html", context, status=kw.get("status", 200))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def activity_create(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        today = timezone.localdate()
        return _activity_form_page(request, ActivityForm(user=request.user, initial={"start_date": today}), None)
    form = ActivityForm(request.POST, user=request.user)
    if not form.is_valid():
        return _activity_form_page(request, form, None, status=400)
    try:
        activity = activity_services.activity_create(actor=request.user, **form.cleaned_data)
    except DomainError as exc:
        return _activity_form_page(request, form, None, error=exc.message, status=exc.status)
    messages.success(request, _("The activity was recorded."))
    return redirect("engagement:activity_detail", pk=activity.pk)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_or_404(activity_selectors.activity_get, request, pk)
    back = reverse("engagement:activity_detail", args=[pk])
    if not can(request.user, Action.REPORT, activity.unit, activity.organization):
        return refused(request, DomainError(_("You may not change this activity."), status=403), back)
    initial = {f: getattr(activity, f) for f in activity_services.FIELDS}
    initial["unit"] = unit_key(activity.unit)
    if request.method != "POST":
        return _activity_form_page(request, ActivityForm(user=request.user, initial=initial), activity)
    form = ActivityForm(request.POST, user=request.user, initial=initial)
    if not form.is_valid():
        return _activity_form_page(request, form, activity, status=400)
    try:
        activity_services.activity_update(actor=request.user, activity=activity, **form.cleaned_data)
    except DomainError as exc:
        return _activity_form_page(request, form, activity, error=exc.message, status=exc.status)
    messages.success(request, _("The activity was saved."))
    return redirect(back)


urlpatterns = [
    path("three-together/", activity_list, name="activity_list"),
    path("three-together/new/", activity_create, name="activity_create"),
    path("three-together/<int:pk>/", activity_detail, name="activity_detail"),
    path("three-together/<int:pk>/edit/", activity_edit, name="activity_edit"),
]
