"""Every read of org, one module per area."""

from danvan.org.selectors.organizations import (
    membership_list,
    organization_get,
    organization_kind_list,
    organization_list,
)

__all__ = ["membership_list", "organization_get", "organization_kind_list", "organization_list"]
from danvan.org.selectors.notifications import (
    notification_get,
    notification_list,
    notification_preferences,
    unread_notifications,
)

__all__ += ["notification_get", "notification_list", "notification_preferences", "unread_notifications"]
