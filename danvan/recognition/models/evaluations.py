"""Evaluation: a registration assesses itself, the council of the level above scores it, the result is published.

draft → submitted → council review → approved (by the standing body) → published; a return goes back
to draft with a reason. A published result never changes: the services refuse, and the result is
kept on the row the moment it is approved, so a later edit of anything it came from cannot move it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.core.models import TimeStampedModel
from danvan.recognition.models.campaigns import Campaign, CriteriaSet, Criterion, Registration


class EvaluationStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    COUNCIL_REVIEW = "council_review", _("council review")
    APPROVED = "approved", _("approved by the standing body")
    PUBLISHED = "published", _("published")


class Council(TimeStampedModel):
    """Hội đồng thi đua – khen thưởng of the campaign's level: its members score separately."""

    campaign = models.OneToOneField(Campaign, on_delete=models.CASCADE, related_name="council")
    name = models.CharField(_("name"), max_length=255)

    class Meta:
        verbose_name = _("emulation council")
        verbose_name_plural = _("emulation councils")

    def __str__(self) -> str:
        return self.name


class CouncilMember(models.Model):
    """A seat on the council. A removed member keeps the row (and their scores) with who removed them, when and why."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("chair")
        SECRETARY = "secretary", _("secretary")
        MEMBER = "member", _("member")

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    removed_at = models.DateTimeField(_("removed from the council on"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    removal_reason = models.TextField(_("reason for the removal"), blank=True)

    class Meta:
        ordering = ["council", "role", "pk"]
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        constraints = [
            models.UniqueConstraint(fields=["council", "user"], name="recognition_member_once"),
            models.CheckConstraint(
                condition=Q(removed_at__isnull=True, removed_by__isnull=True, removal_reason="")
                | (Q(removed_at__isnull=False, removed_by__isnull=False) & ~Q(removal_reason="")),
                name="recognition_member_removal_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None


class Evaluation(TimeStampedModel):
    registration = models.OneToOneField(Registration, on_delete=models.CASCADE, related_name="evaluation")
    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.PROTECT, related_name="evaluations")
    status = models.CharField(
        _("status"), max_length=16, choices=EvaluationStatus.choices, default=EvaluationStatus.DRAFT
    )
    self_total = models.DecimalField(_("self-assessed total"), max_digits=8, decimal_places=2, null=True, blank=True)
    result = models.DecimalField(_("council result"), max_digits=8, decimal_places=2, null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        ordering = ["registration__campaign", "registration__unit__path", "pk"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(result__isnull=False, published_at__isnull=False),
                name="recognition_published_has_result",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration} · {self.get_status_display()}"


class SelfScore(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="self_scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=2)
    explanation = models.TextField(_("explanation"), blank=True)

    class Meta:
        ordering = ["evaluation", "criterion__position"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "criterion"], name="recognition_self_score_once"),
            models.CheckConstraint(condition=Q(score__gte=0), name="recognition_self_score_nonnegative"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.score}"


class Evidence(models.Model):
    """What a self-assessment rests on: one of DanVan's own records, or an uploaded file."""

    class Kind(models.TextChoices):
        INITIATIVE = "initiative", _("model")
        REPORT = "report", _("report figures")
        ACTIVITY = "activity", _("Three Together activity")
        PETITIONS = "petitions", _("petitions handled on time")
        FILE = "file", _("file")

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="evidence")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    label = models.CharField(_("what it shows"), max_length=500)
    url = models.CharField(max_length=500, blank=True)
    file = models.FileField(_("file"), upload_to="recognition/evidence/%Y/", blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["evaluation", "criterion__position", "pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.label


class CouncilScore(models.Model):
    """One member's score on one criterion; the council's result is computed from these by the campaign's rule."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="council_scores")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=2)
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["evaluation", "member", "criterion__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "member", "criterion"], name="recognition_council_score_once"
            ),
            models.CheckConstraint(condition=Q(score__gte=0), name="recognition_council_score_nonnegative"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} · {self.criterion_id}: {self.score}"


class EvaluationEvent(models.Model):
    """The evaluation's history as its registrant and the council see it (the audit trail keeps every write too)."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    from_status = models.CharField(max_length=16, choices=EvaluationStatus.choices)
    to_status = models.CharField(max_length=16, choices=EvaluationStatus.choices)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["evaluation", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"
