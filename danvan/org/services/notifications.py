"""Notifications: tell people what needs them, in the app and by e-mail through an outbox.

`notify` writes the in-app notifications and, for those wanted one by one by e-mail, an
`EmailOutbox` row, all in the caller's transaction: if the action rolls back, nobody is told; if
it commits, the e-mail is on record before any attempt to send it. After the commit a background
task (`org.tasks.deliver_email`) sends it; `danvan send_mail_outbox` sends whatever is due
(retries, and anything a lost task left behind).

At most once per row: a sender first claims the row with a conditional UPDATE (queued → sending);
only the one whose UPDATE changed the row talks to the SMTP server, then marks it sent. The one
window left is a crash after the server accepted the message and before "sent" is written: such a
row stays "sending" and, after DANVAN_EMAIL_STALE_SECONDS, is queued again. We chose to send it
again rather than lose it (a missed "deadline passed" costs more than a duplicate), with the same
Message-ID, which mail programs use to show the two as one.
"""

from __future__ import annotations

import logging
import secrets
import smtplib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from danvan.core.audit import audit
from danvan.geo.models import AdminUnit
from danvan.org.access import Action, can, is_national, users_who_may
from danvan.org.models import EmailOutbox, Notification, NotificationPreference, Organization, User
from danvan.org.models.notifications import Kind

logger = logging.getLogger(__name__)

DIGEST = "digest"


# --- who, in which language ---------------------------------------------------------------------


def user_language(user: Any) -> str:
    """The recipient's language (the accounts' `language` field once it exists), else the site's."""
    lang = getattr(user, "language", "") or settings.LANGUAGE_CODE
    return lang if lang in dict(settings.BACKOFFICE_LANGUAGES) else settings.LANGUAGE_CODE


def site_link(path: str) -> str:
    if not path or path.startswith(("http://", "https://")):
        return path
    return f"{settings.DANVAN_SITE_URL}{path}"


def _mail_domain() -> str:
    return urlsplit(settings.DANVAN_SITE_URL).hostname or "localhost"


def unit_people(action: Action, unit: AdminUnit, organization: Organization | None = None) -> list[User]:
    """Who may do `action` at `unit` (for `organization`), from the nearest level that has someone.

    The access policy's `users_who_may`, kept to those whose right stops at `unit` (they cannot do
    the same at the level above); if nobody does, those whose right stops one level up, and so on:
    a province manager is not told of each commune's deadline, nor a national administrator of
    each province's, unless nobody nearer can act.
    """
    remaining = users_who_may(action, unit, organization)
    above = unit.parent
    while above is not None and remaining:
        own = [u for u in remaining if not can(u, action, above)]
        if own:
            return own
        above = above.parent
    local = [u for u in remaining if not is_national(u)]  # at the top: the province's own people first
    return local or remaining


# --- writing notifications ----------------------------------------------------------------------


def _preferences(users: list[Any]) -> dict[int, NotificationPreference]:
    rows = NotificationPreference.objects.filter(user__in=[u.pk for u in users])
    return {p.user_id: p for p in rows}


