"""Every string the story pages and feeds show is translated into each of the portal's languages.

The same check as `test_translations_complete.py` (every gettext call recorded while the pages
render, each looked up in the language's catalog), over the story pages: the list with and without
filters, a bad filter (400), a story with photos, models, related stories and the untranslated
note, an unknown story (404) and both feeds.
"""

from __future__ import annotations

import pytest
from django.utils.translation import trans_real

from danvan.conftest import unit
from danvan.portal.services import stories as services
from danvan.portal.tests.stories_helpers import TUYEN_QUANG, make_story, photo_upload, public_model
from danvan.portal.tests.test_translations_complete import LANGUAGES, Recorder, _translated

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_story_pages_have_no_untranslated_string(
    client, lang, monkeypatch, province_manager, other_manager, commune_reporter
):
    model = public_model(commune_reporter)
    story = make_story(province_manager, initiatives=[model], publish=True)
    services.story_photo_add(actor=province_manager, story=story, upload=photo_upload(size=(600, 400)), caption="Ảnh")
    make_story(province_manager, title="Cùng tác giả", publish=True)
    make_story(province_manager, title="Cùng chủ đề", author="Khác", publish=True)
    make_story(other_manager, unit=unit(*TUYEN_QUANG), title="Khác", topic="economic", author="", publish=True)
    recorder = Recorder()
    recorder.install(monkeypatch)
    pages = [
        "/stories/",
        "/stories/?topic=economic&place=2025/22",
        "/stories/?topic=nonsense&place=9/9&page=0",
        f"/stories/{story.slug}/",
        "/stories/no-such-story/",
        "/stories/feed/rss/",
        "/stories/feed/atom/",
    ]
    for path in pages:
        assert client.get(f"/{lang}{path}").status_code < 500, path
    catalog = trans_real.translation(lang)._catalog
    missing = sorted(
        f"{context}|{message}" if context else message
        for context, message in recorder.asked
        if message.strip() and not _translated(catalog, context, message)
    )
    assert missing == [], f"{len(missing)} strings without a {lang} translation:\n" + "\n".join(missing)
