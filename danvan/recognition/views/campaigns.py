"""Pages of campaigns, their standards, council, registrations and evaluations.

Every write goes through a service; a DomainError comes back as a message on the same page with
the service's status (400 bad input, 403 not allowed, 409 the wrong moment). What the user cannot
see is a 404 (the selectors raise NotFound).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from danvan.core.errors import DomainError, NotFound
from danvan.core.uploads import PHOTOS, FileType, upload_check
from danvan.geo.models import Level
from danvan.org.access import Action, can
from danvan.org.selectors import organization_list
from danvan.recognition.forms.campaigns import (
    CampaignLaunchForm,
    CouncilForm,
    CriteriaSetForm,
    EvidenceForm,
    ReasonForm,
    RegistrationForm,
    ScoresForm,
)
from danvan.recognition.models import (
    Campaign,
    CampaignStatus,
    Commitment,
    CouncilMember,
    Evaluation,
    EvaluationStatus,
    Evidence,
)
from danvan.recognition.selectors import campaigns as sel
from danvan.recognition.services import campaigns as campaign_services
from danvan.recognition.services import evaluations as evaluation_services

EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
EVIDENCE_TYPES = (FileType.PDF, FileType.DOCX, FileType.XLSX, *PHOTOS)


def _get(getter: Any, request: HttpRequest, pk: int) -> Any:
    try:
        return getter(user=request.user, pk=pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


# --- the list and the launch ---------------------------------------------------------------------


def _list_page(request: HttpRequest, *, form: CampaignLaunchForm | None = None, **kw: Any) -> HttpResponse:
    user = request.user
    may_launch = organization_list(user=user, action=Action.MANAGE).exists()
    context = {
        "campaigns": list(sel.campaign_list(user=user)),
        "to_score": sel.evaluations_to_score(user=user),
        "form": form or (CampaignLaunchForm(user=user) if may_launch else None),
        "error": kw.get("error", ""),
    }
    return render(request, "recognition/campaigns/list.html", context, status=kw.get("status", 200))


@login_required
@require_safe
def campaign_list(request: HttpRequest) -> HttpResponse:
    return _list_page(request)


@login_required
@require_POST
def campaign_launch(request: HttpRequest) -> HttpResponse:
    form = CampaignLaunchForm(request.POST, user=request.user)
    if not form.is_valid():
        return _list_page(request, form=form, status=400)
    d = form.cleaned_data
    try:
        campaign = campaign_services.campaign_launch(
            actor=request.user,
            organization=d["organization"],
            name=d["name"],
            theme=d["theme"],
            starts_on=d["starts_on"],
            ends_on=d["ends_on"],
            levels=d["levels"],
            organization_kinds=d["organization_kinds"],
            result_rule=d["result_rule"],
            documents=d["documents"],
        )
    except DomainError as exc:
        return _list_page(request, form=form, error=exc.message, status=exc.status)
    messages.success(request, _("The campaign was launched; now set its standards and council."))
    return redirect("recognition:campaign_detail", pk=campaign.pk)


# --- one campaign --------------------------------------------------------------------------------


def _campaign_page(request: HttpRequest, campaign: Campaign, *, status: int = 200, **extra: Any) -> HttpResponse:
    user = request.user
    may_manage = campaign_services.may_manage_campaign(user, campaign)
    members = sel.council_members(campaign=campaign)
    removed = sel.council_members(campaign=campaign, removed=True)
    registrations = list(
        sel.registration_list(user=user, campaign=campaign).prefetch_related(
            Prefetch("commitments", queryset=Commitment.objects.select_related("indicator", "initiative"))
        )
    )
    registration_form = extra.pop("registration_form", None)
    if registration_form is None and campaign.status == CampaignStatus.OPEN:
        registration_form = RegistrationForm(user=user, campaign=campaign)
        if not registration_form.fields["unit"].queryset.exists():  # type: ignore[attr-defined]
            registration_form = None
    startable = {r.pk for r in registrations if can(user, Action.REPORT, r.unit, r.organization)}
    context = {
        "campaign": campaign,
        "levels": [Level(v).label for v in campaign.levels if v in Level.values],
        "may_manage": may_manage,
        "criteria_sets": sel.criteria_set_list(campaign=campaign),
        "members": members,
        "removed_members": removed,
        "council": (members or removed)[0].council if members or removed else None,
        "registrations": registrations,
        "startable": startable,
        "criteria_form": extra.pop("criteria_form", None) or (CriteriaSetForm() if may_manage else None),
        "council_form": extra.pop("council_form", None)
        or (
            CouncilForm(
                campaign=campaign,
                members={m.user_id: m.role for m in members},
                initial={"name": members[0].council.name if members else _("Emulation and commendation council")},
            )
            if may_manage
            else None
        ),
        "registration_form": registration_form,
        "error": "",
        **extra,
    }
    return render(request, "recognition/campaigns/detail.html", context, status=status)


@login_required
@require_safe
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _campaign_page(request, _get(sel.campaign_get, request, pk))


@login_required
@require_POST
def criteria_set_create(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _get(sel.campaign_get, request, pk)
    form = CriteriaSetForm(request.POST)
    if not form.is_valid():
        return _campaign_page(request, campaign, status=400, criteria_form=form)
    d = form.cleaned_data
    try:
        cs = campaign_services.criteria_set_create(
            actor=request.user, campaign=campaign, subject=d["subject"], name=d["name"], criteria=d["lines"]
        )
    except DomainError as exc:
        return _campaign_page(request, campaign, status=exc.status, criteria_form=form, error=exc.message)
    messages.success(request, _("Version %(n)s of the standards was saved.") % {"n": cs.version})
    return redirect(reverse("recognition:campaign_detail", args=[pk]) + "#standards")


@login_required
@require_POST
def council_set(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _get(sel.campaign_get, request, pk)
    members = {m.user_id: m.role for m in sel.council_members(campaign=campaign)}
    form = CouncilForm(request.POST, campaign=campaign, members=members)
    if not form.is_valid():
        return _campaign_page(request, campaign, status=400, council_form=form)
    try:
        evaluation_services.council_set(
            actor=request.user, campaign=campaign, name=form.cleaned_data["name"], members=form.roster()
        )
    except DomainError as exc:
        return _campaign_page(request, campaign, status=exc.status, council_form=form, error=exc.message)
    messages.success(request, _("The council was saved."))
    return redirect(reverse("recognition:campaign_detail", args=[pk]) + "#council")


def _removal_page(
    request: HttpRequest, campaign: Campaign, seat: CouncilMember, *, form: ReasonForm | None = None, **kw: Any
) -> HttpResponse:
    context = {
        "campaign": campaign,
        "seat": seat,
        "pending": sel.member_pending_scores(member=seat),
        "form": form or ReasonForm(),
        "error": kw.get("error", ""),
    }
    return render(request, "recognition/campaigns/council_remove.html", context, status=kw.get("status", 200))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def council_member_remove(request: HttpRequest, pk: int, member: int) -> HttpResponse:
    """A confirmation page (what the removal does) with the reason, then the removal itself."""
    campaign = _get(sel.campaign_get, request, pk)
    try:
        seat = sel.council_member_get(user=request.user, campaign=campaign, pk=member)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    if request.method != "POST":
        if not campaign_services.may_manage_campaign(request.user, campaign):
            raise Http404(_("No such council member."))  # nothing to confirm for whoever may not remove
        return _removal_page(request, campaign, seat)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return _removal_page(request, campaign, seat, form=form, status=400, error=_("Give a reason for the removal."))
    try:
        evaluation_services.council_member_remove(actor=request.user, member=seat, reason=form.cleaned_data["reason"])
    except DomainError as exc:
        return _removal_page(request, campaign, seat, form=form, status=exc.status, error=exc.message)
    messages.success(
        request,
        _("%(name)s was removed from the council.") % {"name": seat.user.full_name or seat.user.username},
    )
    return redirect(reverse("recognition:campaign_detail", args=[pk]) + "#council")


@login_required
@require_POST
def registration_create(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _get(sel.campaign_get, request, pk)
    form = RegistrationForm(request.POST, user=request.user, campaign=campaign)
    if not form.is_valid():
        return _campaign_page(request, campaign, status=400, registration_form=form)
    d = form.cleaned_data
    try:
        campaign_services.registration_create(
            actor=request.user,
            campaign=campaign,
            unit=d["unit"],
            organization=d["organization"],
            person=d.get("person"),
            commitments_text=d["commitments_text"],
            commitments=form.commitments(),
        )
    except DomainError as exc:
        return _campaign_page(request, campaign, status=exc.status, registration_form=form, error=exc.message)
    messages.success(request, _("Registered. Start the self-assessment when the standards are set."))
    return redirect(reverse("recognition:campaign_detail", args=[pk]) + "#registrations")


@login_required
@require_POST
def evaluation_start(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _get(sel.registration_get, request, pk)
    try:
        evaluation = evaluation_services.evaluation_start(actor=request.user, registration=registration)
    except DomainError as exc:
        return _campaign_page(request, registration.campaign, status=exc.status, error=exc.message)
    return redirect("recognition:evaluation_detail", pk=evaluation.pk)


# --- one evaluation ------------------------------------------------------------------------------


def _evaluation_page(request: HttpRequest, evaluation: Evaluation, *, status: int = 200, **extra: Any) -> HttpResponse:
    user = request.user
    reg = evaluation.registration
    campaign = reg.campaign
    role = sel.council_role(user=user, campaign=campaign)
    may_manage = campaign_services.may_manage_campaign(user, campaign)
    is_registrant = can(user, Action.REPORT, reg.unit, reg.organization)
    steering = may_manage or role in (CouncilMember.Role.CHAIR, CouncilMember.Role.SECRETARY)
    draft = evaluation.status == EvaluationStatus.DRAFT
    editable = draft and is_registrant
    criteria = list(evaluation.criteria_set.criteria.all())
    self_scores = {s.criterion_id: s for s in evaluation.self_scores.all()}
    evidence = list(evaluation.evidence.all())
    scoring = sel.may_score(user=user, evaluation=evaluation)
    mine = (
        {s.criterion_id: (s.score, s.note) for s in evaluation.council_scores.filter(member__user_id=user.pk or 0)}
        if role
        else {}
    )
    status_ = evaluation.status
    rows = [
        {
            "criterion": c,
            "self": self_scores.get(c.pk),
            "evidence": [e for e in evidence if e.criterion_id == c.pk],
            "mine": mine.get(c.pk),
        }
        for c in criteria
    ]
    context = {
        "evaluation": evaluation,
        "registration": reg,
        "campaign": campaign,
        "rows": rows,
        "role": role,
        "may_manage": may_manage,
        "editable": editable,
        "events": sel.evaluation_events(evaluation=evaluation),
        "self_form": extra.pop("self_form", None)
        or (
            ScoresForm(
                criteria_set=evaluation.criteria_set,
                initial_scores={k: (v.score, v.explanation) for k, v in self_scores.items()},
                note_label=_("Explanation"),
                required=False,
            )
            if editable
            else None
        ),
        "evidence_form": extra.pop("evidence_form", None)
        or (EvidenceForm(criteria_set=evaluation.criteria_set) if editable else None),
        "score_form": extra.pop("score_form", None)
        or (
            ScoresForm(criteria_set=evaluation.criteria_set, initial_scores=mine, note_label=_("Note"))
            if scoring
            else None
        ),
        "may_submit": editable,
        "may_open_review": steering and status_ == EvaluationStatus.SUBMITTED,
        "may_return": (
            (steering and status_ in (EvaluationStatus.SUBMITTED, EvaluationStatus.COUNCIL_REVIEW))
            or (may_manage and status_ == EvaluationStatus.APPROVED)
        ),
        "may_approve": may_manage and status_ == EvaluationStatus.COUNCIL_REVIEW,
        "may_publish": may_manage and status_ == EvaluationStatus.APPROVED,
        "show_members": steering
        and status_ in (EvaluationStatus.COUNCIL_REVIEW, EvaluationStatus.APPROVED, EvaluationStatus.PUBLISHED),
        "reason_form": extra.pop("reason_form", None) or ReasonForm(),
        "error": "",
        **extra,
    }
    if context["show_members"]:
        context["member_scores"] = sel.member_scores(evaluation=evaluation)
        context["provisional"] = sel.provisional_result(evaluation=evaluation)
    return render(request, "recognition/campaigns/evaluation.html", context, status=status)


@login_required
@require_safe
def evaluation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _evaluation_page(request, _get(sel.evaluation_get, request, pk))


def _back(pk: int, anchor: str = "") -> str:
    return reverse("recognition:evaluation_detail", args=[pk]) + anchor


@login_required
@require_POST
def evaluation_self_score(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = _get(sel.evaluation_get, request, pk)
    form = ScoresForm(
        request.POST,
        criteria_set=evaluation.criteria_set,
        initial_scores={},
        note_label=_("Explanation"),
        required=False,
    )
    if not form.is_valid():
        return _evaluation_page(request, evaluation, status=400, self_form=form)
    try:
        evaluation_services.evaluation_self_score(actor=request.user, evaluation=evaluation, scores=form.scores())
    except DomainError as exc:
        return _evaluation_page(request, evaluation, status=exc.status, self_form=form, error=exc.message)
    messages.success(request, _("The self-assessment was saved."))
    return redirect(_back(pk, "#criteria"))


def _record(user: Any, kind: str, object_id: int) -> tuple[str, str]:
    """(label, address) of one of DanVan's own records the user can see; NotFound otherwise."""
    if kind == Evidence.Kind.INITIATIVE:
        from danvan.initiatives.selectors import initiative_get

        item: Any = initiative_get(user=user, pk=object_id)
        return item.name, reverse("initiatives:detail", args=[item.pk])
    if kind == Evidence.Kind.REPORT:
        from danvan.reporting.selectors.catalogue import submission_get

        item = submission_get(user=user, pk=object_id)
        return str(item), reverse("reporting:grid", args=[item.pk])
    if kind == Evidence.Kind.ACTIVITY:
        from danvan.engagement.selectors.activities import activity_get

        item = activity_get(user=user, pk=object_id)
        return str(item), reverse("engagement:activity_detail", args=[item.pk])
    from danvan.engagement.selectors.petitions import petition_get

    item = petition_get(user=user, pk=object_id)
    return str(item), reverse("engagement:petition_detail", args=[item.pk])


