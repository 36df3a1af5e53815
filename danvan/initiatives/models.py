"""The model (mô hình dân vận khéo), called `Initiative` in code, with its lifecycle and evidence.

The ten registration fields are the ones officials fill in on the paper form; the rest places the
model on the map, in a field and a year, and records what happened to it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.core.models import TimeStampedModel
from danvan.core.text import english_or
from danvan.documents.models import PolicyDocument
from danvan.geo.models import AdminUnit
from danvan.geo.unit_paths import UnitPathMixin
from danvan.org.models import Organization, Person


class Field(models.TextChoices):
    ECONOMIC = "economic", _("economic")
    CULTURAL_SOCIAL = "cultural_social", _("cultural-social")
    DEFENCE_SECURITY = "defence_security", _("national defence and security")
    PARTY_BUILDING = "party_building", _("building the Party and the political system")


class Kind(models.TextChoices):
    COLLECTIVE = "collective", _("collective")
    INDIVIDUAL = "individual", _("individual")


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    REGISTERED = "registered", _("registered")
    RECOGNISED = "recognised", _("recognised")
    TYPICAL = "typical", _("typical")
    COMMENDED = "commended", _("commended")
    RETURNED = "returned", _("returned")
    DISCONTINUED = "discontinued", _("discontinued")


# editing these needs a recorded reason: the level above has already vouched for them
LOCKED_STATUSES = {Status.RECOGNISED, Status.TYPICAL, Status.COMMENDED, Status.DISCONTINUED}


class TargetGroup(models.Model):
    """Data: ethnic minorities, religious followers, workers, youth, …"""

    code = models.SlugField(_("code"), max_length=40, primary_key=True)
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("English name"), max_length=120, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The English name in the English interface when there is one, else the Vietnamese."""
        return english_or(self.name_en, self.name)


class ResultMetric(models.Model):
    """Data: the named quantities results are counted in (households, participants, VND, km, light sets…)."""

    code = models.SlugField(_("code"), max_length=40, primary_key=True)
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("English name"), max_length=120, blank=True)
    unit_label = models.CharField(_("unit of measure"), max_length=30, blank=True)
    unit_label_en = models.CharField(_("unit of measure (English)"), max_length=30, blank=True)
    integer = models.BooleanField(_("whole numbers only"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("result metric")
        verbose_name_plural = _("result metrics")

    def __str__(self) -> str:
        return f"{self.label} ({self.unit})" if self.unit else self.label

    @property
    def label(self) -> str:
        return english_or(self.name_en, self.name)

    @property
    def unit(self) -> str:
        """The unit results are counted in, in the interface's language ("hộ" / "households")."""
        return english_or(self.unit_label_en, self.unit_label)


class Initiative(UnitPathMixin, TimeStampedModel):
    name = models.CharField(_("name of the model"), max_length=300)
    # --- the ten registration fields
    situation = models.TextField(_("current situation and reason"), blank=True)
    objectives = models.TextField(_("objectives and evaluation criteria"), blank=True)
    content = models.TextField(_("content and methods"), blank=True)
    area_and_targets = models.TextField(_("area and target group"), blank=True)
    forces = models.TextField(_("lead and partner forces and their roles"), blank=True)
    money_vnd = models.BigIntegerField(_("money (VND)"), null=True, blank=True)
    in_kind = models.TextField(_("in kind"), blank=True)
    workdays = models.PositiveIntegerField(_("workdays"), null=True, blank=True)
    social_contributions_vnd = models.BigIntegerField(_("social contributions (VND)"), null=True, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    milestones = models.TextField(_("milestones"), blank=True)
    evaluation_date = models.DateField(_("evaluation date"), null=True, blank=True)
    outputs = models.TextField(_("verifiable outputs"), blank=True)
    sustainability = models.TextField(_("sustainability and replicability"), blank=True)
    # --- where, what, whose
    field = models.CharField(_("field"), max_length=20, choices=Field.choices)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.COLLECTIVE)
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="initiatives", verbose_name=_("person")
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="initiatives", verbose_name=_("owning organisation")
    )
    unit = models.ForeignKey(
        AdminUnit, on_delete=models.PROTECT, related_name="initiatives", verbose_name=_("administrative unit")
    )
    year = models.PositiveSmallIntegerField(_("registration year"))
    target_groups = models.ManyToManyField(TargetGroup, blank=True, verbose_name=_("target groups"))
    policy_documents = models.ManyToManyField(PolicyDocument, blank=True, verbose_name=_("policy documents"))
    replicated_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        verbose_name=_("replicated from"),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    search_text = models.TextField(editable=False, default="")  # folded name and texts, for diacritic-free search

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = _("model")
        verbose_name_plural = _("models")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="collective") | Q(person__isnull=False), name="initiatives_individual_names_person"
            ),
            models.CheckConstraint(condition=Q(year__gte=1990, year__lte=2100), name="initiatives_year_range"),
            models.CheckConstraint(
                condition=Q(money_vnd__isnull=True) | Q(money_vnd__gte=0), name="initiatives_money_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(social_contributions_vnd__isnull=True) | Q(social_contributions_vnd__gte=0),
                name="initiatives_contributions_not_negative",
            ),
        ]
        indexes = [
            models.Index(fields=["year", "field"], name="initiatives_year_field"),
            models.Index(fields=["status", "year"], name="initiatives_status_year"),
            # the scope's rows by path and status, with what the recognition queue orders and limits them by:
            # "my work" then ranks a province's registered models from the index alone (no row read)
            models.Index(
                fields=["unit_path", "status", "updated_at", "organization"],
                name="initiatives_scope",
                opclasses=["varchar_pattern_ops", "varchar_pattern_ops", "timestamptz_ops", "int8_ops"],
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("initiatives:detail", kwargs={"pk": self.pk})


class InitiativeResult(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="results")
    metric = models.ForeignKey(ResultMetric, on_delete=models.PROTECT, verbose_name=_("metric"))
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=2)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        ordering = ["metric__name"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "metric"], name="initiatives_result_one_per_metric"),
            models.CheckConstraint(condition=Q(value__gte=0), name="initiatives_result_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.metric}: {self.value}"


class Evidence(TimeStampedModel):
    """A photo or PDF; its type was sniffed from its bytes, never taken from the name or the browser."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("file"), upload_to="evidence/%Y/%m/")
    thumbnail = models.FileField(_("thumbnail"), upload_to="evidence/thumbs/%Y/%m/", blank=True)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=60)
    size = models.PositiveIntegerField(_("size (bytes)"))
    caption = models.CharField(_("caption"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class InitiativeEvent(models.Model):
    """The timeline: every transition and every edit after recognition, with who, when and why."""

    class Kind(models.TextChoices):
        TRANSITION = "transition", _("status change")
        EDIT = "edit", _("edit")
        EVIDENCE = "evidence", _("evidence added")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    from_status = models.CharField(max_length=12, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=Status.choices, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    comment = models.TextField(blank=True)
    changes = models.JSONField(default=dict, blank=True)  # {"field": [old, new]} for edits

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.initiative_id} {self.kind} {self.from_status}→{self.to_status}"
