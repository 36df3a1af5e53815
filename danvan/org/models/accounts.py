"""Accounts: who signs in (the scope comes from memberships, in `organizations`)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """Custom from the first migration, so fields can be added without a painful switch later."""

    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    # kept by org.services.notifications in the same transactions: the menu's count costs no query
    notifications_unread = models.PositiveIntegerField(default=0, editable=False)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    def __str__(self) -> str:
        return self.full_name or self.username
