"""The demo's models as data: the field notes' models, Bình Dương's, Tuyên Quang's, Ninh Sơn's and the copies."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from danvan.documents.models import PolicyDocument
from danvan.initiatives.models import Field

OLD, NEW = "2024", "2025"
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
ECO, CUL, SEC, PARTY = Field.ECONOMIC, Field.CULTURAL_SOCIAL, Field.DEFENCE_SECURITY, Field.PARTY_BUILDING
NQ25 = ("25-NQ/TW", "Ban Chấp hành Trung ương Đảng khóa XI")
NQ20_TQ = ("20-NQ/TU", "Tỉnh ủy Tuyên Quang")
DA02_BD = ("02-ĐA/TU", "Tỉnh ủy Bình Dương")
DA02_TQ = ("02-ĐA/TU", "Tỉnh ủy Tuyên Quang")

# (number, issuer), kind, title, issued on (left empty where the field notes do not give the date)
POLICY_DOCUMENTS = [
    (
        NQ25,
        PolicyDocument.Kind.RESOLUTION,
        "Nghị quyết Hội nghị lần thứ bảy Ban Chấp hành Trung ương Đảng khóa XI về tăng cường và đổi mới "
        "sự lãnh đạo của Đảng đối với công tác dân vận trong tình hình mới",
        date(2013, 6, 3),
    ),
    (NQ20_TQ, PolicyDocument.Kind.RESOLUTION, "Nghị quyết về phương hướng, nhiệm vụ năm 2024", None),
    (
        DA02_BD,
        PolicyDocument.Kind.PROJECT,
        "Đề án 02 về công tác dân vận xây dựng nếp sống văn hóa, văn minh, giai đoạn 2021-2025",
        None,
    ),
    (
        DA02_TQ,
        PolicyDocument.Kind.PROJECT,
        "Đề án 02 về “Dân vận khéo” gắn với phong trào thi đua yêu nước",
        None,
    ),
]

# organisations the models need beyond org.demo's: (era, unit code, kind, name)
ORGANIZATIONS = [
    (OLD, "718", "mttq", "Ủy ban MTTQ Việt Nam thành phố Thủ Dầu Một"),
    (OLD, "718", "hoi-lhpn", "Hội Liên hiệp Phụ nữ thành phố Thủ Dầu Một"),
    (OLD, "718", "doan-thanh-nien", "Thành đoàn Thủ Dầu Một"),
    (OLD, "718", "cong-an", "Công an thành phố Thủ Dầu Một"),
    (OLD, "06847", "mttq", "Ủy ban MTTQ Việt Nam xã Đồng Văn"),
    (OLD, "585", "hoi-nong-dan", "Hội Nông dân huyện Ninh Sơn"),
    (OLD, "585", "hoi-lhpn", "Hội Liên hiệp Phụ nữ huyện Ninh Sơn"),
    (OLD, "585", "doan-thanh-nien", "Huyện đoàn Ninh Sơn"),
    (OLD, "585", "hoi-cuu-chien-binh", "Hội Cựu chiến binh huyện Ninh Sơn"),
    (OLD, "585", "cong-an", "Công an huyện Ninh Sơn"),
    *[
        (OLD, code, "mttq", f"Ủy ban MTTQ Việt Nam {name}")
        for code, name in [
            ("22810", "thị trấn Tân Sơn"),
            ("22813", "xã Lâm Sơn"),
            ("22816", "xã Lương Sơn"),
            ("22819", "xã Quảng Sơn"),
            ("22822", "xã Mỹ Sơn"),
            ("22825", "xã Hòa Sơn"),
            ("22828", "xã Ma Nới"),
            ("22831", "xã Nhơn Sơn"),
        ]
    ],
]


@dataclass
class Step:
    to: str
    by: str  # username
    on: date
    comment: str = ""


@dataclass
class Spec:
    """One model: where, what, who created it when, and the steps of its lifecycle."""

    era: str
    code: str
    org: str
    name: str
    field: str
    year: int
    by: str
    on: date
    steps: list[Step] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    results: dict[str, Any] = field(default_factory=dict)
    target_groups: list[str] = field(default_factory=list)
    documents: list[tuple[str, str]] = field(default_factory=list)
    person: tuple[str, str] | None = None  # (full name, position): an individual model
    copy_of: tuple[str, str, str, int] | None = None  # (era, code, name, year) of the original


def _walk(on: date, *chain: tuple[str, str, int, str]) -> list[Step]:
    """Steps from (status, username, days after the previous step, comment)."""
    steps, day = [], on
    for to, who, days, comment in chain:
        day += timedelta(days=days)
        steps.append(Step(to, who, day, comment))
    return steps


NAM_SON = "Tuyến phố tự quản Nam Sơn"
MORNING_COFFEE = "Cà phê sáng – trao đổi cùng Nhân dân"

FIELD_NOTES = [
    Spec(
        OLD,
        "06823",
        "Ủy ban MTTQ Việt Nam phường Nam Khê",
        NAM_SON,
        CUL,
        2024,
        "namkhe",
        date(2024, 2, 26),
        _walk(
            date(2024, 2, 26),
            ("registered", "namkhe", 1, ""),
            ("recognised", "uongbi", 120, "Đạt các tiêu chí; nhân dân tự quản, giữ gìn tuyến phố sạch đẹp."),
            ("typical", "quangninh", 180, "Mô hình tiêu biểu của tỉnh năm 2024, cần nhân rộng."),
        ),
        details={
            "situation": "Tuyến phố Nam Sơn xuống cấp, thiếu chiếu sáng, chưa bảo đảm an toàn giao thông.",
            "objectives": "Tuyến phố sáng – xanh – sạch – đẹp, an toàn giao thông, do Nhân dân tự quản.",
            "content": "Vận động 106 hộ dân cùng bàn, cùng làm, cùng đóng góp chỉnh trang hạ tầng, bảo đảm an toàn "
            "giao thông và mỹ quan tuyến phố dài khoảng 1 km; các hộ tự giữ gìn vệ sinh.",
            "area_and_targets": "Tuyến phố Nam Sơn, phường Nam Khê; 106 hộ gia đình.",
            "forces": "Ủy ban MTTQ phường chủ trì; chi bộ, ban công tác Mặt trận khu phố và các đoàn thể phối hợp.",
            "social_contributions_vnd": 185_000_000,
            "start_date": date(2024, 3, 1),
            "evaluation_date": date(2024, 11, 30),
            "outputs": "Khoảng 1 km tuyến phố được chỉnh trang; 106 hộ tham gia; 185 triệu đồng Nhân dân đóng góp.",
            "sustainability": "Các hộ tự quản, tự giữ gìn vệ sinh; dễ nhân rộng ra các khu phố khác.",
        },
        results={"ho-gia-dinh": 106, "tien-huy-dong": 185_000_000, "km-duong": 1},
        target_groups=["khu-dan-cu"],
        documents=[NQ25],
    ),
    Spec(
        OLD,
        "205",
        "Hội Cựu chiến binh thị xã Đông Triều",
        "Thắp sáng đường quê",
        ECO,
        2024,
        "quangninh",
        date(2024, 1, 15),
        _walk(
            date(2024, 1, 15),
            ("registered", "quangninh", 2, ""),
            ("recognised", "quangninh", 150, "Hơn 10.000 bộ đèn trên gần 400 km đường."),
            ("typical", "quangninh", 160, ""),
        ),
        details={
            "content": "Hội viên cựu chiến binh vận động Nhân dân cùng lắp đặt đèn chiếu sáng dọc các tuyến đường "
            "thôn, xóm.",
            "forces": "Hội Cựu chiến binh thị xã chủ trì; các chi hội cựu chiến binh và Nhân dân thực hiện.",
            "outputs": "Hơn 10.000 bộ đèn chiếu sáng dọc gần 400 km đường.",
        },
        results={"bo-den": 10_000, "km-duong": 400},
        target_groups=["cuu-chien-binh", "khu-dan-cu"],
        documents=[NQ25],
    ),
    Spec(
        OLD,
        "06847",
        "Ủy ban MTTQ Việt Nam xã Đồng Văn",
        "Người có uy tín làm cầu nối giữa Đảng, chính quyền với đồng bào dân tộc thiểu số",
        SEC,
        2024,
        "quangninh",
        date(2024, 4, 2),
        _walk(date(2024, 4, 2), ("registered", "quangninh", 1, ""), ("recognised", "quangninh", 90, "")),
        details={"content": "Tuyên truyền, vận động đồng bào chấp hành chủ trương của Đảng, chính sách, pháp luật."},
        target_groups=["dan-toc-thieu-so"],
        person=("Vi Văn Thắng", "Người có uy tín, xã Đồng Văn"),
    ),
]


def _binh_duong(name: str, org: str, field_: str, steps: tuple[tuple[str, str, int, str], ...], **kw: Any) -> Spec:
    return Spec(
        OLD,
        "718",
        org,
        name,
        field_,
        2024,
        "admin",
        date(2024, 1, 20),
        _walk(date(2024, 1, 20), ("registered", "admin", 3, ""), *steps),
        documents=[DA02_BD, NQ25],
        **kw,
    )


_RECOGNISED = (("recognised", "admin", 100, "Mô hình duy trì, hoạt động hiệu quả."),)
_TYPICAL = (*_RECOGNISED, ("typical", "admin", 200, "Tiêu biểu trong công tác bảo đảm an sinh xã hội."))
BINH_DUONG = [
    _binh_duong("Heo đất an sinh xã hội", "Hội Liên hiệp Phụ nữ thành phố Thủ Dầu Một", CUL, _RECOGNISED),
    _binh_duong("Camera an ninh", "Công an thành phố Thủ Dầu Một", SEC, _RECOGNISED, target_groups=["khu-dan-cu"]),
    _binh_duong("Câu lạc bộ lý luận trẻ", "Thành đoàn Thủ Dầu Một", PARTY, _RECOGNISED, target_groups=["thanh-nien"]),
    _binh_duong(
        "Gần đoàn viên, sát cơ sở",
        "Liên đoàn Lao động thành phố Thủ Dầu Một",
        PARTY,
        _RECOGNISED,
        target_groups=["cong-nhan"],
    ),
    _binh_duong("5 không, 3 sạch", "Hội Liên hiệp Phụ nữ thành phố Thủ Dầu Một", CUL, _RECOGNISED),
    _binh_duong(
        MORNING_COFFEE,
        "Ban Dân vận Thành ủy Thủ Dầu Một",
        CUL,
        _TYPICAL,
        details={"content": "Mỗi sáng, cán bộ gặp gỡ Nhân dân bên ly cà phê, lắng nghe và giải quyết kiến nghị."},
    ),
    _binh_duong("Thu gom rác ban đêm", "Ủy ban MTTQ Việt Nam thành phố Thủ Dầu Một", CUL, _RECOGNISED),
    _binh_duong(
        "Nhà trọ nhân ái, nghĩa tình",
        "Ủy ban MTTQ Việt Nam thành phố Thủ Dầu Một",
        CUL,
        _TYPICAL,
        target_groups=["cong-nhan"],
    ),
]

TUYEN_QUANG = [
    Spec(
        OLD,
        "070",
        "Hội Liên hiệp Phụ nữ tỉnh Tuyên Quang",
        "Phụ nữ giúp nhau phát triển kinh tế hộ gia đình",
        ECO,
        2024,
        "tuyenquang",
        date(2024, 3, 4),
        _walk(date(2024, 3, 4), ("registered", "tuyenquang", 2, ""), ("recognised", "tuyenquang", 60, "")),
        target_groups=["phu-nu"],
        documents=[NQ20_TQ, DA02_TQ],
    ),
    Spec(
        OLD,
        "072",
        "Tỉnh đoàn Tuyên Quang",
        "Thanh niên giúp đồng bào vùng cao sửa nhà sau bão số 3",
        CUL,
        2024,
        "tuyenquang",
        date(2024, 9, 16),
        _walk(date(2024, 9, 16), ("registered", "tuyenquang", 1, "")),
        results={"nha-xay-sua": 12},
        target_groups=["thanh-nien", "ho-ngheo"],
        documents=[NQ20_TQ, DA02_TQ],
    ),
    Spec(
        OLD,
        "075",
        "Công an tỉnh Tuyên Quang",
        "Công an xã bám dân, giữ bình yên thôn bản",
        SEC,
        2024,
        "tuyenquang",
        date(2024, 5, 6),
        documents=[DA02_TQ],
    ),
]

# Ninh Sơn district (2024/585): commune code -> where, and the models it registered in 2024
COPIES = [
    Spec(
        OLD,
        "196",
        "Ban Dân vận Thành ủy Uông Bí",
        MORNING_COFFEE,
        CUL,
        2025,
        "uongbi",
        date(2025, 1, 13),
        _walk(date(2025, 1, 13), ("registered", "uongbi", 2, ""), ("recognised", "quangninh", 45, "")),
        copy_of=(OLD, "718", MORNING_COFFEE, 2024),
    ),
    Spec(
        OLD,
        "06823",
        "Ủy ban MTTQ Việt Nam phường Nam Khê",
        MORNING_COFFEE,
        CUL,
        2025,
        "namkhe",
        date(2025, 2, 17),
        _walk(date(2025, 2, 17), ("registered", "namkhe", 3, "")),
        copy_of=(OLD, "718", MORNING_COFFEE, 2024),
    ),
    Spec(
        NEW,
        "06820",
        "Ủy ban MTTQ Việt Nam phường Vàng Danh",
        NAM_SON,
        CUL,
        2025,
        "quangninh",
        date(2025, 8, 4),
        _walk(date(2025, 8, 4), ("registered", "quangninh", 5, "")),
        copy_of=(OLD, "06823", NAM_SON, 2024),
    ),
    Spec(
        OLD,
        "22810",
        "Ủy ban MTTQ Việt Nam thị trấn Tân Sơn",
        NAM_SON,
        CUL,
        2025,
        "ninhson",
        date(2025, 4, 7),
        copy_of=(OLD, "06823", NAM_SON, 2024),
    ),
]