def notify(
    *,
    recipients: Iterable[Any],
    kind: str,
    params: dict[str, Any] | None = None,
    url: str = "",
    key: str = "",
    actor: Any = None,
) -> list[Notification]:
    """Tell `recipients` (users; None, duplicates, inactive accounts and the actor are left out).

    Runs in the caller's transaction; e-mails are sent after it commits. With `key`, a recipient
    who already has a notification with that key is not told again (deadline reminders).
    """
    if kind not in Kind.values:
        raise ValueError(f"unknown notification kind {kind!r}")
    seen: set[int] = set()
    users: list[Any] = []
    for user in recipients:
        if user is None or not user.is_active or user.pk in seen:
            continue
        if actor is not None and getattr(actor, "pk", None) == user.pk:
            continue
        seen.add(user.pk)
        users.append(user)
    if not users:
        return []
    with transaction.atomic():
        if key:
            told = set(Notification.objects.filter(key=key, recipient__in=seen).values_list("recipient_id", flat=True))
            users = [u for u in users if u.pk not in told]
            if not users:
                return []
        prefs = _preferences(users)
        created: list[Notification] = []
        outbox: list[int] = []
        now = timezone.now()
        for user in users:
            note = Notification.objects.create(recipient=user, kind=kind, params=params or {}, url=url, key=key)
            pref = prefs.get(user.pk)
            wanted = pref is None or (pref.wants_email(kind) and not pref.digest)
            if wanted and user.email:
                row = EmailOutbox.objects.create(
                    recipient=user,
                    kind=kind,
                    address=user.email,
                    message_id=f"<notification.{note.pk}.{secrets.token_hex(4)}@{_mail_domain()}>",
                    next_attempt_at=now,
                )
                note.email = row
                note.save(update_fields=["email"])
                outbox.append(row.pk)
            created.append(note)
        User.objects.filter(pk__in=[u.pk for u in users]).update(notifications_unread=F("notifications_unread") + 1)
        for pk in outbox:
            transaction.on_commit(lambda pk=pk: _enqueue(pk))  # type: ignore[misc]
    return created


def _enqueue(outbox_id: int, run_after: datetime | None = None) -> None:
    """Hand the row to the background queue; if that fails, the row stays queued for send_mail_outbox."""
    from danvan.org.tasks import deliver_email

    try:
        task = deliver_email
        if run_after is not None:
            if not task.get_backend().supports_defer:
                return  # no deferred tasks here: `danvan send_mail_outbox` retries it when due
            task = task.using(run_after=run_after)
        task.enqueue(outbox_id=outbox_id)
    except Exception:
        logger.exception("could not queue e-mail %s; send_mail_outbox will send it", outbox_id)


# --- reading them -------------------------------------------------------------------------------


