"""The version of what the public portal shows: cached public pages carry it in their keys.

Why a version rather than deleting pages: a change to one model shows on many pages (home,
directory pages and searches, province pages, the models it was copied from, the sitemap), in
six languages and any query string. Bumping one number makes every cached public page stale at
once; the old entries simply expire. Anything that changes what the portal may show calls
`public_content_changed()` inside its transaction (the bump happens on commit, so a rolled-back
write never invalidates, and a reader never caches the old state under the new version):
the portal's publishing services, and the services of the records it shows (a model's status
change or edit). core owns the key so the apps below the portal can bump it without importing it.

The version lives in Django's cache (`CACHES["default"]`, files under `CACHE_DIR` shared by every
server process), so a bump in one worker stales the pages of all.
"""

from __future__ import annotations

import time

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "danvan:public:version"


def public_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        # a new series never repeats an old one (pages kept in a process's memory under an old
        # number must not come back after the cache was emptied): it starts from the clock
        cache.add(VERSION_KEY, time.time_ns() // 1_000, timeout=None)
        version = cache.get(VERSION_KEY)
    return int(version)


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not there (evicted, or never read): start a new series
        cache.set(VERSION_KEY, public_version() + 1, timeout=None)


def public_content_changed() -> None:
    """What the portal shows changed (or may have): stale every cached public page, on commit."""
    transaction.on_commit(_bump)
