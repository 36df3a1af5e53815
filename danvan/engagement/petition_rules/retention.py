"""Erasing senders' identities once their `RetentionRule` period after closing has passed.

The petition stays (its kind, topic, place, dates, answer and timeline are what the statistics
and the tracking page need), with `anonymised_at` set. The sender's fields are blanked and the
attachments deleted with their files: scans of an ID card or a signed letter are identity too.
The text is kept as written — a handler who sees a name in it should edit it out when closing.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from danvan.core.audit import audit
from danvan.engagement.models.petitions import Petition, PetitionEvent, PetitionSender, RetentionRule
from danvan.engagement.petition_rules.deadlines import add_months, local_date

BATCH = 500


def due_for_erasure(now: datetime) -> list[int]:
    """Ids of closed (or not accepted) petitions whose retention period is over and that still hold identity."""
    today = local_date(now)
    months = dict(RetentionRule.objects.values_list("kind", "months"))
    ids = []
    rows = Petition.objects.filter(anonymised_at__isnull=True, closed_at__isnull=False).values_list(
        "pk", "kind", "closed_at"
    )
    for pk, kind, closed_at in rows.iterator():
        if kind in months and add_months(local_date(closed_at), months[kind]) <= today:
            ids.append(pk)
    return ids


def retention_run(*, now: datetime | None = None, dry_run: bool = False) -> int:
    """Erase what is due, in batches (each atomic); returns how many petitions were anonymised."""
    now = now or timezone.now()
    ids = due_for_erasure(now)
    if dry_run:
        return len(ids)
    for start in range(0, len(ids), BATCH):
        _erase(ids[start : start + BATCH], now)
    return len(ids)


@transaction.atomic
def _erase(ids: list[int], now: datetime) -> None:
    files = []
    for petition in Petition.objects.select_for_update().filter(pk__in=ids, anonymised_at__isnull=True):
        PetitionSender.objects.filter(petition=petition).update(
            full_name="", id_number="", phone="", email="", address=""
        )
        files.extend(attachment.file for attachment in petition.attachments.all())
        petition.attachments.all().delete()
        petition.anonymised_at = now
        petition.save(update_fields=["anonymised_at", "updated_at"])
        PetitionEvent.objects.create(petition=petition, verb="anonymised")
        audit(actor=None, verb="petition.anonymise", target=petition)
    # the files go only once the rows are gone for good
    transaction.on_commit(lambda: [f.delete(save=False) for f in files])
