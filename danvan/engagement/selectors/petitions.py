"""Reads of petitions. Each back-office read takes the acting user and starts from `org.access`.

Who sees a petition: whoever may VIEW its place (narrowed to its organisation when their role is),
and its assigned handler. Who may see the sender's identity: the assigned handler and managers of
the place — only through `petition_sender`, which writes an audit row for every read. The public
tracking view is a separate, fixed set of fields (`PublicPetition`): no identity, no internal
notes, no handler, no organisation staff.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from danvan.core import lookups  # noqa: F401  registers `__unindexed`
from danvan.core.audit import audit
from danvan.core.dates import days_q
from danvan.core.errors import DomainError, NotFound
from danvan.core.text import place_name_key
from danvan.engagement.models.petitions import (
    Petition,
    PetitionAttachment,
    PetitionEvent,
    PetitionSender,
    PetitionStatus,
)
from danvan.engagement.petition_rules import deadlines, routing
from danvan.geo.models import AdminUnit, Level
from danvan.geo.selectors import area_q, current_era
from danvan.org.access import Action, can, is_national, scope_filter, scope_q

_MAX_ID = 2**63 - 1
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read aloud or copied by hand
CODE_LENGTH = 12


# --- the policy of this area, built on org.access ------------------------------------------------


@dataclass(frozen=True)
class Permissions:
    handle: bool  # accept, reject, start, answer, close, reopen, extend, unlink a duplicate
    dispatch: bool  # assign a handler, transfer to another organisation
    identity: bool  # read the sender's identity (audited)


def permissions(user: Any, petition: Petition) -> Permissions:
    is_handler = petition.handler_id is not None and petition.handler_id == getattr(user, "pk", None)
    review = can(user, Action.REVIEW, petition.unit, petition.organization)
    return Permissions(
        handle=is_handler or review,
        dispatch=review,
        identity=is_handler or can(user, Action.MANAGE, petition.unit),
    )


# --- back office ---------------------------------------------------------------------------------


@dataclass
class PetitionFilters:
    status: str = ""
    kind: str = ""
    topic: str = ""
    unit: AdminUnit | None = None
    overdue: str = ""  # "", "any", "accept", "settle"
    q: str = ""
    mine: bool = False
    unassigned: bool = False  # open and without a handler
    start: date | None = None
    end: date | None = None


def petition_list(
    *, user: Any, filters: PetitionFilters | None = None, today: date | None = None
) -> QuerySet[Petition]:
    if not getattr(user, "is_authenticated", False):
        return Petition.objects.none()
    if is_national(user):
        qs = Petition.objects.all()
    else:
        scoped = scope_filter(Petition.objects.all(), user, unit_field="unit", org_field="organization")
        qs = Petition.objects.filter(Q(pk__in=scoped.values("pk")) | Q(handler_id=user.pk))
    qs = qs.select_related("topic", "unit", "organization", "handler")
    f = filters or PetitionFilters()
    day = today or deadlines.today()
    if f.status:
        qs = qs.filter(status=f.status)
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.topic:
        qs = qs.filter(topic_id=f.topic)
    if f.unit is not None:
        qs = qs.filter(area_q(f.unit))
    if f.overdue == "accept":
        qs = qs.filter(deadlines.accept_overdue_q(day))
    elif f.overdue == "settle":
        qs = qs.filter(deadlines.settle_overdue_q(day))
    elif f.overdue:
        qs = qs.filter(deadlines.overdue_q(day))
    if f.q:
        needle = f.q.strip()
        qs = qs.filter(Q(tracking_code__iexact=format_code(needle)) | Q(subject__icontains=needle))
    if f.mine:
        qs = qs.filter(handler_id=getattr(user, "pk", None))
    if f.unassigned:
        qs = qs.filter(status__in=OPEN_STATUSES, handler__isnull=True)
    if f.start or f.end:
        qs = qs.filter(days_q("received_at", f.start, f.end))
    return qs.order_by("-received_at", "-pk")


def petition_get(*, user: Any, pk: int) -> Petition:
    if pk > _MAX_ID:
        raise NotFound(_("No such petition."))
    petition = petition_list(user=user).filter(pk=pk).select_related("duplicate_of", "dialogue").first()
    if petition is None:
        raise NotFound(_("No such petition."))
    return petition


def petition_events(*, user: Any, petition: Petition) -> QuerySet[PetitionEvent]:
    """The whole timeline, internal notes included: for those who may see the petition."""
    petition_get(user=user, pk=petition.pk)
    return petition.events.select_related("actor", "from_organization", "to_organization")


def petition_timeline(*, user: Any, petition: Petition) -> list[PetitionEvent]:
    """The timeline as a person reads it, for the page and the API alike: each event gets `note_label`,
    its note, except a "routed" event's (a routing rule's key, "rule 12") which becomes the rule's
    description in the reader's language (`routing.routing_notes`, one query for all of them)."""
    events = list(petition_events(user=user, petition=petition))
    labels = routing.routing_notes([e.note for e in events if e.verb == "routed"])
    for e in events:
        e.note_label = labels.get(e.note, e.note) if e.verb == "routed" else e.note  # type: ignore[attr-defined]
    return events


