"""Accounts: who signs in (the scope comes from memberships, in `organizations`), and their sessions."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """Custom from the first migration, so fields can be added without a painful switch later."""

    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    # the interface after sign-in and the e-mails; empty: the site's default (Vietnamese)
    language = models.CharField(_("language"), max_length=10, choices=settings.BACKOFFICE_LANGUAGES, blank=True)
    # kept by org.services.notifications in the same transactions: the menu's count costs no query
    notifications_unread = models.PositiveIntegerField(default=0, editable=False)
    # when the one-time codes now in use were set up (null: none). An API token issued before it no longer
    # works (org.access.api_token_refusal): it was not got with a code. Kept by org.services.accounts.
    second_factor_since = models.DateTimeField(_("one-time codes since"), null=True, blank=True, editable=False)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    def __str__(self) -> str:
        return self.full_name or self.username


class UserSession(models.Model):
    """One signed-in browser, written at sign-in: shown to its user, who may end it.

    The session itself lives in Django's session table; ending one deletes both.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="user_sessions", verbose_name=_("user"))
    session_key = models.CharField(max_length=40, unique=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    address = models.CharField(_("address"), max_length=64, blank=True)
    created = models.DateTimeField(_("signed in"), auto_now_add=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.user} · {self.address}"
