"""The demo's figures from the field notes and the seeded draws that spread them into whole parts."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.db import connection
from django.db.models import Model

from danvan.initiatives.bulk import BATCH_SIZE
from danvan.initiatives.models import Field, Status

OLD = "2024"
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
COMMUNE_FORM, UPPER_FORM = "dvk-commune-year", "dvk-upper-year"
MODEL_PREFIX = "Mô hình “Dân vận khéo”"  # every generated model's name starts so: how a second load finds them

# Tuyên Quang (old province 2024/08): the province's totals, and the part its own upper report carries
# (Party cells and cadres at province and district level); the communes' reports carry the rest.
TQ_TOTALS = {
    2024: {
        "tt_party_cells": 1_008,
        "tt_cadres": 33_800,
        "tt_people": 140_300,
        "tt_communes": 822,
        "tt_villages": 5_061,
        "houses_helped": 306,
        "awards_collective": 71,
        "awards_individual": 86,
    },
    # for comparison: 85–95 % of 2024, figure by figure
    2023: {
        "tt_party_cells": 912,
        "tt_cadres": 30_150,
        "tt_people": 124_600,
        "tt_communes": 731,
        "tt_villages": 4_480,
        "houses_helped": 268,
        "awards_collective": 64,
        "awards_individual": 77,
    },
}
TQ_UPPER_PART = {2024: {"tt_party_cells": 148, "tt_cadres": 6_300}, 2023: {"tt_party_cells": 136, "tt_cadres": 5_700}}
TQ_UPPER_ONLY = ("tt_communes", "awards_collective", "awards_individual")  # not on the commune form
TQ_MODELS = {2024: 7_604, 2023: 6_912}
# of the models: most registered, some recognised by the province, a few named typical
MODEL_STATUS_SHARES = [(Status.REGISTERED, 0.70), (Status.RECOGNISED, 0.25), (Status.TYPICAL, 0.05)]
MODEL_FIELD_SHARES = [
    (Field.ECONOMIC, 0.36),
    (Field.CULTURAL_SOCIAL, 0.34),
    (Field.DEFENCE_SECURITY, 0.16),
    (Field.PARTY_BUILDING, 0.14),
]

# kinds of work per field, for the models' names ("Mô hình “Dân vận khéo” <work>, <village>, <commune>")
WORKS = {
    Field.ECONOMIC: [
        "giúp nhau phát triển kinh tế hộ gia đình",
        "trồng rừng gỗ lớn",
        "trồng chè an toàn",
        "chăn nuôi trâu, bò sinh sản",
        "hiến đất làm đường giao thông nông thôn",
        "tổ hợp tác trồng cam sành",
        "nuôi cá lồng trên lòng hồ",
        "tiết kiệm, vay vốn giúp nhau thoát nghèo",
        "sản phẩm OCOP của phụ nữ",
        "thanh niên lập nghiệp",
        "cựu chiến binh làm kinh tế vườn đồi",
        "kênh mương nội đồng do dân cùng làm",
    ],
    Field.CULTURAL_SOCIAL: [
        "xây nhà Đại đoàn kết cho hộ nghèo",
        "đường hoa xanh – sạch – đẹp",
        "bỏ hủ tục trong việc cưới, việc tang",
        "phân loại rác thải tại nguồn",
        "tủ sách cộng đồng",
        "giữ gìn bản sắc văn hóa dân tộc Tày, Dao",
        "nuôi heo đất giúp học sinh nghèo",
        "sửa nhà sau bão số 3",
        "khu dân cư văn hóa, đoàn kết",
        "câu lạc bộ hát Then, đàn Tính",
        "bữa cơm có thịt cho học sinh bán trú",
        "ngày Chủ nhật xanh",
    ],
    Field.DEFENCE_SECURITY: [
        "tổ tự quản an ninh trật tự",
        "camera an ninh kết nối khu dân cư",
        "người có uy tín giữ gìn an ninh thôn bản",
        "công an xã bám dân",
        "tổ hòa giải ở cơ sở",
        "thôn không có ma túy, tệ nạn xã hội",
    ],
    Field.PARTY_BUILDING: [
        "chi bộ sinh hoạt gắn với nhiệm vụ của thôn",
        "đảng viên nhận giúp đỡ hộ khó khăn",
        "“Ba cùng” của cán bộ, đảng viên với Nhân dân",
        "dân biết, dân bàn, dân làm, dân kiểm tra",
        "lắng nghe ý kiến Nhân dân qua nhóm Zalo thôn",
        "cán bộ, đảng viên nêu gương",
    ],
}
# syllables of village names in Tuyên Quang's upland communes
_VILLAGE_A = ["Nà", "Bản", "Khuổi", "Pác", "Phiêng", "Khau", "Nặm", "Đon", "Cốc", "Làng", "Tân", "Đồng"]
_VILLAGE_B = ["Chang", "Mơ", "Hon", "Pài", "Tậu", "Luông", "Vài", "Cọn", "Thoi", "Khẻ", "Lạn", "Mỏ", "Tặng", "Quân"]

# Quảng Ninh and Ninh Sơn (2024 map)
BINH_LIEU, BINH_LIEU_PRESTIGIOUS = "198", 119
UONG_BI, NAM_KHE = "196", "06823"
UONG_BI_SUBMITTED = ["06808", "06811", "06814", "06826", "06832"]  # in uongbi's review queue
UONG_BI_APPROVED = ["06817", "06820"]  # the rest of Uông Bí (and Nam Khê's 2024) not reported: missing, late
NAM_KHE_2023_MONEY = 185_000_000  # the Nam Sơn street: 106 households contributed
NINH_SON, NINH_SON_COMMUNES = "585", ["22810", "22828"]


def spread(total: int, weights: Sequence[float]) -> list[int]:
    """Whole parts of `total` in proportion to `weights`, summing exactly (largest remainders get the rest)."""
    if not weights:
        return []
    whole = sum(weights)
    raw = [total * w / whole for w in weights]
    parts = [int(x) for x in raw]
    by_remainder = sorted(range(len(raw)), key=lambda i: (raw[i] - parts[i], -i), reverse=True)
    for i in by_remainder[: total - sum(parts)]:
        parts[i] += 1
    return parts


def _rng(*key: Any) -> random.Random:
    """A generator seeded by a readable key: the same draws on every machine and every load."""
    return random.Random(":".join(map(str, key)))  # noqa: S311 - demo figures, not secrets


def _at(day: date, rng: random.Random) -> datetime:
    return datetime.combine(day, time(rng.randint(7, 16), rng.choice((0, 15, 30, 45))), tzinfo=TZ)


class _Names:
    """Names of a commune's models, "<work>, <village>", each used once (numbered past the last)."""

    def __init__(self, works: dict[str, list[str]], villages: list[str], rng: random.Random) -> None:
        self.pools = {f: [(w, v) for w in ws for v in villages] for f, ws in works.items()}
        for pool in self.pools.values():
            rng.shuffle(pool)
        self.used = dict.fromkeys(works, 0)

    def next(self, field: str) -> str:
        pool, n = self.pools[field], self.used[field]
        self.used[field] += 1
        work, village = pool[n % len(pool)]
        again = f" ({n // len(pool) + 1})" if n >= len(pool) else ""
        return f"{work}, {village}{again}"


def _insert(model: type[Model], rows: list[dict[str, Any]]) -> None:
    """`bulk_create` without the ORM's work per value: the timelines of 14,000 models are 20,000 events and as
    many audit rows, and this makes them five times faster. Each field prepares the values whose form differs by
    database (dates, JSON); `at` is given, which `auto_now_add` would not allow."""
    if not rows:
        return
    fields = [model._meta.get_field(name) for name in rows[0]]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    table = connection.ops.quote_name(model._meta.db_table)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 - names from the model, values as parameters
    prepare = [f if f.get_internal_type() in ("DateTimeField", "JSONField") else None for f in fields]
    params = [
        [f.get_db_prep_save(v, connection) if f else v for f, v in zip(prepare, row.values(), strict=True)]
        for row in rows
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(params), BATCH_SIZE):
            cursor.executemany(sql, params[start : start + BATCH_SIZE])
