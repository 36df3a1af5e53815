"""Every write of org, one module per area (organisations and memberships; later accounts, notifications)."""

from danvan.org.services.organizations import membership_grant, organization_create, person_create

__all__ = ["membership_grant", "organization_create", "person_create"]
from danvan.org.services.notifications import (
    notification_mark_all_read,
    notification_mark_read,
    notification_preferences_save,
    notify,
)

__all__ += ["notification_mark_all_read", "notification_mark_read", "notification_preferences_save", "notify"]
