"""The review report a unit writes at the end of a year (or any period), its narrative drafts and its files.

A report is the unit's, not its author's: every manager of the unit works on the same one, and
whoever may see the unit may read it. The figures are not stored: they are read from the roll-ups
each time the files are generated, so the file always says what the roll-up says that day. The
narrative parts are written here, and every save keeps a new draft, so nothing typed is lost and
an earlier version can be brought back.

The period is reporting's (`"reporting.Period"`, named by label: documents imports nothing of reporting's models).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import TimeStampedModel


class ReviewReport(TimeStampedModel):
    """One unit's review report for one period, in the Party or the State layout, with its header."""

    class Layout(models.TextChoices):
        PARTY = "party", _("Party document (Guidance 36-HD/VPTW)")
        STATE = "state", _("State document (Decree 30/2020/NĐ-CP)")

    unit = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="review_reports")
    period = models.ForeignKey("reporting.Period", on_delete=models.PROTECT, related_name="review_reports")
    layout = models.CharField(_("layout"), max_length=8, choices=Layout.choices, default=Layout.PARTY)
    issuer = models.CharField(_("issuing body"), max_length=200)
    superior = models.CharField(_("body above"), max_length=200, blank=True)
    number = models.CharField(_("number and symbol"), max_length=60, blank=True)
    place = models.CharField(_("place"), max_length=100, blank=True)
    signed_on = models.DateField(_("date"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=300)
    signer_title = models.CharField(_("signer's title"), max_length=120, blank=True)
    signer_name = models.CharField(_("signer's name"), max_length=120, blank=True)
    recipients = models.TextField(_("recipients"), blank=True, help_text=_("One per line."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="review_reports"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("review report")
        verbose_name_plural = _("review reports")

    def __str__(self) -> str:
        return self.title

    @property
    def recipient_list(self) -> list[str]:
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]


class NarrativePart(models.TextChoices):
    """The parts of the report written by hand; the figures come from the roll-ups."""

    SUMMARY = "summary", _("Overall assessment")
    LIMITS = "limits", _("Limits and causes")
    DIRECTIONS = "directions", _("Directions and tasks")


class ReviewNarrative(models.Model):
    """One saved draft of one narrative part: drafts are never changed, the newest is the one used."""

    report = models.ForeignKey(ReviewReport, on_delete=models.CASCADE, related_name="narratives")
    part = models.CharField(_("part"), max_length=12, choices=NarrativePart.choices)
    text = models.TextField(_("text"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="review_narratives"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    restored_from = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["report", "part", "-created_at"], name="documents_narrative_latest")]
        verbose_name = _("narrative draft")
        verbose_name_plural = _("narrative drafts")

    def __str__(self) -> str:
        return f"{self.part} #{self.pk}"


class ReviewJob(TimeStampedModel):
    """One generation of a report's Word file (and its PDF) in the background, with its progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        SUCCEEDED = "succeeded", _("done")
        FAILED = "failed", _("failed")

    report = models.ForeignKey(ReviewReport, on_delete=models.CASCADE, related_name="jobs")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="review_jobs"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)  # steps, for core.progress.Progress
    done = models.PositiveIntegerField(default=0)
    step = models.CharField(_("step"), max_length=200, blank=True)
    docx = models.FileField(_("Word file"), upload_to="reviews/%Y/%m/", blank=True)
    pdf = models.FileField(_("PDF file"), upload_to="reviews/%Y/%m/", blank=True)
    pdf_error = models.TextField(_("why there is no PDF"), blank=True)
    error = models.TextField(_("why it failed"), blank=True)
    language = models.CharField(max_length=10, default="vi")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("review report generation")
        verbose_name_plural = _("review report generations")

    def __str__(self) -> str:
        return f"{self.report_id}: {self.status}"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)

    @property
    def percent(self) -> int:
        if self.status == self.Status.SUCCEEDED:
            return 100
        return int(100 * self.done / self.total) if self.total else 0
