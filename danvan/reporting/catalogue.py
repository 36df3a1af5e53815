"""The default catalogue: every figure in the field notes, as indicators, two report forms and rules.

Plain data, installed by migration 0002 and again by `danvan demo` (creating only what is missing,
never overwriting what an administrator has changed). Source "both": the figure is computed from
the records (Three Together activities, petitions, dialogues, prestigious persons) and a report can
add what was done but not recorded item by item; "records": computed only.

Tuyên Quang's "822 communes and 5,061 villages" exceed its 138 communes: the figure counts visits
(a commune reached by two Party cells counts twice), so these indicators sum like the others.
"""

from __future__ import annotations

from typing import Any

INDICATORS: list[dict[str, Any]] = [
    # models registry (records only), by field
    {
        "code": "models_registered",
        "name": "Số mô hình “Dân vận khéo” đăng ký",
        "name_en": "Models registered",
        "unit_of_measure": "mô hình",
        "unit_of_measure_en": "models",
        "source": "records",
        "record_key": "initiatives.registered",
        "breakdown": "field",
    },
    {
        "code": "models_recognised",
        "name": "Số mô hình được công nhận",
        "name_en": "Models recognised",
        "unit_of_measure": "mô hình",
        "unit_of_measure_en": "models",
        "source": "records",
        "record_key": "initiatives.recognised",
        "breakdown": "field",
    },
    {
        "code": "models_typical",
        "name": "Số mô hình tiêu biểu",
        "name_en": "Typical models",
        "unit_of_measure": "mô hình",
        "unit_of_measure_en": "models",
        "source": "records",
        "record_key": "initiatives.typical",
        "breakdown": "field",
    },
    # Three Together and grassroots work
    {
        "code": "tt_party_cells",
        "name": "Số chi bộ, cấp ủy tham gia “Ba cùng”",
        "name_en": "Party cells and committees in Three Together",
        "unit_of_measure": "chi bộ, cấp ủy",
        "unit_of_measure_en": "cells and committees",
        "source": "both",
        "record_key": "engagement.tt_party_cells",
    },
    {
        "code": "tt_cadres",
        "name": "Số cán bộ, đảng viên tham gia “Ba cùng”",
        "name_en": "Cadres and Party members in Three Together",
        "unit_of_measure": "người",
        "unit_of_measure_en": "people",
        "source": "both",
        "record_key": "engagement.tt_cadres",
        "split_rule": "apportion",
    },
    {
        "code": "tt_people",
        "name": "Số lượt người dân tham gia",
        "name_en": "People taking part",
        "unit_of_measure": "lượt người",
        "unit_of_measure_en": "people",
        "source": "both",
        "record_key": "engagement.tt_people",
        "split_rule": "apportion",
    },
    {
        "code": "tt_communes",
        "name": "Số lượt xã, phường được đến",
        "name_en": "Communes reached (visits)",
        "unit_of_measure": "lượt xã",
        "unit_of_measure_en": "commune visits",
        "source": "both",
        "record_key": "engagement.tt_communes",
    },
    {
        "code": "tt_villages",
        "name": "Số lượt thôn, bản, tổ dân phố được đến",
        "name_en": "Villages reached (visits)",
        "unit_of_measure": "lượt thôn",
        "unit_of_measure_en": "village visits",
        "source": "both",
        "record_key": "engagement.tt_villages",
    },
    {
        "code": "houses_helped",
        "name": "Số hộ nghèo, cận nghèo, khó khăn được hỗ trợ xây, sửa nhà",
        "name_en": "Families helped to build or repair houses",
        "unit_of_measure": "hộ",
        "unit_of_measure_en": "families",
        "source": "both",
        "record_key": "engagement.houses",
        "split_rule": "apportion",
    },
    {
        "code": "money_mobilised",
        "name": "Số tiền vận động",
        "name_en": "Money mobilised",
        "unit_of_measure": "đồng",
        "unit_of_measure_en": "VND",
        "source": "both",
        "record_key": "engagement.money",
        "split_rule": "apportion",
    },
    {
        "code": "workdays",
        "name": "Số ngày công",
        "name_en": "Workdays",
        "unit_of_measure": "ngày công",
        "unit_of_measure_en": "workdays",
        "source": "both",
        "record_key": "engagement.workdays",
        "split_rule": "apportion",
    },
    # listening to the people
    {
        "code": "petitions_received",
        "name": "Số đơn thư, kiến nghị tiếp nhận",
        "name_en": "Petitions received",
        "unit_of_measure": "đơn",
        "unit_of_measure_en": "petitions",
        "source": "both",
        "record_key": "engagement.petitions_received",
    },
    {
        "code": "petitions_resolved",
        "name": "Số đơn thư, kiến nghị đã giải quyết",
        "name_en": "Petitions resolved",
        "unit_of_measure": "đơn",
        "unit_of_measure_en": "petitions",
        "source": "both",
        "record_key": "engagement.petitions_resolved",
    },
    {
        "code": "dialogues_held",
        "name": "Số cuộc đối thoại, tiếp dân",
        "name_en": "Dialogues held",
        "unit_of_measure": "cuộc",
        "unit_of_measure_en": "dialogues",
        "source": "both",
        "record_key": "engagement.dialogues",
    },
    {
        "code": "prestigious_persons",
        "name": "Số người có uy tín",
        "name_en": "Prestigious persons",
        "unit_of_measure": "người",
        "unit_of_measure_en": "people",
        "source": "both",
        "record_key": "engagement.prestigious_persons",
        "time_aggregation": "last",
    },
    # recognition
    {
        "code": "awards_collective",
        "name": "Số tập thể được khen thưởng",
        "name_en": "Collectives commended",
        "unit_of_measure": "tập thể",
        "unit_of_measure_en": "collectives",
        "source": "both",
        "record_key": "recognition.awards_collective",
    },
    {
        "code": "awards_individual",
        "name": "Số cá nhân được khen thưởng",
        "name_en": "Individuals commended",
        "unit_of_measure": "cá nhân",
        "unit_of_measure_en": "individuals",
        "source": "both",
        "record_key": "recognition.awards_individual",
    },
]

