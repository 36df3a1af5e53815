"""The one rule of what the public may see of models: every public read starts here.

A model is public while its publication is published and the model itself is recognised or
later (recognised, typical, commended). A model returned or discontinued after it was published
drops out at once, without anyone unpublishing it; drafts and registrations never get in.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from danvan.initiatives.models import Initiative, Status

PUBLIC_STATUSES = (Status.RECOGNISED, Status.TYPICAL, Status.COMMENDED)


def public_q(prefix: str = "") -> Q:
    """The rule as a condition on `Initiative` (or on a relation to it, with `prefix="initiative__"`)."""
    return Q(**{f"{prefix}publication__published_at__isnull": False, f"{prefix}status__in": PUBLIC_STATUSES})


def public_initiatives() -> QuerySet[Initiative]:
    return Initiative.objects.filter(public_q())
