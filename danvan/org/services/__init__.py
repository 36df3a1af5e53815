"""Every write of org, one module per area (organisations and memberships; later accounts, notifications)."""

from danvan.org.services.accounts import (
    profile_update,
    recovery_codes_renew,
    second_factor_enrol_confirm,
    second_factor_new_key,
    second_factor_remove,
    second_factor_verify,
    session_end,
    session_end_others,
    session_record,
    user_deactivate,
    user_invite,
)
from danvan.org.services.notifications import (
    notification_mark_all_read,
    notification_mark_read,
    notification_preferences_save,
    notifications_prune,
    notify,
)
from danvan.org.services.organizations import membership_grant, organization_create, person_create

__all__ = [
    "membership_grant",
    "notification_mark_all_read",
    "notification_mark_read",
    "notification_preferences_save",
    "notifications_prune",
    "notify",
    "organization_create",
    "person_create",
    "profile_update",
    "recovery_codes_renew",
    "second_factor_enrol_confirm",
    "second_factor_new_key",
    "second_factor_remove",
    "second_factor_verify",
    "session_end",
    "session_end_others",
    "session_record",
    "user_deactivate",
    "user_invite",
]
