"""The public story pages and feeds: /<lang>/stories/, /<lang>/stories/<slug>/, the RSS and Atom feeds.

Anonymous answers are cached under keys made of what they show: the language, the address, the
stories' stamp (the newest `updated_at` and the count, one aggregate read: any story written,
published, unpublished, translated or deleted changes it) and, on a story's page, its public models
and their publications' `updated_at`. So a change is seen on the very next request, by every worker
process, whatever cache backend is configured; old entries simply age out. Signed-in visitors get
fresh pages (their header differs).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from danvan.core.errors import NotFound
from danvan.portal.forms.stories import PublicStoryFilterForm
from danvan.portal.models import Story, StoryPhoto
from danvan.portal.selectors import stories as selectors

PER_PAGE = 12
FEED_ITEMS = 30
CACHE_SECONDS = getattr(settings, "DANVAN_PORTAL_CACHE_SECONDS", 600)
PHOTO_SIZES = "(min-width: 62rem) 58rem, 100vw"  # the article column is at most ~58rem wide


# --- cache ----------------------------------------------------------------------------------------


def _cached(request: HttpRequest, parts: tuple[Any, ...], make: Callable[[], HttpResponse]) -> HttpResponse:
    """`make()`'s answer, from the cache for anonymous visitors when `parts` (what it shows) are unchanged."""
    if request.user.is_authenticated:
        return make()
    key = "portal:stories:" + hashlib.sha256(repr((get_language(), request.path, *parts)).encode()).hexdigest()
    hit = cache.get(key)
    if hit is not None:
        content, content_type = hit
        response = HttpResponse(content, content_type=content_type)
        response["X-Cache"] = "hit"
        return response
    response = make()
    if response.status_code == 200 and not response.streaming:
        cache.set(key, (response.content, response["Content-Type"]), CACHE_SECONDS)
    return response


# --- helpers --------------------------------------------------------------------------------------


def model_url(pk: int) -> str:
    """A public model's page (`public:model`, the models' area); its agreed path until that route exists."""
    for kwargs in ({"args": [pk]}, {"kwargs": {"pk": pk}}):
        try:
            return reverse("public:model", **kwargs)  # type: ignore[arg-type]
        except NoReverseMatch:
            continue
    return f"/{get_language()}/models/{pk}/"


def _language() -> str:
    return get_language() or settings.LANGUAGE_CODE


def untranslated(story: Story | StoryPhoto, names: tuple[str, ...]) -> set[str]:
    """The fields of `story` shown in Vietnamese because the active language has no text for them."""
    lang = _language()
    if lang == settings.MODELTRANSLATION_DEFAULT_LANGUAGE:
        return set()
    return {n for n in names if getattr(story, f"{n}_vi") and not getattr(story, f"{n}_{lang}")}


def photo_view(photo: StoryPhoto) -> dict[str, Any]:
    variants = photo.variants or [[photo.width, photo.image.name]]
    urls = [(w, default_storage.url(name)) for w, name in variants]
    middle = next((url for w, url in urls if w >= 960), urls[-1][1])
    missing = untranslated(photo, ("caption", "alt"))
    return {
        "src": middle,
        "srcset": ", ".join(f"{url} {w}w" for w, url in urls),
        "sizes": PHOTO_SIZES,
        "width": photo.width,
        "height": photo.height,
        "alt": photo.alt or photo.caption or "",
        "alt_vi": "alt" in missing or (not photo.alt and "caption" in missing),
        "caption": photo.caption,
        "caption_vi": "caption" in missing,
        "largest": urls[-1][1],
    }


