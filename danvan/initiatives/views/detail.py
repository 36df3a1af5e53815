"""A model's page: its sections, timeline, lifecycle buttons and evidence files."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from danvan.core.errors import DomainError
from danvan.core.numbers import format_number
from danvan.core.panels import panels_for
from danvan.geo import selectors as geo_selectors
from danvan.initiatives import selectors, services
from danvan.initiatives.evidence import evidence_add
from danvan.initiatives.forms_entry import (
    SECTIONS,
    EvidenceForm,
    TransitionForm,
    may_report_somewhere,
)
from danvan.initiatives.models import LOCKED_STATUSES, Initiative, InitiativeEvent
from danvan.initiatives.views.common import _MAX_ID, TRANSITION_DONE, TRANSITION_LABELS, _model_or_404
from danvan.org.access import Action, can


def _timeline(initiative: Initiative) -> list[dict[str, Any]]:
    rows = []
    for event in initiative.events.all():
        row: dict[str, Any] = {"event": event}
        if event.kind == InitiativeEvent.Kind.EDIT:
            row["fields"] = [_field_label(name) for name in event.changes]
        rows.append(row)
    return rows


def _field_label(name: str) -> str:
    try:
        return str(Initiative._meta.get_field(name).verbose_name)
    except Exception:  # a field renamed since the event was recorded
        return name


def _sections(initiative: Initiative) -> list[tuple[Any, list[tuple[str, Any, str]]]]:
    """The nine numbered sections of the paper form: (title, [(label, value, how to show it)])."""
    kinds = {"money_vnd": "money", "social_contributions_vnd": "money", "workdays": "number"}
    kinds |= {"start_date": "date", "evaluation_date": "date", "target_groups": "groups"}
    out = []
    for title, names in SECTIONS:
        rows = []
        for name in names:
            if name == "target_groups":
                rows.append((_("Target groups"), list(initiative.target_groups.all()), "groups"))
            else:
                value, how = getattr(initiative, name), kinds.get(name, "text")
                if how in ("money", "number") and value is not None:
                    value = format_number(value, places=2)
                rows.append((_field_label(name), value, how))
        out.append((title, rows))
    return out


def _detail(request: HttpRequest, initiative: Initiative, *, status: int = 200, **extra: Any) -> HttpResponse:
    user = request.user
    may_report = can(user, Action.REPORT, initiative.unit, initiative.organization)
    original = initiative.replicated_from
    original_visible = original is not None and selectors.initiative_list(user=user).filter(pk=original.pk).exists()
    transitions = [
        {
            "to": to,
            "label": TRANSITION_LABELS[to],
            "reason": services.TRANSITIONS[(initiative.status, to)].reason,
        }
        for to in services.allowed_transitions(actor=user, initiative=initiative)
    ]
    context = {
        "initiative": initiative,
        "ancestors": geo_selectors.unit_ancestors(user=user, unit=initiative.unit),
        "sections": _sections(initiative),
        "results": [(result, format_number(result.value, places=2)) for result in initiative.results.all()],
        "evidence": list(initiative.evidence.all()),
        "timeline": _timeline(initiative),
        "copies": list(selectors.initiative_copies(user=user, initiative=initiative)),
        "original_visible": original_visible,
        "transitions": transitions,
        "may_report": may_report,
        "may_replicate": may_report_somewhere(user),
        "locked": initiative.status in LOCKED_STATUSES,
        "evidence_form": EvidenceForm() if may_report else None,
        "panels": panels_for(request, initiative),  # sections of the apps above (the portal's publishing)
        "transition_to": "",
        "transition_comment": "",
        "transition_error": "",
        **extra,
    }
    return render(request, "initiatives/detail.html", context, status=status)


@login_required
@require_safe
def model_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _model_or_404(request, pk))


@login_required
@require_POST
def model_transition(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _model_or_404(request, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        problem = _("Choose one of the buttons.") if "to" in form.errors else " ".join(form.errors.get("comment", []))
        return _detail(request, initiative, status=400, transition_error=problem)
    to, comment = form.cleaned_data["to"], form.cleaned_data["comment"]
    try:
        services.initiative_transition(actor=request.user, initiative=initiative, to=to, comment=comment)
    except DomainError as exc:
        context = {"transition_to": to, "transition_comment": comment, "transition_error": exc.message}
        return _detail(request, initiative, status=exc.status, **context)
    messages.success(request, str(TRANSITION_DONE.get(to, _("Done."))))
    return redirect(initiative)


@login_required
@require_POST
def evidence_upload(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _model_or_404(request, pk)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        return _detail(request, initiative, status=400, evidence_form=form)
    try:
        added = evidence_add(
            actor=request.user,
            initiative=initiative,
            upload=form.cleaned_data["file"],
            caption=form.cleaned_data["caption"],
        )
    except DomainError as exc:
        form.add_error(None, exc.message)
        return _detail(request, initiative, status=exc.status, evidence_form=form)
    messages.success(request, _("“%(file)s” was added to the evidence.") % {"file": added.original_name})
    return redirect(initiative.get_absolute_url() + "#evidence")


def _evidence_response(request: HttpRequest, pk: int, evidence_id: int, *, thumbnail: bool) -> FileResponse:
    """A file of a model the user can see; anything else (or a missing file) answers 404."""
    if pk > _MAX_ID or evidence_id > _MAX_ID:
        raise Http404(_("No such file."))
    initiative = selectors.initiative_list(user=request.user).filter(pk=pk).first()
    item = initiative.evidence.filter(pk=evidence_id).first() if initiative else None
    stored = (item.thumbnail if thumbnail else item.file) if item else None
    if not stored:
        raise Http404(_("No such file."))
    try:
        handle = stored.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404(_("No such file.")) from exc
    content_type = "image/jpeg" if thumbnail else item.content_type  # type: ignore[union-attr]
    name = item.original_name if not thumbnail else "thumbnail.jpg"  # type: ignore[union-attr]
    response = FileResponse(handle, content_type=content_type, filename=name, as_attachment=False)
    response["Cache-Control"] = "private, max-age=3600"  # a user's own browser may keep it, no shared cache
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


@login_required
@require_safe
def evidence_file(request: HttpRequest, pk: int, evidence_id: int) -> FileResponse:
    return _evidence_response(request, pk, evidence_id, thumbnail=False)


@login_required
@require_safe
def evidence_thumbnail(request: HttpRequest, pk: int, evidence_id: int) -> FileResponse:
    return _evidence_response(request, pk, evidence_id, thumbnail=True)


# --- registration and edit ----------------------------------------------------------------------
