"""Every string the public pages show is translated into each of the portal's languages.

Why this way: the portal's strings come from its templates, its views, forms of other apps (the
petition form) and Django itself; a list kept by hand would miss some. So each key page is
rendered in each language while every gettext call is recorded, and each string asked for must
have a translation in that language's catalog (ours, or Django's own for its strings). English
is the source language and has nothing to look up.
"""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import trans_real

pytestmark = pytest.mark.django_db

LANGUAGES = ["vi", "es", "ja", "de", "nb"]

# (method, path without the language prefix, data): the key public pages, their bad input included
PAGES: list[tuple[str, str, dict[str, str]]] = [
    ("get", "/", {}),
    ("get", "/map/", {}),
    ("get", "/map/", {"era": "2024"}),
    ("get", "/map/", {"era": "1999"}),
    ("get", "/petition/", {}),
    ("post", "/petition/", {"subject": ""}),
    ("get", "/track/", {}),
    ("get", "/track/", {"code": "AAAA-BBBB-CCCC"}),
    ("get", "/track/AAAA-BBBB-CCCC/", {}),
    ("get", "/verify/", {}),
    ("get", "/verify/ZZZZZZZZZZ/", {}),
    ("get", "/no-such-page/", {}),
    ("get", "/models/", {}),
    ("get", "/models/", {"year": "abc"}),
    ("get", "/models/999999/", {}),
    ("get", "/provinces/zz/", {}),
]


class Recorder:
    def __init__(self) -> None:
        self.asked: set[tuple[str | None, str]] = set()

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        trans = translation._trans  # type: ignore[attr-defined]  # the functions gettext() calls through
        gettext, pgettext = trans.gettext, trans.pgettext
        ngettext, npgettext = trans.ngettext, trans.npgettext

        def g(message):
            self.asked.add((None, str(message)))
            return gettext(message)

        def pg(context, message):
            self.asked.add((str(context), str(message)))
            return pgettext(context, message)

        def ng(singular, plural, number):
            self.asked.add((None, str(singular)))
            return ngettext(singular, plural, number)

        def npg(context, singular, plural, number):
            self.asked.add((str(context), str(singular)))
            return npgettext(context, singular, plural, number)

        monkeypatch.setattr(trans, "gettext", g)
        monkeypatch.setattr(trans, "pgettext", pg)
        monkeypatch.setattr(trans, "ngettext", ng)
        monkeypatch.setattr(trans, "npgettext", npg)


def _translated(catalog, context: str | None, message: str) -> bool:
    key = f"{context}\x04{message}" if context else message
    return bool(catalog.get(key) or catalog.get((key, 0)))


def untranslated(client, lang: str, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    recorder = Recorder()
    recorder.install(monkeypatch)
    for method, path, data in PAGES:
        response = getattr(client, method)(f"/{lang}{path}", data)
        assert response.status_code < 500, (lang, path)
    catalog = trans_real.translation(lang)._catalog  # type: ignore[attr-defined]  # every string with its translation
    return sorted(
        f"{context}|{message}" if context else message
        for context, message in recorder.asked
        if message.strip() and not _translated(catalog, context, message)
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_public_pages_have_no_untranslated_string(client, lang, monkeypatch):
    missing = untranslated(client, lang, monkeypatch)
    assert missing == [], f"{len(missing)} strings without a {lang} translation:\n" + "\n".join(missing)
