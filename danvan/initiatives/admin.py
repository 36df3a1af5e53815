from django.contrib import admin

from danvan.initiatives.models import Initiative, ResultMetric, TargetGroup


@admin.register(TargetGroup)
class TargetGroupAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "name_en")


@admin.register(ResultMetric)
class ResultMetricAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "unit_label", "unit_label_en", "integer")


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    """For looking things up; changes go through the back office, whose services keep the timeline."""

    list_display = ("name", "status", "field", "year", "unit", "organization")
    list_filter = ("status", "field", "year")
    search_fields = ("name",)
    raw_id_fields = ("unit", "organization", "person", "replicated_from")

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
