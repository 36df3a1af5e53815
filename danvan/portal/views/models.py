"""The public pages of models: home, directory, a model's page, a province's page, public photos.

No login. Every read goes through `portal.selectors.models` (public models only); anonymous
answers are cached per language and address until what they show changes (`portal.cache`).
A malformed filter answers 400 and an unknown model or province 404, in the visitor's language.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.defaults import page_not_found

from danvan.core.errors import NotFound
from danvan.initiatives.models import Field, Initiative, Kind, TargetGroup
from danvan.portal.cache import public_page
from danvan.portal.forms.publications import DirectoryForm
from danvan.portal.selectors import models as sel

PER_PAGE = 20
_MAX_ID = 2**63 - 1


def error_page(request: HttpRequest, status: int, message: str) -> HttpResponse:
    """The portal's own 400 and 404 pages, in the visitor's language (public_base, not the back office's)."""
    return render(request, "portal/error.html", {"status": status, "message": message}, status=status)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The site's 404 handler: under a portal language prefix, the portal's page; elsewhere the back office's."""
    if translation.get_language_from_path(request.path_info):
        return error_page(request, 404, _("This page does not exist."))
    return page_not_found(request, exception or Http404())


def _province_or_400(code: str) -> Any:
    try:
        return sel.province_get(code=code)
    except NotFound:
        return None


@require_safe
@public_page
def home(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("province", "")
    province = None
    if code:
        province = _province_or_400(code)
        if province is None:
            return error_page(request, 400, _("There is no province with this code."))
    context = {
        "nation": sel.headline_figures(),
        "local": sel.headline_figures(unit=province) if province is not None else None,
        "province": province,
        "provinces": sel.province_list(),
        "featured": sel.featured_models(),
    }
    return render(request, "portal/home.html", context)


@require_safe
@public_page
def directory(request: HttpRequest) -> HttpResponse:
    form = DirectoryForm(request.GET)
    if not form.is_valid():
        return error_page(request, 400, _("A filter of the list has a value it cannot take."))
    data = form.cleaned_data
    province = None
    if data["province"]:
        province = _province_or_400(data["province"])
        if province is None:
            return error_page(request, 400, _("There is no province with this code."))
    filters = sel.DirectoryFilters(
        province=province, field=data["field"], target_group=data["target_group"], year=data["year"], q=data["q"]
    )
    paginator = Paginator(sel.public_model_list(filters=filters), PER_PAGE)
    number = data["page"] or 1
    if number > max(paginator.num_pages, 1):
        return error_page(request, 404, _("There is no such page of the list."))
    page = paginator.page(number)
    context = {
        "form": form,
        "page": page,
        "models": list(page.object_list),
        "provinces": sel.province_list(),
        "fields": Field.choices,
        "target_groups": TargetGroup.objects.order_by("name"),
        "years": sel.model_years(),
        "filtered": any(data[k] for k in ("q", "province", "field", "target_group", "year")),
    }
    return render(request, "portal/models/directory.html", context)


def _texts(initiative: Initiative) -> dict[str, Any]:
    """Which of the publication's texts fell back to Vietnamese in the page's language (`fallback`),
    and whether the page needs the note saying the story is not translated yet."""
    publication = initiative.publication
    language = get_language() or settings.LANGUAGE_CODE
    fallback = dict.fromkeys(("title", "summary", "story"), False)
    if language != "vi":
        for name in fallback:
            original = getattr(publication, f"{name}_vi", None)
            fallback[name] = bool(original) and not getattr(publication, f"{name}_{language}", None)
    return {"fallback": fallback, "translated": not any(fallback.values())}


@require_safe
@public_page
def model_page(request: HttpRequest, pk: int) -> HttpResponse:
    if pk > _MAX_ID:
        return error_page(request, 404, _("This model does not exist or is not published."))
    try:
        initiative = sel.public_model_get(pk=pk)
    except NotFound:
        return error_page(request, 404, _("This model does not exist or is not published."))
    publication = initiative.publication
    named = initiative.kind == Kind.INDIVIDUAL and publication.names_person and initiative.person is not None
    context = {
        "initiative": initiative,
        "publication": publication,
        "person": initiative.person if named else None,
        "photos": initiative.publication.public_photos,  # type: ignore[attr-defined]
        "results": list(initiative.results.all()),
        "lineage": sel.model_lineage(initiative=initiative),
        **_texts(initiative),
    }
    return render(request, "portal/models/detail.html", context)


@require_safe
@public_page
def province_page(request: HttpRequest, code: str) -> HttpResponse:
    province = _province_or_400(code)
    if province is None:
        return error_page(request, 404, _("There is no province with this code."))
    models = sel.public_model_list(filters=sel.DirectoryFilters(province=province))
    context = {
        "province": province,
        "figures": sel.headline_figures(unit=province),
        "models": list(models[:PER_PAGE]),
        "more": models.count() > PER_PAGE,
    }
    return render(request, "portal/models/province.html", context)


def _photo(pk: int, evidence_id: int, *, thumbnail: bool) -> FileResponse:
    if pk > _MAX_ID or evidence_id > _MAX_ID:
        raise Http404(_("No such file."))
    try:
        item = sel.public_photo(pk=pk, evidence_id=evidence_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    stored = item.thumbnail if thumbnail and item.thumbnail else item.file
    try:
        handle = stored.open("rb")
    except (FileNotFoundError, OSError, ValueError) as exc:
        raise Http404(_("No such file.")) from exc
    content_type = "image/jpeg" if thumbnail and item.thumbnail else item.content_type
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "public, max-age=300"  # short: an unpublished photo must not linger in caches
    return response


@require_safe
def photo(request: HttpRequest, pk: int, evidence_id: int) -> FileResponse:
    return _photo(pk, evidence_id, thumbnail=False)


@require_safe
def photo_thumbnail(request: HttpRequest, pk: int, evidence_id: int) -> FileResponse:
    return _photo(pk, evidence_id, thumbnail=True)
