"""The signed-in user's notifications (unread, read, all) and their notification choices."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.org.forms.notifications import NotificationPreferencesForm
from danvan.org.selectors.notifications import (
    TABS,
    notification_get,
    notification_list,
    notification_preferences,
)
from danvan.org.services.notifications import (
    notification_mark_all_read,
    notification_mark_read,
    notification_preferences_save,
)

PAGE_SIZE = 50


@login_required
def notification_list_view(request: HttpRequest) -> HttpResponse:
    tab = request.GET.get("tab", "unread")
    if tab not in TABS:
        tab = "unread"
    unread = notification_list(user=request.user, tab="unread").count()
    page = Paginator(notification_list(user=request.user, tab=tab), PAGE_SIZE).get_page(request.GET.get("page"))
    tabs = [("unread", _("Unread")), ("read", _("Read")), ("all", _("All"))]
    return render(
        request,
        "org/notifications/list.html",
        {"page": page, "tab": tab, "tabs": tabs, "unread": unread},
    )


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one read; with `open`, go on to the thing it is about."""
    notification = notification_get(user=request.user, pk=pk)
    notification_mark_read(actor=request.user, notification=notification)
    if request.POST.get("open") and notification.url:
        return HttpResponseRedirect(notification.url)
    return _back(request)


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    count = notification_mark_all_read(actor=request.user)
    if count:
        messages.success(request, _("All notifications are marked read."))
    return _back(request)


def _back(request: HttpRequest) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return HttpResponseRedirect(target)
    return redirect(reverse("notifications"))


@login_required
def notification_settings(request: HttpRequest) -> HttpResponse:
    preference = notification_preferences(user=request.user)
    if request.method == "POST":
        form = NotificationPreferencesForm(request.POST)
        if form.is_valid():
            notification_preferences_save(
                actor=request.user, email_kinds=form.cleaned_data["email_kinds"], digest=form.cleaned_data["digest"]
            )
            messages.success(request, _("Your notification choices are saved."))
            return redirect(reverse("notification_settings"))
    else:
        form = NotificationPreferencesForm(preference=preference)
    return render(
        request,
        "org/notifications/settings.html",
        {"form": form, "has_email": bool(getattr(request.user, "email", ""))},
    )
