"""A small campaign for tests outside recognition (reads never write): registration, evaluation, file, council."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.conftest import unit
from danvan.org.models import Organization
from danvan.recognition.models import Subject
from danvan.recognition.services.campaigns import (
    CriterionSpec,
    campaign_launch,
    criteria_set_create,
    registration_create,
)
from danvan.recognition.services.evaluations import council_set, evaluation_start, evidence_add

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def nam_khe_campaign(province_manager: Any, commune_reporter: Any) -> dict[str, Any]:
    campaign = campaign_launch(
        actor=province_manager,
        organization=Organization.objects.get(name="Ban Dân vận Tỉnh ủy Quảng Ninh"),
        name="Dân vận khéo 2024",
        starts_on=date(2024, 1, 1),
        ends_on=date(2024, 12, 31),
        levels=["commune"],
    )
    criteria_set_create(
        actor=province_manager,
        campaign=campaign,
        subject=Subject.COLLECTIVE,
        name="Tiêu chuẩn",
        criteria=[CriterionSpec(title="Gần dân", max_score=50), CriterionSpec(title="Tin dân", max_score=50)],
    )
    registration = registration_create(actor=commune_reporter, campaign=campaign, unit=unit("2024", "06823"))
    evaluation = evaluation_start(actor=commune_reporter, registration=registration)
    item = evidence_add(
        actor=commune_reporter,
        evaluation=evaluation,
        criterion=evaluation.criteria_set.criteria.order_by("position")[0],
        kind="file",
        label="Biên bản",
        file=SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf"),
    )
    council = council_set(
        actor=province_manager, campaign=campaign, name="Hội đồng TĐKT", members=[(province_manager, "secretary")]
    )
    return {
        "campaign": campaign,
        "registration": registration,
        "evaluation": evaluation,
        "campaign_evidence": item,
        "council_member": council.members.get(),
    }


def quang_ninh_decision(province_manager: Any) -> dict[str, Any]:
    """An issued decision of Quảng Ninh's commission with one certificate, handed out at a conference."""
    from danvan.recognition.models import Award, Certificate
    from danvan.recognition.services.conferences import conference_create
    from danvan.recognition.services.decisions import RecipientSpec, decision_create, decision_issue

    commission = Organization.objects.get(name="Ban Dân vận Tỉnh ủy Quảng Ninh")
    decision = decision_create(
        actor=province_manager,
        issuer=commission,
        award=Award.objects.get(code="bang-khen-dang-mat-tran"),
        year=2024,
        title="Về việc tặng Bằng khen",
        reason="Có thành tích xuất sắc trong phong trào thi đua “Dân vận khéo” năm 2024",
        signer_name="Nguyễn Thị Hạnh",
        signer_title="Trưởng Ban",
        suffix="BDVTU",
        recipients=[RecipientSpec(unit=unit("2024", "06823"), name="Nhân dân phường Nam Khê")],
        on=date(2024, 12, 20),
    )
    decision = decision_issue(actor=province_manager, decision=decision, signed_on=date(2024, 12, 20))
    conference = conference_create(
        actor=province_manager,
        unit=commission.unit,
        organization=commission,
        title="Hội nghị tổng kết phong trào thi đua “Dân vận khéo” năm 2024",
        held_on=date(2024, 12, 27),
        decisions=[decision],
    )
    certificate = Certificate.objects.get(decision=decision)
    return {"decision": decision, "certificate": certificate, "conference": conference}
