"""Dialogues with the people: a Morning coffee, a citizen reception day; each issue raised is a tracked petition."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import TimeStampedModel
from danvan.geo.models import AdminUnit
from danvan.org.models import Organization


class Dialogue(TimeStampedModel):
    """A Morning coffee, a citizen reception day, a conference: each issue raised becomes a tracked petition."""

    class Format(models.TextChoices):
        MORNING_COFFEE = "morning_coffee", _("Morning coffee — exchange with the people")
        RECEPTION_DAY = "reception_day", _("citizen reception day")
        CONFERENCE = "conference", _("dialogue conference")
        OTHER = "other", _("other")

    title = models.CharField(_("title"), max_length=255)
    format = models.CharField(_("format"), max_length=16, choices=Format.choices)
    held_on = models.DateField(_("date"))
    unit = models.ForeignKey(AdminUnit, on_delete=models.PROTECT, related_name="dialogues", verbose_name=_("place"))
    place_detail = models.CharField(_("venue"), max_length=255, blank=True)
    host = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="dialogues", verbose_name=_("host organisation")
    )
    participants_count = models.PositiveIntegerField(_("participants"), default=0)
    participants = models.TextField(_("who took part"), blank=True)
    minutes = models.FileField(_("minutes"), upload_to="dialogues/%Y/", blank=True)
    summary = models.TextField(_("summary"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "title"]
        verbose_name = _("dialogue")
        verbose_name_plural = _("dialogues")

    def __str__(self) -> str:
        return self.title
