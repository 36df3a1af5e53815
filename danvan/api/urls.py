from django.urls import path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import AllowAny

from danvan.api import views

# the schema describes the API's shape, never data: public, and a stale token header must not hide it
PUBLIC = {"authentication_classes": [], "permission_classes": [AllowAny]}

app_name = "api"
urlpatterns = [
    path("v1/auth/token/", views.TokenView.as_view(), name="token"),
    path("v1/units/", views.UnitListView.as_view(), name="unit-list"),
    path("v1/units/<str:era>/<str:code>/", views.UnitDetailView.as_view(), name="unit-detail"),
    path("v1/organizations/", views.OrganizationListView.as_view(), name="organization-list"),
    path("schema/", SpectacularAPIView.as_view(**PUBLIC), name="schema"),
    path("docs/", views.DocsView.as_view(), name="docs"),
]
