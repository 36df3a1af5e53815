"""Policy documents that models, campaigns and reports are tied to."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import TimeStampedModel


class PolicyDocument(TimeStampedModel):
    """A resolution, project or directive, e.g. 25-NQ/TW (central) or 20-NQ/TU (provincial)."""

    class Kind(models.TextChoices):
        RESOLUTION = "resolution", _("resolution")
        PROJECT = "project", _("project")
        DIRECTIVE = "directive", _("directive")
        CONCLUSION = "conclusion", _("conclusion")
        PLAN = "plan", _("plan")
        OTHER = "other", _("other")

    number = models.CharField(_("number"), max_length=60, help_text=_("e.g. 25-NQ/TW, 20-NQ/TU, Đề án 02"))
    title = models.CharField(_("title"), max_length=500)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.RESOLUTION)
    issuer = models.CharField(_("issuer"), max_length=255)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)

    class Meta:
        ordering = ["-issued_on", "number"]
        verbose_name = _("policy document")
        verbose_name_plural = _("policy documents")
        constraints = [models.UniqueConstraint(fields=["number", "issuer"], name="documents_policy_number_issuer")]

    def __str__(self) -> str:
        return f"{self.number} — {self.title}"
