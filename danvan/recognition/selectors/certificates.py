"""Reads of certificates: the public check by code, and a decision's certificates for those who may see it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from django.db import connection
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from danvan.core.errors import NotFound
from danvan.org.access import Action, organizations_usable
from danvan.recognition.models import AwardDecision, Certificate, DecisionStatus

_NOT_CODE = re.compile(r"[^A-Z0-9]")


@dataclass(frozen=True)
class Verified:
    """Exactly what the printed certificate shows, and whether its decision still stands."""

    code: str
    award: str
    recipient: str
    position: str
    reason: str
    issuer: str
    number: str
    signed_on: date
    signer_title: str
    signer_name: str
    revoked: bool


def normalise_code(raw: str) -> str:
    """Typed from paper: spaces, hyphens and lower case do not matter."""
    return _NOT_CODE.sub("", raw.upper())[:16]


VERIFY_FIELDS = (
    "code",
    "name",
    "position",
    "reason",
    "decision__award__name",
    "decision__issuer__name",
    "decision__number",
    "decision__doc_type",
    "decision__suffix",
    "decision__signed_on",
    "decision__signer_title",
    "decision__signer_name",
    "decision__reason",
    "decision__status",
)
_PLACEHOLDER = "\x00code"


@cache
def _verify_query() -> tuple[str, list[Any], int]:
    """The ORM's SQL for one code, compiled once per process (the public page is the one under load)."""
    rows = (
        Certificate.objects.filter(
            code=_PLACEHOLDER, decision__status__in=[DecisionStatus.ISSUED, DecisionStatus.REVOKED]
        )
        .order_by()  # the code is unique: no ordering to work out (the default one joins the decisions)
        .values_list(*VERIFY_FIELDS)[:1]
    )
    sql, params = rows.query.sql_with_params()
    return sql, list(params), list(params).index(_PLACEHOLDER)


def _day(value: Any) -> date:
    """A raw cursor gives SQLite's dates as text (the ORM would convert them)."""
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def certificate_verify(*, code: str) -> Verified:
    """An issued (or revoked) decision's certificate; a draft's, or an unknown code, is not found.

    The public page under load: one query of only the columns the certificate shows, no model built.
    """
    sql, compiled, at = _verify_query()
    params = list(compiled)  # the cached list is shared by every request of the process
    params[at] = normalise_code(code)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        raise NotFound(_("No certificate has this code."))
    c = dict(zip(VERIFY_FIELDS, row, strict=True))
    return Verified(
        code=c["code"],
        award=c["decision__award__name"],
        recipient=c["name"],
        position=c["position"],
        reason=c["reason"] or c["decision__reason"],
        issuer=c["decision__issuer__name"],
        number=f"{c['decision__number']}/{c['decision__doc_type']}-{c['decision__suffix']}",
        signed_on=_day(c["decision__signed_on"]),
        signer_title=c["decision__signer_title"],
        signer_name=c["decision__signer_name"],
        revoked=c["decision__status"] == DecisionStatus.REVOKED,
    )


def decision_list(*, user: Any) -> QuerySet[AwardDecision]:
    """Decisions of issuers the user may see; their certificates go with them."""
    issuers = organizations_usable(user, Action.VIEW)
    return (
        AwardDecision.objects.filter(issuer__in=issuers)
        .select_related("issuer", "issuer__unit", "award", "campaign")
        .order_by("-year", "-number", "-pk")
    )


def decision_get(*, user: Any, pk: int) -> AwardDecision:
    decision = decision_list(user=user).filter(pk=pk).first()
    if decision is None:
        raise NotFound(_("No such decision."))
    return decision


def certificate_list(*, decision: AwardDecision) -> QuerySet[Certificate]:
    return decision.certificates.select_related("unit", "organization", "person").order_by("order", "pk")