FORMS: list[dict[str, Any]] = [
    {
        "code": "dvk-commune-year",
        "name": "Báo cáo kết quả “Dân vận khéo” năm — cấp xã",
        "name_en": "Annual Skillful Mass Mobilization report — commune",
        "levels": ["commune"],
        "deadline_days": 15,
        "indicators": [
            "models_registered",
            "models_recognised",
            "models_typical",
            "tt_party_cells",
            "tt_cadres",
            "tt_people",
            "tt_villages",
            "houses_helped",
            "money_mobilised",
            "workdays",
            "petitions_received",
            "petitions_resolved",
            "dialogues_held",
            "prestigious_persons",
        ],
    },
    {
        "code": "dvk-upper-year",
        "name": "Báo cáo kết quả “Dân vận khéo” năm — cấp tỉnh, huyện",
        "name_en": "Annual Skillful Mass Mobilization report — province and district",
        "levels": ["province", "district"],
        "deadline_days": 30,
        "indicators": [
            "tt_party_cells",
            "tt_cadres",
            "tt_communes",
            "tt_villages",
            "houses_helped",
            "money_mobilised",
            "workdays",
            "dialogues_held",
            "awards_collective",
            "awards_individual",
        ],
    },
]

RULES: list[tuple[str, str, str]] = [
    ("models_typical", "le", "models_recognised"),
    ("models_recognised", "le", "models_registered"),
    ("petitions_resolved", "le", "petitions_received"),
]


def install(Indicator, ReportForm, FormIndicator, ValidationRule) -> None:
    """Create what is missing; leave every existing row as its administrators left it."""
    indicators = {}
    for position, row in enumerate(INDICATORS):
        obj, _created = Indicator.objects.get_or_create(code=row["code"], defaults={**row, "position": position})
        indicators[row["code"]] = obj
    for row in FORMS:
        data = {k: v for k, v in row.items() if k != "indicators"}
        form, created = ReportForm.objects.get_or_create(code=row["code"], defaults=data)
        if created:
            for position, code in enumerate(row["indicators"]):
                FormIndicator.objects.create(form=form, indicator=indicators[code], position=position)
    for left, op, right in RULES:
        ValidationRule.objects.get_or_create(left=indicators[left], operator=op, right=indicators[right])