@login_required
@require_POST
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = _get(sel.evaluation_get, request, pk)
    form = EvidenceForm(request.POST, request.FILES, criteria_set=evaluation.criteria_set)
    if not form.is_valid():
        return _evaluation_page(request, evaluation, status=400, evidence_form=form)
    d = form.cleaned_data
    kind, label, url, file, object_id = d["kind"], d["label"], "", None, None
    try:
        if kind == Evidence.Kind.FILE:
            file = d["file"]
            file.name = upload_check(file, accept=EVIDENCE_TYPES, max_bytes=EVIDENCE_MAX_BYTES).name
        else:
            object_id = d["object_id"]
            try:
                found, url = _record(request.user, kind, object_id)
            except NotFound:
                raise DomainError(
                    _("There is no %(kind)s number %(n)s that you can see.")
                    % {"kind": Evidence.Kind(kind).label, "n": object_id},
                    code="record_not_found",
                ) from None
            label = label or found
        evaluation_services.evidence_add(
            actor=request.user,
            evaluation=evaluation,
            criterion=d["criterion"],
            kind=kind,
            label=label,
            object_id=object_id,
            url=url,
            file=file,
        )
    except DomainError as exc:
        return _evaluation_page(request, evaluation, status=exc.status, evidence_form=form, error=exc.message)
    messages.success(request, _("The evidence was added."))
    return redirect(_back(pk, "#criteria"))


