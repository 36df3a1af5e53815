from django.urls import path

from danvan.geo import views

app_name = "geo"
urlpatterns = [
    path("", views.browse, name="browse"),
    path("<str:era>/<str:code>/", views.unit_detail, name="unit"),
]
