"""Each view module lists its own routes, so the areas grow apart: campaigns/…, awards/…"""

from danvan.recognition.views import campaigns, decisions

app_name = "recognition"
urlpatterns = [*campaigns.urlpatterns, *decisions.urlpatterns]
