"""Organisations, people and the memberships that give them a scope on the map."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.core.models import TimeStampedModel
from danvan.core.text import english_or, fold
from danvan.geo.models import AdminUnit
from danvan.org.models.accounts import User


class OrganizationKind(models.Model):
    """Data, not code: in 2025 the Mass Mobilization Commissions merged into new commissions."""

    code = models.SlugField(_("code"), max_length=40, primary_key=True)
    name = models.CharField(_("name"), max_length=160)
    name_en = models.CharField(_("English name"), max_length=160, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation kind")
        verbose_name_plural = _("organisation kinds")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The English name in the English interface when there is one, else the Vietnamese."""
        return english_or(self.name_en, self.name)


class Organization(TimeStampedModel):
    name = models.CharField(_("name"), max_length=255)
    name_ascii = models.CharField(max_length=255, db_index=True, editable=False)
    kind = models.ForeignKey(OrganizationKind, on_delete=models.PROTECT, verbose_name=_("kind"))
    unit = models.ForeignKey(
        AdminUnit, on_delete=models.PROTECT, related_name="organizations", verbose_name=_("administrative unit")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent organisation"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="org_organization_unit_name_unique")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name_ascii = fold(self.name)
        super().save(*args, **kwargs)


class Person(TimeStampedModel):
    """A cadre, member or (later) prestigious person; may or may not have an account."""

    full_name = models.CharField(_("full name"), max_length=150)
    position = models.CharField(_("position"), max_length=200, blank=True)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("organisation"),
    )
    user = models.OneToOneField(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="person", verbose_name=_("account")
    )

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.full_name


class Role(models.TextChoices):
    """Ordered: each role may do everything the ones before it may."""

    VIEWER = "viewer", _("viewer")
    REPORTER = "reporter", _("reporter")
    REVIEWER = "reviewer", _("reviewer")
    MANAGER = "manager", _("manager")


class Membership(TimeStampedModel):
    """A user's role over the subtree of the map rooted at `unit`, optionally narrowed to one organisation."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user"))
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    unit = models.ForeignKey(AdminUnit, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("scope"))
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("organisation"),
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit", "role"],
                condition=Q(organization__isnull=True),
                name="org_membership_unique_unit_role",
            ),
            models.UniqueConstraint(
                fields=["user", "unit", "role", "organization"], name="org_membership_unique_org_role"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.unit}"


class AuditEvent(models.Model):
    """Append-only: who did what, when, to which object. Written by services in their transaction."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    verb = models.CharField(max_length=60)
    target_type = models.CharField(max_length=60, blank=True)
    target_id = models.CharField(max_length=40, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="org_audit_target")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.verb}"
