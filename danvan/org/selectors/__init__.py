"""Every read of org, one module per area."""

from danvan.org.selectors.accounts import session_list, user_managed_get, user_managed_list
from danvan.org.selectors.notifications import (
    notification_get,
    notification_list,
    notification_preferences,
    unread_notifications,
)
from danvan.org.selectors.organizations import (
    membership_list,
    organization_get,
    organization_kind_list,
    organization_list,
    person_get,
    person_list,
)

__all__ = [
    "membership_list",
    "notification_get",
    "notification_list",
    "notification_preferences",
    "organization_get",
    "organization_kind_list",
    "organization_list",
    "person_get",
    "person_list",
    "session_list",
    "unread_notifications",
    "user_managed_get",
    "user_managed_list",
]
