"""The titles, forms of commendation and authorities of Law 06/2022/QH15, installed by migration 0002.

`checked` marks a citation read against the published text: art. 80 (commune, district and agency
powers) in Official Gazette (Công báo) nos. 571-572 of 15 July 2022, and art. 54 (medals). The others
cite the law as secondary sources summarise it; a maintainer confirms the article and ticks `checked`.
The district chairman's powers end with the districts (30 June 2025); from 1 July 2025 the commune
chairman holds them (two-level local government) — that row is DanVan's reading, unchecked.
"""

from __future__ import annotations

from datetime import date

LAW = "Luật Thi đua, khen thưởng 2022 (06/2022/QH15)"
ART80 = f"{LAW}, Điều 80"
CENTRAL = f"{LAW}, thẩm quyền quyết định tặng; Nghị định 98/2023/NĐ-CP"
OWN_RULES = (
    "Quy chế khen thưởng của cấp ủy Đảng, Ủy ban MTTQ Việt Nam và các đoàn thể (theo quy chế của cơ quan ban hành)"
)
START = date(2024, 1, 1)  # the law in force
DISTRICTS_END = date(2025, 6, 30)
TWO_LEVELS = date(2025, 7, 1)

ONE, GROUP, HOME, VILL = "individual", "collective", "household", "village"

# code, name, English name, category, recipients, legal basis, checked
AWARDS = [
    ("chien-si-thi-dua-toan-quoc", "Chiến sĩ thi đua toàn quốc", "National Emulation Fighter", "title", [ONE],
     f"{LAW}, Điều 19 (danh hiệu thi đua đối với cá nhân)", False),
    ("chien-si-thi-dua-tinh", "Chiến sĩ thi đua bộ, ban, ngành, tỉnh", "Ministerial or Provincial Emulation Fighter",
     "title", [ONE], f"{LAW}, Điều 19", False),
    ("chien-si-thi-dua-co-so", "Chiến sĩ thi đua cơ sở", "Grassroots Emulation Fighter", "title", [ONE],
     f"{LAW}, Điều 19", False),
    ("lao-dong-tien-tien", "Lao động tiên tiến", "Advanced Worker", "title", [ONE], f"{LAW}, Điều 19", False),
    ("co-thi-dua-chinh-phu", "Cờ thi đua của Chính phủ", "Government Emulation Flag", "title", [GROUP],
     f"{LAW}, Điều 19 (danh hiệu thi đua đối với tập thể)", False),
    ("co-thi-dua-tinh", "Cờ thi đua của bộ, ban, ngành, tỉnh", "Ministerial or Provincial Emulation Flag", "title",
     [GROUP], f"{LAW}, Điều 19", False),
    ("tap-the-lao-dong-xuat-sac", "Tập thể lao động xuất sắc", "Excellent Labour Collective", "title", [GROUP],
     f"{LAW}, Điều 19", False),
    ("tap-the-lao-dong-tien-tien", "Tập thể lao động tiên tiến", "Advanced Labour Collective", "title", [GROUP],
     f"{LAW}, Điều 19", False),
    ("gia-dinh-van-hoa", "Gia đình văn hóa", "Cultured Family", "title", [HOME],
     f"{LAW}, Điều 20 (danh hiệu thi đua đối với hộ gia đình); Điều 80 khoản 3", False),
    ("thon-to-dan-pho-van-hoa", "Thôn, tổ dân phố văn hóa", "Cultured Village or Residential Group", "title", [VILL],
     f"{LAW}, Điều 80 khoản 2", True),
    ("huan-chuong", "Huân chương", "Order", "commendation", [ONE, GROUP], f"{LAW}, Điều 33", False),
    ("huy-chuong", "Huy chương", "Medal", "commendation", [ONE], f"{LAW}, Điều 54", True),
    ("danh-hieu-vinh-du-nha-nuoc", "Danh hiệu vinh dự nhà nước", "State honorary title", "commendation", [ONE, GROUP],
     f"{LAW} (hình thức khen thưởng)", False),
    ("giai-thuong-ho-chi-minh", "Giải thưởng Hồ Chí Minh", "Ho Chi Minh Prize", "commendation", [ONE, GROUP],
     f"{LAW} (hình thức khen thưởng)", False),
    ("giai-thuong-nha-nuoc", "Giải thưởng Nhà nước", "State Prize", "commendation", [ONE, GROUP],
     f"{LAW} (hình thức khen thưởng)", False),
    ("ky-niem-chuong", "Kỷ niệm chương", "Commemorative medal", "commendation", [ONE],
     f"{LAW} (hình thức khen thưởng)", False),
    ("bang-khen-thu-tuong", "Bằng khen của Thủ tướng Chính phủ", "Prime Minister's Certificate of Merit",
     "commendation", [ONE, GROUP, HOME], f"{LAW} (hình thức khen thưởng: bằng khen)", False),
    ("bang-khen-tinh", "Bằng khen cấp bộ, ban, ngành, tỉnh", "Ministerial or Provincial Certificate of Merit",
     "commendation", [ONE, GROUP, HOME], f"{LAW} (hình thức khen thưởng: bằng khen)", False),
    ("giay-khen", "Giấy khen", "Certificate of Commendation", "commendation", [ONE, GROUP, HOME],
     f"{ART80} khoản 1-4", True),
    # the Party's and the Front's own (Tuyên Quang's commission awarded its own Bằng khen for 2024):
    # their rules are each body's regulations, not this law; DanVan's reading, unchecked
    ("bang-khen-dang-mat-tran", "Bằng khen", "Certificate of Merit (Party or Front, provincial)", "commendation",
     [ONE, GROUP], OWN_RULES, False),
    ("giay-khen-dang-mat-tran", "Giấy khen", "Certificate of Commendation (Party or Front)", "commendation",
     [ONE, GROUP], OWN_RULES, False),
]  # fmt: skip

