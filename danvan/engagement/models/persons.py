"""Prestigious persons (người có uy tín) and the contacts kept with them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from danvan.core.models import TimeStampedModel
from danvan.geo.models import AdminUnit


class EthnicGroup(models.Model):
    """The 54 ethnic groups of the official list (General Statistics Office), by their official code."""

    code = models.CharField(_("code"), max_length=2, primary_key=True)
    name = models.CharField(_("name"), max_length=60)

    class Meta:
        ordering = ["code"]
        verbose_name = _("ethnic group")
        verbose_name_plural = _("ethnic groups")

    def __str__(self) -> str:
        return self.name


class PrestigiousPerson(TimeStampedModel):
    """A village elder, clan head or religious dignitary who carries policy to the people.

    Ethnicity and religion are sensitive personal data: read only through the audited selector and
    only by roles allowed to. The standing "religious dignitary" reveals a religion, so it is treated
    like one: whoever may not see the person's sensitive data sees it as "other" (`visible_standing`).
    """

    class Standing(models.TextChoices):
        ELDER = "elder", _("village elder")
        CLAN_HEAD = "clan_head", _("clan head")
        RELIGIOUS = "religious", _("religious dignitary")
        VILLAGE_HEAD = "village_head", _("village head")
        INTELLECTUAL = "intellectual", _("intellectual")
        BUSINESS = "business", _("businessperson")
        OTHER = "other", _("other")

    full_name = models.CharField(_("full name"), max_length=150)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    gender = models.CharField(
        _("gender"), max_length=6, choices=[("male", _("male")), ("female", _("female"))], blank=True
    )
    village = models.ForeignKey(
        AdminUnit, on_delete=models.PROTECT, related_name="prestigious_persons", verbose_name=_("village or commune")
    )
    standing = models.CharField(_("standing"), max_length=14, choices=Standing.choices)
    since = models.DateField(_("recognised since"))
    until = models.DateField(_("until"), null=True, blank=True)
    ethnic_group = models.ForeignKey(
        EthnicGroup, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("ethnic group")
    )
    religion = models.CharField(_("religion"), max_length=60, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["village__path", "full_name"]
        verbose_name = _("prestigious person")
        verbose_name_plural = _("prestigious persons")
        constraints = [
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=F("since")), name="engagement_person_dates"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def visible_standing(self) -> str:
        """The standing as the reader may see it: the selector's `standing_shown`, else masked when sensitive."""
        shown = getattr(self, "standing_shown", None)
        if shown is None:
            shown = MASKED_STANDING if self.standing in SENSITIVE_STANDINGS else self.standing
        return str(shown)

    @property
    def visible_standing_label(self) -> str:
        return str(self.Standing(self.visible_standing).label)


# a standing that reveals sensitive data (a religion), and what those who may not see it are shown instead
SENSITIVE_STANDINGS = (PrestigiousPerson.Standing.RELIGIOUS,)
MASKED_STANDING = PrestigiousPerson.Standing.OTHER


class PersonEngagement(models.Model):
    """A contact with a prestigious person: a visit, a meeting, policy carried, a dispute mediated."""

    class Kind(models.TextChoices):
        VISIT = "visit", _("visit")
        MEETING = "meeting", _("meeting")
        POLICY = "policy", _("policy outreach")
        MEDIATION = "mediation", _("mediation")
        OTHER = "other", _("other")

    person = models.ForeignKey(PrestigiousPerson, on_delete=models.CASCADE, related_name="engagements")
    held_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-held_on"]
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")

    def __str__(self) -> str:
        return f"{self.person_id} {self.held_on} {self.kind}"
