"""Award decisions (quyết định khen thưởng) and the certificates they give, one per recipient.

A decision is drafted with its recipients, then issued: only then does it take a number in the
issuer's own series (per issuer, per year, per document type: 123/QĐ-UBND), from a counter row
locked in the issuing transaction, so numbers have no gaps and no duplicates however many issue at
once. Each recipient's certificate carries a short code that anyone can verify on the public page;
revoking the decision shows every one of its certificates as revoked.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.core.models import TimeStampedModel
from danvan.geo.models import AdminUnit
from danvan.org.models import Organization, Person
from danvan.recognition.models.awards import Award, Awarder
from danvan.recognition.models.campaigns import Campaign, Subject


class NumberSeries(models.Model):
    """The issuer's counter for one document type in one year; the row lock serialises issuing."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    doc_type = models.CharField(max_length=10, default="QĐ")
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "year", "doc_type"], name="recognition_series_once"),
        ]

    def __str__(self) -> str:
        return f"{self.organization_id}/{self.year}/{self.doc_type}: {self.last}"


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    ISSUED = "issued", _("issued")
    REVOKED = "revoked", _("revoked")


class AwardDecision(TimeStampedModel):
    issuer = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="award_decisions", verbose_name=_("issued by")
    )
    awarder = models.CharField(_("decided by"), max_length=20, choices=Awarder.choices)
    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("award"))
    campaign = models.ForeignKey(
        Campaign, on_delete=models.SET_NULL, null=True, blank=True, related_name="decisions", verbose_name=_("campaign")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    doc_type = models.CharField(_("document type"), max_length=10, default="QĐ")
    suffix = models.CharField(_("issuer's abbreviation"), max_length=30, help_text=_("e.g. UBND, BDVTU"))
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=100, blank=True)
    signer_name = models.CharField(_("signed by"), max_length=150)
    signer_title = models.CharField(_("signer's position"), max_length=150)
    title = models.CharField(_("title"), max_length=500)
    reason = models.TextField(_("commended for"), help_text=_("What the recipients are commended for."))
    status = models.CharField(_("status"), max_length=10, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT)
    revoked_reason = models.TextField(_("reason for revoking"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-year", "-number", "-pk"]
        verbose_name = _("award decision")
        verbose_name_plural = _("award decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "year", "doc_type", "number"], name="recognition_decision_number_once"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(number__isnull=False, signed_on__isnull=False),
                name="recognition_issued_has_number",
            ),
        ]

    def __str__(self) -> str:
        return self.number_text or str(self.title)

    @property
    def number_text(self) -> str:
        return f"{self.number}/{self.doc_type}-{self.suffix}" if self.number else ""


class Certificate(models.Model):
    """One recipient of a decision: a collective (a unit, or an organisation) or a person."""

    decision = models.ForeignKey(AwardDecision, on_delete=models.CASCADE, related_name="certificates")
    subject = models.CharField(_("collective or individual"), max_length=12, choices=Subject.choices)
    unit = models.ForeignKey(AdminUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("organisation")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("person")
    )
    name = models.CharField(_("name on the certificate"), max_length=255)
    position = models.CharField(_("position or unit line"), max_length=255, blank=True)
    reason = models.TextField(_("commended for"), blank=True)
    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.SET_NULL, null=True, blank=True, related_name="certificates"
    )
    evaluation = models.ForeignKey(
        "recognition.Evaluation", on_delete=models.SET_NULL, null=True, blank=True, related_name="certificates"
    )
    code = models.CharField(_("verification code"), max_length=16, unique=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["decision", "order", "pk"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.CheckConstraint(
                condition=Q(subject="collective", person__isnull=True) | Q(subject="individual", person__isnull=False),
                name="recognition_certificate_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} · {self.decision}"
