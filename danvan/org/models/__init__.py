"""org's data, one module per area; everything is importable from `danvan.org.models`."""

from danvan.org.models.accounts import User, UserSession
from danvan.org.models.notifications import EmailOutbox, Notification, NotificationPreference
from danvan.org.models.organizations import (
    AuditEvent,
    Membership,
    Organization,
    OrganizationKind,
    Person,
    Role,
)

__all__ = [
    "AuditEvent",
    "EmailOutbox",
    "Membership",
    "Notification",
    "NotificationPreference",
    "Organization",
    "OrganizationKind",
    "Person",
    "Role",
    "User",
    "UserSession",
]