@login_required
@require_safe
def evidence_file(request: HttpRequest, pk: int, item: int) -> FileResponse:
    """An evidence file, served after the evaluation's scope check, never from MEDIA_URL."""
    evaluation = _get(sel.evaluation_get, request, pk)
    found = evaluation.evidence.filter(pk=item).exclude(file="").first()
    if found is None:
        raise Http404(_("No such file."))
    try:
        handle = found.file.open("rb")
    except OSError as exc:
        raise Http404(_("No such file.")) from exc
    name = found.file.name.rsplit("/", 1)[-1]
    response = FileResponse(handle, filename=name, as_attachment=True)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def council_score(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = _get(sel.evaluation_get, request, pk)
    form = ScoresForm(request.POST, criteria_set=evaluation.criteria_set, initial_scores={}, note_label=_("Note"))
    if not form.is_valid():
        if not sel.may_score(user=request.user, evaluation=evaluation):
            return _evaluation_page(request, evaluation, status=403, error=_("You may not do this."))
        return _evaluation_page(request, evaluation, status=400, score_form=form)
    try:
        evaluation_services.council_score(actor=request.user, evaluation=evaluation, scores=form.scores())
    except DomainError as exc:
        return _evaluation_page(request, evaluation, status=exc.status, error=exc.message)
    messages.success(request, _("Your scores were saved."))
    return redirect(_back(pk, "#council-scores"))


TRANSITIONS: dict[str, tuple[Any, Any]] = {
    "submit": (
        evaluation_services.evaluation_submit,
        gettext_lazy("The self-assessment was submitted to the council."),
    ),
    "review": (evaluation_services.evaluation_open_review, gettext_lazy("The evaluation is now with the council.")),
    "approve": (evaluation_services.evaluation_approve, gettext_lazy("The result was approved.")),
    "publish": (evaluation_services.evaluation_publish, gettext_lazy("The result was published.")),
}


@login_required
@require_POST
def evaluation_transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    evaluation = _get(sel.evaluation_get, request, pk)
    try:
        if action == "return":
            form = ReasonForm(request.POST)
            if not form.is_valid():
                return _evaluation_page(
                    request, evaluation, status=400, reason_form=form, error=_("Give a reason for returning it.")
                )
            evaluation_services.evaluation_return(
                actor=request.user, evaluation=evaluation, reason=form.cleaned_data["reason"]
            )
            done = _("The evaluation was returned to the registrant.")
        elif action in TRANSITIONS:
            service, done = TRANSITIONS[action]
            service(actor=request.user, evaluation=evaluation)
        else:
            raise Http404(_("No such step."))
    except DomainError as exc:
        return _evaluation_page(request, evaluation, status=exc.status, error=exc.message)
    messages.success(request, str(done))
    return redirect(_back(pk))


urlpatterns = [
    path("campaigns/", campaign_list, name="campaign_list"),
    path("campaigns/new/", campaign_launch, name="campaign_launch"),
    path("campaigns/<int:pk>/", campaign_detail, name="campaign_detail"),
    path("campaigns/<int:pk>/standards/", criteria_set_create, name="criteria_set_create"),
    path("campaigns/<int:pk>/council/", council_set, name="council_set"),
    path("campaigns/<int:pk>/council/<int:member>/remove/", council_member_remove, name="council_member_remove"),
    path("campaigns/<int:pk>/register/", registration_create, name="registration_create"),
    path("registrations/<int:pk>/evaluate/", evaluation_start, name="evaluation_start"),
    path("evaluations/<int:pk>/", evaluation_detail, name="evaluation_detail"),
    path("evaluations/<int:pk>/self/", evaluation_self_score, name="evaluation_self_score"),
    path("evaluations/<int:pk>/evidence/", evidence_add, name="evidence_add"),
    path("evaluations/<int:pk>/evidence/<int:item>/", evidence_file, name="evidence_file"),
    path("evaluations/<int:pk>/score/", council_score, name="council_score"),
    path("evaluations/<int:pk>/<str:action>/", evaluation_transition, name="evaluation_transition"),
]
