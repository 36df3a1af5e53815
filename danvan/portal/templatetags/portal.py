"""Template helpers of the public pages: `{% load portal %}`."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info

register = template.Library()


@register.simple_tag(takes_context=True)
def alternates(context: dict[str, Any]) -> list[dict[str, str]]:
    """This page in each of the portal's languages: the language menu's links and the hreflang tags."""
    request = context["request"]
    path = request.get_full_path()
    out = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        out.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": translate_url(path, code),
                "absolute": request.build_absolute_uri(translate_url(request.path, code)),
            }
        )
    return out
