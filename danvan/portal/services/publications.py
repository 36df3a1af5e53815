"""Publishing a model on the portal: its public texts, photos, translations; and taking it down.

Only a manager of the model's place may do any of it (`org.access.may_publish`), and only while
the model is recognised or later (typical, commended): the portal shows what the level above has
vouched for. Anyone else is told the model does not exist (forbidden and missing look alike).
Every write bumps the public pages' version (`core.public_cache`), so no cached page keeps
showing what was changed or taken down.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.audit import audit
from danvan.core.errors import DomainError, NotFound
from danvan.core.public_cache import public_content_changed
from danvan.initiatives.models import Evidence, Initiative
from danvan.org.access import may_publish
from danvan.portal.models import Publication
from danvan.portal.selectors.published import PUBLIC_STATUSES

TITLE_MAX = 300
TRANSLATED_LANGUAGES = tuple(code for code in settings.MODELTRANSLATION_LANGUAGES if code != "vi")


def _check(actor: Any, initiative: Initiative, *, recognised: bool = True) -> None:
    if not may_publish(actor, initiative.unit):
        raise NotFound(_("No such model."))
    if recognised and initiative.status not in PUBLIC_STATUSES:
        raise DomainError(
            _("Only a recognised, typical or commended model can be published; this model is %(status)s.")
            % {"status": initiative.get_status_display()},
            code="not_recognised",
            status=409,
        )


def _texts(title: str, summary: str, story: str, *, required: bool) -> tuple[str, str, str]:
    title, summary, story = (title or "").strip(), (summary or "").strip(), (story or "").strip()
    if required and not title:
        raise DomainError(_("Give the title readers will see."), code="title_required")
    if len(title) > TITLE_MAX:
        raise DomainError(_("The title may have at most %(n)s characters.") % {"n": TITLE_MAX}, code="title_long")
    return title, summary, story


def _photos(initiative: Initiative, photos: Iterable[Evidence]) -> list[Evidence]:
    chosen = list(photos)
    for item in chosen:
        if item.initiative_id != initiative.pk or not item.is_image:
            raise DomainError(_("Only photos of this model can be shown on the portal."), code="bad_photo")
    return chosen


@transaction.atomic
def publication_publish(
    *,
    actor: Any,
    initiative: Initiative,
    title: str,
    summary: str = "",
    story: str = "",
    featured: bool = False,
    names_person: bool = False,
    photos: Iterable[Evidence] | None = None,
) -> Publication:
    """Publish the model (or change what is published): the Vietnamese texts, photos and options."""
    initiative = Initiative.objects.select_for_update().select_related("unit").get(pk=initiative.pk)
    _check(actor, initiative)
    title, summary, story = _texts(title, summary, story, required=True)
    chosen = _photos(initiative, photos) if photos is not None else None
    publication = Publication.objects.filter(initiative=initiative).first() or Publication(initiative=initiative)
    first = not publication.is_published
    # the Vietnamese original goes to its own columns: `title` would write the active language's
    publication.title_vi, publication.summary_vi, publication.story_vi = title, summary, story  # type: ignore[attr-defined]
    publication.featured = bool(featured)
    publication.names_person = bool(names_person)
    if first:
        publication.published_at, publication.published_by = timezone.now(), actor
    publication.save()
    if chosen is not None:
        publication.photos.set(chosen)
    audit(
        actor=actor,
        verb="publication.publish" if first else "publication.update",
        target=initiative,
        title=title,
        featured=publication.featured,
        names_person=publication.names_person,
    )
    public_content_changed()
    return publication


@transaction.atomic
def publication_unpublish(*, actor: Any, publication: Publication) -> Publication:
    """Take the model off the portal: every public page, the sitemap and the caches."""
    publication = Publication.objects.select_for_update().select_related("initiative__unit").get(pk=publication.pk)
    _check(actor, publication.initiative, recognised=False)  # a model returned since can still be taken down
    if not publication.is_published:
        raise DomainError(_("This model is not published."), code="not_published", status=409)
    publication.published_at = None
    publication.featured = False
    publication.save(update_fields=["published_at", "featured", "updated_at"])
    audit(actor=actor, verb="publication.unpublish", target=publication.initiative)
    public_content_changed()
    return publication


@transaction.atomic
def publication_translate(
    *, actor: Any, publication: Publication, language: str, title: str, summary: str = "", story: str = ""
) -> Publication:
    """The texts in one of the portal's other languages; blank texts fall back to Vietnamese."""
    publication = Publication.objects.select_for_update().select_related("initiative__unit").get(pk=publication.pk)
    _check(actor, publication.initiative)
    if language not in TRANSLATED_LANGUAGES:
        raise DomainError(_("“%(code)s” is not one of the portal's languages.") % {"code": language[:10]})
    title, summary, story = _texts(title, summary, story, required=False)
    setattr(publication, f"title_{language}", title or None)
    setattr(publication, f"summary_{language}", summary or None)
    setattr(publication, f"story_{language}", story or None)
    publication.save()
    audit(actor=actor, verb="publication.translate", target=publication.initiative, language=language)
    public_content_changed()
    return publication
