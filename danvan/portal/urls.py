from django.contrib.sitemaps.views import sitemap
from django.urls import path

from danvan.portal.sitemaps import SITEMAPS
from danvan.portal.views import models as public_models
from danvan.portal.views import petitions as views
from danvan.portal.views import publishing, stories_admin

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
    # stories, written and published by the managers of their place (the public pages are in public_urls)
    path("stories/manage/", stories_admin.manage_list, name="story_manage_list"),
    path("stories/manage/new/", stories_admin.manage_create, name="story_manage_create"),
    path("stories/manage/<int:pk>/", stories_admin.manage_edit, name="story_manage"),
    path("stories/manage/<int:pk>/publish/", stories_admin.manage_publish, name="story_manage_publish"),
    path("stories/manage/<int:pk>/unpublish/", stories_admin.manage_unpublish, name="story_manage_unpublish"),
    path("stories/manage/<int:pk>/delete/", stories_admin.manage_delete, name="story_manage_delete"),
    path("stories/manage/<int:pk>/photos/", stories_admin.manage_photo_add, name="story_manage_photo_add"),
    path(
        "stories/manage/<int:pk>/photos/<int:photo_pk>/remove/",
        stories_admin.manage_photo_remove,
        name="story_manage_photo_remove",
    ),
    path(
        "stories/manage/<int:pk>/translate/<str:language>/",
        stories_admin.manage_translate,
        name="story_manage_translate",
    ),
    # publishing models (back office) and their public photos
    path("publishing/<int:pk>/publish/", publishing.publish, name="publish"),
    path("publishing/<int:pk>/unpublish/", publishing.unpublish, name="unpublish"),
    path("publishing/<int:pk>/translate/<str:language>/", publishing.translate, name="translate"),
    path("portal-photos/<int:pk>/<int:evidence_id>/", public_models.photo, name="photo"),
    path("portal-photos/<int:pk>/<int:evidence_id>/thumb/", public_models.photo_thumbnail, name="photo_thumb"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),  # read fresh (portal/sitemaps.py)
]
