"""Reads of stories: the back office's (the managers' scope, drafts included) and the public's.

The public reads start from `published()`: a story is public only while it is published. The models
a story is about are shown only while they are public themselves (`published.public_q`), so a model
returned or unpublished after the story was written disappears from the story's page without
anyone touching the story.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Max, Prefetch, Q, QuerySet

from danvan.core.errors import NotFound
from danvan.geo.lineage import ancestor_paths
from danvan.geo.models import AdminUnit
from danvan.initiatives.models import Initiative
from danvan.org.access import Action, scope_filter
from danvan.portal.models import Publication, Story, StoryPhoto
from danvan.portal.selectors.published import public_q

RELATED_COUNT = 4


# --- back office ----------------------------------------------------------------------------------


def story_list(*, user: Any, q: str = "") -> QuerySet[Story]:
    """The stories of the places the user manages, drafts and published, newest first."""
    qs: QuerySet[Story] = Story.objects.select_related("unit").annotate(photo_count=Count("photos"))
    qs = scope_filter(qs, user, unit_field="unit", org_field=None, action=Action.MANAGE)
    if q:
        qs = qs.filter(title_vi__icontains=q)
    return qs.order_by("-updated_at", "-pk")


def story_get(*, user: Any, pk: int) -> Story:
    """One story the user manages; another's answers as missing."""
    qs = scope_filter(
        Story.objects.select_related("unit", "unit__parent"),
        user,
        unit_field="unit",
        org_field=None,
        action=Action.MANAGE,
    )
    story: Story | None = qs.filter(pk=pk).prefetch_related("photos", "initiatives").first()
    if story is None:
        raise NotFound("")
    return story


def story_linked_models(*, user: Any, story: Story) -> list[tuple[Initiative, bool]]:
    """The models a story is linked to, each with whether the portal shows it now (it is public)."""
    public = set(story.initiatives.filter(public_q()).values_list("pk", flat=True))
    return [(i, i.pk in public) for i in story.initiatives.select_related("unit").order_by("pk")]


def story_photo_get(*, user: Any, story: Story, pk: int) -> StoryPhoto:
    photo = StoryPhoto.objects.filter(story=story, pk=pk).first()
    if photo is None:
        raise NotFound("")
    return photo


# --- the public -----------------------------------------------------------------------------------


def published() -> QuerySet[Story]:
    return Story.objects.filter(published_at__isnull=False)


GENERATION_KEY = "portal:stories:generation"


def stories_stamp() -> tuple[Any, int, int]:
    """What changes whenever any story changes (saved, published, unpublished, deleted): the cache keys' part.

    One indexed aggregate — a deletion changes the count, every other write moves the newest
    `updated_at` — which every process reads alike whatever the cache backend; and a generation
    the services bump in the cache after each commit, which also covers a slow transaction whose
    `updated_at` is older than one committed before it.
    """
    found = Story.objects.aggregate(newest=Max("updated_at"), count=Count("pk"))
    return found["newest"], found["count"], int(cache.get(GENERATION_KEY) or 0)


def story_models_stamp(*, slug: str) -> list[tuple[int, Any]]:
    """The public models of one story and when their publications last changed: the story page's key."""
    rows = Publication.objects.filter(
        public_q("initiative__"), initiative__stories__slug=slug, initiative__stories__published_at__isnull=False
    ).values_list("initiative_id", "updated_at")
    return sorted(rows)


@dataclass(frozen=True)
class StoryFilters:
    topic: str = ""
    place: AdminUnit | None = None


def public_story_list(*, filters: StoryFilters | None = None) -> QuerySet[Story]:
    filters = filters or StoryFilters()
    qs = published().select_related("unit").order_by("-published_at", "-pk")
    if filters.topic:
        qs = qs.filter(topic=filters.topic)
    if filters.place is not None:  # stories recorded on either map: under the place, or covered by it today
        qs = qs.filter(Q(unit__path__prefix=filters.place.path) | Q(unit__latest_path__prefix=filters.place.path))
    return qs.prefetch_related(Prefetch("photos", queryset=StoryPhoto.objects.order_by("position", "pk")))


def _province_of(path: str) -> str:
    return (ancestor_paths(path) or [path])[0]


def public_story_places() -> list[AdminUnit]:
    """Today's provinces with published stories (a story recorded on the old map counts under the
    province that covers its place now): the list page's place filter offers these."""
    paths = set(published().values_list("unit__latest_path", flat=True))
    provinces = {_province_of(p) for p in paths}
    return list(AdminUnit.objects.filter(path__in=provinces).order_by("name"))


def public_place(key: str) -> AdminUnit:
    """A place named in the list's filter as era/code; unknown answers as missing."""
    era, _sep, code = key.strip().strip("/").partition("/")
    unit = AdminUnit.objects.filter(era_id=era, code=code).first() if era.isdigit() and code.isdigit() else None
    if unit is None:
        raise NotFound("")
    return unit


def public_story_get(*, slug: str) -> Story:
    story = (
        published()
        .select_related("unit", "unit__parent")
        .prefetch_related(Prefetch("photos", queryset=StoryPhoto.objects.order_by("position", "pk")))
        .filter(slug=slug)
        .first()
    )
    if story is None:
        raise NotFound("")
    return story


def story_public_models(*, story: Story) -> list[Initiative]:
    """The models the story is about that are public now; the others are neither linked nor named."""
    return list(
        story.initiatives.filter(public_q()).select_related("publication", "unit").order_by("publication__title_vi")
    )


def province_path(unit: AdminUnit) -> str:
    """Today's province of `unit` (its place on the newest map): related stories and the place filter use it."""
    return _province_of(unit.latest_path or unit.path)


def story_province(*, story: Story) -> AdminUnit:
    """The province that covers the story's place today (the place itself for a province on the newest map)."""
    path = province_path(story.unit)
    if path == story.unit.path:
        return story.unit
    return AdminUnit.objects.filter(path=path).first() or story.unit


def related_stories(*, story: Story) -> dict[str, list[Story]]:
    """Other published stories on the same topic, from the same province and by the same author."""
    others = published().exclude(pk=story.pk).select_related("unit").order_by("-published_at", "-pk")
    related: dict[str, list[Story]] = {
        "topic": list(others.filter(topic=story.topic)[:RELATED_COUNT]) if story.topic else [],
        "place": list(others.filter(unit__latest_path__prefix=province_path(story.unit))[:RELATED_COUNT]),
        "author": list(others.filter(author=story.author)[:RELATED_COUNT]) if story.author else [],
    }
    return related
