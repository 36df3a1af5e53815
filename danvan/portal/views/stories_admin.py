"""The back office's story pages (/stories/manage/...): managers write, illustrate, translate and publish stories.

Thin: forms check shapes, `portal.services.stories` decides and writes, `portal.selectors.stories`
reads within the user's scope. A story outside the user's scope answers as missing (404).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from danvan.core.errors import DomainError, NotFound
from danvan.geo.forms import unit_key
from danvan.portal.forms.stories import PhotoForm, StoryForm, TranslationForm, manage_units, translation_languages
from danvan.portal.models import Story
from danvan.portal.selectors import stories as selectors
from danvan.portal.services import stories as services

PER_PAGE = 50


def _get(request: HttpRequest, pk: int) -> Story:
    try:
        return selectors.story_get(user=request.user, pk=pk)
    except NotFound:
        raise Http404(_("Not found, or not in your scope.")) from None


def _languages(story: Story) -> list[dict[str, Any]]:
    return [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "done": bool(getattr(story, f"title_{code}") and getattr(story, f"body_{code}")),
        }
        for code in translation_languages()
    ]


@login_required
@require_safe
def manage_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:200]
    qs = selectors.story_list(user=request.user, q=q)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "portal/stories/manage_list.html", {"page": page, "q": q})


def _form_page(
    request: HttpRequest, form: StoryForm, story: Story | None, *, status: int = 200, error: str = ""
) -> HttpResponse:
    context = {"form": form, "story": story, "units": manage_units(request.user), "error": error}
    return render(request, "portal/stories/manage_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def manage_create(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _form_page(request, StoryForm(user=request.user), None)
    form = StoryForm(request.POST, user=request.user)
    if not form.is_valid():
        return _form_page(request, form, None, status=400)
    try:
        story = services.story_create(actor=request.user, initiatives=form.cleaned_data["initiatives"], **form.values())
    except DomainError as exc:
        return _form_page(request, form, None, status=exc.status, error=exc.message)
    messages.success(request, _("The story was saved as a draft."))
    return redirect("portal:story_manage", pk=story.pk)


def _edit_page(
    request: HttpRequest,
    story: Story,
    *,
    form: StoryForm | None = None,
    photo_form: PhotoForm | None = None,
    status: int = 200,
    error: str = "",
) -> HttpResponse:
    if form is None:
        initial = {name: getattr(story, f"{name}_vi") for name in ("title", "lead", "body")}
        initial.update({name: getattr(story, name) for name in ("topic", "author", "source_name", "source_url")})
        initial["consent_confirmed"] = story.consent_confirmed
        initial["unit"] = unit_key(story.unit)
        linked = story.initiatives.order_by("pk").values_list("pk", flat=True)
        initial["initiatives"] = ", ".join(str(pk) for pk in linked)
        form = StoryForm(user=request.user, initial=initial)
    context = {
        "story": story,
        "form": form,
        "photo_form": photo_form or PhotoForm(),
        "photos": list(story.photos.all()),
        "linked": selectors.story_linked_models(user=request.user, story=story),
        "translations": _languages(story),
        "units": manage_units(request.user),
        "error": error,
    }
    return render(request, "portal/stories/manage_edit.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def manage_edit(request: HttpRequest, pk: int) -> HttpResponse:
    story = _get(request, pk)
    if request.method != "POST":
        return _edit_page(request, story)
    form = StoryForm(request.POST, user=request.user)
    if not form.is_valid():
        return _edit_page(request, story, form=form, status=400)
    try:
        services.story_update(
            actor=request.user, story=story, initiatives=form.cleaned_data["initiatives"], **form.values()
        )
    except DomainError as exc:
        return _edit_page(request, story, form=form, status=exc.status, error=exc.message)
    messages.success(request, _("The story was saved."))
    return redirect("portal:story_manage", pk=story.pk)


def _act(request: HttpRequest, pk: int, action: Any, done: str) -> HttpResponse:
    story = _get(request, pk)
    try:
        action(actor=request.user, story=story)
    except DomainError as exc:
        return _edit_page(request, story, status=exc.status, error=exc.message)
    messages.success(request, done)
    return redirect("portal:story_manage", pk=story.pk)


@login_required
@require_POST
def manage_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, services.story_publish, _("The story is published on the portal."))


@login_required
@require_POST
def manage_unpublish(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, services.story_unpublish, _("The story was taken off the portal."))


@login_required
@require_POST
def manage_delete(request: HttpRequest, pk: int) -> HttpResponse:
    story = _get(request, pk)
    try:
        services.story_delete(actor=request.user, story=story)
    except DomainError as exc:
        return _edit_page(request, story, status=exc.status, error=exc.message)
    messages.success(request, _("The story was deleted."))
    return redirect("portal:story_manage_list")


@login_required
@require_POST
def manage_photo_add(request: HttpRequest, pk: int) -> HttpResponse:
    story = _get(request, pk)
    form = PhotoForm(request.POST, request.FILES)
    if not form.is_valid():
        return _edit_page(request, story, photo_form=form, status=400)
    d = form.cleaned_data
    try:
        services.story_photo_add(actor=request.user, story=story, upload=d["image"], caption=d["caption"], alt=d["alt"])
    except DomainError as exc:
        form.add_error("image", exc.message)
        return _edit_page(request, story, photo_form=form, status=exc.status)
    messages.success(request, _("The photo was added."))
    return redirect("portal:story_manage", pk=story.pk)


@login_required
@require_POST
def manage_photo_remove(request: HttpRequest, pk: int, photo_pk: int) -> HttpResponse:
    story = _get(request, pk)
    try:
        photo = selectors.story_photo_get(user=request.user, story=story, pk=photo_pk)
        services.story_photo_remove(actor=request.user, photo=photo)
    except NotFound:
        raise Http404(_("Not found, or not in your scope.")) from None
    except DomainError as exc:
        return _edit_page(request, story, status=exc.status, error=exc.message)
    messages.success(request, _("The photo was removed."))
    return redirect("portal:story_manage", pk=story.pk)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def manage_translate(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    story = _get(request, pk)
    if language not in translation_languages():
        raise Http404(_("The portal does not offer this language."))
    photos = list(story.photos.all())
    status, error = 200, ""
    if request.method == "POST":
        form = TranslationForm(request.POST, photos=photos)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.story_translate(
                    actor=request.user,
                    story=story,
                    language=language,
                    title=d["title"],
                    lead=d["lead"],
                    body=d["body"],
                    captions=form.captions(),
                )
            except DomainError as exc:
                status, error = exc.status, exc.message
            else:
                messages.success(request, _("The translation was saved."))
                return redirect("portal:story_manage", pk=story.pk)
        else:
            status = 400
    else:
        initial = {name: getattr(story, f"{name}_{language}") or "" for name in ("title", "lead", "body")}
        for p in photos:
            initial[f"caption_{p.pk}"] = getattr(p, f"caption_{language}") or ""
            initial[f"alt_{p.pk}"] = getattr(p, f"alt_{language}") or ""
        form = TranslationForm(initial=initial, photos=photos)
    context = {
        "story": story,
        "form": form,
        "language": language,
        "language_name": get_language_info(language)["name_local"],
        "error": error,
        "original_language": settings.MODELTRANSLATION_DEFAULT_LANGUAGE,
    }
    return render(request, "portal/stories/manage_translate.html", context, status=status)
