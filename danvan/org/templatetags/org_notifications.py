"""`{% unread_notifications as n %}`: the signed-in user's unread count, for the menu (no query)."""

from __future__ import annotations

from typing import Any

from django import template

from danvan.org.selectors.notifications import unread_notifications as _unread

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context: Any) -> int:
    return _unread(context.get("user"))
