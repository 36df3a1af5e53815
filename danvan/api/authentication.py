"""DRF's token authentication, made safe for keys no token can have, and bound to the second factor.

A token works only if it was issued after the account's one-time codes were set up, and an account
that must have codes but has none has no working token (`org.access.api_token_refusal`). Both are
answered 401 with a message that says what to do.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from danvan.org.access import SECOND_FACTOR_MISSING, TOKEN_BEFORE_SECOND_FACTOR, api_token_refusal

# 401 messages kept as they are by api.errors (any other token failure gets one message for all)
SECOND_FACTOR_TOKEN_MESSAGES = {
    TOKEN_BEFORE_SECOND_FACTOR: _(
        "This token was issued before one-time codes were set up for this account, so it no longer works. "
        "Get a new one from /api/v1/auth/token/ with your password and one-time code."
    ),
    SECOND_FACTOR_MISSING: _(
        "This account needs one-time codes: set them up in the web app (your profile, sign-in security), "
        "then get a new token from /api/v1/auth/token/ with your password and one-time code."
    ),
}
SECOND_FACTOR_TOKEN_CODES = frozenset(SECOND_FACTOR_TOKEN_MESSAGES)


class TokenAuthentication(authentication.TokenAuthentication):
    """A key with a character no key has (NUL, control characters, non-ASCII) fails like any unknown key.

    DRF would look it up as is, and PostgreSQL refuses NUL in a text value: the client got a 500.
    The message is replaced by `errors.exception_handler` as for every other bad token.

    A known key is then held to the second factor (`org.access.api_token_refusal`); no extra query:
    the token's row brings its user along.
    """

    def authenticate_credentials(self, key: str) -> Any:
        if not (key.isascii() and key.isprintable()):
            raise exceptions.AuthenticationFailed()
        user, token = super().authenticate_credentials(key)
        refusal = api_token_refusal(user, token.created)
        if refusal is not None:
            raise exceptions.AuthenticationFailed(SECOND_FACTOR_TOKEN_MESSAGES[refusal], code=refusal)
        return user, token


# What every API view authenticates with: the settings' default order, with the safe token class.
API_AUTHENTICATION = [TokenAuthentication, authentication.SessionAuthentication]
