"""Demo petitions: Nam Khê, Uông Bí and Tuyên Quang, in every state, one overdue; routing rules and handlers.

Idempotent: each demo petition has a fixed tracking code and is created only when missing. Dates
are relative to today, so the overdue one stays overdue and the dashboard shows this year.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from danvan.engagement.models.petitions import Petition, RemoteArea, RoutingRule, Topic
from danvan.engagement.services import petitions as svc
from danvan.engagement.services.petitions import SenderData
from danvan.geo.models import AdminUnit
from danvan.org.models import Organization, User

RULES = [  # (era, unit, topic or None, kind, organisation)
    ("2024", "196", None, "", "Ban Dân vận Thành ủy Uông Bí"),
    ("2024", "06823", "environment", "", "Ủy ban MTTQ Việt Nam phường Nam Khê"),
    ("2025", "22", None, "", "Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ninh"),
    ("2025", "08", None, "", "Ban Tuyên giáo và Dân vận Tỉnh ủy Tuyên Quang"),
    ("2024", "08", "security", "denunciation", "Công an tỉnh Tuyên Quang"),
]
REMOTE = [("2024", "198")]  # Bình Liêu: highland, 96% ethnic minorities

# code, (era, unit), kind, topic, subject, text, sender name, days ago, steps, handler
PETITIONS = [
    ("NKQN-2345-AAAB", ("2024", "06823"), "complaint", "environment", "Bãi rác tự phát đầu ngõ 12 phố Nam Sơn",
     "Từ tháng trước có người đổ rác, phế thải xây dựng ở đầu ngõ 12 phố Nam Sơn, gây mùi hôi và mất mỹ quan "
     "tuyến phố tự quản. Đề nghị phường kiểm tra, thu dọn và xử lý người vi phạm.", "Nguyễn Thị Lan", 60,
     ["accept", "start", "answer", "close", "rate"], "namkhe"),
    ("NKQN-2345-AAAC", ("2024", "06823"), "feedback", "infrastructure", "Đèn chiếu sáng ngõ 7 bị hỏng",
     "Ba cột đèn ở ngõ 7 khu 3 không sáng đã hai tuần, người dân đi làm ca đêm về rất bất tiện.", "", 25,
     ["accept", "answer"], "namkhe"),
    ("UBQN-2345-AAAD", ("2024", "196"), "recommendation", "social-policy", "Hỗ trợ hộ cận nghèo sửa nhà sau bão",
     "Sau bão số 3 (Yagi), nhiều hộ cận nghèo ở khu 4 bị tốc mái. Đề nghị thành phố xem xét hỗ trợ vật liệu và "
     "huy động đoàn viên thanh niên giúp sửa nhà.", "Trần Văn Hùng", 20, ["accept", "start"], "uongbi"),
    ("UBQN-2345-AAAE", ("2024", "196"), "complaint", "land", "Khiếu nại việc thu hồi đất làm đường",
     "Gia đình tôi bị thu hồi 120 m² đất để mở rộng đường nhưng chưa nhận được quyết định bồi thường. "
     "Đề nghị xem xét, giải quyết.", "Phạm Thị Hoa", 40, [], None),  # not accepted in 10 days: overdue
    ("TQTQ-2345-AAAF", ("2024", "08"), "denunciation", "security", "Tố cáo hoạt động cho vay nặng lãi",
     "Tại thôn Làng Chả có đối tượng cho vay lãi suất cao, đe dọa người vay. Đề nghị cơ quan công an xác minh.",
     "Hoàng Văn Sơn", 45, ["accept", "start", "extend"], None),
    ("TQTQ-2345-AAAG", ("2025", "08"), "feedback", "procedures", "Thời gian cấp giấy chứng nhận quá lâu",
     "Hồ sơ cấp giấy chứng nhận quyền sử dụng đất của tôi nộp từ ba tháng trước chưa có kết quả.", "", 15,
     ["reject"], None),
    ("VDQN-2345-AAAH", ("2025", "06820"), "recommendation", "health-education", "Mở lớp học bơi cho trẻ em",
     "Mùa hè năm nào cũng có trẻ đuối nước. Đề nghị phường phối hợp với trường học mở lớp dạy bơi miễn phí.",
     "", 2, [], None),
]  # fmt: skip

MANAGERS = {"2024/22": "quangninh", "2025/22": "quangninh", "2024/08": "tuyenquang", "2025/08": "tuyenquang"}


def _unit(era: str, code: str) -> AdminUnit:
    return AdminUnit.objects.get(era_id=era, code=code)


@transaction.atomic
def load() -> dict[str, int]:
    for era, code, topic, kind, org in RULES:
        RoutingRule.objects.get_or_create(
            unit=_unit(era, code),
            topic_id=topic,
            kind=kind,
            defaults={"organization": Organization.objects.get(name=org)},
        )
    for era, code in REMOTE:
        RemoteArea.objects.get_or_create(unit=_unit(era, code))
    created = 0
    now = timezone.now()
    for code, place, kind, topic, subject, text, name, days, steps, handler in PETITIONS:
        if Petition.objects.filter(tracking_code=code).exists():
            continue
        unit = _unit(*place)
        province = "/".join(unit.path.split("/")[:2])
        manager = User.objects.get(username=MANAGERS[province])
        sender = (
            SenderData(full_name=name, phone="09xx xxx xxx", address=f"{unit.name}", consent=True)
            if name
            else SenderData()
        )
        received = now - timedelta(days=days)
        p = svc.petition_submit(
            kind=kind, topic=Topic.objects.get(pk=topic), unit=unit, subject=subject, text=text, sender=sender,
            source="reception" if place[0] == "2024" else "public_form", now=received, actor=manager,
        )  # fmt: skip
        Petition.objects.filter(pk=p.pk).update(tracking_code=code)
        p.refresh_from_db()
        if handler:
            svc.petition_assign(actor=manager, petition=p, handler=User.objects.get(username=handler))
        _walk(p, steps, manager, received)
        created += 1
    return {"petitions": created}


def _walk(p: Petition, steps: list[str], actor: User, received: datetime) -> None:
    at = received
    for step in steps:
        at = at + timedelta(days=3)
        if step == "accept":
            svc.petition_accept(actor=actor, petition=p, now=at)
        elif step == "start":
            svc.petition_start(actor=actor, petition=p)
        elif step == "answer":
            svc.petition_answer(
                actor=actor,
                petition=p,
                now=at,
                answer="Đơn vị đã kiểm tra thực tế, xử lý xong và thông báo cho người gửi.",
            )
        elif step == "close":
            svc.petition_close(actor=actor, petition=p, now=at)
        elif step == "rate":
            svc.petition_rate(
                code=Petition.objects.get(pk=p.pk).tracking_code, rating=5, comment="Giải quyết nhanh, cảm ơn phường."
            )
        elif step == "extend":
            svc.petition_extend(  # a complicated case: one extension, by a written decision (art. 30)
                actor=actor,
                petition=p,
                reason="Cần xác minh thêm nhiều người liên quan.",
                decision_number="15/QĐ-CAT",
                decision_date=timezone.localtime(at).date(),
                complexity="complex",
            )
        elif step == "reject":
            svc.petition_reject(
                actor=actor,
                petition=p,
                now=at,
                reason="Nội dung thuộc thẩm quyền của Sở Nông nghiệp và Môi trường; "
                "đã hướng dẫn người gửi liên hệ bộ phận một cửa.",
            )
