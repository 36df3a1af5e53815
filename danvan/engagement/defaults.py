"""Reference data with its legal defaults, installed by migration 0002; administrators edit it afterwards.

Time limits: acceptance within 10 days; complaints settled within 30 days of acceptance, 45 when
complicated, 45/60 in remote areas (Law on Complaints 2011, arts. 27-28); denunciations within 30
days, extendable once, twice when complicated, by up to 30 days each (Law on Denunciations 2018,
art. 30). The law sets no limit for recommendations and feedback: 30 days is DanVan's choice.
Retention of senders' identities after closing: DanVan's choice, 5 years for complaints and
denunciations (the files of a settled case), 2 years otherwise.
"""

from __future__ import annotations

DEADLINES = [
    # kind, remote, accept, settle, complex, extension days, extensions allowed
    ("complaint", False, 10, 30, 45, 0, 0),
    ("complaint", True, 10, 45, 60, 0, 0),
    ("denunciation", False, 10, 30, 30, 30, 2),
    ("recommendation", False, 10, 30, 30, 0, 0),
    ("feedback", False, 10, 30, 30, 0, 0),
]

RETENTION_MONTHS = {"complaint": 60, "denunciation": 60, "recommendation": 24, "feedback": 24}

TOPICS = [
    ("land", "Đất đai", "Land"),
    ("environment", "Môi trường", "Environment"),
    ("social-policy", "Chính sách xã hội", "Social policy"),
    ("infrastructure", "Hạ tầng, giao thông", "Infrastructure and transport"),
    ("security", "An ninh, trật tự", "Security and order"),
    ("procedures", "Thủ tục hành chính", "Administrative procedures"),
    ("officials", "Cán bộ, công chức", "Conduct of officials"),
    ("labour", "Lao động, việc làm", "Labour and jobs"),
    ("health-education", "Y tế, giáo dục", "Health and education"),
    ("other", "Khác", "Other"),
]

# the official list of 54 ethnic groups and their codes (General Statistics Office, Decision 121-TCTK/PPCĐ)
ETHNIC_GROUPS = [
    "Kinh", "Tày", "Thái", "Hoa", "Khơ-me", "Mường", "Nùng", "HMông", "Dao", "Gia-rai", "Ngái", "Ê-đê", "Ba na",
    "Xơ-Đăng", "Sán Chay", "Cơ-ho", "Chăm", "Sán Dìu", "Hrê", "Mnông", "Ra-glai", "Xtiêng", "Bru-Vân Kiều", "Thổ",
    "Giáy", "Cơ-tu", "Gié Triêng", "Mạ", "Khơ-mú", "Co", "Tà-ôi", "Chơ-ro", "Kháng", "Xinh-mun", "Hà Nhì", "Chu ru",
    "Lào", "La Chí", "La Ha", "Phù Lá", "La Hủ", "Lự", "Lô Lô", "Chứt", "Mảng", "Pà Thẻn", "Co Lao", "Cống", "Bố Y",
    "Si La", "Pu Péo", "Brâu", "Ơ Đu", "Rơ-măm",
]  # fmt: skip


def install(DeadlineRule, RetentionRule, Topic, EthnicGroup) -> None:  # historical models from the migration
    """Create what is missing; never overwrite an administrator's edits."""
    for kind, remote, accept, settle, complex_, ext, n_ext in DEADLINES:
        DeadlineRule.objects.get_or_create(
            kind=kind,
            remote=remote,
            defaults={
                "accept_days": accept,
                "settle_days": settle,
                "complex_days": complex_,
                "extension_days": ext,
                "max_extensions": n_ext,
            },
        )
    for kind, months in RETENTION_MONTHS.items():
        RetentionRule.objects.get_or_create(kind=kind, defaults={"months": months})
    for position, (code, name, name_en) in enumerate(TOPICS):
        Topic.objects.get_or_create(code=code, defaults={"name": name, "name_en": name_en, "position": position})
    for i, name in enumerate(ETHNIC_GROUPS, start=1):
        EthnicGroup.objects.get_or_create(code=f"{i:02d}", defaults={"name": name})
