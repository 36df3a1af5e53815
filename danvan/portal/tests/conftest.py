"""The portal's tests start with an empty page cache (a cached page would outlive a test's rollback)."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    from danvan.portal import cache as pages

    cache.clear()
    pages._local.clear()
    yield
    cache.clear()
    pages._local.clear()
