"""The public site: file a petition without an account, follow it by its tracking code, rate the answer.

Thin: the form checks shapes, `engagement.petitions` stores (one transaction; the code is shown only
after it has committed), `engagement.petition_selectors.petition_track` is the only read of a
petition here and carries no personal data.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect as _redirect
from django.shortcuts import render as _render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from danvan.core.clients import client_address
from danvan.core.errors import DomainError, NotFound
from danvan.engagement.forms.petitions import PublicPetitionForm, RatingForm, TrackForm
from danvan.engagement.selectors.petitions import petition_track, public_place, public_places
from danvan.engagement.services.petitions import petition_submit


def _ns(request: HttpRequest) -> str:
    """The pages answer under the portal's language prefix ("public") and at their first, unprefixed
    addresses ("portal", in the back office's languages, kept for links and QR codes already given out)."""
    match = request.resolver_match
    return "public" if match is not None and match.namespace == "public" else "portal"


def render(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
    ns = _ns(request)
    base = "portal/public_base.html" if ns == "public" else "core/base.html"
    return _render(request, template, {**context, "ns": ns, "base": base}, status=status)


def redirect(request: HttpRequest, name: str, **kwargs: Any) -> HttpResponse:
    return _redirect(f"{_ns(request)}:{name}", **kwargs)


@require_http_methods(["GET", "HEAD", "POST"])
def petition_form(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "portal/petition_form.html", {"form": PublicPetitionForm()})
    form = PublicPetitionForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "portal/petition_form.html", {"form": form}, status=400)
    d = form.cleaned_data
    try:
        petition = petition_submit(
            kind=d["kind"],
            topic=d["topic"],
            unit=d["unit"],
            subject=d["subject"],
            text=d["text"],
            place_detail=d["place_detail"],
            sender=form.sender(),
            uploads=d["attachments"],
            client=client_address(request),
            honeypot=d["website"],
        )
    except DomainError as exc:
        response = render(request, "portal/petition_form.html", {"form": form, "error": exc.message}, status=exc.status)
        for name, value in exc.headers.items():  # Retry-After with a 429
            response[name] = value
        return response
    return redirect(request, "petition_sent", code=petition.tracking_code)


@require_safe
def place_options(request: HttpRequest) -> HttpResponse:
    """`<option>`s of the units under the chosen one, for the cascading selects."""
    units = []
    # each select sends its own value under its own name (htmx); a new province empties the villages
    key = request.GET.get("parent") or request.GET.get("province") or request.GET.get("commune") or ""
    if key:
        try:
            units = list(public_places(parent=public_place(key)))
        except NotFound:
            units = []
    context = {"units": units, "reset_village": "province" in request.GET}
    return render(request, "portal/_place_options.html", context)


@require_safe
def petition_sent(request: HttpRequest, code: str) -> HttpResponse:
    try:
        view = petition_track(code=code)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    return render(request, "portal/petition_sent.html", {"p": view})


@require_safe
def track(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.GET or None)
    if form.is_valid():
        try:
            view = petition_track(code=form.cleaned_data["code"])
        except NotFound as exc:
            form.add_error("code", exc.message)
            return render(request, "portal/track_form.html", {"form": form}, status=404)
        return redirect(request, "track_detail", code=view.tracking_code)
    return render(request, "portal/track_form.html", {"form": form})


def _track_page(request: HttpRequest, code: str, *, rating_form: RatingForm | None = None, status: int = 200):
    try:
        view = petition_track(code=code)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    context = {"p": view, "rating_form": rating_form or RatingForm()}
    response = render(request, "portal/track.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"  # the code is in the address: do not pass it on
    return response


@require_safe
def track_detail(request: HttpRequest, code: str) -> HttpResponse:
    return _track_page(request, code)


@require_POST
def rate(request: HttpRequest, code: str) -> HttpResponse:
    from danvan.engagement.services.petitions import petition_rate

    form = RatingForm(request.POST)
    if not form.is_valid():
        return _track_page(request, code, rating_form=form, status=400)
    try:
        petition_rate(code=code, rating=form.cleaned_data["rating"], comment=form.cleaned_data["comment"])
    except DomainError as exc:
        if exc.status == 404:
            raise Http404(exc.message) from exc
        form.add_error(None, exc.message)
        return _track_page(request, code, rating_form=form, status=exc.status)
    messages.success(request, _("Thank you: your rating was recorded."))
    return redirect(request, "track_detail", code=code)


@require_safe
def verify(request: HttpRequest, code: str = "") -> HttpResponse:
    """The public check of a certificate: exactly what it shows, or "revoked"; an unknown code is a plain 404."""
    from danvan.recognition.selectors.certificates import certificate_verify, normalise_code

    if not code:
        typed = normalise_code(request.GET.get("code", ""))
        if typed:
            return redirect(request, "verify", code=typed)
        return render(request, "portal/verify_form.html", {})
    try:
        found = certificate_verify(code=code)
    except NotFound:
        raise Http404(_("No certificate has this code.")) from None
    from danvan.portal.verify_page import verify_html

    html = verify_html(found, _ns(request))  # rendered once per language and case, filled in here (see the module)
    response = HttpResponse(html)
    response["X-Robots-Tag"] = "noindex"
    return response
