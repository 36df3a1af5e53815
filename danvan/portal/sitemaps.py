"""The portal's sitemap: every public page in each of the six languages, with hreflang alternates.

Each area has its `Sitemap` in `SITEMAPS`; the models' part lists only public models
(`published.public_initiatives`) and the stories' only published stories. Not cached: it is read
fresh, so an unpublished model or story leaves it at once.
"""

from __future__ import annotations

from typing import Any

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from danvan.portal.selectors.models import province_list
from danvan.portal.selectors.published import public_initiatives
from danvan.portal.selectors.stories import published as published_stories


class _Portal(Sitemap):  # type: ignore[type-arg]
    i18n = True
    alternates = True
    x_default = True


class PagesSitemap(_Portal):
    changefreq = "daily"
    priority = 0.8

    def items(self) -> list[str]:
        return ["public:home", "public:models"]

    def location(self, item: str) -> str:
        return reverse(item)


class ModelsSitemap(_Portal):
    changefreq = "weekly"
    priority = 0.6

    def items(self) -> Any:
        return public_initiatives().select_related("publication").order_by("pk")

    def location(self, item: Any) -> str:
        return reverse("public:model", kwargs={"pk": item.pk})

    def lastmod(self, item: Any) -> Any:
        return item.publication.updated_at


class ProvincesSitemap(_Portal):
    changefreq = "weekly"
    priority = 0.5

    def items(self) -> Any:
        return province_list()

    def location(self, item: Any) -> str:
        return reverse("public:province", kwargs={"code": item.code})


class StoriesSitemap(_Portal):
    changefreq = "weekly"
    priority = 0.6

    def items(self) -> Any:
        return published_stories().order_by("pk")

    def location(self, item: Any) -> str:
        return reverse("public:story", kwargs={"slug": item.slug})

    def lastmod(self, item: Any) -> Any:
        return item.updated_at


SITEMAPS: dict[str, type[Sitemap]] = {  # type: ignore[type-arg]
    "pages": PagesSitemap,
    "models": ModelsSitemap,
    "provinces": ProvincesSitemap,
    "stories": StoriesSitemap,
}
