"""Anonymous public pages kept in Django's cache, per language and full address, until what they show changes.

A page is stored under the public version (`core.public_cache`): publishing, unpublishing,
translating, a model's status change or edit bump it, and every page stored before is no longer
read. Only successful GET/HEAD answers to visitors who are not signed in are kept (a signed-in
visitor's header differs, and forms with a CSRF token are never cached); the live figures are at
most `PUBLIC_PAGE_SECONDS` old.

Each server process also keeps the pages it served last in memory, under the same key: the
version is still read from the shared cache on every request (so a change made through another
process stales them at once), but a page asked for again costs no second read and decompression
of the stored page (`bench/portal.py`).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.template.response import SimpleTemplateResponse
from django.utils.translation import get_language

from danvan.core.public_cache import public_version

PUBLIC_PAGE_SECONDS = 300
LOCAL_PAGES = 256  # pages kept in each process's memory
View = Callable[..., HttpResponse]
_local: dict[str, tuple[float, str, bytes]] = {}  # key -> (expires, content type, body)


def _remember(key: str, content_type: str, body: bytes) -> None:
    while len(_local) >= LOCAL_PAGES:
        try:
            del _local[next(iter(_local))]  # the oldest
        except (KeyError, StopIteration, RuntimeError):  # another thread got there first
            break
    _local[key] = (time.monotonic() + PUBLIC_PAGE_SECONDS, content_type, body)


def page_key(request: HttpRequest) -> str:
    address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"danvan:public:page:{public_version()}:{get_language()}:{address}"


def public_page(view: View) -> View:
    """Serve the page from the cache for anonymous visitors; store it when it was rendered for one."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        key = page_key(request)
        local = _local.get(key)
        if local is not None and local[0] > time.monotonic():
            return HttpResponse(local[2], content_type=local[1])
        stored = cache.get(key)
        if stored is not None:
            content_type, body = stored
            _remember(key, content_type, body)
            return HttpResponse(body, content_type=content_type)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            if isinstance(response, SimpleTemplateResponse):  # rendered later, unless now
                response.render()
            cache.set(key, (response["Content-Type"], response.content), PUBLIC_PAGE_SECONDS)
            _remember(key, response["Content-Type"], response.content)
        return response

    return wrapped
