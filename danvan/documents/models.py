"""Policy documents that models, campaigns and reports are tied to, and the jobs that import files."""

from __future__ import annotations

from django.conf import settings
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


class ImportJob(TimeStampedModel):
    """One uploaded spreadsheet being checked and saved in the background, with its progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        SUCCEEDED = "succeeded", _("saved")
        FAILED = "failed", _("rejected")

    kind = models.CharField(_("kind"), max_length=40)  # e.g. "initiatives"
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_jobs")
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(_("rows"), default=0)
    done = models.PositiveIntegerField(_("rows checked"), default=0)
    saved = models.PositiveIntegerField(_("rows saved"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)  # [{"row": 3, "column": "B", "message": ...}]
    error_count = models.PositiveIntegerField(_("problems"), default=0)  # all of them; `errors` keeps the first ones
    language = models.CharField(max_length=10, default="vi")  # the uploader's, for the messages
    options = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.kind}: {self.original_name} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else (100 if self.status == self.Status.SUCCEEDED else 0)
