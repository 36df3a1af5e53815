"""Registering, editing and replicating a model."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.core.errors import DomainError, NotFound
from danvan.initiatives import selectors, services
from danvan.initiatives.forms_entry import (
    InitiativeEntryForm,
    ReplicateForm,
    initial_place,
    may_report_somewhere,
)
from danvan.initiatives.models import Kind
from danvan.initiatives.views.common import _MAX_ID, _model_or_404, _refused
from danvan.org.access import Action, can


def _form_page(request: HttpRequest, form: InitiativeEntryForm, *, error: str = "", status: int = 200) -> HttpResponse:
    context = {"form": form, "initiative": form.initiative, "error": error}
    return render(request, "initiatives/form.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def model_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not may_report_somewhere(user):
        return _refused(request, DomainError(_("You may not register models: ask for a reporter's role."), status=403))
    if request.method != "POST":
        initial = {**initial_place(user), "kind": Kind.COLLECTIVE}
        return _form_page(request, InitiativeEntryForm(user=user, initial=initial))
    form = InitiativeEntryForm(request.POST, user=user)
    if not form.is_valid():
        return _form_page(request, form, status=400)
    d = form.cleaned_data
    register = request.POST.get("action") == "register"
    try:
        initiative = services.initiative_create(
            actor=user,
            name=d["name"],
            field=d["field"],
            unit=d["unit"],
            organization=d["organization"],
            year=d["year"],
            kind=d["kind"],
            person=d["person"],
            details=form.details(),
            target_groups=d["target_groups"],
            policy_documents=d["policy_documents"],
            results=form.results(),
            register=register,
        )
    except DomainError as exc:
        return _form_page(request, form, error=exc.message, status=exc.status)
    if register:
        messages.success(request, _("“%(name)s” was registered.") % {"name": initiative.name})
    else:
        messages.success(request, _("“%(name)s” was saved as a draft.") % {"name": initiative.name})
    return redirect(initiative)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def model_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    initiative = _model_or_404(request, pk)
    if not can(user, Action.REPORT, initiative.unit, initiative.organization):
        return _refused(request, DomainError(_("You may not do this with this model."), status=403), initiative)
    initial = InitiativeEntryForm.initial_for(initiative)
    if request.method != "POST":
        return _form_page(request, InitiativeEntryForm(user=user, initiative=initiative, initial=initial))
    form = InitiativeEntryForm(request.POST, user=user, initiative=initiative, initial=initial)
    if not form.is_valid():
        return _form_page(request, form, status=400)
    if not form.edited():
        messages.info(request, _("Nothing was changed."))
        return redirect(initiative)
    d = form.cleaned_data
    try:
        services.initiative_update(
            actor=user,
            initiative=initiative,
            values=form.values(),
            reason=d.get("reason", ""),
            target_groups=d["target_groups"] if "target_groups" in form.changed_data else None,
            policy_documents=d["policy_documents"] if "policy_documents" in form.changed_data else None,
            results=form.results(only_changed=True) or None,
        )
    except DomainError as exc:
        return _form_page(request, form, error=exc.message, status=exc.status)
    messages.success(request, _("The changes were saved."))
    return redirect(initiative)


# --- replication --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def model_replicate(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Spread models to the people": a draft copy in the user's own unit, then its edit page."""
    user = request.user
    # a recognised model is there to be copied anywhere (the portal links here), others within scope
    try:
        if pk > _MAX_ID:
            raise NotFound(_("No such model."))
        original = selectors.initiative_to_replicate(user=user, pk=pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    if not may_report_somewhere(user):
        return _refused(request, DomainError(_("You may not register models: ask for a reporter's role."), status=403))
    if request.method != "POST":
        form = ReplicateForm(user=user, initial=initial_place(user))
        return render(request, "initiatives/replicate.html", {"form": form, "original": original})
    form = ReplicateForm(request.POST, user=user)
    error, status = "", 400
    if form.is_valid():
        try:
            copy = services.initiative_replicate(
                actor=user,
                original=original,
                unit=form.cleaned_data["unit"],
                organization=form.cleaned_data["organization"],
                year=form.cleaned_data["year"],
            )
        except DomainError as exc:
            error, status = exc.message, exc.status
        else:
            messages.success(
                request,
                _("A copy of “%(name)s” was created as a draft in %(unit)s. Adapt it to your place, then register it.")
                % {"name": original.name, "unit": copy.unit.name},
            )
            return redirect("initiatives:edit", pk=copy.pk)
    context = {"form": form, "original": original, "error": error}
    return render(request, "initiatives/replicate.html", context, status=status)


# --- statistics ---------------------------------------------------------------------------------
