"""Emulation titles and forms of commendation (thi đua, khen thưởng) and who may award them, as data.

Law 06/2022/QH15 on Emulation and Commendation (in force 1 January 2024) and Decree 98/2023/NĐ-CP
list the titles, the forms of commendation and the authority that decides each; they change with
the law (the district chairman's powers ended with the districts on 1 July 2025), so they are rows
an administrator can correct, each with the article it comes from and whether that citation was
checked against the published text. Campaigns and nominations build on these rows.
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import F, Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    TITLE = "title", _("emulation title")
    COMMENDATION = "commendation", _("form of commendation")


class Recipient(models.TextChoices):
    INDIVIDUAL = "individual", _("individual")
    COLLECTIVE = "collective", _("collective")
    HOUSEHOLD = "household", _("household")
    VILLAGE = "village", _("village or residential group")


class Awarder(models.TextChoices):
    """Who decides an award, lowest first: the order is the order in which proposals go upward."""

    ENTERPRISE_HEAD = "enterprise_head", _("director of an enterprise or cooperative")
    AGENCY_HEAD = "agency_head", _("head of an agency or unit")
    COMMUNE_CHAIR = "commune_chair", _("chairman of the commune People's Committee")
    DISTRICT_CHAIR = "district_chair", _("chairman of the district People's Committee")
    PROVINCE_CHAIR = "province_chair", _("chairman of the provincial People's Committee")
    MINISTER = "minister", _("minister or head of a central agency")
    PRIME_MINISTER = "prime_minister", _("Prime Minister")
    PRESIDENT = "president", _("State President")
    # the Party's and the Front's own commendations, under their own rules (after the State's in rank)
    PARTY_LOCAL = "party_local", _("Party committee or its commission below the province")
    FRONT_LOCAL = "front_local", _("Fatherland Front or mass organisation below the province")
    PARTY_PROVINCE = "party_province", _("provincial Party committee or its commission")
    FRONT_PROVINCE = "front_province", _("provincial Fatherland Front or mass organisation")


AWARDER_RANK = {
    **{a: i for i, a in enumerate(Awarder) if a.value.split("_")[0] not in ("party", "front")},
    Awarder.PARTY_LOCAL: 2,
    Awarder.FRONT_LOCAL: 2,
    Awarder.PARTY_PROVINCE: 4,
    Awarder.FRONT_PROVINCE: 4,
}


def awarder_chain(awarder: str) -> str:
    """Proposals go up their own chain: the State's, the Party's or the Front's."""
    head = awarder.split("_")[0]
    return head if head in ("party", "front") else "state"


class Award(models.Model):
    """An emulation title ("Chiến sĩ thi đua cơ sở") or a form of commendation ("Giấy khen")."""

    code = models.SlugField(_("code"), max_length=60, primary_key=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    category = models.CharField(_("category"), max_length=12, choices=Category.choices)
    recipients = models.JSONField(
        _("awarded to"), default=list, help_text=_('Who may receive it, e.g. ["individual", "collective"].')
    )
    legal_basis = models.CharField(_("legal basis"), max_length=255)
    checked = models.BooleanField(
        _("citation checked"), default=False, help_text=_("The article was checked against the published text.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["category", "position", "code"]
        verbose_name = _("title or form of commendation")
        verbose_name_plural = _("titles and forms of commendation")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.name_en if translation.get_language() == "en" and self.name_en else self.name


class AwardAuthority(models.Model):
    """`awarder` decides `award` from `valid_from` to `valid_to` (open when empty)."""

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="authorities", verbose_name=_("award"))
    awarder = models.CharField(_("decided by"), max_length=20, choices=Awarder.choices)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=255)
    checked = models.BooleanField(_("citation checked"), default=False)

    class Meta:
        ordering = ["award", "valid_from", "awarder"]
        verbose_name = _("authority to award")
        verbose_name_plural = _("authorities to award")
        constraints = [
            models.UniqueConstraint(fields=["award", "awarder", "valid_from"], name="recognition_authority_unique"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="recognition_authority_dates",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.award_id}: {self.awarder}"

    def in_force(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)
