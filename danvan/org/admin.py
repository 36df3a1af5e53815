from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from danvan.org.models import AuditEvent, Membership, Organization, OrganizationKind, Person, User


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