@transaction.atomic
def notification_mark_read(*, actor: Any, notification: Notification) -> bool:
    """Mark one of the actor's notifications read; False if it was already (or is not theirs).

    Audited when it changes something ("notification.read"); marking again writes nothing.
    """
    changed = Notification.objects.filter(pk=notification.pk, recipient=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if changed:
        User.objects.filter(pk=actor.pk, notifications_unread__gt=0).update(
            notifications_unread=F("notifications_unread") - 1
        )
        audit(actor=actor, verb="notification.read", target=notification, kind=notification.kind)
    return bool(changed)


@transaction.atomic
def notification_mark_all_read(*, actor: Any) -> int:
    """Mark every unread notification of the actor read; returns how many.

    Audited once with the count when it changes something ("notification.read_all").
    """
    changed = Notification.objects.filter(recipient=actor, read_at__isnull=True).update(read_at=timezone.now())
    User.objects.filter(pk=actor.pk).update(notifications_unread=0)
    if changed:
        audit(actor=actor, verb="notification.read_all", target=actor, count=changed)
    return changed


def notification_preferences_save(*, actor: Any, email_kinds: Iterable[str], digest: bool) -> NotificationPreference:
    """The kinds the actor wants by e-mail, and whether as one daily digest."""
    wanted = set(email_kinds)
    unknown = wanted - set(Kind.values)
    if unknown:
        raise ValueError(f"unknown notification kinds {sorted(unknown)}")
    with transaction.atomic():
        pref, _created = NotificationPreference.objects.select_for_update().get_or_create(user=actor)
        pref.email_off = [k for k in Kind.values if k not in wanted]
        pref.digest = digest
        pref.save()
        audit(actor=actor, verb="notifications.preferences", target=pref, email_off=pref.email_off, digest=digest)
    return pref


# --- sending ------------------------------------------------------------------------------------


def _message(row: EmailOutbox) -> EmailMultiAlternatives | None:
    notes = list(row.notifications.order_by("created_at", "pk"))
    if not notes:
        return None
    lang = user_language(row.recipient)
    with translation.override(lang):
        items = [{"title": n.title, "body": n.body, "link": site_link(n.url)} for n in notes]
        if row.kind == DIGEST:
            subject = ngettext(
                "DanVan: %(count)d notification today", "DanVan: %(count)d notifications today", len(items)
            ) % {"count": len(items)}
        else:
            subject = items[0]["title"]
        context = {
            "recipient": row.recipient,
            "items": items,
            "digest": row.kind == DIGEST,
            "subject": subject,
            "lang": lang,
            "site_url": settings.DANVAN_SITE_URL,
            "list_link": site_link(reverse("notifications")),
            "settings_link": site_link(reverse("notification_settings")),
        }
        text = render_to_string("org/notifications/email.txt", context)
        html = render_to_string("org/notifications/email.html", context)
    message = EmailMultiAlternatives(
        subject=subject.replace("\n", " ")[:200],
        body=text,
        to=[row.address],
        headers={"Message-ID": row.message_id, "Content-Language": lang, "Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(html, "text/html")
    return message


def _backoff(attempts: int) -> timedelta:
    seconds = settings.DANVAN_EMAIL_RETRY_SECONDS * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, 6 * 3600))


def outbox_deliver(*, outbox_id: int, now: datetime | None = None) -> str | None:
    """Send one queued e-mail that is due; returns its new status, or None if it was not ours to send."""
    now = now or timezone.now()
    claimed = EmailOutbox.objects.filter(
        pk=outbox_id, status=EmailOutbox.Status.QUEUED, next_attempt_at__lte=now
    ).update(status=EmailOutbox.Status.SENDING, attempts=F("attempts") + 1, claimed_at=now)
    if not claimed:
        return None
    row = EmailOutbox.objects.select_related("recipient").get(pk=outbox_id)
    ours = EmailOutbox.objects.filter(pk=outbox_id, status=EmailOutbox.Status.SENDING, claimed_at=now)
    retry_at: datetime | None = None
    status: str
    error: str
    try:
        message = _message(row)
        if message is None:
            ours.update(status=EmailOutbox.Status.FAILED, last_error="nothing left to send")
            return EmailOutbox.Status.FAILED
        message.send(fail_silently=False)
    except smtplib.SMTPRecipientsRefused as exc:
        # the server refuses the address: no retry, the user's address needs fixing
        status, error = EmailOutbox.Status.BOUNCED, _smtp_error(exc)
    except smtplib.SMTPResponseException as exc:
        if exc.smtp_code >= 500:  # permanent: the server will not take it however often we try
            status, error = (
                (EmailOutbox.Status.BOUNCED if exc.smtp_code in (550, 551, 553) else EmailOutbox.Status.FAILED),
                _smtp_error(exc),
            )
        else:
            status, error, retry_at = _retry(row, exc, now)
    except Exception as exc:
        status, error, retry_at = _retry(row, exc, now)
    else:
        ours.update(status=EmailOutbox.Status.SENT, sent_at=timezone.now(), last_error="")
        return EmailOutbox.Status.SENT
    if retry_at is not None:
        ours.update(status=status, last_error=error, next_attempt_at=retry_at)
        if status == EmailOutbox.Status.QUEUED:
            _enqueue(outbox_id, run_after=retry_at)
    else:
        ours.update(status=status, last_error=error)
    logger.warning("e-mail %s to %s: %s (%s)", row.pk, row.address, status, error)
    return str(status)


def _smtp_error(exc: Exception) -> str:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "; ".join(
            f"{addr}: {code} {msg.decode(errors='replace') if isinstance(msg, bytes) else msg}"
            for addr, (code, msg) in exc.recipients.items()
        )[:2000]
    if isinstance(exc, smtplib.SMTPResponseException):
        msg = exc.smtp_error
        return f"{exc.smtp_code} {msg.decode(errors='replace') if isinstance(msg, bytes) else msg}"[:2000]
    return f"{type(exc).__name__}: {exc}"[:2000]


def _retry(row: EmailOutbox, exc: Exception, now: datetime) -> tuple[str, str, datetime]:
    attempts = row.attempts  # already counted this one
    if attempts >= settings.DANVAN_EMAIL_MAX_ATTEMPTS:
        return EmailOutbox.Status.FAILED, _smtp_error(exc), now
    return EmailOutbox.Status.QUEUED, _smtp_error(exc), now + _backoff(attempts)


def outbox_requeue(*, actor: Any, rows: Iterable[EmailOutbox]) -> int:
    """Queue failed or bounced e-mails again (an administrator, once the address or server is fixed),
    to the recipient's current address."""
    count = 0
    with transaction.atomic():
        for row in rows:
            if row.status not in (EmailOutbox.Status.FAILED, EmailOutbox.Status.BOUNCED) or not row.recipient.email:
                continue
            EmailOutbox.objects.filter(pk=row.pk, status=row.status).update(
                status=EmailOutbox.Status.QUEUED, address=row.recipient.email, next_attempt_at=timezone.now()
            )
            audit(actor=actor, verb="email.requeue", target=row, address=row.recipient.email)
            transaction.on_commit(lambda pk=row.pk: _enqueue(pk))  # type: ignore[misc]
            count += 1
    return count


@dataclass
class OutboxRun:
    requeued: int = 0
    statuses: dict[str, int] = field(default_factory=dict)


def outbox_send_due(*, now: datetime | None = None, limit: int = 500) -> OutboxRun:
    """Send every queued e-mail that is due; first queue again those whose sender died mid-way."""
    now = now or timezone.now()
    run = OutboxRun()
    stale = now - timedelta(seconds=settings.DANVAN_EMAIL_STALE_SECONDS)
    run.requeued = EmailOutbox.objects.filter(status=EmailOutbox.Status.SENDING, claimed_at__lt=stale).update(
        status=EmailOutbox.Status.QUEUED, next_attempt_at=now, last_error="requeued: its sender stopped mid-way"
    )
    due = EmailOutbox.objects.filter(status=EmailOutbox.Status.QUEUED, next_attempt_at__lte=now)
    for pk in list(due.order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:limit]):
        status = outbox_deliver(outbox_id=pk, now=now)
        if status is not None:
            run.statuses[status] = run.statuses.get(status, 0) + 1
    return run


