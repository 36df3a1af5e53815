"""The portal's tests start with an empty page cache (a cached page would outlive a test's rollback)."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()
