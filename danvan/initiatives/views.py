"""The back office for models (mô hình): list, detail with timeline and evidence, registration, edit,
lifecycle buttons, replication and statistics.

Thin on purpose: every read goes through `initiatives.selectors` (and `geo`/`org` selectors), each
starting from `org.access` with the acting user; every write through `initiatives.services` or
`initiatives.evidence`, whose `DomainError` message is shown to the user with its status. Missing
and forbidden models both answer 404. Evidence files are served here, after the same scope check,
never from MEDIA_URL.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from danvan.core.errors import DomainError, NotFound
from danvan.core.numbers import format_number
from danvan.core.templatetags.danvan import localized_name
from danvan.geo import selectors as geo_selectors
from danvan.geo.models import AdminUnit
from danvan.initiatives import selectors, services
from danvan.initiatives.evidence import evidence_add
from danvan.initiatives.forms import InitiativeFilterForm
from danvan.initiatives.forms_entry import (
    SECTIONS,
    EvidenceForm,
    InitiativeEntryForm,
    ReplicateForm,
    TransitionForm,
    initial_place,
    may_report_somewhere,
    people_of,
    unit_key,
    unit_label,
    unit_options,
)
from danvan.initiatives.models import LOCKED_STATUSES, Field, Initiative, InitiativeEvent, Kind, Status
from danvan.org.access import Action, can, home_unit
from danvan.org.selectors import organization_get

PER_PAGE = 50
FILTER_SELECTS = ("field", "status", "kind", "year", "organization_kind", "target_group")  # laid out in a grid
_MAX_ID = 2**63 - 1  # a bigger id names nothing, and the databases refuse to compare with it

# the button that moves a model to each status
TRANSITION_LABELS = {
    Status.REGISTERED: gettext_lazy("Register"),
    Status.RECOGNISED: gettext_lazy("Recognise"),
    Status.RETURNED: gettext_lazy("Return for changes"),
    Status.TYPICAL: gettext_lazy("Name as typical"),
    Status.COMMENDED: gettext_lazy("Commend"),
    Status.DISCONTINUED: gettext_lazy("Discontinue"),
}
TRANSITION_DONE = {
    Status.REGISTERED: gettext_lazy("The model was registered."),
    Status.RECOGNISED: gettext_lazy("The model was recognised."),
    Status.RETURNED: gettext_lazy("The model was returned for changes."),
    Status.TYPICAL: gettext_lazy("The model was named typical."),
    Status.COMMENDED: gettext_lazy("The model was commended."),
    Status.DISCONTINUED: gettext_lazy("The model was discontinued."),
}

# the Excel pages of models (initiatives.sheets) and the import page (documents), by URL name, with fallbacks
_DOCUMENT_LINKS = {
    "export": (("initiatives:sheet_export",), "/models/export.xlsx"),
    "template": (("initiatives:sheet_template",), "/models/template.xlsx"),
    "import": (("documents:initiative_import", "documents:imports"), "/documents/initiatives/import/"),
}


def _document_url(which: str) -> str:
    names, fallback = _DOCUMENT_LINKS[which]
    for name in names:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return fallback


def _model_or_404(request: HttpRequest, pk: int) -> Initiative:
    try:
        if pk > _MAX_ID:
            raise NotFound(_("No such model."))
        return selectors.initiative_get(user=request.user, pk=pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _refused(request: HttpRequest, exc: DomainError, initiative: Initiative | None = None) -> HttpResponse:
    context = {"message": exc.message, "initiative": initiative}
    return render(request, "initiatives/refused.html", context, status=exc.status)


def _current_filters(request: HttpRequest) -> list[tuple[str, str]]:
    """The query without empty values or the page: for the address bar, the pages and the export."""
    return [(key, value) for key, value in request.GET.items() if value and key != "page"]


# --- list ---------------------------------------------------------------------------------------


@login_required
@require_safe
def model_list(request: HttpRequest) -> HttpResponse:
    """All models in the user's scope, filtered; the results alone for HTMX, the address bar following."""
    user = request.user
    form = InitiativeFilterForm(request.GET, user=user)
    if form.is_valid():
        models = selectors.initiative_list(user=user, filters=form.filters())
        status = 200
    else:
        models = Initiative.objects.none()
        status = 400
    page = Paginator(models, PER_PAGE).get_page(request.GET.get("page"))
    by_status = dict(models.order_by().values_list("status").annotate(n=Count("pk"))) if page.paginator.count else {}
    params = _current_filters(request)
    selected_unit = form.cleaned_data.get("unit") if form.is_valid() else None
    for name in ("organization_kind", "target_group"):
        form.fields[name].empty_label = "—"  # as the other filters show "any"
    context = {
        "form": form,
        "filter_fields": [form[name] for name in FILTER_SELECTS],
        "page": page,
        "status_counts": [(s, label, by_status[s]) for s, label in Status.choices if by_status.get(s)],
        "query": urlencode(params),
        "export_url": _document_url("export") + ("?" + urlencode(params) if params else ""),
        "template_url": _document_url("template"),
        "import_url": _document_url("import"),
        "unit_choices": [
            (unit_key(u), unit_label(u)) for u in unit_options(user=user, action=Action.VIEW, selected=selected_unit)
        ],
        "unit_value": unit_key(selected_unit) if selected_unit else request.GET.get("unit", ""),
        "may_register": may_report_somewhere(user),
    }
    partial = (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-Target") == "results"
        and not request.headers.get("HX-History-Restore-Request")
    )
    if partial:
        response = render(request, "initiatives/_list_results.html", context, status=status)
        shown = params + ([("page", str(page.number))] if page.number > 1 else [])
        response["HX-Push-Url"] = reverse("initiatives:list") + ("?" + urlencode(shown) if shown else "")
    else:
        response = render(request, "initiatives/list.html", context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_safe
def unit_choices(request: HttpRequest) -> HttpResponse:
    """`<option>`s for a unit picker: matches of `q`, or the scope's roots; `for=report` where one may register."""
    user = request.user
    action = Action.REPORT if request.GET.get("for") == "report" else Action.VIEW
    q = request.GET.get("q", "")[:100].replace("\x00", "")
    selected = None
    raw = request.GET.get("unit", "").strip("/")
    era, _sep, code = raw.partition("/")
    if code:
        try:
            selected = geo_selectors.unit_get(user=user, era=era, code=code)
        except NotFound:
            selected = None
    found = unit_options(user=user, action=action, q=q)
    units = found if selected is None or selected in found else [selected, *found]
    context = {
        "choices": [(unit_key(u), unit_label(u)) for u in units],
        "value": unit_key(selected) if selected else "",
        "blank": _("All units") if action == Action.VIEW else "—",
        "q": q,
        "empty": bool(q) and not found,
    }
    return render(request, "initiatives/_unit_options.html", context)


@login_required
@require_safe
def person_choices(request: HttpRequest) -> HttpResponse:
    """`<option>`s of the people of the organisation chosen on the registration form."""
    raw = request.GET.get("organization", "")
    people = []
    if raw.isdigit() and len(raw) < 19:
        try:
            people = list(people_of(user=request.user, organization=organization_get(user=request.user, pk=int(raw))))
        except NotFound:
            people = []
    return render(request, "initiatives/_person_options.html", {"people": people})


# --- detail and what is done on it --------------------------------------------------------------


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
    original = _model_or_404(request, pk)
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


def _default_stats_unit(user: Any, era: str) -> AdminUnit | None:
    """The user's own unit if it is on this map, else their area's highest unit on it (None: the whole country)."""
    return home_unit(user, era=era)


def _chart(choices: list[tuple[str, Any]], counts: dict[str, int]) -> list[dict[str, Any]]:
    return [{"key": key, "name": str(label).capitalize(), "value": counts.get(key, 0)} for key, label in choices]


@login_required
@require_safe
def model_stats(request: HttpRequest) -> HttpResponse:
    """Counts by field, status and kind for a unit's whole area, on either map; charts and tables."""
    user = request.user
    eras = list(geo_selectors.era_list())
    era_codes = [e.code for e in eras]
    errors: list[str] = []
    raw_unit = request.GET.get("unit", "").strip().strip("/")
    raw_year = request.GET.get("year", "").strip()
    year: int | None = None
    if raw_year:
        if raw_year.isdigit() and 1990 <= int(raw_year) <= 2100:
            year = int(raw_year)
        else:
            errors.append(_("The year must be between 1990 and 2100."))
    unit: AdminUnit | None = None
    if raw_unit:
        era_code, _sep, code = raw_unit.partition("/")
        try:
            if not code:
                raise NotFound(_("Give the unit as era/code, e.g. 2025/22."))
            unit = geo_selectors.unit_get(user=user, era=era_code, code=code)
        except NotFound as exc:
            errors.append(exc.message)
    if unit is not None:
        era = unit.era_id
    else:
        current = geo_selectors.current_era()
        era = request.GET.get("era") or (current.code if current else "")
        if era not in era_codes:
            errors.append(_("There is no map version “%(value)s”.") % {"value": era[:20]})
            era = current.code if current else ""
        if not raw_unit:
            unit = _default_stats_unit(user, era)
    stats = selectors.initiative_stats(user=user, unit=unit, year=year) if not errors else None
    # the picker: the unit, the units above and below it, and the user's scope on this map
    nearby: list[AdminUnit] = []
    ancestors: list[AdminUnit] = []
    if unit is not None:
        ancestors = list(geo_selectors.unit_ancestors(user=user, unit=unit).select_related("parent"))
        nearby = [unit, *geo_selectors.unit_list(user=user, parent=unit).select_related("parent")]
    scope_units = [u for u in unit_options(user=user, action=Action.VIEW) if u.era_id == era]
    picker = sorted({u.pk: u for u in [*ancestors, *nearby, *scope_units]}.values(), key=lambda u: u.path)
    chart: dict[str, Any] | None = None
    tables: list[tuple[str, Any, list[dict[str, Any]], bool]] = []
    if stats is not None:
        chart = {
            "field": _chart(Field.choices, stats.by_field),
            "kind": _chart(Kind.choices, stats.by_kind),
            "status": _chart(Status.choices, stats.by_status),
            "total": stats.total,
            "series": _("Models"),
        }
        tables = [
            ("field", _("By field"), chart["field"], True),
            ("kind", _("By kind"), chart["kind"], True),
            ("status", _("By status"), chart["status"], False),
        ]
    context = {
        "eras": [(e.code, localized_name(e)) for e in eras],
        "era": era,
        "unit": unit,
        "year": year,
        "raw_year": raw_year if raw_year.isdigit() else "",
        "ancestors": ancestors,
        "picker": [(unit_key(u), unit_label(u)) for u in picker],
        "unit_value": unit_key(unit) if unit else "",
        "stats": stats,
        "chart": chart,
        "tables": tables,
        "errors": errors,
        "this_year": timezone.localdate().year,
    }
    return render(request, "initiatives/stats.html", context, status=400 if errors else 200)
