"""org's pages, one module per area."""

from danvan.org.views.home import home, inbox_badge

__all__ = ["home", "inbox_badge"]
