from django.contrib.auth import views as auth_views
from django.urls import path

from danvan.org.views import accounts

urlpatterns = [
    path("login/", accounts.SignInView.as_view(), name="login"),
    path("login/code/", accounts.login_code, name="login_code"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", accounts.password_change, name="password_change"),
    path("password/done/", accounts.password_change_done, name="password_change_done"),
    path("password/reset/", accounts.password_reset, name="password_reset"),
    path("password/reset/sent/", accounts.password_reset_done, name="password_reset_done"),
    path("reset/<uidb64>/<token>/", accounts.password_reset_confirm, name="password_reset_confirm"),
    path("reset/done/", accounts.password_reset_complete, name="password_reset_complete"),
    path("profile/", accounts.profile, name="profile"),
    path("sessions/<int:pk>/end/", accounts.session_end, name="session_end"),
    path("sessions/end-others/", accounts.session_end_others, name="session_end_others"),
    path("security/", accounts.two_factor, name="two_factor"),
    path("security/enrol/", accounts.two_factor_enrol, name="two_factor_enrol"),
    path("security/recovery-codes/", accounts.recovery_codes_renew, name="recovery_codes_renew"),
    path("security/remove/", accounts.two_factor_remove, name="two_factor_remove"),
    path("users/", accounts.user_list, name="user_list"),
    path("users/invite/", accounts.user_invite, name="user_invite"),
    path("users/<int:pk>/deactivate/", accounts.user_deactivate, name="user_deactivate"),
]

from danvan.org.views import notifications  # noqa: E402

urlpatterns += [
    path("notifications/", notifications.notification_list_view, name="notifications"),
    path("notifications/read/", notifications.notification_read_all, name="notifications_read_all"),
    path("notifications/<int:pk>/read/", notifications.notification_read, name="notification_read"),
    path("notifications/settings/", notifications.notification_settings, name="notification_settings"),
]
