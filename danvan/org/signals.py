"""At sign-in: remember the browser's session (so its user can see and end it) and the user's language."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from danvan.core.clients import client_address


@receiver(user_logged_in, dispatch_uid="danvan.org.accounts.signed_in")
def signed_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    from danvan.org.middleware import LANGUAGE_AT_LOGIN
    from danvan.org.services.accounts import session_record

    session = getattr(request, "session", None)
    if request is None or session is None:
        return
    if not session.session_key:
        session.save()
    session_record(
        user=user,
        session_key=session.session_key,
        user_agent=request.META.get("HTTP_USER_AGENT", ""),
        address=client_address(request),
    )
    if user.language:
        session[LANGUAGE_AT_LOGIN] = user.language
