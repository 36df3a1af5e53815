"""An import registers models only where its uploader may: every row outside the scope is an error."""

from danvan.documents.models import ImportJob
from danvan.initiatives.models import Initiative
from danvan.initiatives.tests.sheets.helpers import filled, nam_khe_row, upload

TUYEN_QUANG = "2024/08 – Tỉnh Tuyên Quang"
TUYEN_QUANG_COMMISSION = "Ban Dân vận Tỉnh ủy Tuyên Quang"


def test_another_provinces_rows_are_each_refused(other_manager, login, django_capture_on_commit_callbacks):
    before = Initiative.objects.count()
    rows = [nam_khe_row(name=f"Mô hình {i}") for i in range(3)]
    rows.append(nam_khe_row(name="Mô hình của Tuyên Quang", unit=TUYEN_QUANG, organization=TUYEN_QUANG_COMMISSION))
    _response, job = upload(login(other_manager), filled(other_manager, rows), django_capture_on_commit_callbacks)
    job.refresh_from_db()

    assert job.status == ImportJob.Status.FAILED
    assert Initiative.objects.count() == before  # the good Tuyên Quang row is not saved either
    by_row = {}
    for e in job.errors:
        by_row.setdefault(e["row"], set()).add(e["column"])
    assert by_row == {3: {"E", "F"}, 4: {"E", "F"}, 5: {"E", "F"}}  # organisation and unit, on each row
    unit_errors = [e["message"] for e in job.errors if e["column"] == "F"]
    assert unit_errors == ["Không có đơn vị hành chính mã 06823 trên bản đồ 2024."] * 3  # unseen: as if missing


def test_a_visible_unit_above_the_reporter_is_refused_by_the_rules(
    commune_reporter, login, django_capture_on_commit_callbacks
):
    before = Initiative.objects.count()
    rows = [nam_khe_row(), nam_khe_row(unit="2024/196")]  # Uông Bí: seen (it names Nam Khê), not reported on
    _response, job = upload(login(commune_reporter), filled(commune_reporter, rows), django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert Initiative.objects.count() == before
    assert [(e["row"], e["column"]) for e in job.errors] == [(4, "F")]
    assert "Uông Bí" in job.errors[0]["message"]


def test_the_province_manager_imports_into_the_whole_province(
    province_manager, login, django_capture_on_commit_callbacks
):
    rows = [
        nam_khe_row(),
        nam_khe_row(
            name="Thắp sáng đường quê", unit="2025/22", organization="Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ninh"
        ),
    ]
    _response, job = upload(login(province_manager), filled(province_manager, rows), django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.SUCCEEDED, job.errors
    assert job.saved == 2
