"""Petitions (đơn thư): what a citizen sends, who handles it, by when, and who may know who sent it.

The sender's identity lives apart (`PetitionSender`) so that it is read only through the audited
selector, and erased after the retention period while the petition itself stays, anonymised.
Deadlines, routing and retention are data, loaded with the legal defaults.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from danvan.core.models import TimeStampedModel
from danvan.geo.models import AdminUnit
from danvan.geo.unit_paths import UnitPathMixin
from danvan.org.models import Organization


class PetitionKind(models.TextChoices):
    RECOMMENDATION = "recommendation", _("recommendation")
    FEEDBACK = "feedback", _("feedback")
    COMPLAINT = "complaint", _("complaint")
    DENUNCIATION = "denunciation", _("denunciation")


# the law requires the sender's identity for these (Law on Complaints 2011, Law on Denunciations 2018)
IDENTIFIED_KINDS = {PetitionKind.COMPLAINT, PetitionKind.DENUNCIATION}


class Topic(models.Model):
    """Data: land, environment, social policy, infrastructure, security and order, …"""

    code = models.SlugField(_("code"), max_length=40, primary_key=True)
    name = models.CharField(_("name"), max_length=160)
    name_en = models.CharField(_("English name"), max_length=160, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.name_en if translation.get_language() == "en" and self.name_en else self.name


class DayCount(models.TextChoices):
    """How a limit counts: the texts say "ngày" (calendar days) or "ngày làm việc" (working days)."""

    CALENDAR = "calendar", _("calendar days")
    WORKING = "working", _("working days")


class Instance(models.IntegerChoices):
    """A complaint is settled first by the author of the decision (lần đầu), then by the level above (lần hai)."""

    FIRST = 1, _("first complaint")
    SECOND = 2, _("second complaint")


class DeadlineRule(models.Model):
    """Statutory time limits per kind (and complaint instance), with the article they come from.

    `remote` rows apply in remote and disadvantaged areas. Extensions: a simple case is never
    extended; a complicated one up to `complex_extensions` times, an especially complicated one up
    to `max_extensions` times, each by at most `extension_days` (Law on Denunciations 2018, art. 30).
    """

    kind = models.CharField(_("kind"), max_length=16, choices=PetitionKind.choices)
    instance = models.PositiveSmallIntegerField(_("instance"), choices=Instance.choices, default=Instance.FIRST)
    remote = models.BooleanField(_("remote area"), default=False)
    accept_days = models.PositiveSmallIntegerField(_("days to accept"), default=10)
    accept_count = models.CharField(
        _("acceptance counts"), max_length=8, choices=DayCount.choices, default=DayCount.CALENDAR
    )
    settle_days = models.PositiveSmallIntegerField(_("days to settle after acceptance"))
    complex_days = models.PositiveSmallIntegerField(_("days to settle when complicated"))
    settle_count = models.CharField(
        _("settling counts"), max_length=8, choices=DayCount.choices, default=DayCount.CALENDAR
    )
    extension_days = models.PositiveSmallIntegerField(_("days an extension adds"), default=0)
    complex_extensions = models.PositiveSmallIntegerField(_("extensions allowed when complicated"), default=0)
    max_extensions = models.PositiveSmallIntegerField(_("extensions allowed when especially complicated"), default=0)
    legal_basis = models.CharField(
        _("legal basis"), max_length=500, blank=True, help_text=_("The article and clause each limit comes from.")
    )

    class Meta:
        ordering = ["kind", "instance", "remote"]
        verbose_name = _("deadline rule")
        verbose_name_plural = _("deadline rules")
        constraints = [
            models.UniqueConstraint(fields=["kind", "instance", "remote"], name="engagement_deadline_kind_instance"),
            models.CheckConstraint(
                condition=Q(complex_extensions__lte=F("max_extensions")), name="engagement_deadline_extensions"
            ),
        ]

    def __str__(self) -> str:
        second = " (2)" if self.instance == Instance.SECOND else ""
        return f"{self.kind}{second}{' (remote)' if self.remote else ''}"


class Holiday(models.Model):
    """A day off that working-day limits skip (Tết, national days, and the days the government moves)."""

    day = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["day"]
        verbose_name = _("public holiday")
        verbose_name_plural = _("public holidays")

    def __str__(self) -> str:
        return f"{self.day} {self.name}"


class RemoteArea(models.Model):
    """A subtree of the map where the longer time limits of remote areas apply."""

    unit = models.OneToOneField(AdminUnit, on_delete=models.CASCADE, related_name="+", verbose_name=_("unit"))

    class Meta:
        verbose_name = _("remote area")
        verbose_name_plural = _("remote areas")

    def __str__(self) -> str:
        return str(self.unit)


class RetentionRule(models.Model):
    """How long a sender's identity is kept after the petition is closed, per kind."""

    kind = models.CharField(_("kind"), max_length=16, choices=PetitionKind.choices, unique=True)
    months = models.PositiveSmallIntegerField(_("months after closing"))

    class Meta:
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention rules")

    def __str__(self) -> str:
        return f"{self.kind}: {self.months}"