def petition_duplicates(*, user: Any, petition: Petition) -> QuerySet[Petition]:
    return petition_list(user=user).filter(duplicate_of=petition)


def petition_sender(*, user: Any, petition: Petition) -> PetitionSender | None:
    """The sender's identity, for the handler and the place's managers only; every read is audited."""
    petition_get(user=user, pk=petition.pk)
    if not permissions(user, petition).identity:
        raise DomainError(
            _("Only the handler of this petition and managers of its place may see who sent it."),
            code="forbidden",
            status=403,
        )
    sender = PetitionSender.objects.filter(petition=petition).first()
    audit(actor=user, verb="petition.identity.read", target=petition, erased=petition.anonymised_at is not None)
    return sender


def petition_attachment_get(*, user: Any, petition_pk: int, pk: int) -> PetitionAttachment:
    """An attachment of a petition the user may see (the same rule as the petition); every read is audited.

    Missing and forbidden are one `NotFound`. A scan may carry the sender's identity, so each
    download is recorded like a read of the identity; erased petitions have no attachments left.
    """
    if pk > _MAX_ID:
        raise NotFound(_("No such file."))
    petition = petition_get(user=user, pk=petition_pk)
    attachment = PetitionAttachment.objects.filter(petition=petition, pk=pk).first()
    if attachment is None or not attachment.file:
        raise NotFound(_("No such file."))
    audit(actor=user, verb="petition.attachment.read", target=petition, attachment=attachment.pk)
    return attachment


def petition_overdue(*, user: Any, today: date | None = None) -> tuple[list[Petition], list[Petition]]:
    day = today or deadlines.today()
    base = petition_list(user=user, today=day)
    accept = list(base.filter(deadlines.accept_overdue_q(day)).order_by("accept_due", "pk"))
    settle = list(base.filter(deadlines.settle_overdue_q(day)).order_by("settle_due", "pk"))
    return accept, settle


# --- dashboard -----------------------------------------------------------------------------------


@dataclass
class Tally:
    received: int = 0
    resolved: int = 0
    on_time: int = 0

    @property
    def on_time_pct(self) -> int | None:
        return round(100 * self.on_time / self.resolved) if self.resolved else None


@dataclass
class Dashboard:
    total: Tally
    overdue: int
    by_unit: list[tuple[str, Tally]] = field(default_factory=list)
    by_topic: list[tuple[str, Tally]] = field(default_factory=list)
    by_month: list[tuple[str, Tally]] = field(default_factory=list)


def _group_path(unit_path: str, root: AdminUnit | None) -> str:
    """The unit one level below the root (a province when there is none) holding `unit_path`."""
    parts = unit_path.strip("/").split("/")
    depth = len(root.path.strip("/").split("/")) + 1 if root is not None and unit_path.startswith(root.path) else 2
    return "/".join(parts[: min(depth, len(parts))]) + "/"


