"""The portal's pages, under a language prefix (/vi/, /en/, /es/, /ja/, /de/, /nb/): see danvan/urls.py."""

from django.urls import path

from danvan.portal.views import map as map_views
from danvan.portal.views import models, stories
from danvan.portal.views import petitions as petition_views

app_name = "public"
urlpatterns = [
    path("", models.home, name="home"),
    path("models/", models.directory, name="models"),
    path("models/<int:pk>/", models.model_page, name="model"),
    path("provinces/<str:code>/", models.province_page, name="province"),
    # the petition form and its tracking, in the portal's languages (also at their unprefixed addresses)
    path("petition/", petition_views.petition_form, name="petition"),
    path("petition/places/", petition_views.place_options, name="place_options"),
    path("petition/sent/<str:code>/", petition_views.petition_sent, name="petition_sent"),
    path("track/", petition_views.track, name="track"),
    path("track/<str:code>/", petition_views.track_detail, name="track_detail"),
    path("track/<str:code>/rate/", petition_views.rate, name="rate"),
    # the certificate check (the QR codes printed so far carry the unprefixed /verify/<code>/)
    path("verify/", petition_views.verify, name="verify_form"),
    path("verify/<str:code>/", petition_views.verify, name="verify"),
    path("map/", map_views.map_page, name="map"),
    path("map/data.json", map_views.map_data, name="map_data"),
    path("stories/", stories.story_list, name="story_list"),
    path("stories/feed/rss/", stories.story_feed_rss, name="story_feed_rss"),
    path("stories/feed/atom/", stories.story_feed_atom, name="story_feed_atom"),
    path("stories/<str:slug>/", stories.story_detail, name="story"),
]
