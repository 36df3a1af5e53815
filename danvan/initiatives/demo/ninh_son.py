"""Ninh Sơn district's 2024 models, generated from the kinds of work it reports, in its communes."""

from __future__ import annotations

from datetime import date, timedelta

from danvan.initiatives.demo.specs import CUL, ECO, NQ25, OLD, SEC, Spec, _walk

NINH_SON_PLACES = {
    "22810": "thị trấn Tân Sơn",
    "22813": "xã Lâm Sơn",
    "22816": "xã Lương Sơn",
    "22819": "xã Quảng Sơn",
    "22822": "xã Mỹ Sơn",
    "22825": "xã Hòa Sơn",
    "22828": "xã Ma Nới",
    "22831": "xã Nhơn Sơn",
}
NINH_SON_2024 = {
    ECO: [
        "Tổ hợp tác trồng nho an toàn",
        "Hỗ trợ đồng bào Raglai chăn nuôi bò sinh sản",
        "Vận động Nhân dân hiến đất làm đường giao thông nông thôn",
        "Tổ tiết kiệm và vay vốn giúp nhau thoát nghèo",
        "Chuyển đổi đất lúa kém hiệu quả sang trồng cây ăn quả",
        "Kênh mương nội đồng do dân cùng làm",
        "Cựu chiến binh giúp nhau làm kinh tế vườn",
        "Hợp tác xã tưới tiết kiệm nước",
        "Thanh niên lập nghiệp từ trồng nấm",
        "Phụ nữ khởi nghiệp với sản phẩm OCOP",
        "Cánh đồng lớn trồng lúa",
        "Vườn mẫu nông thôn mới",
        "Nông dân liên kết trồng măng tây xanh",
    ],
    CUL: [
        "Xây dựng nhà Đại đoàn kết cho hộ nghèo",
        "Tuyến đường hoa xanh – sạch – đẹp",
        "Tủ sách cộng đồng ở thôn",
        "Lớp học xóa mù chữ cho đồng bào Raglai",
        "Vận động đồng bào bỏ hủ tục trong việc cưới, việc tang",
        "Phân loại rác thải tại nguồn",
        "Bếp ăn tình thương cho học sinh bán trú",
        "Ngày Chủ nhật xanh",
        "Nuôi heo đất giúp học sinh nghèo đến trường",
        "Câu lạc bộ dưỡng sinh người cao tuổi",
        "Mái ấm tình thương",
        "Nhóm Zalo kết nối khu dân cư",
        "Khu dân cư văn hóa, đoàn kết",
    ],
    SEC: [
        "Tổ tự quản an ninh trật tự thôn",
        "Camera an ninh kết nối khu dân cư",
        "Người có uy tín tham gia giữ gìn an ninh vùng đồng bào dân tộc thiểu số",
    ],
}
# one organisation per kind of work, by field; the commune's Front for the rest
_NINH_SON_ORGS = {
    ECO: ["Hội Nông dân huyện Ninh Sơn", "Hội Liên hiệp Phụ nữ huyện Ninh Sơn", "Hội Cựu chiến binh huyện Ninh Sơn"],
    CUL: ["Huyện đoàn Ninh Sơn", "Hội Liên hiệp Phụ nữ huyện Ninh Sơn"],
    SEC: ["Công an huyện Ninh Sơn"],
}


def ninh_son() -> list[Spec]:
    """29 models registered in 2024, in its eight communes; statuses varied, none below registered."""
    specs: list[Spec] = []
    codes = list(NINH_SON_PLACES)
    i = 0
    for field_, names in NINH_SON_2024.items():
        for name in names:
            code = codes[i % len(codes)]
            orgs = _NINH_SON_ORGS[field_]
            org = orgs[i % len(orgs)] if i % 3 else f"Ủy ban MTTQ Việt Nam {NINH_SON_PLACES[code]}"
            on = date(2024, 2, 1) + timedelta(days=3 * i)
            chain: list[tuple[str, str, int, str]] = [("registered", "ninhson", 1, "")]
            if i % 4 != 0:  # three in four are recognised by the level above, a few named typical, two commended
                chain.append(("recognised", "admin", 75 + i, "Ban Dân vận Tỉnh ủy công nhận."))
                if i % 7 == 3:
                    chain.append(("typical", "admin", 120, ""))
                    if i % 14 == 3:
                        chain.append(("commended", "admin", 30, "Tặng Giấy khen tại hội nghị tổng kết năm 2024."))
            specs.append(
                Spec(
                    OLD,
                    code,
                    org,
                    f"{name} {NINH_SON_PLACES[code]}",
                    field_,
                    2024,
                    "ninhson",
                    on,
                    _walk(on, *chain),
                    results={"nguoi-tham-gia": 40 + 13 * i},
                    documents=[NQ25],
                )
            )
            i += 1
    # and around them: a draft and a model sent back in 2025, one discontinued from 2023
    specs += [
        Spec(
            OLD,
            "22828",
            "Ủy ban MTTQ Việt Nam xã Ma Nới",
            "Chợ phiên vùng cao xã Ma Nới",
            ECO,
            2025,
            "ninhson",
            date(2025, 3, 3),
        ),
        Spec(
            OLD,
            "22819",
            "Hội Nông dân huyện Ninh Sơn",
            "Nông dân làm du lịch sinh thái xã Quảng Sơn",
            ECO,
            2025,
            "ninhson",
            date(2025, 2, 10),
            _walk(
                date(2025, 2, 10),
                ("registered", "ninhson", 1, ""),
                ("returned", "admin", 20, "Bổ sung nguồn lực và tiêu chí đánh giá."),
            ),
        ),
        Spec(
            OLD,
            "22825",
            "Hội Liên hiệp Phụ nữ huyện Ninh Sơn",
            "Tổ phụ nữ dệt thổ cẩm xã Hòa Sơn",
            ECO,
            2023,
            "ninhson",
            date(2023, 3, 1),
            _walk(
                date(2023, 3, 1),
                ("registered", "ninhson", 2, ""),
                ("discontinued", "admin", 280, "Tổ giải thể do thiếu đầu ra cho sản phẩm."),
            ),
        ),
    ]
    return specs


# copies ("spread models to the people"): made by initiative_replicate in the copier's unit
