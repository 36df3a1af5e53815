from django.urls import path

from danvan.portal.views import petitions as views

app_name = "portal"
urlpatterns = [
    path("petition/", views.petition_form, name="petition"),
    path("petition/places/", views.place_options, name="place_options"),
    path("petition/sent/<str:code>/", views.petition_sent, name="petition_sent"),
    path("track/", views.track, name="track"),
    path("track/<str:code>/", views.track_detail, name="track_detail"),
    path("track/<str:code>/rate/", views.rate, name="rate"),
    path("verify/", views.verify, name="verify_form"),
    path("verify/<str:code>/", views.verify, name="verify"),
]
