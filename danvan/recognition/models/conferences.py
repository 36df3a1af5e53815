"""The review conference (hội nghị tổng kết): where the level above reads the figures and hands out the decisions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import TimeStampedModel
from danvan.geo.models import AdminUnit
from danvan.org.models import Organization
from danvan.recognition.models.decisions import AwardDecision


class Conference(TimeStampedModel):
    """Held by an organisation (at its unit) or by a unit itself; the review report is a link or a file for now."""

    unit = models.ForeignKey(AdminUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="conferences",
        verbose_name=_("held by"),
    )
    title = models.CharField(_("title"), max_length=300)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    report_url = models.URLField(_("review report (link)"), blank=True)
    report_file = models.FileField(_("review report (file)"), upload_to="recognition/reports/%Y/", blank=True)
    decisions = models.ManyToManyField(
        AwardDecision, blank=True, related_name="conferences", verbose_name=_("decisions handed out")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("review conference")
        verbose_name_plural = _("review conferences")

    def __str__(self) -> str:
        return self.title
