"""org's pages, one module per area."""

from danvan.org.views.home import home

__all__ = ["home"]
from danvan.org.views.notifications import (
    notification_list_view,
    notification_read,
    notification_read_all,
    notification_settings,
)

__all__ += ["notification_list_view", "notification_read", "notification_read_all", "notification_settings"]
