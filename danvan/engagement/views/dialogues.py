"""Dialogue pages: the list, a dialogue with the issues raised and what was promised last time, its minutes."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from danvan.core.errors import DomainError
from danvan.engagement.exports.dialogues import dialogues_table
from danvan.engagement.forms.common import unit_datalist
from danvan.engagement.forms.dialogues import DialogueFilterForm, DialogueForm, IssueForm, SettleForm
from danvan.engagement.minutes import content_type_of
from danvan.engagement.models import Dialogue, Petition
from danvan.engagement.selectors import dialogues as dialogue_selectors
from danvan.engagement.services import dialogues as dialogue_services
from danvan.engagement.views.common import PER_PAGE, export_format, get_or_404, query_string, refused
from danvan.initiatives.forms_entry import unit_key
from danvan.org.access import Action, can


@login_required
@require_safe
def dialogue_list(request: HttpRequest) -> HttpResponse:
    form = DialogueFilterForm(request.GET, user=request.user)
    valid = form.is_valid()
    qs = dialogue_selectors.dialogue_list(user=request.user, filters=form.filters() if valid else None)
    if not valid:
        qs = qs.none()
    fmt = export_format(request)
    if fmt and valid:
        return dialogues_table(fmt, qs)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "query": query_string(request),
        "units": unit_datalist(request.user, Action.VIEW),
    }
    return render(request, "engagement/dialogue_list.html", context, status=200 if valid else 400)


def _dialogue_page(request: HttpRequest, dialogue: Dialogue, *, status: int = 200, **extra: Any) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    may_report = can(user, Action.REPORT, dialogue.unit, dialogue.host)
    issues = dialogue_selectors.dialogue_issues(user=user, dialogue=dialogue, today=today)
    previous = dialogue_selectors.dialogue_previous(user=user, dialogue=dialogue)
    previous_issues = dialogue_selectors.dialogue_issues(user=user, dialogue=previous, today=today) if previous else []
    settleable = {i.pk for i in [*issues, *previous_issues] if dialogue_services.may_settle(user, i)}
    context = {
        "dialogue": dialogue,
        "issues": issues,
        "previous": previous,
        "previous_issues": previous_issues,
        "may_report": may_report,
        "settleable": settleable,
        "issue_form": extra.pop("issue_form", None)
        or (
            IssueForm(
                user=user,
                handlers=dialogue_services.handler_choices(dialogue.host),
                initial={"owner": dialogue.host_id},
            )
            if may_report
            else None
        ),
        "error": "",
        **extra,
    }
    return render(request, "engagement/dialogue_detail.html", context, status=status)


@login_required
@require_safe
def dialogue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _dialogue_page(request, get_or_404(dialogue_selectors.dialogue_get, request, pk))


def _dialogue_form_page(request: HttpRequest, form: DialogueForm, dialogue: Dialogue | None, **kw: Any) -> HttpResponse:
    context = {"form": form, "dialogue": dialogue, "units": unit_datalist(request.user), "error": kw.get("error", "")}
    return render(request, "engagement/dialogue_form.html", context, status=kw.get("status", 200))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def dialogue_create(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        form = DialogueForm(user=request.user, initial={"held_on": timezone.localdate()})
        return _dialogue_form_page(request, form, None)
    form = DialogueForm(request.POST, request.FILES, user=request.user)
    if not form.is_valid():
        return _dialogue_form_page(request, form, None, status=400)
    try:
        dialogue = dialogue_services.dialogue_create(
            actor=request.user, minutes=form.cleaned_data.get("minutes"), **form.values()
        )
    except DomainError as exc:
        return _dialogue_form_page(request, form, None, error=exc.message, status=exc.status)
    messages.success(request, _("The dialogue was recorded."))
    return redirect("engagement:dialogue_detail", pk=dialogue.pk)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def dialogue_edit(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue = get_or_404(dialogue_selectors.dialogue_get, request, pk)
    back = reverse("engagement:dialogue_detail", args=[pk])
    if not can(request.user, Action.REPORT, dialogue.unit, dialogue.host):
        return refused(request, DomainError(_("You may not change this dialogue."), status=403), back)
    initial = {f: getattr(dialogue, f) for f in dialogue_services.DIALOGUE_FIELDS}
    initial["unit"] = unit_key(dialogue.unit)
    if request.method != "POST":
        return _dialogue_form_page(request, DialogueForm(user=request.user, initial=initial), dialogue)
    form = DialogueForm(request.POST, request.FILES, user=request.user, initial=initial)
    if not form.is_valid():
        return _dialogue_form_page(request, form, dialogue, status=400)
    try:
        dialogue_services.dialogue_update(
            actor=request.user, dialogue=dialogue, minutes=form.cleaned_data.get("minutes"), **form.values()
        )
    except DomainError as exc:
        return _dialogue_form_page(request, form, dialogue, error=exc.message, status=exc.status)
    messages.success(request, _("The dialogue was saved."))
    return redirect(back)


@login_required
@require_safe
def dialogue_minutes(request: HttpRequest, pk: int) -> FileResponse:
    """The minutes of a dialogue the user can see, served after the scope check, never from MEDIA_URL."""
    dialogue = get_or_404(dialogue_selectors.dialogue_get, request, pk)
    if not dialogue.minutes:
        raise Http404(_("No such file."))
    try:
        handle = dialogue.minutes.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404(_("No such file.")) from exc
    name = dialogue.minutes.name.rsplit("/", 1)[-1]
    response = FileResponse(handle, content_type=content_type_of(name), filename=name, as_attachment=True)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def dialogue_issue_add(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue = get_or_404(dialogue_selectors.dialogue_get, request, pk)
    form = IssueForm(request.POST, user=request.user, handlers=dialogue_services.handler_choices(dialogue.host))
    if "owner" in request.POST and request.POST["owner"].isdigit():  # offer the chosen owner's handlers
        owner = form.fields["owner"].queryset.filter(pk=int(request.POST["owner"][:18])).first()
        form.fields["handler"].queryset = dialogue_services.handler_choices(owner)
    if not form.is_valid():
        return _dialogue_page(request, dialogue, status=400, issue_form=form)
    d = form.cleaned_data
    try:
        dialogue_services.dialogue_issue_add(
            actor=request.user,
            dialogue=dialogue,
            subject=d["subject"],
            text=d["text"],
            owner=d["owner"],
            deadline=d["deadline"],
            handler=d["handler"],
            topic=d["topic"],
            kind=d["kind"],
        )
    except DomainError as exc:
        return _dialogue_page(request, dialogue, status=exc.status, issue_form=form, error=exc.message)
    messages.success(request, _("The issue is tracked."))
    return redirect(reverse("engagement:dialogue_detail", args=[pk]) + "#issues")


@login_required
@require_POST
def dialogue_issue_settle(request: HttpRequest, pk: int, issue: int) -> HttpResponse:
    dialogue = get_or_404(dialogue_selectors.dialogue_get, request, pk)
    visible = {i.pk: i for i in dialogue_selectors.dialogue_issues(user=request.user, dialogue=dialogue)}
    found: Petition | None = visible.get(issue)
    if found is None:
        raise Http404(_("No such issue."))
    form = SettleForm(request.POST)
    if not form.is_valid():
        return _dialogue_page(request, dialogue, status=400, error=_("Say what was done."))
    try:
        dialogue_services.dialogue_issue_settle(actor=request.user, issue=found, answer=form.cleaned_data["answer"])
    except DomainError as exc:
        return _dialogue_page(request, dialogue, status=exc.status, error=exc.message)
    messages.success(request, _("The outcome was recorded."))
    return redirect(reverse("engagement:dialogue_detail", args=[pk]) + "#issues")


urlpatterns = [
    path("dialogues/", dialogue_list, name="dialogue_list"),
    path("dialogues/new/", dialogue_create, name="dialogue_create"),
    path("dialogues/<int:pk>/", dialogue_detail, name="dialogue_detail"),
    path("dialogues/<int:pk>/edit/", dialogue_edit, name="dialogue_edit"),
    path("dialogues/<int:pk>/minutes/", dialogue_minutes, name="dialogue_minutes"),
    path("dialogues/<int:pk>/issues/", dialogue_issue_add, name="dialogue_issue_add"),
    path("dialogues/<int:pk>/issues/<int:issue>/settle/", dialogue_issue_settle, name="dialogue_issue_settle"),
]
