"""The petition rules administrators change: time limits (with the article each comes from) and holidays.

Extension decisions are listed for looking things up; they are recorded by `petition_extend`, which
checks the law and keeps the timeline and the settling date in step.
"""

from django.contrib import admin

from danvan.engagement.models import DeadlineRule, Holiday, PetitionExtension


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin):
    list_display = (
        "kind",
        "instance",
        "remote",
        "accept_days",
        "accept_count",
        "settle_days",
        "complex_days",
        "settle_count",
        "extension_days",
        "complex_extensions",
        "max_extensions",
        "legal_basis",
    )
    list_filter = ("kind", "instance", "remote")


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ("day", "name")
    date_hierarchy = "day"


@admin.register(PetitionExtension)
class PetitionExtensionAdmin(admin.ModelAdmin):
    list_display = ("petition", "number", "decision_number", "decision_date", "days", "complexity", "decided_by")
    search_fields = ("petition__tracking_code", "decision_number")
    raw_id_fields = ("petition", "decided_by")

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
