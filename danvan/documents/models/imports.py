"""The jobs that import spreadsheets in the background."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import TimeStampedModel


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
