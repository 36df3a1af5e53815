"""Reads for accounts: the user's own sessions and the accounts a manager may manage."""

from __future__ import annotations

from django.contrib.sessions.models import Session
from django.db.models import QuerySet
from django.utils import timezone

from danvan.core.errors import NotFound
from danvan.org.access import users_managed
from danvan.org.models import User, UserSession


def session_list(*, user: User) -> QuerySet[UserSession]:
    """The user's signed-in browsers whose session has not ended or expired, newest first."""
    live = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
    return UserSession.objects.filter(user=user, session_key__in=live).order_by("-created")


def user_managed_list(*, user: User) -> QuerySet[User]:
    """The accounts `user` may deactivate (every role inside the area they manage), by name."""
    return users_managed(user).order_by("-is_active", "full_name", "username")


def user_managed_get(*, user: User, pk: int) -> User:
    found = users_managed(user).filter(pk=pk).first()
    if found is None:
        raise NotFound("")
    return found
