from django.urls import path

from danvan.documents import views

app_name = "documents"
urlpatterns = [
    path("initiatives/template.xlsx", views.initiatives_template, name="initiatives_template"),
    path("initiatives/export.xlsx", views.initiatives_export, name="initiatives_export"),
    path("imports/", views.import_new, name="imports"),
    path("imports/<int:pk>/", views.import_detail, name="import"),
    path("imports/<int:pk>/status/", views.import_status, name="import_status"),
]
