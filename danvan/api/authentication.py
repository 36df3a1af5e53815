"""DRF's token authentication, made safe for keys no token can have."""

from __future__ import annotations

from typing import Any

from rest_framework import authentication, exceptions


class TokenAuthentication(authentication.TokenAuthentication):
    """A key with a character no key has (NUL, control characters, non-ASCII) fails like any unknown key.

    DRF would look it up as is, and PostgreSQL refuses NUL in a text value: the client got a 500.
    The message is replaced by `errors.exception_handler` as for every other bad token.
    """

    def authenticate_credentials(self, key: str) -> Any:
        if not (key.isascii() and key.isprintable()):
            raise exceptions.AuthenticationFailed()
        return super().authenticate_credentials(key)


# What every API view authenticates with: the settings' default order, with the safe token class.
API_AUTHENTICATION = [TokenAuthentication, authentication.SessionAuthentication]