# --- pruning -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PruneRun:
    notifications: int  # read notifications deleted (or that would be)
    emails: int  # e-mails sent or refused, deleted (or that would be)
    keep_days: int


PRUNE_BATCH = 2000


def _delete_in_batches(rows: Any) -> int:
    """Delete `rows` a batch at a time (each batch its own short transaction); returns how many."""
    deleted = 0
    while True:
        pks = list(rows.values_list("pk", flat=True)[:PRUNE_BATCH])
        if not pks:
            return deleted
        with transaction.atomic():
            count = rows.model.objects.filter(pk__in=pks).delete()[1].get(rows.model._meta.label, 0)
        deleted += count


def notifications_prune(
    *, actor: Any = None, now: datetime | None = None, keep_days: int | None = None, dry_run: bool = False
) -> PruneRun:
    """Delete read notifications created more than `keep_days` ago (DANVAN_NOTIFICATIONS_KEEP_DAYS),
    and outbox e-mails sent or refused (bounced) created as long ago. Unread notifications are kept
    whatever their age, and so are e-mails still queued, being sent or failed (an administrator may
    queue a failed one again). A second run finds nothing more: it is safe to run as often as wanted.

    Run by `danvan prune_notifications` (the system: no actor); audited once with the counts.
    """
    keep_days = settings.DANVAN_NOTIFICATIONS_KEEP_DAYS if keep_days is None else keep_days
    cutoff = (now or timezone.now()) - timedelta(days=keep_days)
    notes = Notification.objects.filter(read_at__isnull=False, created_at__lt=cutoff)
    mails = EmailOutbox.objects.filter(
        status__in=[EmailOutbox.Status.SENT, EmailOutbox.Status.BOUNCED], created_at__lt=cutoff
    )
    if dry_run:
        return PruneRun(notifications=notes.count(), emails=mails.count(), keep_days=keep_days)
    # the notifications first, so an old e-mail's read notifications are gone before it is (fewer to unlink)
    run = PruneRun(notifications=_delete_in_batches(notes), emails=_delete_in_batches(mails), keep_days=keep_days)
    if run.notifications or run.emails:
        with transaction.atomic():
            audit(
                actor=actor,
                verb="notifications.prune",
                notifications=run.notifications,
                emails=run.emails,
                keep_days=keep_days,
            )
    return run


