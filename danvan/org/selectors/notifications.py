"""A user's own notifications: nobody reads another's (a foreign one is simply not found)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from danvan.org.models import Notification, NotificationPreference

TABS = ("unread", "read", "all")


def notification_list(*, user: Any, tab: str = "unread") -> QuerySet[Notification]:
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    rows = Notification.objects.filter(recipient=user)
    if tab == "unread":
        rows = rows.filter(read_at__isnull=True)
    elif tab == "read":
        rows = rows.filter(read_at__isnull=False)
    return rows.order_by("-created_at", "-pk")


def notification_get(*, user: Any, pk: int) -> Notification:
    """The user's notification `pk`; another's is a 404 like a missing one."""
    found = notification_list(user=user, tab="all").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def notification_preferences(*, user: Any) -> NotificationPreference:
    """The user's choices (unsaved defaults when they never chose: every kind by e-mail, no digest)."""
    found = NotificationPreference.objects.filter(user=user).first()
    return found if found is not None else NotificationPreference(user=user)


def unread_notifications(user: Any) -> int:
    """The menu's count: kept on the user row, so showing it costs no query."""
    return int(getattr(user, "notifications_unread", 0) or 0) if getattr(user, "is_authenticated", False) else 0
