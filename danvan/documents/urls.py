from django.urls import path

from danvan.documents.views import imports as views

app_name = "documents"
urlpatterns = [
    path("imports/", views.import_new, name="imports"),
    path("imports/<int:pk>/", views.import_detail, name="import"),
    path("imports/<int:pk>/status/", views.import_status, name="import_status"),
]
