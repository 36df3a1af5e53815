from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django_otp.plugins.otp_static.admin import StaticDeviceAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from danvan.org.models import AuditEvent, Membership, Organization, OrganizationKind, Person, User
from danvan.org.services.accounts import second_factor_since_sync


class MembershipInline(admin.TabularInline):
    model = Membership
    raw_id_fields = ("unit", "organization")
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (*BaseUserAdmin.fieldsets, ("DanVan", {"fields": ("full_name",)}))
    list_display = ("username", "full_name", "email", "is_staff", "is_active")
    inlines = [MembershipInline]


@admin.register(OrganizationKind)
class OrganizationKindAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "name_en", "active")


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "unit")
    list_filter = ("kind",)
    search_fields = ("name", "name_ascii")
    raw_id_fields = ("unit", "parent")


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("full_name", "position", "organization")
    search_fields = ("full_name",)
    raw_id_fields = ("organization", "user")


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Append-only: shown, never changed."""

    list_display = ("at", "actor", "verb", "target_type", "target_id")
    list_filter = ("verb",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


from django.utils.translation import gettext, gettext_lazy  # noqa: E402

from danvan.org.models import EmailOutbox  # noqa: E402


@admin.register(EmailOutbox)
class EmailOutboxAdmin(admin.ModelAdmin):
    """What was e-mailed and what is waiting: read-only; a failed or bounced message can be queued again."""

    list_display = ("created_at", "address", "kind", "status", "attempts", "next_attempt_at", "sent_at")
    list_filter = ("status", "kind")
    search_fields = ("address", "message_id")
    readonly_fields = [f.name for f in EmailOutbox._meta.fields]
    actions = ["queue_again"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=gettext_lazy("Queue again (after the address was fixed)"))
    def queue_again(self, request, queryset):
        from danvan.org.services.notifications import outbox_requeue

        count = outbox_requeue(actor=request.user, rows=queryset)
        self.message_user(request, gettext("%(count)d e-mails queued again.") % {"count": count})


class _KeepsSecondFactorSince:
    """django-otp's device admins, but a device added, changed or deleted here dates the account's
    one-time codes as enrolment does (`User.second_factor_since`): API tokens got before stop working."""

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)  # type: ignore[misc]
        second_factor_since_sync(actor=request.user, user=obj.user)

    def delete_model(self, request: Any, obj: Any) -> None:
        user = obj.user
        super().delete_model(request, obj)  # type: ignore[misc]
        second_factor_since_sync(actor=request.user, user=user)

    def delete_queryset(self, request: Any, queryset: Any) -> None:
        users = list(User.objects.filter(pk__in=queryset.values("user_id")))
        super().delete_queryset(request, queryset)  # type: ignore[misc]
        for user in users:
            second_factor_since_sync(actor=request.user, user=user)


class DeviceAdmin(_KeepsSecondFactorSince, TOTPDeviceAdmin):
    pass


class RecoveryCodesAdmin(_KeepsSecondFactorSince, StaticDeviceAdmin):
    pass


for _model, _admin in ((TOTPDevice, DeviceAdmin), (StaticDevice, RecoveryCodesAdmin)):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
    admin.site.register(_model, _admin)
