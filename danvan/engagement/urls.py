"""Each page area keeps its own `urlpatterns` in its views module; this joins them."""

from danvan.engagement.views import activities, dialogues, persons, petitions

app_name = "engagement"

urlpatterns = [*petitions.urlpatterns, *dialogues.urlpatterns, *activities.urlpatterns, *persons.urlpatterns]
