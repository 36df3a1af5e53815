"""Exporting the list: the list page's filters and the user's scope, the template's columns plus status,
and a file that imports again."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from danvan.conftest import unit
from danvan.documents.models import ImportJob
from danvan.initiatives.models import Field, Initiative, TargetGroup
from danvan.initiatives.sheets import workbook as sheets
from danvan.initiatives.tests.factories import nam_khe_model
from danvan.initiatives.tests.sheets.helpers import upload
from danvan.org.models import Organization

URL = reverse("initiatives:sheet_export")


def _rows(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(wb[sheets.MODELS_SHEET].iter_rows(values_only=True))
    header = rows[0]
    return [dict(zip(header, row, strict=False)) for row in rows[sheets.HEADER_ROWS :]], header


def _models(reporter, admin):
    street = nam_khe_model(
        reporter,
        target_groups=list(TargetGroup.objects.filter(code__in=["khu-dan-cu", "ho-ngheo"])),
        results={"ho-gia-dinh": 106, "km-duong": "1.25"},
        details={"content": "Nhân dân đóng góp 185 triệu đồng.", "money_vnd": 185_000_000},
        register=True,
    )
    coffee = nam_khe_model(reporter, name="Cà phê sáng", field=Field.ECONOMIC)
    theirs = nam_khe_model(
        admin,
        name="Mô hình ở Tuyên Quang",
        unit=unit("2024", "08"),
        organization=Organization.objects.get(name="Ban Dân vận Tỉnh ủy Tuyên Quang"),
    )
    return street, coffee, theirs


def test_it_exports_the_filtered_list_in_the_templates_columns(commune_reporter, admin_user, login):
    street, _coffee, _theirs = _models(commune_reporter, admin_user)
    rows, header = _rows(login(commune_reporter).get(URL, {"field": "cultural_social", "q": "tu quan"}))
    assert [r["Tên mô hình *"] for r in rows] == [street.name]
    row = rows[0]
    assert row["Lĩnh vực *"] == "Văn hóa - xã hội" and row["Loại"] == "Tập thể"
    assert row["Đơn vị hành chính *"] == "2024/06823 – Phường Nam Khê"
    assert row["Đối tượng"] == "Cộng đồng dân cư; Hộ nghèo, cận nghèo, hoàn cảnh khó khăn"
    assert row["Tiền (đồng)"] == 185_000_000
    assert row["Kết quả: Hộ gia đình tham gia (hộ)"] == 106 and row["Kết quả: Đường giao thông (km)"] == 1.25
    assert header[-1] == "Trạng thái" and row["Trạng thái"] == "Đã đăng ký"
    template_headers = [c.header("vi") for c in sheets.columns()]
    assert list(header[: len(template_headers)]) == template_headers


def test_it_exports_only_the_users_scope(commune_reporter, admin_user, other_manager, province_manager, login):
    _models(commune_reporter, admin_user)
    theirs, _header = _rows(login(other_manager).get(URL))
    assert theirs and all("Quảng Ninh" not in (r["Cơ quan, tổ chức chủ trì *"] or "") for r in theirs)
    assert not any(r["Đơn vị hành chính *"].startswith("2024/06823") for r in theirs)
    ours, _header = _rows(login(province_manager).get(URL, {"year": 2024}))
    assert {"Tuyến phố tự quản Nam Sơn", "Cà phê sáng"} <= {r["Tên mô hình *"] for r in ours}
    assert "Mô hình ở Tuyên Quang" not in {r["Tên mô hình *"] for r in ours}


def test_a_bad_filter_is_a_400_page_with_the_forms_messages(commune_reporter, login):
    response = login(commune_reporter).get(URL, {"year": "năm ngoái", "unit": "2024/08"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Không có đơn vị hành chính mã 08 trên bản đồ 2024." in html  # Tuyên Quang: not in the reporter's scope
    assert "Năm" in html and 'role="alert"' in html


def test_an_edited_export_imports_again_as_new_drafts(
    commune_reporter, admin_user, login, django_capture_on_commit_callbacks
):
    street, coffee, _theirs = _models(commune_reporter, admin_user)
    client = login(commune_reporter)
    response = client.get(URL)
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    ws = wb[sheets.MODELS_SHEET]
    assert ws.max_row == sheets.HEADER_ROWS + 2
    (row,) = [r for r in ws.iter_rows(min_row=3) if r[0].value == street.name]
    row[0].value = "Tuyến phố tự quản Nam Sơn (nhân rộng)"  # edited, as a user would
    out = io.BytesIO()
    wb.save(out)
    before = Initiative.objects.count()

    _response, job = upload(client, out.getvalue(), django_capture_on_commit_callbacks, name="xuat.xlsx")
    job.refresh_from_db()
    assert job.status == ImportJob.Status.SUCCEEDED, job.errors
    assert Initiative.objects.count() == before + 2  # the import creates; the originals are untouched
    copy = Initiative.objects.get(name="Tuyến phố tự quản Nam Sơn (nhân rộng)")
    assert copy.status == "draft" and street.status == "registered"
    assert set(copy.target_groups.all()) == set(street.target_groups.all())
    assert {r.metric_id: r.value for r in copy.results.all()} == {r.metric_id: r.value for r in street.results.all()}
    assert copy.money_vnd == street.money_vnd and copy.content == street.content
    assert Initiative.objects.filter(name=coffee.name).count() == 2


def test_query_count_does_not_grow_with_the_list(commune_reporter, admin_user, login, django_assert_num_queries):
    _models(commune_reporter, admin_user)
    for i in range(5):
        nam_khe_model(commune_reporter, name=f"Mô hình {i}", results={"camera": i})
    client = login(commune_reporter)
    # session, user, the scope (memberships and 4 for the other era's units), metrics, documents,
    # units and organisations for the dropdowns, target groups, the models and their 3 prefetches
    with django_assert_num_queries(14):
        assert client.get(URL).status_code == 200


def test_it_needs_a_signed_in_user(client):
    assert reverse("login") in client.get(URL)["Location"]
