from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import AllowAny

from danvan.api import engagement, errors, initiatives, petitions, programmes, recognition, reporting, views

# the schema describes the API's shape, never data: public, and a stale token header must not hide it
PUBLIC = {"authentication_classes": [], "permission_classes": [AllowAny]}

app_name = "api"
urlpatterns = [
    path("v1/auth/token/", views.TokenView.as_view(), name="token"),
    path("v1/units/", views.UnitListView.as_view(), name="unit-list"),
    path("v1/units/<str:era>/<str:code>/", views.UnitDetailView.as_view(), name="unit-detail"),
    path("v1/organizations/", views.OrganizationListView.as_view(), name="organization-list"),
    path("v1/initiatives/", initiatives.InitiativeListView.as_view(), name="initiative-list"),
    path("v1/initiatives/stats/", initiatives.InitiativeStatsView.as_view(), name="initiative-stats"),
    path("v1/initiatives/<int:pk>/", initiatives.InitiativeDetailView.as_view(), name="initiative-detail"),
    path(
        "v1/initiatives/<int:pk>/transition/",
        initiatives.InitiativeTransitionView.as_view(),
        name="initiative-transition",
    ),
    path(
        "v1/initiatives/<int:pk>/evidence/<int:evidence>/file/",
        initiatives.EvidenceOriginalView.as_view(),
        name="initiative-evidence-file",
    ),
    path(
        "v1/initiatives/<int:pk>/evidence/<int:evidence>/thumbnail/",
        initiatives.EvidenceThumbnailView.as_view(),
        name="initiative-evidence-thumbnail",
    ),
    *reporting.urlpatterns,
    *engagement.urlpatterns,
    *petitions.urlpatterns,
    *recognition.urlpatterns,
    *programmes.urlpatterns,
    path("schema/", SpectacularAPIView.as_view(**PUBLIC), name="schema"),
    path("docs/", views.DocsView.as_view(), name="docs"),
    # last: an address nothing above matches answers the API's JSON 404. Only addresses ending in "/",
    # so that Django's APPEND_SLASH still redirects "/api/v1/units" to "/api/v1/units/".
    re_path(r"^(?:[\s\S]*/)?$", errors.not_found, name="not-found"),  # [\s\S]: a newline too
]
