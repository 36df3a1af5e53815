""" "My work" (org.inbox): each item appears for exactly the users who may act on it, by the access policy.

One scenario in Quảng Ninh (Nam Khê ward, Uông Bí city, 2024 map): a draft report and a submitted
one, a registered model, an unassigned petition, a petition assigned to Nam Khê's reporter and
due tomorrow, a dialogue promise due in two days, and an import that finished. Every persona's
inbox is checked twice: against what `org.access` (through the services' own rules) allows, and
against the list written out by hand.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from danvan.documents.models import ImportJob
from danvan.engagement.models import Petition, PetitionStatus
from danvan.engagement.selectors.petitions import OPEN_STATUSES, permissions, petition_due
from danvan.initiatives.models import Initiative, Status
from danvan.initiatives.services import TRANSITIONS
from danvan.org import inbox
from danvan.org.access import Action, belongs_to, can
from danvan.recognition.models import CouncilMember, Evaluation
from danvan.reporting.models import Submission

KINDS = [
    "reporting.fill",
    "reporting.review",
    "initiatives.recognise",
    "recognition.score",
    "engagement.assigned",
    "engagement.unassigned",
    "engagement.deadlines",
    "engagement.promises",
    "documents.imports",
]
PERSONAS = ["admin_user", "province_manager", "commune_reporter", "district_reviewer", "other_manager"]


def _urls(user, code: str) -> set[str]:
    return {item.url for item in inbox._KINDS[code].items(user, 100)}


def _expected_by_policy(user) -> dict[str, set[str]]:
    """Each kind worked out object by object from `access.can` and the services' own rules, never the selectors."""
    today = timezone.localdate()
    soon = today + timedelta(days=inbox.DUE_SOON_DAYS)
    rule = TRANSITIONS[(Status.REGISTERED, Status.RECOGNISED)]
    found: dict[str, set[str]] = {code: set() for code in KINDS}
    for s in Submission.objects.select_related("unit", "organization"):
        reviews = can(user, Action.REVIEW, s.unit, s.organization, above=True)
        if s.editable and can(user, Action.REPORT, s.unit, s.organization) and not reviews:
            found["reporting.fill"].add(f"/reports/{s.pk}/")
        if s.status == Submission.Status.SUBMITTED and reviews:
            found["reporting.review"].add(f"/reports/{s.pk}/#state")
    for m in Initiative.objects.select_related("unit", "organization").filter(status=Status.REGISTERED):
        if can(user, rule.action, m.unit, m.organization, above=rule.above):
            found["initiatives.recognise"].add(f"{m.get_absolute_url()}#status")
    for p in Petition.objects.select_related("unit", "organization").filter(status__in=OPEN_STATUSES):
        url = f"/engagement/petitions/{p.pk}/"
        due = petition_due(p)
        if p.handler_id == user.pk:
            found["engagement.assigned"].add(url)
        elif not permissions(user, p).dispatch:
            continue
        elif p.handler_id is None:
            found["engagement.unassigned"].add(url)
        elif due is not None and due <= soon:
            found["engagement.promises" if p.dialogue_id else "engagement.deadlines"].add(url)
    for job in ImportJob.objects.filter(owner=user, status__in=["succeeded", "failed"]):
        found["documents.imports"].add(f"/documents/imports/{job.pk}/")
    for e in Evaluation.objects.filter(status="council_review").select_related("registration__unit"):
        member = CouncilMember.objects.filter(council__campaign_id=e.registration.campaign_id, user=user).first()
        reg = e.registration
        own = belongs_to(user, reg.unit, reg.organization) or (reg.person and reg.person.user_id == user.pk)
        done = member and e.council_scores.filter(member=member).count() == e.criteria_set.criteria.count()
        if member and not own and not done:
            found["recognition.score"].add(f"/recognition/evaluations/{e.pk}/")
    return found


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_item_appears_for_exactly_the_users_who_may_act_on_it(request, persona, work):
    user = request.getfixturevalue(persona)
    expected = _expected_by_policy(user)
    assert sum(len(v) for v in expected.values()) or persona == "other_manager"  # the scenario gives work
    for code in KINDS:
        assert _urls(user, code) == expected[code], code
        assert inbox._KINDS[code].count(user) == len(expected[code]), code
    assert inbox.counts(user) == {code: len(expected[code]) for code in KINDS}


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_one_query_batches_answer_as_the_kinds_do(request, persona, work):
    user = request.getfixturevalue(persona)
    for limit in (1, 5):
        for code, (n, items) in inbox._gather(user, limit).items():
            kind = inbox._KINDS[code]
            assert n == (kind.count(user) if kind.applies(user) else 0), code
            assert list(items) == (list(kind.items(user, limit)) if n else []), code


