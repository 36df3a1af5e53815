"""Writes of petitions: submit (public), the lifecycle, routing, assignment, extension and rating.

One module per part: `intake` (submission, rating), `lifecycle` (accept … extend, `petition_act`),
`dispatch` (assignment, transfer, duplicates), `common` (what they share).

Lifecycle: received → accepted | rejected (reason) → in_progress → answered → closed; answered or
closed → in_progress again on reopening (reason). Each write is atomic, checks the rules and the
actor's rights (`petition_selectors.permissions`), records a `PetitionEvent` (public ones carry
only their `public_note` to the tracking page) and an audit row.

A submission writes the petition, its sender, its files, its first events and the throttle row in
one transaction; the tracking code is returned only once that transaction has committed, so a
code shown to a sender always names a stored petition. A likely duplicate (same commune, near
identical text, last 30 days) is linked with `duplicate_of` and stays `received`: a handler then
rejects it as a duplicate (or unlinks it), so it is not handled twice.
"""

from __future__ import annotations

from danvan.engagement.services.petitions.common import S
from danvan.engagement.services.petitions.dispatch import petition_assign, petition_transfer, petition_unlink_duplicate
from danvan.engagement.services.petitions.intake import (
    MAX_SUBJECT,
    SenderData,
    identity_problem,
    new_code,
    petition_rate,
    petition_submit,
)
from danvan.engagement.services.petitions.lifecycle import (
    ACTIONS,
    allowed_actions,
    petition_accept,
    petition_act,
    petition_answer,
    petition_close,
    petition_extend,
    petition_reject,
    petition_reopen,
    petition_start,
)

__all__ = [
    "ACTIONS",
    "MAX_SUBJECT",
    "S",
    "SenderData",
    "allowed_actions",
    "identity_problem",
    "new_code",
    "petition_accept",
    "petition_act",
    "petition_answer",
    "petition_assign",
    "petition_close",
    "petition_extend",
    "petition_rate",
    "petition_reject",
    "petition_reopen",
    "petition_start",
    "petition_submit",
    "petition_transfer",
    "petition_unlink_duplicate",
]
