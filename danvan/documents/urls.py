from django.urls import path

from danvan.documents.views import imports as views
from danvan.documents.views import review

app_name = "documents"
urlpatterns = [
    path("imports/", views.import_new, name="imports"),
    path("imports/<int:pk>/", views.import_detail, name="import"),
    path("imports/<int:pk>/status/", views.import_status, name="import_status"),
    path("reviews/", review.review_list, name="reviews"),
    path("reviews/new/", review.review_new, name="review_new"),
    path("reviews/<int:pk>/", review.review_detail, name="review"),
    path("reviews/<int:pk>/narratives/<str:part>/", review.review_narrative, name="review_narrative"),
    path("reviews/<int:pk>/drafts/<int:draft>/restore/", review.review_restore, name="review_restore"),
    path("reviews/<int:pk>/generate/", review.review_generate, name="review_generate"),
    path("reviews/<int:pk>/jobs/<int:job>/", review.review_job_status, name="review_job"),
    path("reviews/<int:pk>/jobs/<int:job>/<str:kind>/", review.review_download, name="review_download"),
]
