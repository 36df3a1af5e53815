"""org's pages, one module per area."""

from danvan.org.views.home import home

__all__ = ["home"]
from danvan.org.views import accounts  # noqa: F401  (the account pages; routes in org/urls.py)