# --- the daily digest ---------------------------------------------------------------------------


def digest_send(*, now: datetime | None = None, days: int = 2) -> int:
    """One e-mail per user who chose the digest, with their notifications not yet e-mailed nor read
    (of the last `days`, of the kinds they want by e-mail). Once a day: a second run the same day
    sends nothing (the digest's Message-ID is its idempotency key). Returns the digests queued."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    queued = 0
    prefs = NotificationPreference.objects.filter(digest=True, user__is_active=True).select_related("user")
    for pref in prefs:
        user = pref.user
        if not user.email:
            continue
        notes = Notification.objects.filter(
            recipient=user, email__isnull=True, read_at__isnull=True, created_at__gte=now - timedelta(days=days)
        ).exclude(kind__in=pref.email_off or [])
        with transaction.atomic():
            pks = list(notes.select_for_update().values_list("pk", flat=True))
            if not pks:
                continue
            row, created = EmailOutbox.objects.get_or_create(
                message_id=f"<digest.{user.pk}.{today.isoformat()}@{_mail_domain()}>",
                defaults={"recipient": user, "kind": DIGEST, "address": user.email, "next_attempt_at": now},
            )
            if not created:
                continue
            Notification.objects.filter(pk__in=pks).update(email=row)
            transaction.on_commit(lambda pk=row.pk: _enqueue(pk))  # type: ignore[misc]
            queued += 1
    return queued


# --- deadline reminders -------------------------------------------------------------------------


@dataclass(frozen=True)
class Reminder:
    """One reminder to give: `key` names the object and the threshold, so it is given once."""

    kind: str  # Kind.DEADLINE_SOON or Kind.DEADLINE_PASSED
    key: str
    recipients: list[Any]
    params: dict[str, Any]
    url: str = ""


DeadlineSource = Callable[[date], Iterable[Reminder]]
DEADLINE_SOURCES: dict[str, DeadlineSource] = {}
REMIND_DAYS_BEFORE = 3


def deadline_source(name: str) -> Callable[[DeadlineSource], DeadlineSource]:
    """Apps above org register what has deadlines (reports, petitions) in their AppConfig.ready()."""

    def register(fn: DeadlineSource) -> DeadlineSource:
        DEADLINE_SOURCES[name] = fn
        return fn

    return register


def deadlines_notify(*, today: date | None = None) -> int:
    """Give every reminder the sources list for `today` that was not given before; returns how many."""
    today = today or timezone.localdate()
    given = 0
    for name, source in sorted(DEADLINE_SOURCES.items()):
        for reminder in source(today):
            with transaction.atomic():
                given += len(
                    notify(
                        recipients=reminder.recipients,
                        kind=reminder.kind,
                        params=reminder.params,
                        url=reminder.url,
                        key=reminder.key,
                    )
                )
        logger.info("deadline reminders from %s done", name)
    return given


def due_window(today: date) -> tuple[date, date, date]:
    """(soon_from, soon_to, passed_from): "due within three days" and "passed in the last week"."""
    return today + timedelta(days=1), today + timedelta(days=REMIND_DAYS_BEFORE), today - timedelta(days=7)


__all__ = [
    "DEADLINE_SOURCES",
    "Reminder",
    "deadline_source",
    "deadlines_notify",
    "digest_send",
    "due_window",
    "notification_mark_all_read",
    "notification_mark_read",
    "notification_preferences_save",
    "notifications_prune",
    "notify",
    "outbox_deliver",
    "outbox_requeue",
    "outbox_send_due",
    "site_link",
    "unit_people",
    "user_language",
]