def _ids(work, *names):
    return {work[name].pk for name in names}


def test_the_commune_reporter_fills_his_report_handles_his_petitions_and_sees_his_import(commune_reporter, work):
    counts = inbox.counts(commune_reporter)
    assert {code for code, n in counts.items() if n} == {"reporting.fill", "engagement.assigned", "documents.imports"}
    assert _urls(commune_reporter, "reporting.fill") == {f"/reports/{work['draft'].pk}/"}
    assigned = inbox._KINDS["engagement.assigned"].items(commune_reporter, 5)
    assert [i.url for i in assigned] == [
        f"/engagement/petitions/{work['assigned'].pk}/",  # due tomorrow, before the promise in two days
        f"/engagement/petitions/{work['promise'].pk}/",
    ]
    assert {i.severity for i in assigned} == {inbox.Severity.SOON}


@pytest.mark.parametrize("persona", ["district_reviewer", "province_manager", "admin_user"])
def test_the_levels_above_review_recognise_assign_and_watch_deadlines(request, persona, work):
    user = request.getfixturevalue(persona)
    counts = inbox.counts(user)
    assert counts == {
        "reporting.fill": 0,  # Nam Khê's draft is Nam Khê's to fill, theirs to review once submitted
        "reporting.review": 1,
        "initiatives.recognise": 1,
        "recognition.score": 0,  # sits on no council
        "engagement.assigned": 0,
        "engagement.unassigned": 1,
        "engagement.deadlines": 1,
        "engagement.promises": 1,
        "documents.imports": 0,  # an import is its uploader's alone
    }
    assert _urls(user, "engagement.unassigned") == {f"/engagement/petitions/{work['unassigned'].pk}/"}
    assert _urls(user, "engagement.deadlines") == {f"/engagement/petitions/{work['assigned'].pk}/"}
    assert _urls(user, "engagement.promises") == {f"/engagement/petitions/{work['promise'].pk}/"}


def test_other_manager_sees_nothing_of_the_first_province(other_manager, work):
    assert inbox.total(other_manager) == 0
    assert inbox.sections(other_manager) == []


def test_a_petition_closed_or_far_from_its_deadline_leaves_the_watch_lists(province_manager, work):
    far = timezone.localdate() + timedelta(days=inbox.DUE_SOON_DAYS + 1)
    Petition.objects.filter(pk=work["assigned"].pk).update(accept_due=far)
    Petition.objects.filter(pk=work["promise"].pk).update(status=PetitionStatus.ANSWERED)
    counts = inbox.counts(province_manager)
    assert counts["engagement.deadlines"] == 0 and counts["engagement.promises"] == 0


def test_an_old_import_is_no_longer_news(commune_reporter, work):
    ImportJob.objects.filter(pk=work["job"].pk).update(updated_at=timezone.now() - timedelta(days=8))
    assert inbox.counts(commune_reporter)["documents.imports"] == 0


def test_a_returned_report_is_to_fill_again(commune_reporter, district_reviewer, work):
    from danvan.reporting.services import submission_return

    submission_return(actor=district_reviewer, submission=work["submitted"], reason="Thiếu số liệu quý 4.")
    assert _urls(commune_reporter, "reporting.fill") == {
        f"/reports/{work['draft'].pk}/",
        f"/reports/{work['submitted'].pk}/",
    }
    assert inbox.counts(district_reviewer)["reporting.review"] == 0


def test_severity():
    today = timezone.localdate()
    assert inbox.severity_of(today - timedelta(days=1), today) == inbox.Severity.LATE
    assert inbox.severity_of(today, today) == inbox.Severity.SOON
    assert inbox.severity_of(today + timedelta(days=inbox.DUE_SOON_DAYS), today) == inbox.Severity.SOON
    assert inbox.severity_of(today + timedelta(days=inbox.DUE_SOON_DAYS + 1), today) == inbox.Severity.NORMAL
    assert inbox.severity_of(None, today) == inbox.Severity.NORMAL


def test_every_app_registered_its_kinds():
    assert [k.code for k in inbox.kinds()] == KINDS
