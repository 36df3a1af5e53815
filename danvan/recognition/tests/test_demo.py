"""The recognition demo: Tuyên Quang's 2024 campaign and decision (the roll-up reads 71 and 86), Nam Khê's Giấy khen."""

import pytest

from danvan.conftest import unit
from danvan.recognition import demo
from danvan.recognition.models import AwardDecision, Campaign, Certificate, EvaluationStatus
from danvan.reporting.models import Indicator
from danvan.reporting.periods import period_get
from danvan.reporting.selectors import rollup

pytestmark = pytest.mark.django_db


def test_the_demo_decisions_are_what_the_rollup_reads(admin_user):
    assert demo.load() == {"campaigns": 1, "award decisions": 2}
    assert demo.load() == {"campaigns": 0, "award decisions": 0}  # idempotent
    tq = AwardDecision.objects.get(title=demo.TQ_TITLE)
    expected = ("1/QĐ-BDVTU", "bang-khen-dang-mat-tran", demo.TQ_COMMISSION)
    assert (tq.number_text, tq.award_id, tq.issuer.name) == expected
    certs = Certificate.objects.filter(decision=tq)
    assert certs.filter(subject="collective").count() == 71
    individuals = certs.filter(subject="individual").select_related("person")
    assert individuals.count() == 86 and all(c.person.full_name == c.name for c in individuals)
    period = period_get("2024")
    for code, expected in (("awards_collective", 71), ("awards_individual", 86)):
        indicator = Indicator.objects.get(code=code)
        for place in (unit("2024", "08"), unit("2025", "08")):  # the old province and today's, which covers it
            assert rollup(user=admin_user, unit=place, indicator=indicator, period=period).value == expected
    nk = AwardDecision.objects.get(title=demo.NK_TITLE)
    assert (nk.number_text, nk.award_id, nk.issuer.name) == ("1/QĐ-MTTQ", "giay-khen-dang-mat-tran", demo.NAM_KHE_FRONT)
    campaign = Campaign.objects.get(name=demo.TQ_CAMPAIGN)
    statuses = sorted(r.evaluation.status for r in campaign.registrations.select_related("evaluation"))
    assert statuses.count(EvaluationStatus.PUBLISHED) == 5 and statuses.count(EvaluationStatus.SUBMITTED) == 2
