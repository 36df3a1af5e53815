"""Notifications: what a person is told (in the app, and by e-mail through an outbox).

A notification stores its kind and the plain data of the event (a report's name, a reason, a date),
never a rendered sentence: the sentence is written at display time, in the language of whoever reads
it (the page's language, or the recipient's own language for an e-mail). A user who switches to
English sees yesterday's notifications in English too, and a translation fixed later fixes them all.
The data itself (a reason typed by a reviewer, an organisation's name) is shown as written.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    REPORT_RETURNED = "report_returned", _("A report of mine is returned")
    REPORT_APPROVED = "report_approved", _("A report of mine is approved")
    REPORT_REOPENED = "report_reopened", _("A report of mine is reopened")
    PETITION_ASSIGNED = "petition_assigned", _("A petition is assigned to me")
    PETITION_TRANSFERRED = "petition_transferred", _("A petition is transferred to my organisation")
    DEADLINE_SOON = "deadline_soon", _("A deadline is three days away")
    DEADLINE_PASSED = "deadline_passed", _("A deadline has passed")
    MODEL_RECOGNISED = "model_recognised", _("A model is recognised")
    MODEL_RETURNED = "model_returned", _("A model is returned")
    MODEL_COMMENDED = "model_commended", _("A model is commended")
    IMPORT_FINISHED = "import_finished", _("An import of mine is finished")


# (title, body) per kind, filled with the notification's `params` in the reader's language.
TEXTS: dict[str, tuple[Any, Any]] = {
    Kind.REPORT_RETURNED: (
        _("Report returned: %(report)s"),
        _("%(actor)s returned the report %(report)s for correction. Reason: %(reason)s"),
    ),
    Kind.REPORT_APPROVED: (
        _("Report approved: %(report)s"),
        _("%(actor)s approved the report %(report)s."),
    ),
    Kind.REPORT_REOPENED: (
        _("Report reopened: %(report)s"),
        _("%(actor)s reopened the report %(report)s so it can be corrected. Reason: %(reason)s"),
    ),
    Kind.PETITION_ASSIGNED: (
        _("Petition %(code)s assigned to you"),
        _("%(actor)s assigned you the petition %(code)s."),
    ),
    Kind.PETITION_TRANSFERRED: (
        _("Petition %(code)s transferred to %(organization)s"),
        _("%(actor)s transferred the petition %(code)s to %(organization)s. Reason: %(reason)s"),
    ),
    Kind.DEADLINE_SOON: (
        _("Due in three days: %(what)s"),
        _("%(what)s is due on %(due)s."),
    ),
    Kind.DEADLINE_PASSED: (
        _("Deadline passed: %(what)s"),
        _("%(what)s was due on %(due)s and is not done yet."),
    ),
    Kind.MODEL_RECOGNISED: (
        _("Model recognised: %(name)s"),
        _("%(actor)s recognised the model %(name)s."),
    ),
    Kind.MODEL_RETURNED: (
        _("Model returned: %(name)s"),
        _("%(actor)s returned the model %(name)s. Reason: %(reason)s"),
    ),
    Kind.MODEL_COMMENDED: (
        _("Model commended: %(name)s"),
        _("%(actor)s commended the model %(name)s."),
    ),
    Kind.IMPORT_FINISHED: (
        _("Import finished: %(file)s"),
        _("The import of %(file)s is finished: %(saved)s rows saved, %(errors)s problems found."),
    ),
}


class _Params(dict[str, Any]):
    """A missing key renders as an empty string rather than breaking the page."""

    def __missing__(self, key: str) -> str:
        return ""


# Phrases an event names by code, so they too are written in the reader's language ("what" of a deadline).
PHRASES: dict[str, Any] = {
    "petition_accept": _("Accepting petition %(code)s"),
    "petition_settle": _("Settling petition %(code)s"),
}


def render_text(template: Any, params: dict[str, Any]) -> str:
    values = _Params(params or {})
    if values.get("phrase") in PHRASES:
        values["what"] = str(PHRASES[values["phrase"]]) % values
    return str(template) % values


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("recipient")
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    params = models.JSONField(_("data"), default=dict, blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)  # a path on this site, e.g. /reports/12/
    # Once per recipient: a deadline reminder's key ("report:12:soon:2026-12-10") makes a second run a no-op.
    key = models.CharField(max_length=120, blank=True, default="")
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    # the e-mail that carries (or carried) it: a single message or a digest; null = not (yet) e-mailed
    email = models.ForeignKey(
        "org.EmailOutbox", on_delete=models.SET_NULL, null=True, blank=True, related_name="notifications"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="org_notification_unread")]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], condition=~Q(key=""), name="org_notification_once")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.url

    @property
    def title(self) -> str:
        return render_text(TEXTS[self.kind][0], self.params) if self.kind in TEXTS else self.kind

    @property
    def body(self) -> str:
        return render_text(TEXTS[self.kind][1], self.params) if self.kind in TEXTS else ""


class NotificationPreference(models.Model):
    """What a user wants by e-mail. No row = every kind by e-mail, one message each."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    # kinds NOT wanted by e-mail (a kind added later then comes by e-mail until switched off)
    email_off = models.JSONField(default=list, blank=True)
    digest = models.BooleanField(
        _("one daily digest"), default=False, help_text=_("One e-mail a day instead of one per notification.")
    )

    def __str__(self) -> str:
        return f"{self.user}"

    def wants_email(self, kind: str) -> bool:
        return kind not in (self.email_off or [])


class EmailOutbox(models.Model):
    """One e-mail to send, written in the same transaction as what it tells: nothing is lost if the
    mail server (or the worker) is down, and the unique Message-ID means it is sent at most once per row."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        BOUNCED = "bounced", _("refused by the mail server")

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=32)  # a notification kind, or "digest"
    message_id = models.CharField(max_length=200, unique=True)  # the idempotency key, sent as Message-ID
    address = models.EmailField(_("address"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)  # when a sender took it (status "sending")
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail to send")
        verbose_name_plural = _("e-mails to send")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="org_outbox_due")]

    def __str__(self) -> str:
        return f"{self.kind} → {self.address} ({self.status})"