# award code, awarder, valid from, valid to, legal basis, checked
AUTHORITIES = [
    ("chien-si-thi-dua-toan-quoc", "prime_minister", START, None, CENTRAL, False),
    ("co-thi-dua-chinh-phu", "prime_minister", START, None, CENTRAL, False),
    ("bang-khen-thu-tuong", "prime_minister", START, None, CENTRAL, False),
    *((code, "president", START, None, CENTRAL, False)
      for code in ("huan-chuong", "huy-chuong", "danh-hieu-vinh-du-nha-nuoc", "giai-thuong-ho-chi-minh",
                   "giai-thuong-nha-nuoc")),
    ("ky-niem-chuong", "minister", START, None, CENTRAL, False),
    *((code, awarder, START, None, CENTRAL, False)
      for code in ("chien-si-thi-dua-tinh", "co-thi-dua-tinh", "tap-the-lao-dong-xuat-sac", "bang-khen-tinh")
      for awarder in ("minister", "province_chair")),
    # art. 80.1: heads of agencies with legal personality under a ministry, of provincial departments
    *((code, "agency_head", START, None, f"{ART80} khoản 1", True)
      for code in ("tap-the-lao-dong-tien-tien", "chien-si-thi-dua-co-so", "lao-dong-tien-tien", "giay-khen")),
    # art. 80.2: the district chairman, while there were districts
    *((code, "district_chair", START, DISTRICTS_END, f"{ART80} khoản 2", True)
      for code in ("thon-to-dan-pho-van-hoa", "tap-the-lao-dong-tien-tien", "chien-si-thi-dua-co-so",
                   "lao-dong-tien-tien", "giay-khen")),
    # art. 80.3: the commune chairman
    *((code, "commune_chair", START, None, f"{ART80} khoản 3", True)
      for code in ("lao-dong-tien-tien", "giay-khen", "gia-dinh-van-hoa")),
    # the district's powers with the commune under two-level local government: DanVan's reading, unchecked
    *((code, "commune_chair", TWO_LEVELS, None,
       f"{ART80} khoản 2 (thẩm quyền cấp huyện, do cấp xã thực hiện từ 01/7/2025 — cần đối chiếu văn bản phân cấp)",
       False)
      for code in ("thon-to-dan-pho-van-hoa", "tap-the-lao-dong-tien-tien", "chien-si-thi-dua-co-so")),
    # the Party's and the Front's own, each body under its rules
    *(("bang-khen-dang-mat-tran", awarder, START, None, OWN_RULES, False)
      for awarder in ("party_province", "front_province")),
    *(("giay-khen-dang-mat-tran", awarder, START, None, OWN_RULES, False)
      for awarder in ("party_province", "front_province", "party_local", "front_local")),
    # art. 80.4: directors of enterprises and cooperatives
    *((code, "enterprise_head", START, None, f"{ART80} khoản 4", True)
      for code in ("tap-the-lao-dong-tien-tien", "chien-si-thi-dua-co-so", "lao-dong-tien-tien", "giay-khen")),
]  # fmt: skip


def install(Award, AwardAuthority) -> None:  # historical models from the migration
    """Create what is missing; never overwrite an administrator's edits."""
    for position, (code, name, name_en, category, recipients, basis, checked) in enumerate(AWARDS):
        Award.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "category": category,
                "recipients": recipients,
                "legal_basis": basis,
                "checked": checked,
                "position": position,
            },
        )
    for code, awarder, start, end, basis, checked in AUTHORITIES:
        AwardAuthority.objects.get_or_create(
            award_id=code,
            awarder=awarder,
            valid_from=start,
            defaults={"valid_to": end, "legal_basis": basis, "checked": checked},
        )
