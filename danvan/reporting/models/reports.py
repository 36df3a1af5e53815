"""Periodic reporting: indicators, periods, report forms, submissions, values and live roll-ups.

A value belongs to one submission (a form, a unit, a period, maybe an organisation) and moves
with it: draft → submitted → approved, returned or reopened back to draft. `RollupCell` holds the
sum of every submitted or approved value over each node of the map, in every era, kept up to
date in the transaction that changes a submission's status: reading any roll-up is one indexed
lookup, so a figure is at the nation the moment it is submitted, with no nightly rebuild.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from danvan.core.models import TimeStampedModel
from danvan.geo.models import AdminUnit
from danvan.geo.unit_paths import UnitPathMixin
from danvan.org.models import Organization, OrganizationKind

VALUE_DIGITS = 20
VALUE_PLACES = 4


class PeriodType(models.TextChoices):
    # ordered from the longest; `PERIOD_TYPE_ORDER` compares them
    PHASE = "phase", _("multi-year phase")
    YEAR = "year", _("year")
    HALF = "half", _("half-year")
    QUARTER = "quarter", _("quarter")
    MONTH = "month", _("month")


PERIOD_TYPE_ORDER = {t: i for i, t in enumerate(PeriodType)}  # smaller is longer


class Period(models.Model):
    """A reporting period: "2024", "2024-H1", "2024-Q3", "2024-05" or a phase "2021-2025"."""

    code = models.CharField(_("code"), max_length=16, unique=True)
    type = models.CharField(_("type"), max_length=8, choices=PeriodType.choices)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))

    class Meta:
        ordering = ["start", "-end"]
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        constraints = [models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="reporting_period_order")]

    def __str__(self) -> str:
        return self.code


class Indicator(models.Model):
    """One figure officials report, as data: how it is typed, and how it sums over the map and time."""

    class ValueType(models.TextChoices):
        INTEGER = "integer", _("whole number")
        DECIMAL = "decimal", _("decimal number")

    class TimeAggregation(models.TextChoices):
        SUM = "sum", _("sum of the periods")
        LAST = "last", _("last value (a stock)")

    class SplitRule(models.TextChoices):
        DEFAULT = "default", _("all to the default successor")
        APPORTION = "apportion", _("apportioned by the succession weights")

    class Breakdown(models.TextChoices):
        NONE = "", _("none")
        FIELD = "field", _("by field of model")

    class Source(models.TextChoices):
        ENTERED = "entered", _("entered in reports")
        RECORDS = "records", _("computed from the records")
        BOTH = "both", _("computed from the records, plus what is entered for work not recorded item by item")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=255)
    name_en = models.CharField(_("English name"), max_length=255, blank=True)
    unit_of_measure = models.CharField(_("unit of measure"), max_length=40, blank=True)
    unit_of_measure_en = models.CharField(_("unit of measure (English)"), max_length=40, blank=True)
    value_type = models.CharField(_("value type"), max_length=8, choices=ValueType.choices, default=ValueType.INTEGER)
    time_aggregation = models.CharField(
        _("over time"), max_length=4, choices=TimeAggregation.choices, default=TimeAggregation.SUM
    )
    split_rule = models.CharField(
        _("when a unit is split"), max_length=10, choices=SplitRule.choices, default=SplitRule.DEFAULT
    )
    breakdown = models.CharField(_("breakdown"), max_length=10, choices=Breakdown.choices, blank=True, default="")
    source = models.CharField(_("source"), max_length=8, choices=Source.choices, default=Source.ENTERED)
    record_key = models.CharField(
        _("records"), max_length=60, blank=True, help_text=_("Which records compute it (see reporting.computed).")
    )
    period_type = models.CharField(_("reported per"), max_length=8, choices=PeriodType.choices, default=PeriodType.YEAR)
    jump_warning = models.DecimalField(
        _("warn when a value changes more than"),
        max_digits=6,
        decimal_places=2,
        default=3,
        help_text=_("Times the previous period's value, either way; 0 turns the warning off."),
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(
                condition=Q(source="entered") | ~Q(record_key=""), name="reporting_indicator_records_need_key"
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if translation.get_language() == "en" and self.name_en:
            return self.name_en
        return self.name

    @property
    def uom(self) -> str:
        if translation.get_language() == "en" and self.unit_of_measure_en:
            return self.unit_of_measure_en
        return self.unit_of_measure

    @property
    def entered(self) -> bool:
        """Does a report carry a typed value for it (alone, or on top of the records)?"""
        return self.source != self.Source.RECORDS

    @property
    def categories(self) -> list[tuple[str, str]]:
        """The breakdown's categories; every value is entered per category and the total is their sum."""
        from danvan.reporting.computed import breakdown_categories

        return breakdown_categories(self.breakdown) if self.breakdown else []


