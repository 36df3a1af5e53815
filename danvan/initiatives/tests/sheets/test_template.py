"""The registration template: dropdowns over the uploader's own units and organisations, on a hidden list sheet."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from danvan.initiatives.sheets import workbook as sheets
from danvan.initiatives.tests.sheets.helpers import NAM_KHE, NAM_KHE_FRONT

URL = reverse("initiatives:sheet_template")


def _download(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "attachment" in response["Content-Disposition"]
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def _list(wb, letter):
    ws = wb[sheets.LISTS_SHEET]
    return [c.value for c in ws[letter][1:] if c.value is not None]


def test_it_has_bilingual_headers_and_an_instruction_sheet(commune_reporter, login):
    wb = _download(login(commune_reporter))
    assert wb.sheetnames == [sheets.MODELS_SHEET, sheets.HELP_SHEET, sheets.LISTS_SHEET]
    ws = wb[sheets.MODELS_SHEET]
    assert [c.value for c in ws[1][:3]] == ["Tên mô hình *", "Lĩnh vực *", "Loại"]
    assert [c.value for c in ws[2][:3]] == ["Name of the model *", "Field *", "Kind"]
    assert ws.max_row == 2  # no rows yet
    headers = [c.value for c in ws[1]]
    assert "Thực trạng và lý do" in headers and "Ngày đánh giá" in headers
    assert "Kết quả: Hộ gia đình tham gia (hộ)" in headers  # one column per result metric
    assert "Trạng thái" not in headers  # the export's column only
    assert ws.freeze_panes == "B3"
    help_text = " ".join(str(c.value) for row in wb[sheets.HELP_SHEET].iter_rows() for c in row if c.value)
    assert "Mô hình" in help_text and "nháp" in help_text  # instructions in Vietnamese by default


def test_dropdowns_point_at_the_hidden_list_sheet(commune_reporter, login):
    wb = _download(login(commune_reporter))
    lists = wb[sheets.LISTS_SHEET]
    assert lists.sheet_state == "hidden"
    assert _list(wb, "A") == [NAM_KHE]  # the reporter's units, in both eras: Nam Khê has no wholly-inside successor
    assert _list(wb, "B") == [NAM_KHE_FRONT]
    assert _list(wb, "C") == [
        "Kinh tế",
        "Văn hóa - xã hội",
        "Quốc phòng, an ninh",
        "Xây dựng Đảng và hệ thống chính trị",
    ]
    assert _list(wb, "D") == ["Tập thể", "Cá nhân"]
    validations = {str(dv.sqref): dv for dv in wb[sheets.MODELS_SHEET].data_validations.dataValidation}
    assert validations["B3:B1048576"].formula1 == "'Danh mục'!$C$2:$C$5"
    assert validations["C3:C1048576"].formula1 == "'Danh mục'!$D$2:$D$3"
    assert validations["E3:E1048576"].formula1 == "'Danh mục'!$B$2:$B$2"
    assert validations["F3:F1048576"].formula1 == "'Danh mục'!$A$2:$A$2"
    assert all(dv.type == "list" and dv.showErrorMessage for dv in validations.values())


def test_a_province_manager_gets_thousands_of_units_by_range(province_manager, other_manager, login):
    units = _list(_download(login(province_manager)), "A")
    assert NAM_KHE in units and len(units) > 150
    assert all(u[:4] in ("2024", "2025") for u in units)
    assert not any("Tuyên Quang" in u for u in units)
    theirs = _download(login(other_manager))
    assert not any("Nam Khê" in u or "Uông Bí" in u for u in _list(theirs, "A"))
    assert not any("Quảng Ninh" in o for o in _list(theirs, "B"))
    dv = {str(d.sqref): d for d in theirs[sheets.MODELS_SHEET].data_validations.dataValidation}["F3:F1048576"]
    assert dv.formula1 == f"'Danh mục'!$A$2:$A${len(_list(theirs, 'A')) + 1}"


def test_headers_follow_the_language_only_in_the_instructions(commune_reporter, login):
    client = login(commune_reporter)
    client.cookies["django_language"] = "en"
    wb = _download(client)
    assert wb[sheets.MODELS_SHEET]["A1"].value == "Tên mô hình *"  # row 1 stays Vietnamese
    assert _list(wb, "C")[0] == "Economic"  # dropdown values in the downloader's language
    assert wb[sheets.HELP_SHEET]["A1"].value == "Registering models from Excel"


def test_it_needs_a_signed_in_user(client):
    response = client.get(URL)
    assert response.status_code == 302 and reverse("login") in response["Location"]
