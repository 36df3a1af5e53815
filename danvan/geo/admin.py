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
    """Read-mostly: the official map comes from `danvan loadmap`, villages from the map browser.

    A unit's era, code, level and parent make the materialised `path` of it and its whole subtree, and
    access is decided on those paths: none of them is editable here (nor can units be added or deleted),
    so the admin can never leave a subtree with stale paths. Names and succession weights are edited here.
    """

    list_display = ("name", "code", "era", "level", "official")
    list_filter = ("era", "level", "official")
    search_fields = ("name", "name_ascii", "code")
    readonly_fields = ("era", "code", "level", "parent", "path", "latest_path", "name_ascii")
    inlines = [SuccessionInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
