"""org's pages, one module per area."""

from danvan.org.views import accounts  # noqa: F401  (the account pages; routes in org/urls.py)
from danvan.org.views.home import home, inbox_badge
from danvan.org.views.notifications import (
    notification_list_view,
    notification_read,
    notification_read_all,
    notification_settings,
)

__all__ = [
    "home",
    "inbox_badge",
    "notification_list_view",
    "notification_read",
    "notification_read_all",
    "notification_settings",
]
