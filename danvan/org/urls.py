from django.contrib.auth import views as auth_views
from django.urls import path

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="org/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
]

from danvan.org.views import notifications  # noqa: E402

urlpatterns += [
    path("notifications/", notifications.notification_list_view, name="notifications"),
    path("notifications/read/", notifications.notification_read_all, name="notifications_read_all"),
    path("notifications/<int:pk>/read/", notifications.notification_read, name="notification_read"),
    path("notifications/settings/", notifications.notification_settings, name="notification_settings"),
]
