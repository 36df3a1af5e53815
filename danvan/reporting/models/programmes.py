"""Programmes (chương trình, đề án) and their targets (chỉ tiêu phấn đấu), e.g. Bình Dương's Project 02.

A programme is set by a decision or plan of an organisation, covers one unit of one map's era and
runs from a start to an end date. Each target names an indicator and a unit inside the programme's,
and is one of three kinds:

- `absolute`: reach `value` of the indicator ("306 houses"), summed over the programme's periods
  (or, for a stock, its latest value);
- `per_unit_below`: every unit of `level` below the target's unit reaches at least `value`
  ("every commune at least one model");
- `share`: the indicator over the `denominator` indicator reaches `value` percent ("90% of
  petitions resolved on time").

A target is due at the programme's end, or at the end of its own `due_period`. Progress is never
stored: `selectors.programme_progress` reads it from the live roll-ups.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from danvan.core.models import TimeStampedModel
from danvan.geo.models import AdminUnit, Level
from danvan.org.models import Organization
from danvan.reporting.models.reports import VALUE_DIGITS, VALUE_PLACES, Indicator, Period


class ProgressStatus(models.TextChoices):
    """Where a target stands on a day, by its programme's rule."""

    DONE = "done", _("achieved")
    ON_TRACK = "on_track", _("on track")
    AT_RISK = "at_risk", _("at risk")
    BEHIND = "behind", _("behind")


class Programme(TimeStampedModel):
    """A programme or project with targets, set by a decision, over one unit and a span of dates."""

    class Rule(models.TextChoices):
        LINEAR = "linear", _("linear: expected progress grows evenly from the start to the due date")

    name = models.CharField(_("name"), max_length=255)
    document_number = models.CharField(
        _("document number"), max_length=60, blank=True, help_text=_("The decision or plan that set it, e.g. 02-ĐA/TU.")
    )
    document_title = models.CharField(_("document title"), max_length=500, blank=True)
    issuer = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programmes",
        verbose_name=_("issued by"),
    )
    unit = models.ForeignKey(
        AdminUnit, on_delete=models.PROTECT, related_name="programmes", verbose_name=_("administrative unit")
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    rule = models.CharField(_("status rule"), max_length=10, choices=Rule.choices, default=Rule.LINEAR)
    on_track_percent = models.PositiveSmallIntegerField(
        _("on track from (% of expected)"), default=100, help_text=_("At least this share of the expected progress.")
    )
    at_risk_percent = models.PositiveSmallIntegerField(
        _("at risk from (% of expected)"), default=80, help_text=_("Below it, the target is behind.")
    )

    class Meta:
        ordering = ["-start", "name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="reporting_programme_dates_order"),
            models.CheckConstraint(
                condition=Q(at_risk_percent__gt=0)
                & Q(at_risk_percent__lte=F("on_track_percent"))
                & Q(on_track_percent__lte=100),
                name="reporting_programme_thresholds",
            ),
            models.CheckConstraint(condition=~Q(name=""), name="reporting_programme_named"),
        ]

    def __str__(self) -> str:
        return self.name


class Target(models.Model):
    """One target of a programme: an indicator at a unit, absolute, for every unit below, or a share."""

    class Kind(models.TextChoices):
        ABSOLUTE = "absolute", _("a total to reach")
        PER_UNIT_BELOW = "per_unit_below", _("at least so much in every unit below")
        SHARE = "share", _("a share to reach (percent)")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="targets")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.ABSOLUTE)
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+", verbose_name=_("indicator"))
    denominator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("out of (indicator)"),
        help_text=_("For a share: the indicator the share is taken of."),
    )
    unit = models.ForeignKey(AdminUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    level = models.CharField(
        _("every unit of level"),
        max_length=10,
        choices=Level.choices,
        blank=True,
        default="",
        help_text=_("For a target per unit below: the level of the units that must each reach it."),
    )
    value = models.DecimalField(
        _("target value"),
        max_digits=VALUE_DIGITS,
        decimal_places=VALUE_PLACES,
        help_text=_("A total, the minimum per unit, or a percent, by kind."),
    )
    due_period = models.ForeignKey(
        Period,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("due by the end of"),
        help_text=_("Empty: due at the programme's end."),
    )

    class Meta:
        ordering = ["programme", "id"]
        verbose_name = _("programme target")
        verbose_name_plural = _("programme targets")
        constraints = [
            models.CheckConstraint(condition=Q(value__gt=0), name="reporting_programme_target_positive"),
            models.CheckConstraint(
                condition=(Q(kind="share") & Q(denominator__isnull=False) & Q(value__lte=100))
                | (~Q(kind="share") & Q(denominator__isnull=True)),
                name="reporting_programme_target_share_needs_denominator",
            ),
            models.CheckConstraint(
                condition=~Q(denominator=F("indicator")), name="reporting_programme_target_share_two_indicators"
            ),
            models.CheckConstraint(
                condition=(Q(kind="per_unit_below") & ~Q(level="")) | (~Q(kind="per_unit_below") & Q(level="")),
                name="reporting_programme_target_level_per_unit",
            ),
            models.UniqueConstraint(
                fields=["programme", "kind", "indicator", "unit"],
                condition=Q(due_period__isnull=True),
                name="reporting_programme_target_unique",
            ),
            models.UniqueConstraint(
                fields=["programme", "kind", "indicator", "unit", "due_period"],
                condition=Q(due_period__isnull=False),
                name="reporting_programme_target_due_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme_id}: {self.indicator_id} {self.kind} {self.value}"