class RoutingRule(models.Model):
    """Petitions about `topic` (any if empty) of `kind` (any if blank) placed inside `unit` go to `organization`.

    The most specific matching rule wins: the deepest unit, then a topic over none, a kind over none,
    then the higher priority.
    """

    unit = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="+", verbose_name=_("area"))
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("topic"))
    kind = models.CharField(_("kind"), max_length=16, choices=PetitionKind.choices, blank=True)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("responsible organisation")
    )
    priority = models.SmallIntegerField(_("priority"), default=0)

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")

    def __str__(self) -> str:
        return f"{self.unit} · {self.topic_id or '*'} · {self.kind or '*'} → {self.organization}"


class PetitionStatus(models.TextChoices):
    RECEIVED = "received", _("received")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("not accepted")
    IN_PROGRESS = "in_progress", _("in progress")
    ANSWERED = "answered", _("answered")
    CLOSED = "closed", _("closed")


class PetitionSource(models.TextChoices):
    PUBLIC_FORM = "public_form", _("public form")
    API = "api", _("API")
    DIALOGUE = "dialogue", _("dialogue")
    RECEPTION = "reception", _("citizen reception")
    POST = "post", _("post")


class Petition(UnitPathMixin, TimeStampedModel):
    tracking_code = models.CharField(_("tracking code"), max_length=20, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=PetitionKind.choices)
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, verbose_name=_("topic"))
    unit = models.ForeignKey(AdminUnit, on_delete=models.PROTECT, related_name="petitions", verbose_name=_("place"))
    place_detail = models.CharField(_("address or place"), max_length=255, blank=True)
    subject = models.CharField(_("subject"), max_length=200)
    text = models.TextField(_("content"))
    source = models.CharField(_("source"), max_length=12, choices=PetitionSource.choices)
    dialogue = models.ForeignKey(
        "engagement.Dialogue",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="issues",
        verbose_name=_("raised at dialogue"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="petitions",
        verbose_name=_("responsible organisation"),
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="petitions",
        verbose_name=_("handler"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=PetitionStatus.choices, default=PetitionStatus.RECEIVED
    )
    received_at = models.DateTimeField(_("received at"))
    accept_due = models.DateField(_("accept by"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    settle_due = models.DateField(_("settle by"), null=True, blank=True)
    instance = models.PositiveSmallIntegerField(_("instance"), choices=Instance.choices, default=Instance.FIRST)
    complex = models.BooleanField(_("complicated"), default=False)
    especially_complex = models.BooleanField(_("especially complicated"), default=False)
    remote = models.BooleanField(_("remote area"), default=False)
    extensions = models.PositiveSmallIntegerField(_("extensions"), default=0)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    public_answer = models.TextField(_("public answer"), blank=True)
    rejection_reason = models.TextField(_("reason not accepted"), blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("likely duplicate of"),
    )
    rating = models.PositiveSmallIntegerField(_("sender's rating"), null=True, blank=True)
    rating_comment = models.CharField(_("rating comment"), max_length=500, blank=True)
    text_folded = models.TextField(editable=False, blank=True)  # for the duplicate check
    anonymised_at = models.DateTimeField(_("identity erased at"), null=True, blank=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="engagement_petition_rating_range",
            ),
            models.CheckConstraint(
                condition=~Q(source="dialogue") | Q(dialogue__isnull=False), name="engagement_petition_dialogue_source"
            ),
            models.CheckConstraint(
                condition=Q(especially_complex=False) | Q(complex=True), name="engagement_petition_complexity"
            ),
            models.CheckConstraint(
                condition=Q(instance=1) | Q(kind="complaint"), name="engagement_petition_instance_complaint"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "accept_due"], name="engagement_petition_accept"),
            models.Index(fields=["status", "settle_due"], name="engagement_petition_settle"),
            models.Index(fields=["unit", "received_at"], name="engagement_petition_place"),
            # the scope's rows by path and status, with what "my work" sorts a province's open petitions
            # into (handler, dialogue, deadlines, organisation): it ranks them from the index alone
            models.Index(
                fields=["unit_path", "status", "handler", "dialogue", "accept_due", "settle_due", "organization"],
                name="engagement_petition_scope",
                opclasses=[
                    "varchar_pattern_ops",
                    "varchar_pattern_ops",
                    "int8_ops",
                    "int8_ops",
                    "date_ops",
                    "date_ops",
                    "int8_ops",
                ],
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_code} — {self.subject}"

    @property
    def complexity(self) -> str:
        if self.especially_complex:
            return Complexity.ESPECIALLY_COMPLEX
        return Complexity.COMPLEX if self.complex else Complexity.SIMPLE


class Complexity(models.TextChoices):
    """Stored as the two flags `complex` and `especially_complex` (the second implies the first)."""

    SIMPLE = "simple", _("simple")
    COMPLEX = "complex", _("complicated")
    ESPECIALLY_COMPLEX = "especially_complex", _("especially complicated")


class PetitionExtension(models.Model):
    """A written decision extending the settling time (Law on Denunciations 2018, art. 30): number, date, reason."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="extension_decisions")
    number = models.PositiveSmallIntegerField(_("extension"))  # 1st, 2nd
    decision_number = models.CharField(_("decision number"), max_length=60)
    decision_date = models.DateField(_("decision date"))
    reason = models.TextField(_("reason"))
    days = models.PositiveSmallIntegerField(_("days added"))
    complexity = models.CharField(_("complexity"), max_length=18, choices=Complexity.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["petition", "number"]
        verbose_name = _("extension decision")
        verbose_name_plural = _("extension decisions")
        constraints = [
            models.UniqueConstraint(fields=["petition", "number"], name="engagement_extension_number"),
            models.CheckConstraint(condition=Q(number__gte=1) & Q(days__gte=1), name="engagement_extension_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.petition_id} #{self.number} {self.decision_number}"


class PetitionSender(models.Model):
    """Who sent it: personal data (Law 91/2025/QH15, Decree 356/2025). Read only via the audited selector."""

    petition = models.OneToOneField(Petition, on_delete=models.CASCADE, related_name="sender")
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    id_number = models.CharField(_("ID card number"), max_length=20, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)

    class Meta:
        verbose_name = _("sender")
        verbose_name_plural = _("senders")

    def __str__(self) -> str:
        return f"sender of {self.petition_id}"


class PetitionAttachment(models.Model):
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="petitions/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name


class PetitionEvent(models.Model):
    """The petition's timeline; `public` events (and only their `public_note`) show on the tracking page."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verb = models.CharField(max_length=20)  # received, routed, accepted, rejected, assigned, transferred, …
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12, blank=True)
    from_organization = models.ForeignKey(
        Organization, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    to_organization = models.ForeignKey(
        Organization, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(blank=True)  # internal
    public = models.BooleanField(default=False)
    public_note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.petition_id} {self.verb}"


class SubmissionThrottle(models.Model):
    """One public submission from one (hashed) address: the rate limit counts these, across processes."""

    key = models.CharField(max_length=64, db_index=True)  # sha256 of the address with the secret key
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("submission from an address")

    def __str__(self) -> str:
        return f"{self.key[:8]} {self.at}"
