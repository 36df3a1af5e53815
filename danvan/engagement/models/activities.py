""" "Three Together" work at the grassroots: eat, live and work with the people."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from danvan.core.models import TimeStampedModel
from danvan.geo.models import AdminUnit
from danvan.org.models import Organization, Person


class GrassrootsActivity(TimeStampedModel):
    """One spell of "Three Together" (eat, live and work with the people) by a Party cell or organisation."""

    class Activity(models.TextChoices):
        EAT = "eat", _("eating with the people")
        LIVE = "live", _("living with the people")
        WORK = "work", _("working with the people")
        PROPAGANDA = "propaganda", _("propaganda and mobilisation")
        HELP = "help", _("help and support")

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="grassroots_activities",
        verbose_name=_("Party cell or organisation"),
    )
    unit = models.ForeignKey(
        AdminUnit, on_delete=models.PROTECT, related_name="grassroots_activities", verbose_name=_("village or commune")
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"))
    cadres_count = models.PositiveIntegerField(_("cadres and Party members"))
    cadres = models.ManyToManyField(
        Person, blank=True, related_name="grassroots_activities", verbose_name=_("who went")
    )
    people_count = models.PositiveIntegerField(_("people taking part"), default=0)
    activities = models.JSONField(_("what was done"), default=list)  # codes of Activity
    description = models.TextField(_("description"), blank=True)
    houses_built = models.PositiveIntegerField(_("houses built"), default=0)
    houses_repaired = models.PositiveIntegerField(_("houses repaired"), default=0)
    money = models.DecimalField(_("money given (VND)"), max_digits=18, decimal_places=0, default=0)
    workdays = models.PositiveIntegerField(_("workdays"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("Three Together activity")
        verbose_name_plural = _("Three Together activities")
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="engagement_activity_dates"),
            models.CheckConstraint(condition=Q(money__gte=0), name="engagement_activity_money"),
        ]
        # the lists' order, and the period buckets of the Three Together figures (reporting.computed): read
        # by date range, not by scanning every activity (nor every village, which SQLite chose on an empty table)
        indexes = [models.Index(fields=["start_date"], name="engagement_activity_start")]

    def __str__(self) -> str:
        return f"{self.organization} @ {self.unit} {self.start_date}"

    def activities_display(self) -> str:
        """What was done, in the user's language, as one line (lists and exports)."""
        labels = dict(self.Activity.choices)
        return ", ".join(str(labels.get(c, c)) for c in self.activities)
