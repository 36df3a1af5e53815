"""Template helpers shared by every app: `{% load danvan %}`."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.utils.translation import get_language

register = template.Library()


@register.filter
def localized_name(obj: Any) -> str:
    """`name_en` in the English interface when there is one, else the Vietnamese `name`.

    For data tables that carry both (map eras, organisation kinds); unit names are proper names
    and stay Vietnamese in every language.
    """
    if obj is None:
        return ""
    english = getattr(obj, "name_en", "")
    if english and (get_language() or "").startswith("en"):
        return english
    return getattr(obj, "name", str(obj))


@register.filter
def number(value: Any, places: Any = None) -> str:
    """`{{ value|number }}` or `{{ value|number:2 }}`: grouped by thousands in the user's language
    (14.516 · 1.234,5), at most `places` decimals; blank for None. Same output as `core.numbers`."""
    from danvan.core.numbers import format_number

    try:
        digits = int(places) if places not in (None, "") else None
    except (TypeError, ValueError):
        digits = None
    return format_number(value, places=digits)


@register.simple_tag
def number_conventions() -> str:
    """The `data-` attributes that tell `core/numbers.js` the separators of the page's language."""
    from django.utils.html import format_html

    from danvan.core.numbers import conventions

    c = conventions()
    return format_html('data-group="{}" data-decimal="{}"', c.group, c.decimal)


@register.simple_tag
def backoffice_languages() -> list[tuple[str, str]]:
    """The back office's language menu: its two languages, not the portal's six."""
    return list(settings.BACKOFFICE_LANGUAGES)
