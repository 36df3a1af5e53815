"""Demo emulation and commendation from the field notes: Tuyên Quang's 2024 "Dân vận khéo" and a Quảng Ninh ward.

Tuyên Quang's mass-mobilization commission (Ban Dân vận Tỉnh ủy, on the 2024 map) launches the 2024
campaign with the five standards for collectives; eight communes register, assess themselves, the
council scores (the manager of today's Tuyên Quang chairs it, the national administrator and a
council member sit on it) and the standing body publishes the results. Its one decision gives
Bằng khen to 71 collectives and 86 individuals, so the reporting roll-up reads 71 and 86 from the
records (load it before the reporting demo, which then types only what the records lack: nothing).
Nam Khê ward's Fatherland Front committee gives Giấy khen to its own residential groups and people.

Everything goes through the services, acting as the demo users; the draws are seeded, so every load
makes the same names. Idempotent: a campaign or decision that exists (by its title) is skipped.
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from django.contrib.auth.hashers import make_password

from danvan.geo.models import AdminUnit, Level
from danvan.org.models import Organization, User
from danvan.recognition.models import Award, AwardDecision, Campaign, Evaluation, Subject
from danvan.recognition.services.campaigns import (
    CriterionSpec,
    campaign_launch,
    criteria_set_create,
    registration_create,
)
from danvan.recognition.services.decisions import RecipientSpec, decision_create, decision_issue
from danvan.recognition.services.evaluations import (
    council_score,
    council_set,
    evaluation_approve,
    evaluation_open_review,
    evaluation_publish,
    evaluation_self_score,
    evaluation_start,
    evaluation_submit,
)

OLD = "2024"
TQ_COMMISSION = "Ban Dân vận Tỉnh ủy Tuyên Quang"
TQ_CAMPAIGN = "Phong trào thi đua “Dân vận khéo” năm 2024"
TQ_TITLE = (
    "Về việc tặng Bằng khen cho các tập thể, cá nhân có thành tích xuất sắc "
    "trong phong trào thi đua “Dân vận khéo” năm 2024"
)
TQ_COLLECTIVES, TQ_INDIVIDUALS = 71, 86
NAM_KHE_FRONT = "Ủy ban MTTQ Việt Nam phường Nam Khê"
NK_TITLE = "Về việc tặng Giấy khen cho các tập thể, cá nhân tiêu biểu trong Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh” năm 2024"  # noqa: E501

FIVE_COLLECTIVE = [
    CriterionSpec(
        title="Nắm chắc tình hình nhân dân, giải quyết kịp thời kiến nghị chính đáng của nhân dân",
        max_score=20,
        guidance="Số kiến nghị tiếp nhận và giải quyết đúng hạn; đối thoại với nhân dân.",
        evidence_expected="Sổ tiếp nhận kiến nghị, biên bản đối thoại",
    ),
    CriterionSpec(
        title="Có mô hình “Dân vận khéo” được công nhận, nhân rộng",
        max_score=20,
        guidance="Mô hình đăng ký, được công nhận; kết quả đo được.",
        evidence_expected="Quyết định công nhận mô hình",
    ),
    CriterionSpec(
        title="Thực hiện tốt Quy chế dân chủ ở cơ sở",
        max_score=20,
        guidance="Dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ hưởng.",
    ),
    CriterionSpec(
        title="Vận động nhân dân tham gia phát triển kinh tế - xã hội, xây dựng nông thôn mới",
        max_score=20,
        guidance="Ngày công, tiền, đất hiến; hộ thoát nghèo.",
    ),
    CriterionSpec(
        title="Xây dựng hệ thống chính trị cơ sở trong sạch, vững mạnh",
        max_score=20,
        guidance="Xếp loại tổ chức đảng, chính quyền, Mặt trận và đoàn thể.",
    ),
]

SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Hà",
    "Ma",
    "Nông",
    "Triệu",
    "Lý",
    "Bàn",
    "Đặng",
    "Vũ",
    "Đỗ",
    "Quan",
]
MIDDLE_F = ["Thị", "Thị Thu", "Thị Minh", "Thị Hồng", "Thị Thanh", "Thị Kim"]
MIDDLE_M = ["Văn", "Đức", "Minh", "Quang", "Xuân", "Tiến", "Công"]
GIVEN_F = ["Hoa", "Lan", "Hương", "Hạnh", "Huyền", "Thủy", "Nga", "Nhung", "Yến", "Liên", "Dung", "Thảo", "Mai"]
GIVEN_M = ["Hùng", "Dũng", "Thắng", "Cường", "Tuấn", "Hải", "Sơn", "Quyết", "Toàn", "Bình", "Khánh", "Lâm", "Phúc"]
COLLECTIVE_KINDS = [
    "Ủy ban MTTQ Việt Nam {c}",
    "Hội Liên hiệp Phụ nữ {c}",
    "Hội Nông dân {c}",
    "Hội Cựu chiến binh {c}",
    "Đoàn Thanh niên Cộng sản Hồ Chí Minh {c}",
    "Ban Dân vận Đảng ủy {c}",
]
POSITIONS = [
    "Chủ tịch Ủy ban MTTQ Việt Nam {c}",
    "Trưởng thôn, {c}",
    "Bí thư chi bộ thôn, {c}",
    "Chi hội trưởng Phụ nữ, {c}",
    "Trưởng ban công tác Mặt trận thôn, {c}",
    "Công chức Văn hóa - Xã hội, {c}",
    "Người có uy tín trong đồng bào dân tộc thiểu số, {c}",
]


def vietnamese_name(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE_F)} {rng.choice(GIVEN_F)}"
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE_M)} {rng.choice(GIVEN_M)}"


def _lower_first(name: str) -> str:
    return name[0].lower() + name[1:]


def _council_member() -> User:
    user, _created = User.objects.get_or_create(
        username="tq_hoidong", defaults={"full_name": "Lê Thị Mai", "password": make_password(None)}
    )
    return user


def tq_campaign(users: dict[str, User], communes: list[AdminUnit]) -> tuple[Campaign, int]:
    """The campaign with eight communes through self-assessment, council scores and (five) published results."""
    found = Campaign.objects.filter(name=TQ_CAMPAIGN).first()
    if found is not None:
        return found, 0
    manager, admin = users["tuyenquang"], users["admin"]
    commission = Organization.objects.select_related("unit").get(name=TQ_COMMISSION, unit__era_id=OLD)
    campaign = campaign_launch(
        actor=manager,
        organization=commission,
        name=TQ_CAMPAIGN,
        theme="Dân vận khéo trong thực hiện nhiệm vụ chính trị, phát triển kinh tế - xã hội ở cơ sở",
        starts_on=date(2024, 1, 1),
        ends_on=date(2024, 12, 31),
        levels=[Level.COMMUNE],
        result_rule="trimmed",
    )
    criteria_set_create(
        actor=manager,
        campaign=campaign,
        subject=Subject.COLLECTIVE,
        name="Năm tiêu chuẩn tập thể",
        criteria=FIVE_COLLECTIVE,
    )
    member = _council_member()
    council_set(
        actor=manager,
        campaign=campaign,
        name="Hội đồng Thi đua - Khen thưởng Ban Dân vận Tỉnh ủy",
        members=[(manager, "chair"), (admin, "member"), (member, "member")],
    )
    rng = random.Random("tq-campaign-2024")  # noqa: S311 - seeded draws: the same demo every load
    for i, commune in enumerate(communes[:8]):
        reg = registration_create(
            actor=manager,
            campaign=campaign,
            unit=commune,
            commitments_text="Xây dựng ít nhất 02 mô hình “Dân vận khéo”; giải quyết 100% kiến nghị đúng hạn.",
        )
        ev = evaluation_start(actor=manager, registration=reg)
        crit = list(ev.criteria_set.criteria.order_by("position"))
        evaluation_self_score(
            actor=manager,
            evaluation=ev,
            scores={c.pk: (Decimal(rng.randint(15, 20)), "Có minh chứng kèm theo") for c in crit},
        )
        evaluation_submit(actor=manager, evaluation=ev)
        if i >= 6:
            continue  # two wait for the council
        evaluation_open_review(actor=manager, evaluation=ev)
        for who in (manager, admin, member):
            council_score(actor=who, evaluation=ev, scores={c.pk: (Decimal(rng.randint(14, 20)), "") for c in crit})
        evaluation_approve(actor=manager, evaluation=Evaluation.objects.get(pk=ev.pk))
        if i < 5:
            evaluation_publish(actor=manager, evaluation=Evaluation.objects.get(pk=ev.pk))
    return campaign, 1


def tq_decision(users: dict[str, User], communes: list[AdminUnit], campaign: Campaign) -> int:
    if AwardDecision.objects.filter(title=TQ_TITLE, issuer__name=TQ_COMMISSION).exists():
        return 0
    manager = users["tuyenquang"]
    commission = Organization.objects.select_related("unit").get(name=TQ_COMMISSION, unit__era_id=OLD)
    rng = random.Random("tq-decision-2024")  # noqa: S311 - seeded draws: the same demo every load
    picked = rng.sample(communes, min(len(communes), TQ_COLLECTIVES))
    recipients = []
    for i in range(TQ_COLLECTIVES):
        commune = picked[i % len(picked)]
        kind = COLLECTIVE_KINDS[i % len(COLLECTIVE_KINDS)]
        recipients.append(RecipientSpec(unit=commune, name=kind.format(c=_lower_first(commune.name))))
    for _i in range(TQ_INDIVIDUALS):
        commune = rng.choice(communes)
        recipients.append(
            RecipientSpec(
                unit=commune,
                name=vietnamese_name(rng),
                position=rng.choice(POSITIONS).format(c=_lower_first(commune.name)),
                new_person=True,
            )
        )
    decision = decision_create(
        actor=manager,
        issuer=commission,
        award=Award.objects.get(code="bang-khen-dang-mat-tran"),
        year=2024,
        title=TQ_TITLE,
        reason="Đã có thành tích xuất sắc trong thực hiện phong trào thi đua “Dân vận khéo” năm 2024",
        signer_name="Hoàng Thị Thu",
        signer_title="Trưởng Ban Dân vận Tỉnh ủy",
        suffix="BDVTU",
        place="Tuyên Quang",
        campaign=campaign,
        recipients=recipients,
        on=date(2024, 12, 20),
    )
    decision_issue(actor=manager, decision=decision, signed_on=date(2024, 12, 20))
    return 1


def nam_khe_decision(users: dict[str, User]) -> int:
    if AwardDecision.objects.filter(title=NK_TITLE).exists():
        return 0
    actor = users["quangninh"]
    front = Organization.objects.select_related("unit").get(name=NAM_KHE_FRONT, unit__era_id=OLD)
    ward = front.unit
    recipients = [
        RecipientSpec(unit=ward, name="Ban công tác Mặt trận khu 3, phường Nam Khê"),
        RecipientSpec(unit=ward, name="Ban công tác Mặt trận khu 5, phường Nam Khê"),
        RecipientSpec(unit=ward, name="Chi hội Phụ nữ khu phố Đồng Tâm, phường Nam Khê"),
        RecipientSpec(unit=ward, name="Vũ Thị Lành", position="Trưởng ban công tác Mặt trận khu 3", new_person=True),
        RecipientSpec(unit=ward, name="Đỗ Văn Hưng", position="Tổ trưởng tổ dân phố 7, khu 5", new_person=True),
        RecipientSpec(
            unit=ward, name="Phạm Thị Nguyệt", position="Chi hội trưởng Phụ nữ khu phố Đồng Tâm", new_person=True
        ),
    ]
    decision = decision_create(
        actor=actor,
        issuer=front,
        award=Award.objects.get(code="giay-khen-dang-mat-tran"),
        year=2024,
        title=NK_TITLE,
        reason="Đã có thành tích tiêu biểu trong Cuộc vận động năm 2024",
        signer_name="Nguyễn Thị Hòa",
        signer_title="Chủ tịch Ủy ban MTTQ Việt Nam phường",
        suffix="MTTQ",
        place="Nam Khê",
        recipients=recipients,
        on=date(2024, 12, 18),
    )
    decision_issue(actor=actor, decision=decision, signed_on=date(2024, 12, 18))
    return 1


def load() -> dict[str, int]:
    users = {u.username: u for u in User.objects.filter(username__in=["admin", "tuyenquang", "quangninh"])}
    province = AdminUnit.objects.get(era_id=OLD, code="08")
    communes = list(
        AdminUnit.objects.filter(era_id=OLD, path__startswith=province.path, level=Level.COMMUNE).order_by("path")
    )
    campaign, campaigns = tq_campaign(users, communes)
    decisions = tq_decision(users, communes, campaign) + nam_khe_decision(users)
    return {"campaigns": campaigns, "award decisions": decisions}
