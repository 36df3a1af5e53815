"""Template helpers shared by every app: `{% load danvan %}`."""

from __future__ import annotations

from typing import Any

from django import template
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