def petition_dashboard(*, user: Any, start: date, end: date, unit: AdminUnit | None = None) -> Dashboard:
    """Received (by date received) and resolved (answered) in [start, end]; on time: answered by the due date."""
    base = petition_list(user=user, filters=PetitionFilters(unit=unit))
    received = base.filter(days_q("received_at", start, end))
    resolved = base.filter(days_q("answered_at", start, end))
    # by unit on today's map (old records under the unit covering them today), unless the chosen unit is on an older one
    today_map = unit is None or unit.latest_path == unit.path
    cols = ("unit__path", "unit__latest_path", "topic_id", "received_at", "answered_at", "settle_due")
    tallies: dict[str, dict[str, Tally]] = {"unit": defaultdict(Tally), "topic": defaultdict(Tally)}
    months: dict[str, Tally] = defaultdict(Tally)
    total = Tally()

    def group(path: str, latest: str | None) -> str:
        return _group_path((latest or path) if today_map else path, unit)

    for path, latest, topic, at, _answered, _due in received.values_list(*cols):
        for key, value in (("unit", group(path, latest)), ("topic", topic)):
            tallies[key][value].received += 1
        months[deadlines.local_date(at).strftime("%Y-%m")].received += 1
        total.received += 1
    for path, latest, topic, _at, answered, due in resolved.values_list(*cols):
        on_time = due is None or deadlines.local_date(answered) <= due
        for bucket in (
            tallies["unit"][group(path, latest)],
            tallies["topic"][topic],
            months[deadlines.local_date(answered).strftime("%Y-%m")],
            total,
        ):
            bucket.resolved += 1
            bucket.on_time += on_time
    found = AdminUnit.objects.filter(path__in=list(tallies["unit"])).values_list("path", "name", "era_id")
    eras = {era for _p, _n, era in found}
    names = {  # a name shared by both maps (Tỉnh Quảng Ninh) is told apart by its map
        path: (name if len(eras) < 2 else _("%(name)s (map %(era)s)") % {"name": name, "era": era})
        for path, name, era in found
    }
    from danvan.engagement.models.petitions import Topic

    topics = {t.code: t.label for t in Topic.objects.all()}
    overdue = base.filter(deadlines.overdue_q(deadlines.today())).count()
    return Dashboard(
        total=total,
        overdue=overdue,
        by_unit=sorted(((names.get(p, p), t) for p, t in tallies["unit"].items()), key=lambda r: -r[1].received),
        by_topic=sorted(((topics.get(c, c), t) for c, t in tallies["topic"].items()), key=lambda r: -r[1].received),
        by_month=[(f"{key[5:]}/{key[:4]}", tally) for key, tally in sorted(months.items())],  # 01/2025
    )


# --- public --------------------------------------------------------------------------------------


def format_code(raw: str) -> str:
    """What a person typed ("abcd efgh-jkmn") as the stored form "ABCD-EFGH-JKMN"."""
    letters = "".join(c for c in raw.upper() if c.isalnum())
    return "-".join(letters[i : i + 4] for i in range(0, len(letters), 4))


@dataclass(frozen=True)
class PublicEvent:
    at: datetime
    verb: str
    to_status: str
    note: str


@dataclass(frozen=True)
class PublicPetition:
    """Everything the tracking page and endpoint show, and nothing else: no identity, notes or handler."""

    tracking_code: str
    kind: str
    kind_label: str
    topic: str
    place: str
    status: str
    status_label: str
    received_at: datetime
    accept_due: date
    accepted_at: datetime | None
    settle_due: date | None
    answered_at: datetime | None
    closed_at: datetime | None
    public_answer: str
    rejection_reason: str
    rating: int | None
    may_rate: bool
    events: tuple[PublicEvent, ...]


def petition_track(*, code: str) -> PublicPetition:
    """The public view of a petition by its tracking code (no login)."""
    normalized = format_code(code)
    petition = None
    if 10 <= len(normalized) <= 20:
        petition = (
            Petition.objects.filter(tracking_code=normalized).select_related("topic", "unit", "unit__parent").first()
        )
    if petition is None:
        raise NotFound(_("No petition has this tracking code. Check the code and try again."))
    events = tuple(
        PublicEvent(at=e.at, verb=e.verb, to_status=e.to_status, note=e.public_note)
        for e in petition.events.filter(public=True).order_by("at", "pk")
    )
    place = petition.unit.name if petition.unit.parent is None else f"{petition.unit.name}, {petition.unit.parent.name}"
    return PublicPetition(
        tracking_code=petition.tracking_code,
        kind=petition.kind,
        kind_label=petition.get_kind_display(),
        topic=petition.topic.label,
        place=place,
        status=petition.status,
        status_label=petition.get_status_display(),
        received_at=petition.received_at,
        accept_due=petition.accept_due,
        accepted_at=petition.accepted_at,
        settle_due=petition.settle_due,
        answered_at=petition.answered_at,
        closed_at=petition.closed_at,
        public_answer=petition.public_answer,
        rejection_reason=petition.rejection_reason,
        rating=petition.rating,
        may_rate=petition.status == PetitionStatus.CLOSED and petition.rating is None,
        events=events,
    )


