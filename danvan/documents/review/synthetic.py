"""A review report's contents made up to a given size: the Word writer's tests and `bench/review.py` use it.

Shaped like a province's annual report (Tuyên Quang 2024 by default): headline figures beside
last year's, a table of the models by district (13 rows) and one by commune (~100 rows), the
models by field, Three Together, petitions, awards, and a chart or two. The numbers are made up
from the row's index, so the same call always gives the same file.
"""

from __future__ import annotations

from decimal import Decimal

from danvan.documents.review.contents import Cell, Chart, Figure, Header, ReviewContents, Section, Series, Table

FIELDS = ("Kinh tế", "Văn hóa - xã hội", "Quốc phòng, an ninh", "Xây dựng hệ thống chính trị")


def province_contents(*, districts: int = 13, communes: int = 100, charts: bool = True) -> ReviewContents:
    names = [f"Huyện số {i + 1}" for i in range(districts)]
    models_now = [400 + 37 * i for i in range(districts)]
    models_before = [350 + 31 * i for i in range(districts)]
    cells = [60 + i for i in range(districts)]
    fields_now = [1900 - 300 * i for i in range(len(FIELDS))]
    fields_before = [1700 - 250 * i for i in range(len(FIELDS))]
    district_rows: list[list[Cell]] = [
        [name, now, before, cell]
        for name, now, before, cell in zip(names, models_now, models_before, cells, strict=True)
    ]
    commune_rows: list[list[Cell]] = [
        [f"Xã số {i + 1}", names[i % districts], 10 + i % 40, Decimal(i % 7) + Decimal("0.5")] for i in range(communes)
    ]
    field_rows: list[list[Cell]] = [
        [name, now, before] for name, now, before in zip(FIELDS, fields_now, fields_before, strict=True)
    ]
    figures = [
        Figure("Số mô hình, điển hình “Dân vận khéo”", 7604, 7012, "mô hình", code="models"),
        Figure("Số chi bộ tham gia", 1008, 990, "chi bộ", code="cells"),
        Figure("Số cán bộ, đảng viên tham gia", 33800, 31250, "người", code="cadres"),
        Figure("Số lượt người dân tham gia", 140300, 128900, "lượt người", code="people"),
        Figure("Giá trị làm lợi", Decimal("1234.5"), Decimal("1100.25"), "triệu đồng", places=1, code="value"),
    ]
    field_chart = Chart(
        "Mô hình theo lĩnh vực",
        list(FIELDS),
        [Series("Năm nay", [float(v) for v in fields_now]), Series("Năm trước", [float(v) for v in fields_before])],
        unit="mô hình",
    )
    district_chart = Chart(
        "Số mô hình theo đơn vị", names, [Series("Số mô hình", [float(v) for v in models_now])], unit="mô hình"
    )
    model_section = Section(
        "Kết quả thực hiện phong trào thi đua “Dân vận khéo”",
        key="models",
        paragraphs=[
            "Các cấp ủy, chính quyền, Mặt trận Tổ quốc và các đoàn thể tiếp tục quan tâm lãnh đạo, chỉ đạo phong trào.",
        ],
        figures=figures,
        subsections=[
            Section(
                "Mô hình theo lĩnh vực",
                key="fields",
                tables=[
                    Table(
                        "Mô hình theo lĩnh vực",
                        ["Lĩnh vực", "Năm nay", "Năm trước"],
                        field_rows,
                        total=["Tổng cộng", sum(fields_now), sum(fields_before)],
                    )
                ],
                charts=[field_chart] if charts else [],
            ),
            Section(
                "Mô hình theo đơn vị cấp huyện",
                key="districts",
                tables=[
                    Table(
                        "Mô hình theo đơn vị",
                        ["Đơn vị", "Số mô hình", "Năm trước", "Chi bộ"],
                        district_rows,
                        total=["Tổng cộng", sum(models_now), sum(models_before), sum(cells)],
                    )
                ],
                charts=[district_chart] if charts else [],
            ),
            Section(
                "Mô hình theo đơn vị cấp xã",
                key="communes",
                tables=[
                    Table(
                        "Mô hình theo xã, phường, thị trấn",
                        ["Đơn vị", "Thuộc", "Số mô hình", "Giá trị (triệu đồng)"],
                        commune_rows,
                        note="Số liệu trong phạm vi được giao.",
                    )
                ],
            ),
        ],
    )
    others = [
        Section(
            "Thực hiện “Ba cùng”",
            key="three_together",
            figures=[Figure("Số cán bộ thực hiện “Ba cùng”", 2150, 1980, "người")],
        ),
        Section(
            "Tiếp nhận, giải quyết kiến nghị của Nhân dân",
            key="petitions",
            figures=[
                Figure("Kiến nghị đã tiếp nhận", 1240, 1302, "kiến nghị"),
                Figure("Tỷ lệ giải quyết đúng hạn", Decimal("91.5"), Decimal("88.2"), "%", places=1),
            ],
        ),
        Section(
            "Khen thưởng",
            key="awards",
            tables=[
                Table(
                    "Khen thưởng",
                    ["Hình thức", "Tập thể", "Cá nhân"],
                    [["Bằng khen", 71, 86]],
                    total=["Tổng cộng", 71, 86],
                )
            ],
        ),
    ]
    return ReviewContents(
        unit_name="Tỉnh Tuyên Quang",
        unit_path="2024/08/",
        era="2024",
        period_code="2024",
        period_label="năm 2024",
        previous_label="năm 2023",
        sections=[model_section, *others],
    )


def province_header() -> Header:
    return Header(
        issuer="Ban Dân vận Tỉnh ủy",
        superior="Đảng bộ tỉnh Tuyên Quang",
        number="Số 125-BC/BDVTU",
        place="Tuyên Quang",
        title="Tổng kết phong trào thi đua “Dân vận khéo” năm 2024",
        signer_title="T/M Ban Thường vụ\nTrưởng ban",
        signer_name="Nguyễn Văn A",
        recipients=["Ban Dân vận Trung ương (b/c)", "Thường trực Tỉnh ủy (b/c)", "Các huyện ủy, thành ủy"],
    )
