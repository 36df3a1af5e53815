"""Back office: publish a model on the portal, take it down, translate its texts.

The section on the model's page (`initiatives/detail.html`) comes from here through
`core.panels` (initiatives does not import the portal); the forms post to the views below. Who
may do it is `org.access.may_publish`'s answer; anyone else gets the same 404 as for a model
they cannot see.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.core.errors import DomainError, NotFound
from danvan.core.panels import register_panel
from danvan.initiatives import selectors as initiative_selectors
from danvan.initiatives.models import Initiative
from danvan.org.access import may_publish
from danvan.portal.forms.publications import PublishForm, TranslateForm, publish_initial
from danvan.portal.models import Publication
from danvan.portal.selectors.published import PUBLIC_STATUSES
from danvan.portal.services.publications import (
    TRANSLATED_LANGUAGES,
    publication_publish,
    publication_translate,
    publication_unpublish,
)

_MAX_ID = 2**63 - 1


def _translations(publication: Publication | None) -> list[dict[str, Any]]:
    if publication is None:
        return []
    names = dict(settings.LANGUAGES)
    rows = []
    for code in TRANSLATED_LANGUAGES:
        values = {f: getattr(publication, f"{f}_{code}", None) or "" for f in ("title", "summary", "story")}
        form = TranslateForm(initial={"language": code, **values}, prefix=f"tr-{code}")
        rows.append({"code": code, "name": names.get(code, code), "form": form, "done": bool(values["title"])})
    return rows


def _public_url(initiative: Initiative) -> str:
    with translation.override("vi"):
        return reverse("public:model", kwargs={"pk": initiative.pk})


@register_panel("initiatives.initiative")
def publishing_panel(request: HttpRequest, initiative: Initiative, **extra: Any) -> str:
    """The "Publish on the portal" section of a model's page, for those who may publish it ("" for others)."""
    if not may_publish(request.user, initiative.unit):
        return ""
    publication = Publication.objects.filter(initiative=initiative).first()
    if publication is not None:
        initiative.publication = publication  # for publish_initial
    context = {
        "initiative": initiative,
        "publication": publication,
        "publishable": initiative.status in PUBLIC_STATUSES,
        "form": extra.get("form") or PublishForm(initial=publish_initial(initiative), initiative=initiative),
        "translations": _translations(publication),
        "public_url": _public_url(initiative),
        "error": extra.get("error", ""),
    }
    return render_to_string("portal/publishing/_panel.html", context, request=request)


def _initiative_or_404(request: HttpRequest, pk: int) -> Initiative:
    """A model the user may publish; a model they cannot see, or may not publish, is missing alike."""
    try:
        if pk > _MAX_ID:
            raise NotFound(_("No such model."))
        initiative = initiative_selectors.initiative_get(user=request.user, pk=pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    if not may_publish(request.user, initiative.unit):
        raise Http404(_("No such model."))
    return initiative


def _page(request: HttpRequest, initiative: Initiative, *, status: int, **extra: Any) -> HttpResponse:
    """The section on a page of its own: a refused or invalid form shown again with what was typed."""
    panel = publishing_panel(request, initiative, **extra)
    return render(request, "portal/publishing/page.html", {"initiative": initiative, "panel": panel}, status=status)


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _initiative_or_404(request, pk)
    form = PublishForm(request.POST, initiative=initiative)
    if not form.is_valid():
        return _page(request, initiative, status=400, form=form)
    d = form.cleaned_data
    try:
        publication_publish(
            actor=request.user,
            initiative=initiative,
            title=d["title"],
            summary=d["summary"],
            story=d["story"],
            featured=d["featured"],
            names_person=d.get("names_person", False),
            photos=d["photos"],
        )
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except DomainError as exc:
        return _page(request, initiative, status=exc.status, form=form, error=exc.message)
    messages.success(request, _("The model is published on the portal."))
    return redirect(initiative.get_absolute_url() + "#publishing")


@login_required
@require_POST
def unpublish(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _initiative_or_404(request, pk)
    publication = Publication.objects.filter(initiative=initiative).first()
    if publication is None:
        raise Http404(_("This model is not published."))
    try:
        publication_unpublish(actor=request.user, publication=publication)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except DomainError as exc:
        return _page(request, initiative, status=exc.status, error=exc.message)
    messages.success(request, _("The model was taken off the portal."))
    return redirect(initiative.get_absolute_url() + "#publishing")


@login_required
@require_POST
def translate(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    initiative = _initiative_or_404(request, pk)
    publication = Publication.objects.filter(initiative=initiative).first()
    if publication is None or language not in TRANSLATED_LANGUAGES:
        raise Http404(_("No such language to translate into."))
    form = TranslateForm(request.POST, prefix=f"tr-{language}")
    if not form.is_valid() or form.cleaned_data["language"] != language:
        return _page(request, initiative, status=400, error=_("Check the translation's texts."))
    d = form.cleaned_data
    try:
        publication_translate(
            actor=request.user,
            publication=publication,
            language=language,
            title=d["title"],
            summary=d["summary"],
            story=d["story"],
        )
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except DomainError as exc:
        return _page(request, initiative, status=exc.status, error=exc.message)
    messages.success(request, _("The translation was saved."))
    return redirect(initiative.get_absolute_url() + "#publishing")
