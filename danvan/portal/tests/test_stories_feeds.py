"""The stories' RSS and Atom feeds, read back by feedparser (a parser we did not write)."""

import feedparser
import pytest

from danvan.portal.services import stories as services
from danvan.portal.tests.stories_helpers import make_story

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_the_feed_lists_published_stories_with_links_and_dates(client, province_manager, kind):
    first = make_story(province_manager, title="Bài thứ nhất", publish=True)
    second = make_story(province_manager, title="Bài thứ hai", publish=True)
    make_story(province_manager, title="Bài nháp")
    page = client.get(f"/vi/stories/feed/{kind}/")
    assert page.status_code == 200
    assert page["Content-Type"].startswith("application/rss+xml" if kind == "rss" else "application/atom+xml")
    feed = feedparser.parse(page.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == ("rss20" if kind == "rss" else "atom10")
    assert feed.feed.link == "http://testserver/vi/stories/"
    assert [e.title for e in feed.entries] == ["Bài thứ hai", "Bài thứ nhất"]
    assert [e.link for e in feed.entries] == [
        f"http://testserver/vi/stories/{second.slug}/",
        f"http://testserver/vi/stories/{first.slug}/",
    ]
    published = feed.entries[0].published_parsed
    assert published is not None
    assert (published.tm_year, published.tm_mon, published.tm_mday) == (
        second.published_at.utctimetuple().tm_year,
        second.published_at.utctimetuple().tm_mon,
        second.published_at.utctimetuple().tm_mday,
    )
    assert "Bài nháp" not in page.content.decode()


def test_each_language_has_its_feed_with_the_vietnamese_fallback(client, province_manager):
    story = make_story(province_manager, publish=True)
    services.story_translate(actor=province_manager, story=story, language="en", title="Nam Son street", body="Text.")
    other = make_story(province_manager, title="Chưa dịch", publish=True)
    en = feedparser.parse(client.get("/en/stories/feed/atom/").content)
    assert {e.title for e in en.entries} == {"Nam Son street", "Chưa dịch"}
    assert {e.link for e in en.entries} == {
        f"http://testserver/en/stories/{story.slug}/",
        f"http://testserver/en/stories/{other.slug}/",
    }
    rss = feedparser.parse(client.get("/en/stories/feed/rss/").content)
    assert rss.feed.language == "en"
    assert feedparser.parse(client.get("/vi/stories/feed/rss/").content).feed.language == "vi"


def test_the_stories_pages_point_to_the_feeds(client):
    html = client.get("/es/stories/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml" title="' in html
    assert 'href="/es/stories/feed/rss/"' in html and 'href="/es/stories/feed/atom/"' in html


def test_the_feeds_carry_no_draft_after_unpublishing(client, province_manager):
    story = make_story(province_manager, title="Sẽ gỡ", publish=True)
    assert [e.title for e in feedparser.parse(client.get("/vi/stories/feed/rss/").content).entries] == ["Sẽ gỡ"]
    services.story_unpublish(actor=province_manager, story=story)
    assert feedparser.parse(client.get("/vi/stories/feed/rss/").content).entries == []
    assert feedparser.parse(client.get("/vi/stories/feed/atom/").content).entries == []
