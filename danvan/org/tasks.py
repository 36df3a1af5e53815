"""org's background tasks (django-tasks; `danvan db_worker` runs them from the database queue)."""

from __future__ import annotations

from django_tasks import task


@task()
def deliver_email(*, outbox_id: int) -> None:
    """Send one e-mail of the outbox (a no-op if it was sent or taken meanwhile)."""
    from danvan.org.services.notifications import outbox_deliver

    outbox_deliver(outbox_id=outbox_id)
