"""Targets from Excel: the template, every bad cell named by its reference, nothing saved unless all pass."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from danvan.conftest import unit
from danvan.geo.models import AdminUnit
from danvan.org.models import AuditEvent
from danvan.reporting.services import programme_create, target_set
from danvan.reporting.sheets.programmes import FIRST_DATA_ROW
from danvan.reporting.tests.factories import commune_form, indicator, report

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def inds(db):
    out = {code: indicator(f"p_{code}") for code in ("houses", "models", "received", "resolved")}
    out["form"] = commune_form(*out.values(), code="programme-form")
    return out


@pytest.fixture
def programme(province_manager, inds):
    p = programme_create(
        actor=province_manager,
        name='=HYPERLINK("http://x","Đề án 02")',  # a formula-like name must stay text in the file
        unit=unit("2025", "22"),
        start=date(2021, 1, 1),
        end=date(2025, 12, 31),
    )
    target_set(actor=province_manager, programme=p, indicator=inds["houses"], value=306)
    return p


def _template(client, programme):
    response = client.get(reverse("reporting:programme-template", args=[programme.pk]))
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def _upload(client, programme, wb, name="chi-tieu.xlsx"):
    out = io.BytesIO()
    wb.save(out)
    upload = SimpleUploadedFile(name, out.getvalue(), content_type=XLSX)
    return client.post(reverse("reporting:programme-import", args=[programme.pk]), {"file": upload})


def _fill(ws, row, unit_code, indicator_code, kind, value, level="", denominator="", due=""):
    for column, v in zip(
        "ABCDEFGH", [unit_code, "", indicator_code, kind, value, level, denominator, due], strict=True
    ):
        ws[f"{column}{row}"] = v


def test_the_template_lists_the_targets_and_the_units_below(login, province_manager, programme):
    wb = _template(login(province_manager), programme)
    ws = wb.worksheets[0]
    assert ws["A1"].value == programme.name and ws["A1"].data_type == "s"  # text, never a formula
    assert [c.value for c in ws[FIRST_DATA_ROW]][:5] == ["22", "Tỉnh Quảng Ninh", "p_houses", "absolute", 306]
    codes = [ws[f"A{r}"].value for r in range(FIRST_DATA_ROW + 1, ws.max_row + 1)]
    communes = AdminUnit.objects.filter(parent=programme.unit).count()
    assert codes[0] == "22" and len(codes) == 1 + communes and "06820" in codes  # the province, then its communes
    assert "p_houses" in [row[0].value for row in wb.worksheets[1].iter_rows()]  # the indicator list


def test_bad_cells_are_each_named_and_nothing_is_saved(login, province_manager, programme):
    outside = AdminUnit.objects.filter(era_id="2025", level="commune").exclude(path__startswith=programme.unit.path)
    wb = _template(login(province_manager), programme)
    ws = wb.worksheets[0]
    r = FIRST_DATA_ROW + 1
    _fill(ws, r, "06820", "p_models", "absolute", "1.234,5")  # a good row: still not saved
    _fill(ws, r + 1, "99999", "p_houses", "absolute", 5)  # unknown unit
    _fill(ws, r + 2, outside.first().code, "p_houses", "absolute", 5)  # outside the programme's unit
    _fill(ws, r + 3, "06820", "p_nothing", "absolute", 5)  # unknown indicator
    _fill(ws, r + 4, "06820", "p_houses", "absolute", "1.23.4")  # not a number in Vietnamese
    _fill(ws, r + 5, "06820", "p_houses", "per_unit_below", -5, level="village")  # negative
    _fill(ws, r + 6, "22", "p_resolved", "share", 120, denominator="p_received")  # a share over 100
    _fill(ws, r + 7, "22", "p_models", "per_unit_below", 1)  # no level
    _fill(ws, r + 8, "22", "p_models", "every", 1)  # unknown kind
    before = (programme.targets.count(), AuditEvent.objects.count())
    response = _upload(login(province_manager), programme, wb)
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="import-errors"' in body and "Chưa lưu gì cả" in body
    expected = {
        f"A{r + 1}": "Không có đơn vị nào mã “99999”",
        f"A{r + 2}": "nằm ngoài",
        f"C{r + 3}": "Không có chỉ tiêu nào mã “p_nothing”",
        f"E{r + 4}": "1.234,5",
        f"E{r + 5}": "không được âm",
        f"E{r + 6}": "100%",
        f"F{r + 7}": "cấp",
        f"D{r + 8}": "absolute, per_unit_below",
    }
    rows = body.split('id="import-errors"')[1].split("</tbody>")[0].split("<tr>")[2:]
    found = {row.split("<td>")[1].split("</td>")[0]: row for row in rows}
    assert set(expected) <= set(found), found.keys()
    for ref, words in expected.items():
        assert words in found[ref], (ref, found[ref])
    assert f"A{r}" not in found and f"E{r}" not in found  # the good row has no problem
    assert (programme.targets.count(), AuditEvent.objects.count()) == before


def test_a_refusal_by_the_service_saves_nothing_either(login, province_manager, programme):
    wb = _template(login(province_manager), programme)
    ws = wb.worksheets[0]
    _fill(ws, FIRST_DATA_ROW + 1, "06820", "p_models", "absolute", 3)
    _fill(ws, FIRST_DATA_ROW + 2, "22", "p_models", "per_unit_below", 1, level="district")  # no districts in 2025
    _fill(ws, FIRST_DATA_ROW + 3, "22", "p_houses", "absolute", 100, due="2027")  # after the programme's end
    before = (programme.targets.count(), AuditEvent.objects.count())
    response = _upload(login(province_manager), programme, wb)
    assert response.status_code == 400
    body = response.content.decode()
    assert f"<td>F{FIRST_DATA_ROW + 2}</td>" in body and "Không có đơn vị cấp huyện" in body
    assert f"<td>H{FIRST_DATA_ROW + 3}</td>" in body and "2027" in body
    assert (programme.targets.count(), AuditEvent.objects.count()) == before


def test_a_good_file_saves_every_target_and_progress_shows(
    login, province_manager, commune_reporter, admin_user, programme, inds
):
    report(admin_user, inds["form"], unit("2025", "06820"), "2025", {"p_models": 2, "p_received": 4, "p_resolved": 4})
    client = login(province_manager)
    wb = _template(client, programme)
    ws = wb.worksheets[0]
    ws[f"E{FIRST_DATA_ROW}"] = "400"  # the existing target, changed
    _fill(ws, FIRST_DATA_ROW + 1, "22", "p_models", "per_unit_below", "1", level="commune")
    _fill(ws, FIRST_DATA_ROW + 2, "22", "p_resolved", "share", "90", denominator="p_received")
    _fill(ws, FIRST_DATA_ROW + 3, 6820, "p_houses", "absolute", "1.234,5", due="2024")  # Excel ate the leading 0
    response = _upload(client, programme, wb)
    assert response.status_code == 302, response.content.decode()[-3000:]
    targets = {
        (t.kind, t.indicator.code, t.unit.code): t for t in programme.targets.select_related("indicator", "unit")
    }
    assert targets["absolute", "p_houses", "22"].value == 400
    assert targets["per_unit_below", "p_models", "22"].level == "commune"
    assert targets["share", "p_resolved", "22"].denominator == inds["received"]
    assert str(targets["absolute", "p_houses", "06820"].value.normalize()) == "1234.5"
    assert AuditEvent.objects.filter(verb="target.set", data__programme=programme.pk).count() == 5  # 1 + 4
    page = client.get(reverse("reporting:programme-detail", args=[programme.pk]), {"as_of": "2026-01-01"})
    body = page.content.decode()
    share = targets["share", "p_resolved", "22"]
    assert "100%" in body.split(f'id="target-{share.pk}"')[1].split("</tr>")[0]
    assert "đã đạt" in body.split(f'id="target-{share.pk}"')[1].split("</tr>")[0]


def test_a_file_that_is_not_a_workbook_or_of_another_programme_is_refused(login, province_manager, programme):
    client = login(province_manager)
    bad = SimpleUploadedFile("chi-tieu.xlsx", b"not a workbook", content_type=XLSX)
    response = client.post(reverse("reporting:programme-import", args=[programme.pk]), {"file": bad})
    assert response.status_code == 400 and programme.targets.count() == 1
    other = programme_create(
        actor=province_manager,
        name="Đề án khác",
        unit=unit("2025", "22"),
        start=date(2021, 1, 1),
        end=date(2025, 12, 31),
    )
    wb = _template(client, other)
    _fill(wb.worksheets[0], FIRST_DATA_ROW + 1, "22", "p_models", "absolute", 3)
    response = _upload(client, programme, wb)
    assert response.status_code == 400 and "chương trình khác" in response.content.decode()
    empty = Workbook()
    response = _upload(client, programme, empty)
    assert response.status_code == 400 and "chưa có chỉ tiêu nào" in response.content.decode()
    assert programme.targets.count() == 1 and not other.targets.exists()


def test_the_import_page_rejects_other_province(login, other_manager, programme):
    client = login(other_manager)
    assert client.get(reverse("reporting:programme-import", args=[programme.pk])).status_code == 404
    assert client.get(reverse("reporting:programme-template", args=[programme.pk])).status_code == 404
