"""Organisations and accounts of the field notes, placed in the era their reports date from."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password

from danvan.core.demo import DEMO_PASSWORD
from danvan.geo.models import AdminUnit
from danvan.org.models import Membership, Organization, OrganizationKind, Role, User

OLD, NEW = "2024", "2025"

# (era, unit code, kind, name): reports of late 2024 and early 2025 speak of the old map
ORGANIZATIONS = [
    (OLD, "22", "ban-dan-van", "Ban Dân vận Tỉnh ủy Quảng Ninh"),
    (OLD, "22", "mttq", "Ủy ban MTTQ Việt Nam tỉnh Quảng Ninh"),
    (OLD, "196", "ban-dan-van", "Ban Dân vận Thành ủy Uông Bí"),
    (OLD, "06823", "mttq", "Ủy ban MTTQ Việt Nam phường Nam Khê"),
    (OLD, "198", "ban-dan-van", "Ban Dân vận Huyện ủy Bình Liêu"),
    (OLD, "205", "ban-dan-van", "Ban Dân vận Thị ủy Đông Triều"),
    (OLD, "205", "hoi-cuu-chien-binh", "Hội Cựu chiến binh thị xã Đông Triều"),
    (OLD, "08", "ban-dan-van", "Ban Dân vận Tỉnh ủy Tuyên Quang"),
    (OLD, "08", "cong-an", "Công an tỉnh Tuyên Quang"),
    (OLD, "08", "hoi-lhpn", "Hội Liên hiệp Phụ nữ tỉnh Tuyên Quang"),
    (OLD, "08", "doan-thanh-nien", "Tỉnh đoàn Tuyên Quang"),
    (OLD, "58", "ban-dan-van", "Ban Dân vận Tỉnh ủy Ninh Thuận"),
    (OLD, "585", "ban-dan-van", "Ban Dân vận Huyện ủy Ninh Sơn"),
    (OLD, "74", "ban-dan-van", "Ban Dân vận Tỉnh ủy Bình Dương"),
    (OLD, "718", "ban-dan-van", "Ban Dân vận Thành ủy Thủ Dầu Một"),
    (OLD, "718", "cong-doan", "Liên đoàn Lao động thành phố Thủ Dầu Một"),
    # after 1 July 2025 the commissions merged and the provinces were re-drawn
    (NEW, "22", "ban-tuyen-giao-dan-van", "Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ninh"),
    (NEW, "08", "ban-tuyen-giao-dan-van", "Ban Tuyên giáo và Dân vận Tỉnh ủy Tuyên Quang"),
    (NEW, "06820", "mttq", "Ủy ban MTTQ Việt Nam phường Vàng Danh"),
]

# username, full name, (role, era, unit code) or None for the superuser
USERS = [
    ("admin", "Quản trị hệ thống", None),
    ("quangninh", "Nguyễn Văn Hải", (Role.MANAGER, NEW, "22")),
    ("tuyenquang", "Hoàng Thị Thu", (Role.MANAGER, NEW, "08")),
    ("namkhe", "Trần Minh Đức", (Role.REPORTER, OLD, "06823")),
    ("uongbi", "Phạm Thu Hà", (Role.REVIEWER, OLD, "196")),
    ("ninhson", "Lê Văn Tâm", (Role.REPORTER, OLD, "585")),
]


def unit(era: str, code: str) -> AdminUnit:
    return AdminUnit.objects.get(era_id=era, code=code)


def load() -> dict[str, int]:
    orgs = 0
    for era, code, kind, name in ORGANIZATIONS:
        place = unit(era, code)
        _, created = Organization.objects.get_or_create(
            unit=place, name=name, defaults={"kind": OrganizationKind.objects.get(code=kind)}
        )
        orgs += created
    users = 0
    for username, full_name, grant in USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "full_name": full_name,
                "email": f"{username}@danvan.example",  # a reserved domain: the demo's mail goes to files
                "password": make_password(DEMO_PASSWORD),
                "is_superuser": grant is None,
                "is_staff": grant is None,
            },
        )
        users += created
        if grant:
            role, era, code = grant
            Membership.objects.get_or_create(user=user, role=role, unit=unit(era, code), organization=None)
    return {"organisations": orgs, "accounts": users}