def public_places(*, parent: AdminUnit | None = None) -> list[AdminUnit]:
    """What the public form offers: today's provinces, then the children of the chosen unit (down to villages).

    In Vietnamese alphabetical order of the name without its "Tỉnh", "Thành phố", "Xã"… prefix, so Hà Nội
    stands at H among the provinces, not with every "Thành phố" at T (no database collates Vietnamese so).
    """
    era = current_era()
    if parent is None:
        units = AdminUnit.objects.filter(era=era, level=Level.PROVINCE)
    else:
        units = AdminUnit.objects.filter(parent=parent)
    return sorted(units, key=lambda u: place_name_key(u.name))


def public_place(key: str) -> AdminUnit:
    """A unit named "era/code" (either map), or NotFound with a message for the sender."""
    era, _sep, code = key.strip().strip("/").partition("/")
    unit = None
    if code and len(key) < 60 and "\x00" not in key:
        unit = AdminUnit.objects.filter(era_id=era, code=code).select_related("parent").first()
    if unit is None:
        raise NotFound(_("There is no place with the code “%(code)s”. Choose the place from the list.") % {"code": key})
    return unit


# --- my work (the home page's kinds, see `engagement.inbox`) ------------------------------------

OPEN_STATUSES = (PetitionStatus.RECEIVED, *deadlines.OPEN_TO_SETTLE)


def due_by_q(day: date) -> Q:
    """Open and due on or before `day`: accepting for a received petition, settling once accepted."""
    return Q(status=PetitionStatus.RECEIVED, accept_due__lte=day) | Q(
        status__in=deadlines.OPEN_TO_SETTLE, settle_due__lte=day
    )


def petition_due(petition: Petition) -> date | None:
    """The next deadline of an open petition: accepting it, or settling it."""
    return petition.accept_due if petition.status == PetitionStatus.RECEIVED else petition.settle_due


def dispatch_q(user: Any) -> Q:
    """Open petitions the user may assign or transfer: `permissions().dispatch`, REVIEW on place and organisation."""
    review = scope_q(user, org_field="organization", action=Action.REVIEW, path_field="unit_path")
    return Q(status__in=OPEN_STATUSES) & review


def assigned_q(user: Any) -> Q:
    """Open petitions assigned to the user: theirs to handle."""
    return Q(status__in=OPEN_STATUSES, handler_id=getattr(user, "pk", None))


def unassigned_q(user: Any) -> Q:
    """Open petitions with no handler that the user may assign."""
    return dispatch_q(user) & Q(handler_id__unindexed__isnull=True)


def _due_soon_day(today: date | None) -> date:
    from danvan.org.inbox import DUE_SOON_DAYS

    return (today or deadlines.today()) + timedelta(days=DUE_SOON_DAYS)


def _others_q(user: Any) -> Q:
    return Q(handler_id__unindexed__isnull=False) & ~Q(handler_id=getattr(user, "pk", None))


def due_others_q(user: Any, *, dialogue: bool, today: date | None = None) -> Q:
    """Open petitions handled by someone else, due within `inbox.DUE_SOON_DAYS` or past, that the user
    supervises (may handle and dispatch); `dialogue` picks the issues promised at a dialogue or the others.
    """
    day = _due_soon_day(today)
    return dispatch_q(user) & due_by_q(day) & _others_q(user) & Q(dialogue_id__unindexed__isnull=not dialogue)


def supervised_q(user: Any, today: date | None = None) -> Q:
    """`unassigned_q` or either `due_others_q`: what the user watches over, in one condition."""
    day = _due_soon_day(today)
    return dispatch_q(user) & (Q(handler_id__unindexed__isnull=True) | (due_by_q(day) & _others_q(user)))


def _signed_in(user: Any, q: Q) -> QuerySet[Petition]:
    if not getattr(user, "is_authenticated", False):
        return Petition.objects.none()
    return Petition.objects.filter(q).select_related("unit", "organization", "handler", "dialogue")


def petitions_assigned(*, user: Any) -> QuerySet[Petition]:
    return _signed_in(user, assigned_q(user))


def petitions_unassigned(*, user: Any) -> QuerySet[Petition]:
    return _signed_in(user, unassigned_q(user))


def petitions_due_others(*, user: Any, dialogue: bool, today: date | None = None) -> QuerySet[Petition]:
    return _signed_in(user, due_others_q(user, dialogue=dialogue, today=today))
