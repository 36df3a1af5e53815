"""The scenario of the "my work" tests (org.inbox), shared by the registry's and the pages' tests.

In Quảng Ninh (Nam Khê ward, Uông Bí city, 2024 map): a draft report and a submitted one, a
registered model, an unassigned petition, a petition assigned to Nam Khê's reporter and due
tomorrow, a dialogue promise due in two days, and an import that finished.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from danvan.conftest import unit
from danvan.documents.models import ImportJob
from danvan.engagement.models import Petition
from danvan.engagement.services import petitions as petition_services
from danvan.engagement.services.dialogues import dialogue_issue_add
from danvan.engagement.tests.activity_helpers import NAM_KHE_MTTQ, nam_khe_dialogue, org
from danvan.engagement.tests.petition_factories import submit
from danvan.initiatives.models import Status
from danvan.initiatives.services import initiative_transition
from danvan.initiatives.tests.factories import nam_khe_model
from danvan.reporting.tests.factories import commune_form, indicator, report


@pytest.fixture
def work(commune_reporter, province_manager):
    today = timezone.localdate()
    form = commune_form(indicator("inbox_people"), code="inbox-commune")
    nam_khe = unit("2024", "06823")
    draft = report(commune_reporter, form, nam_khe, "2024", {"inbox_people": 5}, submit=False)
    submitted = report(commune_reporter, form, nam_khe, "2023", {"inbox_people": 7})
    model = nam_khe_model(commune_reporter)
    model = initiative_transition(actor=commune_reporter, initiative=model, to=Status.REGISTERED)
    unassigned = submit()
    assigned = submit(subject="Đèn đường hỏng", text="Đèn chiếu sáng ngõ 8 khu 3 đã hỏng hơn một tháng nay.")
    petition_services.petition_assign(actor=province_manager, petition=assigned, handler=commune_reporter)
    Petition.objects.filter(pk=assigned.pk).update(accept_due=today + timedelta(days=1))
    dialogue = nam_khe_dialogue(commune_reporter)
    promise = dialogue_issue_add(
        actor=commune_reporter,
        dialogue=dialogue,
        subject="Vỉa hè phố Nam Sơn",
        owner=org(NAM_KHE_MTTQ),
        deadline=today + timedelta(days=2),
        handler=commune_reporter,
    )
    job = ImportJob.objects.create(
        kind="initiatives",
        owner=commune_reporter,
        original_name="mo-hinh-2024.xlsx",
        file="imports/mo-hinh-2024.xlsx",
        status=ImportJob.Status.SUCCEEDED,
        saved=12,
    )
    return {
        "draft": draft,
        "submitted": submitted,
        "model": model,
        "unassigned": unassigned,
        "assigned": assigned,
        "promise": promise,
        "job": job,
    }
