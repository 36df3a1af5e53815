"""API clients for the shared personas (see danvan/conftest.py)."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


@pytest.fixture
def api(db):
    """api(user=None, language=None) -> an APIClient sending user's token and Accept-Language.

    No language means none is sent, so the site default (Vietnamese) answers.
    """

    def make(user=None, language: str | None = None) -> APIClient:
        headers = {}
        if user is not None:
            token, _created = Token.objects.get_or_create(user=user)
            headers["HTTP_AUTHORIZATION"] = f"Token {token.key}"
        if language is not None:
            headers["HTTP_ACCEPT_LANGUAGE"] = language
        client = APIClient()
        client.credentials(**headers)
        return client

    return make
