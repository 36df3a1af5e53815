"""What the public portal shows besides live figures: published models and stories.

Why a `Publication` beside the model rather than a flag on it: the registration's fields are
written for the file (situation, objectives, forces...), the public page needs a title, a short
summary and a story written for readers, in six languages. Keeping those texts here (translated
per field by django-modeltranslation, registered in `portal/translation.py`) leaves the back
office's `Initiative` and its audited edits untouched. A model is public only while its
publication is published *and* the model is recognised or later (`portal.selectors` checks both,
so a model returned or discontinued after publication disappears at once).

A named individual appears only with consent: `names_person` on the publication, and the story's
text is the manager's, not copied from the file.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import TimeStampedModel
from danvan.geo.models import AdminUnit
from danvan.initiatives.models import Evidence, Field, Initiative


class Publication(TimeStampedModel):
    initiative = models.OneToOneField(
        Initiative, on_delete=models.CASCADE, related_name="publication", verbose_name=_("model")
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    story = models.TextField(_("story"), blank=True)
    featured = models.BooleanField(_("featured on the home page"), default=False)
    names_person = models.BooleanField(
        _("the person the model is named for agreed to be named"),
        default=False,
        help_text=_("Without this consent an individual's model is shown without their name."),
    )
    photos = models.ManyToManyField(
        Evidence, blank=True, related_name="+", verbose_name=_("public photos")
    )  # which of the model's evidence images the public sees (images only: checked by the services)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # declared so the type checker knows it: django-modeltranslation swaps in its own at start-up
    objects: ClassVar[models.Manager[Publication]] = models.Manager()

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Story(TimeStampedModel):
    """An article about models, like the provincial reports the field notes come from."""

    slug = models.SlugField(_("address"), max_length=160, unique=True)
    title = models.CharField(_("title"), max_length=300)
    lead = models.TextField(_("lead"), blank=True)
    body = models.TextField(_("text"))
    topic = models.CharField(_("topic"), max_length=20, choices=Field.choices, blank=True)
    unit = models.ForeignKey(
        AdminUnit, on_delete=models.PROTECT, related_name="stories", verbose_name=_("place")
    )  # the place it is about; also whose managers may edit and publish it
    author = models.CharField(_("author"), max_length=150, blank=True)
    source_name = models.CharField(_("source newspaper"), max_length=200, blank=True)
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    initiatives = models.ManyToManyField(
        Initiative, blank=True, related_name="stories", verbose_name=_("models in the story")
    )
    consent_confirmed = models.BooleanField(
        _("the people the story names agreed to be named"),
        default=False,
        help_text=_("Required to publish: a story names only people who agreed to it."),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    objects: ClassVar[models.Manager[Story]] = models.Manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class StoryPhoto(models.Model):
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to="stories/%Y/%m/")
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    alt = models.CharField(
        _("text for readers who cannot see the photo"),
        max_length=300,
        blank=True,
        help_text=_("What the photo shows, in a sentence (read aloud by screen readers)."),
    )
    position = models.PositiveSmallIntegerField(default=0)
    # the photo in sizes that fit a phone, a tablet and a wide screen (portal.services.stories):
    # [[width, storage name], ...] narrowest first; `image` is the widest, EXIF stripped
    variants = models.JSONField(default=list, blank=True)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    objects: ClassVar[models.Manager[StoryPhoto]] = models.Manager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return str(self.caption or self.image.name)
