from django.urls import path

from danvan.geo import views

app_name = "geo"
urlpatterns = [
    path("", views.browse, name="browse"),
    path("search/", views.search, name="search"),
    path("<str:era>/<str:code>/", views.unit_detail, name="unit"),
    path("<str:era>/<str:code>/children/", views.children, name="children"),
    path("<str:era>/<str:code>/villages/", views.village_add, name="village_add"),
]
