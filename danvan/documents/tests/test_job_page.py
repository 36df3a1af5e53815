"""The page of one import: its progress while it runs, then what was saved or every problem. Its owner's only."""

import pytest
from django.urls import reverse
from django.utils import timezone

from danvan.documents.models import ImportJob


def _job(owner, **values):
    values.setdefault("status", ImportJob.Status.RUNNING)
    values.setdefault("original_name", "mo-hinh.xlsx")
    return ImportJob.objects.create(kind="initiatives", owner=owner, file="imports/x.xlsx", **values)


ERRORS = [
    {"row": 0, "column": "", "header": "", "message": "Tệp bị hỏng."},
    {"row": 4, "column": "B", "header": "Lĩnh vực", "message": "“thể thao” không có trong danh sách."},
    {
        "row": 7,
        "column": "F",
        "header": "Đơn vị hành chính",
        "message": "Không có đơn vị hành chính 06823 thuộc kỳ 2024.",
    },
]


def test_while_it_runs_the_fragment_polls_every_second(commune_reporter, login):
    job = _job(commune_reporter, total=7604, done=1200)
    response = login(commune_reporter).get(reverse("documents:import_status", args=[job.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'hx-trigger="every 1s"' in html and f'hx-get="{reverse("documents:import_status", args=[job.pk])}"' in html
    assert '<progress max="7604" value="1200"' in html
    assert "1.200/7.604" in html  # counts grouped as Vietnamese writes them; attributes stay plain
    assert "<html" not in html  # a fragment, not a page


def test_once_saved_it_says_how_many_and_stops_polling(commune_reporter, login):
    job = _job(commune_reporter, status=ImportJob.Status.SUCCEEDED, total=2, done=2, saved=2)
    html = login(commune_reporter).get(reverse("documents:import", args=[job.pk])).content.decode()
    assert "Đã lưu 2 mô hình." in html
    assert 'hx-trigger="every' not in html  # no polling (the menu badge loads once, on its own)


def test_a_rejected_import_lists_every_problem(commune_reporter, login):
    job = _job(commune_reporter, status=ImportJob.Status.FAILED, total=9, done=9, errors=ERRORS, error_count=3)
    html = login(commune_reporter).get(reverse("documents:import", args=[job.pk])).content.decode()
    assert "Chưa có gì được lưu." in html and "Phát hiện 3 lỗi." in html
    assert "Tệp bị hỏng." in html
    assert html.count("<tr>") == 3  # the header and the two cells
    assert "<strong>B</strong> Lĩnh vực" in html and "<strong>F</strong> Đơn vị hành chính" in html
    assert 'hx-trigger="every' not in html  # no polling (the menu badge loads once, on its own)


def test_a_job_the_worker_has_not_picked_up_says_so(commune_reporter, login):
    job = _job(commune_reporter, status=ImportJob.Status.QUEUED)
    ImportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timezone.timedelta(minutes=2))
    html = login(commune_reporter).get(reverse("documents:import_status", args=[job.pk])).content.decode()
    assert "danvan db_worker" in html and 'hx-trigger="every 1s"' in html


@pytest.mark.parametrize("name", ["import", "import_status"])
def test_nobody_else_sees_it(name, commune_reporter, province_manager, other_manager, login, client):
    job = _job(commune_reporter, status=ImportJob.Status.FAILED, errors=ERRORS, error_count=3)
    url = reverse(f"documents:{name}", args=[job.pk])
    assert login(other_manager).get(url).status_code == 404
    assert login(province_manager).get(url).status_code == 404  # even the manager above: an upload is personal
    assert reverse("login") in client.get(url)["Location"]
    assert login(commune_reporter).get(url).status_code == 200


def test_the_upload_page_lists_only_my_imports(commune_reporter, other_manager, login):
    mine = _job(commune_reporter, status=ImportJob.Status.SUCCEEDED)
    _job(other_manager, original_name="cua-tuyen-quang.xlsx")
    html = login(commune_reporter).get(reverse("documents:imports")).content.decode()
    assert reverse("documents:import", args=[mine.pk]) in html
    assert "cua-tuyen-quang.xlsx" not in html
    assert reverse("initiatives:sheet_template") in html


def test_query_counts_are_pinned(commune_reporter, login, django_assert_num_queries):
    job = _job(commune_reporter, status=ImportJob.Status.FAILED, errors=ERRORS * 200, error_count=600)
    client = login(commune_reporter)
    with django_assert_num_queries(3):  # session, user, the job
        assert client.get(reverse("documents:import", args=[job.pk])).status_code == 200
    with django_assert_num_queries(3):
        assert client.get(reverse("documents:import_status", args=[job.pk])).status_code == 200
    with django_assert_num_queries(3):  # session, user, my recent imports
        assert client.get(reverse("documents:imports")).status_code == 200