def not_found(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/stories/not_found.html", status=404)


def _feed_links() -> dict[str, str]:
    return {"rss": reverse("public:story_feed_rss"), "atom": reverse("public:story_feed_atom")}


# --- pages ----------------------------------------------------------------------------------------


@require_safe
def story_list(request: HttpRequest) -> HttpResponse:
    """Cached under the raw filter values (a wrong one is a 400, never cached): a hit is one read."""

    def make() -> HttpResponse:
        places = selectors.public_story_places()
        form = PublicStoryFilterForm(request.GET, places=places)
        if not form.is_valid():
            context: dict[str, Any] = {"form": form, "page": None, "feeds": _feed_links()}
            return render(request, "portal/stories/list.html", context, status=400)
        filters = form.filters()
        qs = selectors.public_story_list(filters=filters)
        page = Paginator(qs, PER_PAGE).get_page(form.cleaned_data.get("page"))
        cards = [
            {
                "story": s,
                "photo": photo_view(s.photos.all()[0]) if s.photos.all() else None,
                "vi": untranslated(s, ("title", "lead")),
            }
            for s in page.object_list
        ]
        context = {"form": form, "page": page, "cards": cards, "feeds": _feed_links()}
        return render(request, "portal/stories/list.html", context)

    raw = tuple(request.GET.get(name, "")[:40] for name in ("topic", "place", "page"))
    return _cached(request, (raw, selectors.stories_stamp()), make)


@require_safe
def story_detail(request: HttpRequest, slug: str) -> HttpResponse:
    if len(slug) > 160:
        return not_found(request)

    def make() -> HttpResponse:
        try:
            story = selectors.public_story_get(slug=slug)
        except NotFound:
            return not_found(request)
        missing = untranslated(story, ("title", "lead", "body"))
        related = selectors.related_stories(story=story)
        photos = [photo_view(p) for p in story.photos.all()]
        models = [
            {"url": model_url(i.pk), "title": i.publication.title, "place": i.unit.name}
            for i in selectors.story_public_models(story=story)
        ]
        context = {
            "story": story,
            "missing": missing,
            "photos": photos,
            "models": models,
            "related": related,
            "province": selectors.story_province(story=story),
            "topic_label": story.get_topic_display() if story.topic else "",
            "feeds": _feed_links(),
        }
        return render(request, "portal/stories/detail.html", context)

    key = (selectors.stories_stamp(), selectors.story_models_stamp(slug=slug))
    return _cached(request, key, make)


# --- feeds ----------------------------------------------------------------------------------------


class StoryRssFeed(Feed):  # type: ignore[type-arg]
    feed_type: type[SyndicationFeed] = Rss201rev2Feed

    def title(self) -> str:
        return _("Stories of Skillful Mass Mobilization") + " · DanVan"

    def description(self) -> str:
        return _("Good models of the Skillful Mass Mobilization movement, told by the places that carry them out.")

    def link(self) -> str:
        return reverse("public:story_list")

    def feed_url(self) -> str:
        return reverse("public:story_feed_rss")

    def items(self) -> list[Story]:
        return list(selectors.public_story_list()[:FEED_ITEMS])

    def item_title(self, item: Story) -> str:
        return item.title

    def item_description(self, item: Story) -> str:
        return item.lead or Truncator(item.body).words(60)

    def item_link(self, item: Story) -> str:
        return reverse("public:story", args=[item.slug])

    def item_guid(self, item: Story) -> str:
        return reverse("public:story", args=[item.slug])

    def item_pubdate(self, item: Story) -> Any:
        return item.published_at

    def item_updateddate(self, item: Story) -> Any:
        return item.updated_at

    def item_author_name(self, item: Story) -> str:
        return item.author or item.source_name

    def item_categories(self, item: Story) -> list[str]:
        return [str(item.get_topic_display())] if item.topic else []


class StoryAtomFeed(StoryRssFeed):
    feed_type = Atom1Feed

    def subtitle(self) -> str:
        return self.description()

    def feed_url(self) -> str:
        return reverse("public:story_feed_atom")


_rss = StoryRssFeed()
_atom = StoryAtomFeed()


@require_safe
def story_feed_rss(request: HttpRequest) -> HttpResponse:
    return _cached(request, ("rss", selectors.stories_stamp()), lambda: _rss(request))


@require_safe
def story_feed_atom(request: HttpRequest) -> HttpResponse:
    return _cached(request, ("atom", selectors.stories_stamp()), lambda: _atom(request))