class ValidationRule(models.Model):
    """A cross-field rule checked on every save and submit: typical ≤ recognised ≤ registered."""

    class Operator(models.TextChoices):
        LE = "le", "≤"
        GE = "ge", "≥"
        EQ = "eq", "="

    left = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+", verbose_name=_("left"))
    operator = models.CharField(_("operator"), max_length=2, choices=Operator.choices, default=Operator.LE)
    right = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+", verbose_name=_("right"))
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("validation rule")
        verbose_name_plural = _("validation rules")
        constraints = [
            models.UniqueConstraint(fields=["left", "operator", "right"], name="reporting_rule_unique"),
            models.CheckConstraint(condition=~Q(left=models.F("right")), name="reporting_rule_two_indicators"),
        ]

    def __str__(self) -> str:
        return f"{self.left.code} {self.get_operator_display()} {self.right.code}"


class ReportForm(TimeStampedModel):
    """What is reported, by whom, how often and by when."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=255)
    name_en = models.CharField(_("English name"), max_length=255, blank=True)
    period_type = models.CharField(_("period"), max_length=8, choices=PeriodType.choices, default=PeriodType.YEAR)
    levels = models.JSONField(
        _("reporting levels"), default=list, help_text=_('Levels of unit that report, e.g. ["commune"].')
    )
    organization_kinds = models.ManyToManyField(
        OrganizationKind,
        blank=True,
        related_name="report_forms",
        verbose_name=_("reporting organisation kinds"),
        help_text=_("Empty: one report per unit. Otherwise each organisation of these kinds in the unit reports."),
    )
    indicators = models.ManyToManyField(
        Indicator, through="FormIndicator", related_name="forms", verbose_name=_("indicators")
    )
    deadline_days = models.PositiveSmallIntegerField(_("deadline (days after the period ends)"), default=15)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("report form")
        verbose_name_plural = _("report forms")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if translation.get_language() == "en" and self.name_en:
            return self.name_en
        return self.name

    def is_reported_by(self, unit: AdminUnit) -> bool:
        """Does a unit of `unit`'s level report on this form? The one rule behind what "open a report"
        offers (on the server, and in reporting/open.js from the options' data-levels) and what
        `submission_open` accepts."""
        return unit.level in (self.levels or [])


class FormIndicator(models.Model):
    form = models.ForeignKey(ReportForm, on_delete=models.CASCADE, related_name="rows")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["form", "indicator"], name="reporting_form_indicator_unique")]

    def __str__(self) -> str:
        return f"{self.form_id}:{self.indicator_id}"


class Submission(UnitPathMixin, TimeStampedModel):
    """One form, for one unit (and organisation) and one period, moving up the chain."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        APPROVED = "approved", _("approved")
        RETURNED = "returned", _("returned")

    form = models.ForeignKey(ReportForm, on_delete=models.PROTECT, related_name="submissions")
    unit = models.ForeignKey(AdminUnit, on_delete=models.PROTECT, related_name="submissions")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="submissions")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="submissions"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    due = models.DateField(_("due"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("note"), blank=True, help_text=_("Why it was returned or reopened."))

    class Meta:
        ordering = ["-period__start", "unit__path"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(
                fields=["form", "unit", "period"],
                condition=Q(organization__isnull=True),
                name="reporting_submission_unit_unique",
            ),
            models.UniqueConstraint(
                fields=["form", "unit", "period", "organization"],
                condition=Q(organization__isnull=False),
                name="reporting_submission_org_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["period", "status"], name="reporting_submission_status"),
            models.Index(
                fields=["unit_path", "status"],
                name="reporting_submission_scope",
                opclasses=["varchar_pattern_ops", "varchar_pattern_ops"],
            ),
        ]

    def __str__(self) -> str:
        return f"{self.form.code} · {self.unit} · {self.period}"

    @property
    def counted(self) -> bool:
        """Its values are in the roll-ups."""
        return self.status in (self.Status.SUBMITTED, self.Status.APPROVED)

    @property
    def editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


class DataValue(models.Model):
    """One typed figure. Unique per indicator, unit, organisation, period and category."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    unit = models.ForeignKey(AdminUnit, on_delete=models.PROTECT, related_name="+")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    category = models.CharField(_("category"), max_length=40, blank=True, default="")
    value = models.DecimalField(_("value"), max_digits=VALUE_DIGITS, decimal_places=VALUE_PLACES)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("value")
        verbose_name_plural = _("values")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "unit", "period", "category"],
                condition=Q(organization__isnull=True),
                name="reporting_value_unit_unique",
            ),
            models.UniqueConstraint(
                fields=["indicator", "unit", "period", "category", "organization"],
                condition=Q(organization__isnull=False),
                name="reporting_value_org_unique",
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="reporting_value_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code}={self.value}"


class RollupTarget(models.Model):
    """Where a unit's figures land on each era's map: the lowest node, and the share under each rule.

    On its own era a unit is its own target. On a later map it goes to its default successor
    (share 1 under the default rule) or to every successor by weight (the apportion rule); on an
    earlier map it goes to the smallest old unit that wholly contains it (share 1 under both).
    Compiled from the successions on first use and recompiled by a rebuild when the map changes.
    """

    unit = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="+")
    era = models.CharField(max_length=16)
    node = models.CharField(max_length=255)
    parent = models.CharField(max_length=255)
    depth = models.PositiveSmallIntegerField()
    leaf = models.BooleanField(default=False)  # a village on its own map: no cells; its figures are its values
    default_share = models.DecimalField(max_digits=20, decimal_places=18)  # exact to a đồng on 10^15
    apportion_share = models.DecimalField(max_digits=20, decimal_places=18)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "era", "node"], name="reporting_target_unique")]

    def __str__(self) -> str:
        return f"{self.unit_id} → {self.node}"


class RollupCell(models.Model):
    """Σ of counted values under one node of one era's map (its path; "2025/" is the nation).

    Villages have none: a village has nothing below it, so its figures are read from its own values,
    which keeps this table about a tenth of the values table rather than larger than it.
    """

    node = models.CharField(max_length=255)
    parent = models.CharField(max_length=255, blank=True)  # "" above the nation
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="+")
    category = models.CharField(max_length=40, blank=True, default="")
    total = models.DecimalField(max_digits=VALUE_DIGITS + 4, decimal_places=VALUE_PLACES, default=0)
    approved = models.DecimalField(max_digits=VALUE_DIGITS + 4, decimal_places=VALUE_PLACES, default=0)
    count = models.IntegerField(default=0)  # counted values below: tells "0 reported" from "nothing reported"
    depth = models.PositiveSmallIntegerField(default=0)  # 0 is the nation

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["node", "indicator", "period", "category"], name="reporting_cell_unique")
        ]
        indexes = [models.Index(fields=["parent", "indicator", "period", "category"], name="reporting_cell_parent")]

    def __str__(self) -> str:
        return f"{self.node} {self.indicator_id}/{self.period_id}/{self.category}={self.total}"


class RollupRebuild(TimeStampedModel):
    """Re-mapping all history onto the current map, in the background, with its progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        SUCCEEDED = "succeeded", _("done")
        FAILED = "failed", _("failed")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("roll-up rebuild")
        verbose_name_plural = _("roll-up rebuilds")

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else (100 if self.status == self.Status.SUCCEEDED else 0)
