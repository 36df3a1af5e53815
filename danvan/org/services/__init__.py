"""Every write of org, one module per area (organisations and memberships; later accounts, notifications)."""

from danvan.org.services.organizations import membership_grant, organization_create, person_create

__all__ = ["membership_grant", "organization_create", "person_create"]
