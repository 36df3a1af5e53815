"""Demo dialogues, Three Together activities and prestigious persons, from the field notes.

Idempotent: a dialogue is found by (host, date, title), an issue by (dialogue, subject), an
activity by (organisation, place, first day), a person by (name, place). Everything is written
through the services, acting as the national administrator (the demo has no account in Bình
Dương or Bình Liêu).

- Thủ Dầu Một (Bình Dương, 2024 map): two "Morning coffee — exchange with the people" sessions of
  the city's Mass Mobilization Commission in Phú Cường ward; the first raised three issues (one
  settled on time, one settled, one overdue), the second shows them as "what was promised last time".
- Tuyên Quang 2024: eight Three Together activities of provincial organisations in its districts,
  a small part of the province's year (1,008 cells, 33,800 cadres, 140,300 people, 306 houses): they
  add 8 activities by 4 organisations, 112 cadres, 1,330 people, 4 houses built + 7 repaired = 11.
- Bình Liêu (Quảng Ninh, 2024 map): 12 of its 119 prestigious persons, Tày, Dao and Sán Chay, in
  its communes. The reporting demo types 119 for the district: it should type 119 − 12 = 107 as
  "not recorded item by item", since these 12 are counted from the records.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from danvan.engagement.models import (
    Dialogue,
    EthnicGroup,
    GrassrootsActivity,
    PersonEngagement,
    Petition,
    PrestigiousPerson,
)
from danvan.engagement.services.activities import activity_create
from danvan.engagement.services.dialogues import dialogue_create, dialogue_issue_add, dialogue_issue_settle
from danvan.engagement.services.persons import person_create, person_engagement_add
from danvan.geo.models import AdminUnit
from danvan.org.models import Organization, User

OLD = "2024"
TDM_COMMISSION = "Ban Dân vận Thành ủy Thủ Dầu Một"
TDM_UNION = "Liên đoàn Lao động thành phố Thủ Dầu Một"

# title, date, ward code, participants, summary, [(subject, owner, promised by, outcome or "")]
DIALOGUES = [
    (
        "Cà phê sáng — trao đổi với nhân dân phường Phú Cường (tháng 10/2024)",
        date(2024, 10, 12),
        "25747",
        64,
        "Lãnh đạo Thành ủy, UBND thành phố và phường gặp gỡ người dân, công nhân nhà trọ; ghi nhận ý kiến về "
        "an ninh trật tự, thu gom rác và điều kiện sống của người lao động.",
        [
            (
                "Lắp camera an ninh tại các dãy nhà trọ khu phố 5",
                TDM_COMMISSION,
                date(2024, 11, 30),
                "Đã lắp 12 camera kết nối với công an phường (mô hình “Camera an ninh”).",
            ),
            (
                "Thu gom rác ban đêm ở tuyến đường Bạch Đằng",
                TDM_COMMISSION,
                date(2024, 11, 15),
                "Đã tổ chức thu gom rác ban đêm hai tối mỗi tuần từ 01/11/2024.",
            ),
            (
                "Hỗ trợ công nhân thuê trọ tham gia bảo hiểm y tế hộ gia đình",
                TDM_UNION,
                date(2024, 12, 31),
                "",  # still open: overdue
            ),
        ],
    ),
    (
        "Cà phê sáng — trao đổi với nhân dân phường Phú Cường (tháng 12/2024)",
        date(2024, 12, 14),
        "25747",
        58,
        "Báo cáo kết quả giải quyết các kiến nghị của buổi cà phê sáng tháng 10; tiếp tục lắng nghe ý kiến.",
        [],
    ),
]

# organisation, district or commune code, (first day, last day), cadres, people, what was done,
# houses built, repaired, money (VND), workdays, description
ACTIVITIES = [
    (
        "Tỉnh đoàn Tuyên Quang",
        "02227",
        (date(2024, 3, 18), date(2024, 3, 22)),
        15,
        180,
        ["eat", "live", "work"],
        1,
        1,
        45_000_000,
        60,
        "Thanh niên tình nguyện làm đường bê tông, sửa nhà cho hộ nghèo.",
    ),
    (
        "Hội Liên hiệp Phụ nữ tỉnh Tuyên Quang",
        "02233",
        (date(2024, 4, 8), date(2024, 4, 11)),
        12,
        150,
        ["eat", "live", "propaganda"],
        0,
        1,
        20_000_000,
        36,
        "Tuyên truyền phòng chống tảo hôn, hỗ trợ sửa nhà.",
    ),
    (
        "Ban Dân vận Tỉnh ủy Tuyên Quang",
        "02242",
        (date(2024, 5, 6), date(2024, 5, 9)),
        10,
        120,
        ["eat", "live", "work", "propaganda"],
        0,
        0,
        0,
        30,
        "Cùng ăn, cùng ở, cùng làm với đồng bào Dao.",
    ),
    (
        "Công an tỉnh Tuyên Quang",
        "02251",
        (date(2024, 6, 10), date(2024, 6, 14)),
        20,
        210,
        ["live", "work", "help"],
        1,
        2,
        80_000_000,
        100,
        "Xây nhà đại đoàn kết, giúp dân thu hoạch.",
    ),
    (
        "Tỉnh đoàn Tuyên Quang",
        "02200",
        (date(2024, 7, 15), date(2024, 7, 19)),
        18,
        160,
        ["work", "help"],
        0,
        0,
        10_000_000,
        90,
        "Chiến dịch thanh niên tình nguyện hè.",
    ),
    (
        "Hội Liên hiệp Phụ nữ tỉnh Tuyên Quang",
        "02221",
        (date(2024, 8, 19), date(2024, 8, 22)),
        9,
        140,
        ["eat", "propaganda", "help"],
        1,
        1,
        35_000_000,
        27,
        "Hỗ trợ phụ nữ nghèo phát triển kinh tế.",
    ),
    (
        "Công an tỉnh Tuyên Quang",
        "02266",
        (date(2024, 9, 23), date(2024, 9, 27)),
        16,
        190,
        ["live", "work", "help"],
        1,
        2,
        60_000_000,
        80,
        "Khắc phục hậu quả bão số 3 (Yagi): dựng lại nhà, dọn đất sạt lở.",
    ),
    (
        "Ban Dân vận Tỉnh ủy Tuyên Quang",  # in 2024: the commission merged in 2025 did not exist yet
        "02209",
        (date(2024, 11, 4), date(2024, 11, 7)),
        12,
        180,
        ["eat", "live", "propaganda"],
        0,
        0,
        0,
        24,
        "Tuyên truyền Nghị quyết 20-NQ/TU, nắm tình hình dân cư.",
    ),
]

# name, year of birth, gender, commune code, standing, since, ethnic group
PERSONS = [
    ("Lục Văn Thắng", 1952, "male", "06841", "elder", date(2019, 3, 1), "Tày"),
    ("Hoàng Văn Páo", 1958, "male", "06841", "clan_head", date(2020, 3, 1), "Dao"),
    ("Chìu Văn Sáng", 1961, "male", "06844", "village_head", date(2021, 3, 1), "Dao"),
    ("Lý A Sìn", 1955, "male", "06844", "elder", date(2019, 3, 1), "Dao"),
    ("Vi Thị Hoa", 1965, "female", "06847", "elder", date(2022, 3, 1), "Tày"),
    ("Nịnh Văn Cắm", 1960, "male", "06847", "clan_head", date(2019, 3, 1), "Sán Chay"),
    ("Lô Văn Thành", 1957, "male", "06853", "elder", date(2020, 3, 1), "Sán Chay"),
    ("Tằng Văn Phúc", 1963, "male", "06853", "village_head", date(2023, 3, 1), "Dao"),
    ("Hoàng Thị Mai", 1968, "female", "06856", "intellectual", date(2021, 3, 1), "Tày"),
    ("Dìu A Phẩu", 1950, "male", "06856", "elder", date(2019, 3, 1), "Dao"),
    ("Nông Văn Lợi", 1962, "male", "06859", "clan_head", date(2022, 3, 1), "Sán Chay"),
    ("Lương Văn Khang", 1959, "male", "06838", "elder", date(2019, 3, 1), "Tày"),
]


def _unit(code: str) -> AdminUnit:
    return AdminUnit.objects.get(era_id=OLD, code=code)


def _org(name: str) -> Organization:
    return Organization.objects.get(name=name)


def _dialogues(actor: Any) -> tuple[int, int]:
    made = issues = 0
    host = _org(TDM_COMMISSION)
    for title, held_on, ward, participants, summary, raised in DIALOGUES:
        dialogue = Dialogue.objects.filter(host=host, held_on=held_on, title=title).first()
        if dialogue is None:
            dialogue = dialogue_create(
                actor=actor,
                title=title,
                format=Dialogue.Format.MORNING_COFFEE,
                held_on=held_on,
                unit=_unit(ward),
                place_detail="Hội trường khu phố 5",
                host=host,
                participants_count=participants,
                participants="Lãnh đạo Thành ủy, UBND thành phố, UBND phường, công an phường, người dân và công nhân.",
                summary=summary,
            )
            made += 1
        for subject, owner, promised, outcome in raised:
            if Petition.objects.filter(dialogue=dialogue, subject=subject).exists():
                continue
            issue = dialogue_issue_add(
                actor=actor, dialogue=dialogue, subject=subject, owner=_org(owner), deadline=promised
            )
            issues += 1
            if outcome:
                dialogue_issue_settle(actor=actor, issue=issue, answer=outcome)
    return made, issues


def _activities(actor: Any) -> int:
    made = 0
    for org, code, (start, end), cadres, people, what, built, repaired, money, workdays, text in ACTIVITIES:
        organization, place = _org(org), _unit(code)
        if GrassrootsActivity.objects.filter(organization=organization, unit=place, start_date=start).exists():
            continue
        activity_create(
            actor=actor,
            organization=organization,
            unit=place,
            start_date=start,
            end_date=end,
            cadres_count=cadres,
            people_count=people,
            activities=what,
            description=text,
            houses_built=built,
            houses_repaired=repaired,
            money=money,
            workdays=workdays,
        )
        made += 1
    return made


def _persons(actor: Any) -> int:
    made = 0
    for name, born, gender, code, standing, since, group in PERSONS:
        village = _unit(code)
        if PrestigiousPerson.objects.filter(full_name=name, village=village).exists():
            continue
        person = person_create(
            actor=actor,
            full_name=name,
            birth_year=born,
            gender=gender,
            village=village,
            standing=standing,
            since=since,
            ethnic_group=EthnicGroup.objects.get(name=group),
        )
        person_engagement_add(
            actor=actor,
            person=person,
            held_on=date(2024, 9, 25),
            kind=PersonEngagement.Kind.POLICY,
            notes="Vận động bà con khắc phục hậu quả bão số 3, giữ gìn an ninh trật tự thôn bản.",
        )
        made += 1
    return made


@transaction.atomic
def load() -> dict[str, int]:
    """Create what is missing; returns how many of each were created (all zero on a second run)."""
    actor = User.objects.filter(is_superuser=True).order_by("pk").first()
    dialogues, issues = _dialogues(actor)
    return {
        "dialogues": dialogues,
        "dialogue issues": issues,
        "Three Together activities": _activities(actor),
        "prestigious persons": _persons(actor),
    }
