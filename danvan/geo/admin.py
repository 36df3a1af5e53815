from django.contrib import admin

from danvan.geo.models import AdminUnit, Era, Succession


@admin.register(Era)
class EraAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "valid_from", "valid_to")


class SuccessionInline(admin.TabularInline):
    model = Succession
    fk_name = "predecessor"
    raw_id_fields = ("successor",)
    extra = 0


@admin.register(AdminUnit)
class AdminUnitAdmin(admin.ModelAdmin):
    """Read-mostly: the official map comes from `danvan loadmap`; only weights are edited here."""

    list_display = ("name", "code", "era", "level", "official")
    list_filter = ("era", "level", "official")
    search_fields = ("name", "name_ascii", "code")
    readonly_fields = ("path", "latest_path", "name_ascii")
    raw_id_fields = ("parent",)
    inlines = [SuccessionInline]
