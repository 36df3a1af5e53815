"""Emulation campaigns (phong trào, đợt thi đua), their standards, and who registered to take part.

A campaign is launched by an organisation at its unit; units and organisations below register and
say what they commit to. The standards are criteria sets, one per subject (collectives, individuals)
and versioned: a version that an evaluation has used is frozen, so a score always refers to the
words and maxima it was given against.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from danvan.core.models import TimeStampedModel
from danvan.documents.models import PolicyDocument
from danvan.geo.models import AdminUnit
from danvan.org.models import Organization, OrganizationKind, Person


class Subject(models.TextChoices):
    COLLECTIVE = "collective", _("collective")
    INDIVIDUAL = "individual", _("individual")


class ResultRule(models.TextChoices):
    """How a council's members' totals become the council's result."""

    AVERAGE = "average", _("average of the members' scores")
    TRIMMED = "trimmed", _("average without the highest and the lowest score")


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    OPEN = "open", _("open for registration")
    CLOSED = "closed", _("closed")


class Campaign(TimeStampedModel):
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="campaigns", verbose_name=_("launched by")
    )
    unit = models.ForeignKey(AdminUnit, on_delete=models.PROTECT, related_name="campaigns", verbose_name=_("unit"))
    name = models.CharField(_("name"), max_length=255)
    theme = models.TextField(_("theme"), blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    documents = models.ManyToManyField(
        PolicyDocument, blank=True, related_name="campaigns", verbose_name=_("policy documents")
    )
    levels = models.JSONField(
        _("levels taking part"), default=list, help_text=_('Levels of the map that may register, e.g. ["commune"].')
    )
    organization_kinds = models.ManyToManyField(
        OrganizationKind,
        blank=True,
        related_name="+",
        verbose_name=_("organisation kinds taking part"),
        help_text=_("Empty: any kind."),
    )
    result_rule = models.CharField(
        _("council result"), max_length=10, choices=ResultRule.choices, default=ResultRule.AVERAGE
    )
    status = models.CharField(_("status"), max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT)

    class Meta:
        ordering = ["-starts_on", "name"]
        verbose_name = _("emulation campaign")
        verbose_name_plural = _("emulation campaigns")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="recognition_campaign_dates"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def period_label(self) -> str:
        a, b = self.starts_on.year, self.ends_on.year
        return str(a) if a == b else f"{a}–{b}"


class CriteriaSet(models.Model):
    """The standards for one subject in one campaign; a new version replaces it, the old one stays."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="criteria_sets")
    subject = models.CharField(_("for"), max_length=12, choices=Subject.choices)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    name = models.CharField(_("name"), max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["campaign", "subject", "-version"]
        verbose_name = _("criteria set")
        verbose_name_plural = _("criteria sets")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "subject", "version"], name="recognition_criteria_version"),
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"

    @property
    def max_total(self) -> Decimal:
        return sum((c.max_score for c in self.criteria.all()), Decimal(0))


class Criterion(models.Model):
    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("criterion"), max_length=500)
    guidance = models.TextField(_("guidance"), blank=True)
    evidence_expected = models.TextField(_("evidence expected"), blank=True)
    max_score = models.DecimalField(
        _("maximum score"), max_digits=6, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )

    class Meta:
        ordering = ["criteria_set", "position"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.UniqueConstraint(fields=["criteria_set", "position"], name="recognition_criterion_position"),
            models.CheckConstraint(condition=Q(max_score__gt=0), name="recognition_criterion_max_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class Registration(TimeStampedModel):
    """Đăng ký thi đua: a collective (a unit, or an organisation at it) or a person takes part."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="registrations")
    subject = models.CharField(_("subject"), max_length=12, choices=Subject.choices)
    unit = models.ForeignKey(AdminUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("organisation")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("person")
    )
    commitments_text = models.TextField(_("what we commit to"), blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["campaign", "unit__path", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "unit", "organization", "person"],
                name="recognition_registration_once",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                condition=Q(subject="collective", person__isnull=True) | Q(subject="individual", person__isnull=False),
                name="recognition_registration_subject",
            ),
        ]

    def __str__(self) -> str:
        who = self.person or self.organization or self.unit
        return f"{who} · {self.campaign}"

    @property
    def who(self) -> object:
        return self.person or self.organization or self.unit

    @property
    def who_label(self) -> str:
        """What the pages call the registrant: a person with their organisation, else the organisation or the unit."""
        place = self.organization or self.unit
        return f"{self.person.full_name} · {place.name}" if self.person is not None else place.name


class Commitment(models.Model):
    """One thing a registration commits to: a figure on an indicator, or a model to build."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="commitments")
    indicator = models.ForeignKey(
        "reporting.Indicator", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    target_value = models.DecimalField(_("target"), max_digits=14, decimal_places=2, null=True, blank=True)
    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.CharField(_("commitment"), max_length=500, blank=True)

    class Meta:
        ordering = ["registration", "pk"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def __str__(self) -> str:
        return self.text or str(self.indicator or self.initiative)
