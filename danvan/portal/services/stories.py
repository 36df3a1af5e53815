"""Stories: articles about models that managers write and publish, like the provincial reports.

Every write is allowed to the managers of the story's place (`org.access.can(actor, MANAGE, unit)`),
runs in one transaction and leaves an audit row. The Vietnamese text is the original and goes to the
`_vi` columns explicitly (writing `title` would write the active language's column); the other
languages go through `story_translate`. Each write saves the story (its `updated_at` moves), which
is what the public pages' cache keys are made of (`portal.selectors.stories.stories_stamp`), so a
story unpublished, edited or deleted leaves every cached page and feed at once.

Photos are read by Pillow (the bytes decide, `core.uploads`), turned upright, stripped of their
metadata (EXIF carries the GPS position of the phone that took them) and stored re-encoded in the
widths of `PHOTO_WIDTHS` for the pages' `srcset`.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from danvan.core.audit import audit
from danvan.core.errors import DomainError
from danvan.core.text import fold
from danvan.core.uploads import PHOTOS, upload_check
from danvan.geo.models import AdminUnit
from danvan.initiatives.models import Field, Initiative
from danvan.org.access import Action, can, scope_filter
from danvan.portal.models import Story, StoryPhoto
from danvan.portal.selectors.stories import GENERATION_KEY

PHOTO_WIDTHS = (480, 960, 1600)  # a phone, a tablet or a laptop column, a wide screen
PHOTO_MAX_BYTES = getattr(settings, "DANVAN_MAX_STORY_PHOTO_BYTES", 15 * 1024 * 1024)
PHOTO_QUALITY = 82
MAX_PHOTOS = 20
TRANSLATED = ("title", "lead", "body")
EDITABLE = ("title", "lead", "body", "topic", "unit", "author", "source_name", "source_url", "consent_confirmed")


def _vi(obj: Any, name: str) -> str:
    """The Vietnamese original of a translated field (its `_vi` column, added by modeltranslation)."""
    return str(getattr(obj, f"{name}_vi") or "")


def _changed() -> None:
    """After the commit: the public pages' cache keys change (see `selectors.stories.stories_stamp`)."""

    def bump() -> None:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:  # not there yet (or evicted)
            cache.set(GENERATION_KEY, 1, None)

    transaction.on_commit(bump)


def _refuse(message: str) -> DomainError:
    return DomainError(message, code="forbidden", status=403)


def _check_manager(actor: Any, unit: AdminUnit) -> None:
    if not can(actor, Action.MANAGE, unit):
        raise _refuse(_("Only the managers of the story's place may change it."))


def may_manage(actor: Any, story: Story) -> bool:
    return can(actor, Action.MANAGE, story.unit)


def _slug_base(title: str) -> str:
    from django.utils.text import slugify

    return (slugify(fold(title)) or "bai-viet")[:120].strip("-") or "bai-viet"


