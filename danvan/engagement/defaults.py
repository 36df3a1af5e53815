"""Reference data with its legal defaults, installed by migrations 0002 and 0003; administrators edit it afterwards.

Time limits, each row citing its article (checked against the texts, see README "The law as written"):
- complaints, first instance: accepted within 10 days (Law on Complaints 02/2011/QH13, art. 27),
  settled within 30 days, 45 when complicated; 45/60 in remote areas (art. 28);
- complaints, second instance: accepted within 10 days (art. 36), settled within 45 days, 60 when
  complicated; 60/70 in remote areas (art. 37);
- denunciations: sorted and checked within 7 working days of receipt (Law on Denunciations
  25/2018/QH14, art. 24.1: up to 10 working days when it must be checked at several places),
  settled within 30 days of acceptance; a complicated case extended once, an especially complicated
  one twice, by at most 30 days each, by a written decision (art. 30);
- recommendations and feedback: the law sets no limit; 10 and 30 days are DanVan's choice.
The laws write "ngày" (calendar days) except where they write "ngày làm việc" (working days).
Retention of senders' identities after closing: DanVan's choice, 5 years for complaints and
denunciations (the files of a settled case), 2 years otherwise.
"""

from __future__ import annotations

from typing import Any

# as migration 0002 installed them (its historical model has only these columns); 0003 brings them to LIMITS
DEADLINES_0002 = [
    # kind, remote, accept, settle, complex, extension days, extensions allowed
    ("complaint", False, 10, 30, 45, 0, 0),
    ("complaint", True, 10, 45, 60, 0, 0),
    ("denunciation", False, 10, 30, 30, 30, 2),
    ("recommendation", False, 10, 30, 30, 0, 0),
    ("feedback", False, 10, 30, 30, 0, 0),
]

KN = "Luật Khiếu nại 2011 (02/2011/QH13)"
TC = "Luật Tố cáo 2018 (25/2018/QH14)"
NO_LIMIT = "Luật không quy định thời hạn; mặc định của DanVan"

# (kind, instance, remote): accept days, accept count, settle, complex, extension days, complex ext., max ext., basis
LIMITS: dict[tuple[str, int, bool], dict[str, Any]] = {
    ("complaint", 1, False): {
        "accept": (10, "calendar"), "settle": (30, 45), "extensions": (0, 0, 0),
        "basis": f"{KN}: thụ lý Điều 27; giải quyết lần đầu Điều 28 (30 ngày, vụ việc phức tạp 45 ngày)",
    },
    ("complaint", 1, True): {
        "accept": (10, "calendar"), "settle": (45, 60), "extensions": (0, 0, 0),
        "basis": f"{KN}: thụ lý Điều 27; giải quyết lần đầu ở vùng sâu, vùng xa Điều 28 (45 ngày, phức tạp 60 ngày)",
    },
    ("complaint", 2, False): {
        "accept": (10, "calendar"), "settle": (45, 60), "extensions": (0, 0, 0),
        "basis": f"{KN}: thụ lý Điều 36; giải quyết lần hai Điều 37 (45 ngày, vụ việc phức tạp 60 ngày)",
    },
    ("complaint", 2, True): {
        "accept": (10, "calendar"), "settle": (60, 70), "extensions": (0, 0, 0),
        "basis": f"{KN}: thụ lý Điều 36; giải quyết lần hai ở vùng sâu, vùng xa Điều 37 (60 ngày, phức tạp 70 ngày)",
    },
    ("denunciation", 1, False): {
        "accept": (7, "working"), "settle": (30, 30), "extensions": (30, 1, 2),
        "basis": (
            f"{TC}: tiếp nhận, xử lý ban đầu Điều 24 khoản 1 (07 ngày làm việc, tối đa 10 ngày làm việc khi "
            "phải xác minh ở nhiều địa điểm); giải quyết Điều 30 (30 ngày; gia hạn 01 lần với vụ việc phức tạp, "
            "02 lần với vụ việc đặc biệt phức tạp, mỗi lần không quá 30 ngày, bằng văn bản)"
        ),
    },
    ("recommendation", 1, False): {
        "accept": (10, "calendar"), "settle": (30, 30), "extensions": (0, 0, 0), "basis": NO_LIMIT,
    },
    ("feedback", 1, False): {
        "accept": (10, "calendar"), "settle": (30, 30), "extensions": (0, 0, 0), "basis": NO_LIMIT,
    },
}  # fmt: skip

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
    for kind, remote, accept, settle, complex_, ext, n_ext in DEADLINES_0002:
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


def install_limits(DeadlineRule) -> None:  # historical model from migration 0003
    """Bring the rules to LIMITS: new rows created; a row still holding 0002's default takes the law's value.

    A value an administrator changed is kept; the legal basis and the day counts are new columns, filled in.
    """
    old = {(k, r): (a, s, c, e, n) for k, r, a, s, c, e, n in DEADLINES_0002}
    for (kind, instance, remote), limit in LIMITS.items():
        accept, count = limit["accept"]
        settle, complex_ = limit["settle"]
        ext, n_complex, n_max = limit["extensions"]
        values = {
            "accept_days": accept,
            "accept_count": count,
            "settle_days": settle,
            "complex_days": complex_,
            "extension_days": ext,
            "complex_extensions": n_complex,
            "max_extensions": n_max,
            "legal_basis": limit["basis"],
        }
        rule = DeadlineRule.objects.filter(kind=kind, instance=instance, remote=remote).first()
        if rule is None:
            DeadlineRule.objects.create(kind=kind, instance=instance, remote=remote, **values)
            continue
        was = old.get((kind, remote)) if instance == 1 else None
        if was and rule.accept_days == was[0] and rule.accept_days != accept:
            rule.accept_days = accept
        rule.accept_count = count
        rule.complex_extensions = min(n_complex, rule.max_extensions)
        if not rule.legal_basis:
            rule.legal_basis = limit["basis"]
        rule.save()
