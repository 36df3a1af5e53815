from django.contrib import admin

from danvan.recognition.models import Award, AwardAuthority


class AwardAuthorityInline(admin.TabularInline):
    model = AwardAuthority
    extra = 0
    fields = ("awarder", "valid_from", "valid_to", "legal_basis", "checked")


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):
    """The law's list, editable when the law changes; each row says where it comes from and if that was checked."""

    list_display = ("name", "category", "recipients", "legal_basis", "checked", "active")
    list_filter = ("category", "checked", "active")
    search_fields = ("code", "name", "name_en")
    inlines = [AwardAuthorityInline]


@admin.register(AwardAuthority)
class AwardAuthorityAdmin(admin.ModelAdmin):
    list_display = ("award", "awarder", "valid_from", "valid_to", "legal_basis", "checked")
    list_filter = ("awarder", "checked")
    date_hierarchy = "valid_from"
