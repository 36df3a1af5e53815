"""org's pages, one module per area."""

from danvan.org.views.home import home

__all__ = ["home"]
