"""Sections an app above adds to a page of an app below, without the page importing it.

A back-office page (a model's detail, in `initiatives`) asks `panels_for(request, obj)` for the
HTML of the sections other apps registered for its kind of object; the portal registers its
"Publish on the portal" section from its AppConfig.ready(). The layers stay as they are: the
page knows only this registry, the registering app knows the page's model.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.utils.safestring import SafeString

Panel = Callable[[HttpRequest, Any], str]  # the section's HTML, or "" when the user gets none
_PANELS: dict[str, list[Panel]] = {}


def register_panel(label: str) -> Callable[[Panel], Panel]:
    """`@register_panel("initiatives.initiative")`: a section on that model's detail page."""

    def add(fn: Panel) -> Panel:
        if fn not in _PANELS.setdefault(label, []):
            _PANELS[label].append(fn)
        return fn

    return add


def panels_for(request: HttpRequest, obj: Any) -> list[SafeString]:
    found = (fn(request, obj) for fn in _PANELS.get(obj._meta.label_lower, []))
    return [SafeString(html) for html in found if html]
