"""Every read of org, one module per area."""

from danvan.org.selectors.organizations import (
    membership_list,
    organization_get,
    organization_kind_list,
    organization_list,
)

__all__ = ["membership_list", "organization_get", "organization_kind_list", "organization_list"]
from danvan.org.selectors.accounts import session_list, user_managed_get, user_managed_list

__all__ += ["session_list", "user_managed_get", "user_managed_list"]