def unique_slug(title: str, *, exclude: int | None = None) -> str:
    base = _slug_base(title)
    qs = Story.objects.filter(slug__startswith=base)
    if exclude is not None:
        qs = qs.exclude(pk=exclude)
    taken = set(qs.values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _clean_text(value: str | None) -> str:
    return (value or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def _check_values(actor: Any, values: dict[str, Any]) -> None:
    if not values.get("title"):
        raise DomainError(_("A story needs a title."), code="title_required")
    if not values.get("body"):
        raise DomainError(_("A story needs its text."), code="body_required")
    topic = values.get("topic") or ""
    if topic and topic not in Field.values:
        raise DomainError(_("Choose one of the fields as the topic."), code="topic")
    if values.get("source_url") and not values.get("source_name"):
        raise DomainError(_("Name the newspaper the story comes from."), code="source_name_required")


def _initiatives_allowed(actor: Any, initiatives: Iterable[Initiative]) -> list[Initiative]:
    chosen = list(initiatives)
    if not chosen:
        return []
    ids = {i.pk for i in chosen}
    visible = scope_filter(Initiative.objects.filter(pk__in=ids), actor, org_field="organization")
    if set(visible.values_list("pk", flat=True)) != ids:
        raise DomainError(_("A story may only be about models you can see."), code="initiative_scope")
    return chosen


def _apply(story: Story, values: dict[str, Any]) -> None:
    for name in EDITABLE:
        if name not in values:
            continue
        value = values[name]
        if name in TRANSLATED:
            setattr(story, f"{name}_vi", value)
        else:
            setattr(story, name, value)


def _normalise(values: dict[str, Any]) -> dict[str, Any]:
    out = dict(values)
    for name in ("title", "lead", "body", "author", "source_name", "source_url"):
        if name in out:
            out[name] = _clean_text(out[name])
    return out


@transaction.atomic
def story_create(
    *,
    actor: Any,
    unit: AdminUnit,
    title: str,
    body: str,
    lead: str = "",
    topic: str = "",
    author: str = "",
    source_name: str = "",
    source_url: str = "",
    consent_confirmed: bool = False,
    initiatives: Iterable[Initiative] = (),
) -> Story:
    """A draft story, in Vietnamese; nobody outside sees it until it is published."""
    _check_manager(actor, unit)
    values = _normalise(
        {
            "unit": unit,
            "title": title,
            "body": body,
            "lead": lead,
            "topic": topic or "",
            "author": author,
            "source_name": source_name,
            "source_url": source_url,
            "consent_confirmed": bool(consent_confirmed),
        }
    )
    _check_values(actor, values)
    chosen = _initiatives_allowed(actor, initiatives)
    story = Story(slug=unique_slug(values["title"]), created_by=actor)
    _apply(story, values)
    story.save()
    story.initiatives.set(chosen)
    _changed()
    audit(actor=actor, verb="story.create", target=story, title=_vi(story, "title"))
    return story


@transaction.atomic
def story_update(*, actor: Any, story: Story, initiatives: Iterable[Initiative] | None = None, **values: Any) -> Story:
    """Change the Vietnamese original and the story's facts; the address (slug) stays, links keep working.

    Moving a story to another place needs the right to manage both places.
    """
    story = Story.objects.select_for_update().select_related("unit").get(pk=story.pk)
    _check_manager(actor, story.unit)
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise TypeError(f"story_update: unknown fields {sorted(unknown)}")
    values = _normalise(values)
    if "unit" in values and values["unit"] != story.unit:
        _check_manager(actor, values["unit"])
    merged = {name: getattr(story, f"{name}_vi" if name in TRANSLATED else name) for name in EDITABLE}
    merged.update(values)
    _check_values(actor, merged)
    if story.is_published and not merged["consent_confirmed"]:
        raise DomainError(
            _("A published story must keep the consent of the people it names: unpublish it first."),
            code="consent_required",
        )
    _apply(story, values)
    story.save()
    if initiatives is not None:
        story.initiatives.set(_initiatives_allowed(actor, initiatives))
    _changed()
    audit(actor=actor, verb="story.update", target=story, fields=sorted(values))
    return story


@transaction.atomic
def story_publish(*, actor: Any, story: Story) -> Story:
    """Show the story on the portal and in the feeds, in every language (Vietnamese where untranslated)."""
    story = Story.objects.select_for_update().select_related("unit").get(pk=story.pk)
    _check_manager(actor, story.unit)
    if not story.consent_confirmed:
        raise DomainError(
            _("Confirm that the people the story names agreed to be named before publishing it."),
            code="consent_required",
        )
    if not (_vi(story, "title") and _vi(story, "body")):
        raise DomainError(_("A story needs a title and its text before it is published."), code="incomplete")
    if story.published_at is None:
        story.published_at = timezone.now()
    story.save()
    _changed()
    audit(actor=actor, verb="story.publish", target=story)
    return story


@transaction.atomic
def story_unpublish(*, actor: Any, story: Story) -> Story:
    """Take the story off the portal, its feeds and their caches at once; it stays as a draft."""
    story = Story.objects.select_for_update().select_related("unit").get(pk=story.pk)
    _check_manager(actor, story.unit)
    story.published_at = None
    story.save()
    _changed()
    audit(actor=actor, verb="story.unpublish", target=story)
    return story


@transaction.atomic
def story_delete(*, actor: Any, story: Story) -> None:
    story = Story.objects.select_for_update().select_related("unit").get(pk=story.pk)
    _check_manager(actor, story.unit)
    names = [name for photo in story.photos.all() for name in _photo_files(photo)]
    _changed()
    audit(actor=actor, verb="story.delete", target=story, title=_vi(story, "title"), slug=story.slug)
    story.delete()
    transaction.on_commit(lambda: _delete_files(names))


@transaction.atomic
def story_translate(
    *,
    actor: Any,
    story: Story,
    language: str,
    title: str = "",
    lead: str = "",
    body: str = "",
    captions: dict[int, tuple[str, str]] | None = None,
) -> Story:
    """Write the story (and its photos' captions and alt texts: {photo id: (caption, alt)}) in `language`.

    An empty text removes that language's version: the page then shows the Vietnamese with a note.
    """
    codes = [code for code in settings.MODELTRANSLATION_LANGUAGES if code != settings.MODELTRANSLATION_DEFAULT_LANGUAGE]
    if language not in codes:
        raise DomainError(_("The portal does not offer this language."), code="language")
    story = Story.objects.select_for_update().select_related("unit").get(pk=story.pk)
    _check_manager(actor, story.unit)
    texts = {"title": _clean_text(title), "lead": _clean_text(lead), "body": _clean_text(body)}
    if (texts["lead"] or texts["body"]) and not texts["title"]:
        raise DomainError(_("A translation needs its title."), code="title_required")
    for name, value in texts.items():
        setattr(story, f"{name}_{language}", value or None)
    story.save()
    photos = {p.pk: p for p in story.photos.all()}
    for pk, (caption, alt) in (captions or {}).items():
        photo = photos.get(pk)
        if photo is None:
            continue
        setattr(photo, f"caption_{language}", _clean_text(caption)[:300] or None)
        setattr(photo, f"alt_{language}", _clean_text(alt)[:300] or None)
        photo.save(update_fields=[f"caption_{language}", f"alt_{language}"])
    _changed()
    audit(actor=actor, verb="story.translate", target=story, language=language)
    return story


# --- photos ---------------------------------------------------------------------------------------


def _photo_files(photo: StoryPhoto) -> list[str]:
    names = [photo.image.name] if photo.image and photo.image.name else []
    return names + [name for _width, name in photo.variants if name not in names]


def _delete_files(names: list[str]) -> None:
    for name in names:
        with contextlib.suppress(OSError):  # a file already gone is what we wanted
            default_storage.delete(name)


def _variants(data: bytes) -> tuple[list[tuple[int, bytes]], int, int]:
    """The photo upright, without metadata, as JPEG in each width of PHOTO_WIDTHS not above its own."""
    with Image.open(io.BytesIO(data)) as opened:
        image = ImageOps.exif_transpose(opened)
        image = image.convert("RGB")  # a new image: no EXIF, no GPS, no colour profile quirks
    width, height = image.size
    wanted = sorted({*(w for w in PHOTO_WIDTHS if w < width), min(width, PHOTO_WIDTHS[-1])})
    out = []
    for target in wanted:
        resized = image if target == width else image.resize((target, max(1, round(height * target / width))))
        buffer = io.BytesIO()
        resized.save(buffer, "JPEG", quality=PHOTO_QUALITY, optimize=True, progressive=True)
        out.append((target, buffer.getvalue()))
    top = wanted[-1]
    return out, top, max(1, round(height * top / width))


@transaction.atomic
def story_photo_add(*, actor: Any, story: Story, upload: Any, caption: str = "", alt: str = "") -> StoryPhoto:
    story = Story.objects.select_for_update().select_related("unit").get(pk=story.pk)
    _check_manager(actor, story.unit)
    if story.photos.count() >= MAX_PHOTOS:
        raise DomainError(_("A story holds at most %(count)s photos.") % {"count": MAX_PHOTOS}, code="too_many")
    upload_check(
        upload,
        accept=PHOTOS,
        max_bytes=PHOTO_MAX_BYTES,
        wrong_type=_("Only photos (JPEG, PNG, WebP) are accepted."),
    )
    data = upload.read()
    try:
        sizes, width, height = _variants(data)
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise DomainError(_("The photo could not be read: save it again and retry."), code="damaged") from exc
    stem = _slug_base(Path(getattr(upload, "name", "") or "photo").stem)[:60] or "anh"
    folder = timezone.now().strftime("stories/%Y/%m/")
    saved: list[str] = []
    try:
        for w, blob in sizes:
            saved.append(default_storage.save(f"{folder}{story.slug[:60]}-{stem}-{w}.jpg", ContentFile(blob)))
        position = (story.photos.aggregate(m=Max("position"))["m"] or 0) + 1
        photo = StoryPhoto(story=story, position=position, width=width, height=height)
        photo.image.name = saved[-1]
        photo.variants = [[w, name] for (w, _blob), name in zip(sizes, saved, strict=True)]
        setattr(photo, "caption_vi", _clean_text(caption)[:300])  # noqa: B010 - a column modeltranslation adds
        setattr(photo, "alt_vi", _clean_text(alt)[:300])  # noqa: B010
        photo.save()
    except Exception:
        _delete_files(saved)  # the files are written before the row: do not leave them behind
        raise
    story.save()  # the pages showing it are made again
    _changed()
    audit(actor=actor, verb="story.photo_add", target=story, photo=photo.pk)
    return photo


@transaction.atomic
def story_photo_remove(*, actor: Any, photo: StoryPhoto) -> None:
    story = Story.objects.select_for_update().select_related("unit").get(pk=photo.story_id)
    _check_manager(actor, story.unit)
    names = _photo_files(photo)
    photo_pk = photo.pk
    photo.delete()
    story.save()
    _changed()
    audit(actor=actor, verb="story.photo_remove", target=story, photo=photo_pk)
    transaction.on_commit(lambda: _delete_files(names))
