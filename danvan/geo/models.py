"""Vietnam's administrative map as versioned data.

A statistics-office code is only unique within one era (26740 was Phường Bến Nghé and is now
Phường Sài Gòn), so units are keyed by (era, code). `path` ("2025/22/06823/") makes a whole
subtree one indexed prefix query on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.core.text import fold
from danvan.geo import lookups  # noqa: F401  registers `__prefix` for the paths


class Era(models.Model):
    """One version of the map, e.g. the 63 provinces before 1 July 2025."""

    code = models.CharField(_("code"), max_length=16, primary_key=True)
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("English name"), max_length=120, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("map era")
        verbose_name_plural = _("map eras")

    def __str__(self) -> str:
        return self.name


class Level(models.TextChoices):
    PROVINCE = "province", _("province")
    DISTRICT = "district", _("district")
    COMMUNE = "commune", _("commune")
    VILLAGE = "village", _("village")


LEVEL_DEPTH = {Level.PROVINCE: 0, Level.DISTRICT: 1, Level.COMMUNE: 2, Level.VILLAGE: 3}


class AdminUnit(models.Model):
    era = models.ForeignKey(Era, on_delete=models.PROTECT, related_name="units", verbose_name=_("era"))
    code = models.CharField(_("code"), max_length=20)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    type_name = models.CharField(_("type"), max_length=30, help_text=_("Tỉnh, Thành phố, Huyện, Xã, Phường…"))
    name = models.CharField(_("name"), max_length=160)
    short_name = models.CharField(_("short name"), max_length=140)
    name_ascii = models.CharField(max_length=160, db_index=True, editable=False)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent")
    )
    path = models.CharField(max_length=255, unique=True, editable=False)
    latest_path = models.CharField(
        max_length=255,
        db_index=True,
        editable=False,
        help_text="Path of the unit that covers this one on the newest map (its own path if it is on it): "
        "figures recorded under an old unit are counted under the new one by this prefix.",
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    official = models.BooleanField(
        _("official"), default=True, help_text=_("From the statistics office's list; villages are added by users.")
    )

    class Meta:
        ordering = ["path"]
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        constraints = [
            models.UniqueConstraint(fields=["era", "code"], name="geo_unit_era_code_unique"),
            models.CheckConstraint(
                condition=Q(level="province", parent__isnull=True) | Q(~Q(level="province"), parent__isnull=False),
                name="geo_unit_only_provinces_are_roots",
            ),
        ]
        indexes = [models.Index(fields=["era", "level"], name="geo_unit_era_level")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name_ascii = fold(self.name)
        self.path = make_path(self.era_id, self.parent.path if self.parent_id and self.parent else None, self.code)
        self.latest_path = village_latest_path(self) if self.level == Level.VILLAGE else self.latest_path or self.path
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("geo:unit", kwargs={"era": self.era_id, "code": self.code})


def make_path(era: str, parent_path: str | None, code: str) -> str:
    return f"{parent_path or era + '/'}{code}/"


def village_latest_path(village: AdminUnit) -> str:
    """A village of an old commune follows that commune onto the newest map."""
    parent = village.parent
    if parent is None:  # a village being created without its commune: the form will refuse it
        return village.path
    return parent.latest_path if parent.latest_path != parent.path else village.path


class Succession(models.Model):
    """Old unit -> new unit. A unit with several successors was split; one of them is the default."""

    predecessor = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="outgoing")
    successor = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="incoming")
    is_default = models.BooleanField(_("default successor"), default=True)
    weight = models.DecimalField(
        _("weight"),
        max_digits=5,
        decimal_places=4,
        default=1,
        help_text=_("Share of the old unit's figures that goes to this successor when apportioned."),
    )

    class Meta:
        verbose_name = _("succession")
        verbose_name_plural = _("successions")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="geo_succession_pair_unique"),
            models.UniqueConstraint(
                fields=["predecessor"], condition=Q(is_default=True), name="geo_succession_one_default"
            ),
            models.CheckConstraint(condition=Q(weight__gt=0, weight__lte=1), name="geo_succession_weight_range"),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"
