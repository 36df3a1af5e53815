"""Each page area keeps its own `urlpatterns` in its views module; this joins them."""

from danvan.reporting.views import dashboard, entry, programmes, rebuild, sheets

app_name = "reporting"

urlpatterns = [
    *entry.urlpatterns,
    *dashboard.urlpatterns,
    *sheets.urlpatterns,
    *rebuild.urlpatterns,
    *programmes.urlpatterns,
]
