"""Importing models from the template: all rows saved as drafts, or none with every problem listed."""

from datetime import date
from decimal import Decimal

from django.urls import reverse
from django.utils import translation

from danvan.documents.models import ImportJob, PolicyDocument
from danvan.initiatives.models import Initiative, InitiativeEvent, Status
from danvan.initiatives.tests.sheets.helpers import NAM_KHE_FRONT, filled, nam_khe_row, upload
from danvan.org.models import AuditEvent, Person


def _docs():
    return (
        PolicyDocument.objects.get_or_create(
            number="25-NQ/TW", issuer="Ban Chấp hành Trung ương Đảng khóa XI", defaults={"title": "Nghị quyết 25"}
        )[0],
        PolicyDocument.objects.get_or_create(
            number="02-ĐA/TU", issuer="Tỉnh ủy Tuyên Quang", defaults={"title": "Đề án 02"}
        )[0],
        PolicyDocument.objects.get_or_create(
            number="02-ĐA/TU", issuer="Tỉnh ủy Bình Dương", defaults={"title": "Đề án 02"}
        )[0],
    )


def test_a_good_file_creates_every_model_as_a_draft(commune_reporter, login, django_capture_on_commit_callbacks):
    nq25, da02_tq, _da02_bd = _docs()
    before = Initiative.objects.count()
    rows = [
        nam_khe_row(
            target_groups="Cộng đồng dân cư; Hộ nghèo, cận nghèo, hoàn cảnh khó khăn",
            policy_documents="25-NQ/TW, 02-ĐA/TU (Tỉnh ủy Tuyên Quang)",
            content="Nhân dân đóng góp 185 triệu đồng chỉnh trang tuyến phố.",
            money_vnd=185_000_000,
            social_contributions_vnd="185.000.000",
            workdays=320,
            start_date=date(2024, 3, 1),
            evaluation_date="15/12/2024",
            **{"result:ho-gia-dinh": 106, "result:km-duong": "1,2", "result:tien-huy-dong": 185_000_000},
        ),
        nam_khe_row(
            name="Cà phê sáng - trao đổi với Nhân dân",
            field="cultural_social",
            kind="Cá nhân",
            person="Nguyễn  Thị Lan",
            year="2024",
        ),
    ]
    response, job = upload(login(commune_reporter), filled(commune_reporter, rows), django_capture_on_commit_callbacks)

    assert response.status_code == 302 and job is not None
    assert response["Location"] == reverse("documents:import", args=[job.pk])
    job.refresh_from_db()
    assert job.status == ImportJob.Status.SUCCEEDED, job.errors
    assert (job.total, job.done, job.saved, job.error_count) == (2, 2, 2, 0)
    assert Initiative.objects.count() == before + 2

    street = Initiative.objects.get(name="Tuyến phố tự quản Nam Sơn", created_by=commune_reporter)
    assert street.status == Status.DRAFT
    assert street.field == "cultural_social" and street.kind == "collective" and street.year == 2024
    assert street.unit.path.endswith("/06823/") and street.organization.name == NAM_KHE_FRONT
    assert street.money_vnd == 185_000_000 and street.social_contributions_vnd == 185_000_000
    assert street.workdays == 320
    assert (street.start_date, street.evaluation_date) == (date(2024, 3, 1), date(2024, 12, 15))
    assert sorted(street.target_groups.values_list("code", flat=True)) == ["ho-ngheo", "khu-dan-cu"]
    assert set(street.policy_documents.all()) == {nq25, da02_tq}
    assert {r.metric_id: r.value for r in street.results.all()} == {
        "ho-gia-dinh": Decimal(106),
        "km-duong": Decimal("1.2"),
        "tien-huy-dong": Decimal(185_000_000),
    }
    assert " 185 trieu" in street.search_text
    assert InitiativeEvent.objects.filter(initiative=street, to_status=Status.DRAFT, actor=commune_reporter).exists()
    assert AuditEvent.objects.filter(
        verb="initiative.create", target_id=str(street.pk), actor=commune_reporter
    ).exists()

    coffee = Initiative.objects.get(name="Cà phê sáng - trao đổi với Nhân dân")
    assert coffee.kind == "individual"
    assert coffee.person.full_name == "Nguyễn Thị Lan" and coffee.person.organization == street.organization


def test_an_individual_reuses_the_person_already_in_the_organisation(
    commune_reporter, login, django_capture_on_commit_callbacks
):
    from danvan.org.models import Organization

    front = Organization.objects.get(name=NAM_KHE_FRONT)
    known = Person.objects.create(full_name="Trần Văn Bình", organization=front)
    people = Person.objects.count()
    rows = [nam_khe_row(name=f"Mô hình {i}", kind="individual", person="trần văn bình") for i in range(2)]
    _response, job = upload(login(commune_reporter), filled(commune_reporter, rows), django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.SUCCEEDED, job.errors
    assert Person.objects.count() == people
    assert set(Initiative.objects.filter(name__startswith="Mô hình ").values_list("person", flat=True)) == {known.pk}


def test_every_bad_cell_is_reported_and_nothing_is_saved(commune_reporter, login, django_capture_on_commit_callbacks):
    _docs()
    before = Initiative.objects.count()
    rows = [
        nam_khe_row(),  # row 3: good
        nam_khe_row(name="", field="thể thao", year=1980),  # row 4: B, C, H
        nam_khe_row(money_vnd=-5, workdays="nhiều", start_date="31/02/2024"),  # row 5
        nam_khe_row(kind="individual", start_date=date(2024, 5, 1), evaluation_date=date(2024, 1, 1)),  # row 6
        nam_khe_row(organization="Hội Nông dân xã X", target_groups="Thanh niên, Người ngoài hành tinh"),  # row 7
        nam_khe_row(policy_documents="02-ĐA/TU", **{"result:ho-gia-dinh": 10.5, "result:camera": -1}),  # row 8
        nam_khe_row(unit="06823"),  # row 9
    ]
    _response, job = upload(login(commune_reporter), filled(commune_reporter, rows), django_capture_on_commit_callbacks)
    job.refresh_from_db()

    assert job.status == ImportJob.Status.FAILED
    assert Initiative.objects.count() == before
    found = {(e["row"], e["column"]) for e in job.errors}
    expected = {
        (4, "A"),  # name required
        (4, "B"),  # field not in the list
        (4, "G"),  # year out of range (the services' rule)
        (5, "O"),  # money negative (rule)
        (5, "Q"),  # workdays not a number
        (5, "S"),  # not a date
        (6, "D"),  # individual without a person
        (6, "U"),  # evaluation before start
        (7, "E"),  # unknown organisation
        (7, "H"),  # unknown target group
        (8, "I"),  # ambiguous document number
        (9, "F"),  # unit without era
    }
    assert expected <= found, sorted(found)
    metric_errors = [e for e in job.errors if e["row"] == 8 and e["column"] not in ("I",)]
    assert len(metric_errors) == 2  # 10.5 households, -1 cameras
    assert job.error_count == len(job.errors) == len(found)
    assert not any(e["row"] == 3 for e in job.errors)
    by_cell = {(e["row"], e["column"]): e for e in job.errors}
    assert by_cell[(4, "B")]["header"] == "Lĩnh vực"
    assert by_cell[(4, "G")]["message"] == "Năm đăng ký phải từ 1990 đến 2100."


def test_messages_follow_the_language_of_the_upload(commune_reporter, login, django_capture_on_commit_callbacks):
    rows = [nam_khe_row(field="sport", year=1980)]
    client = login(commune_reporter)
    with translation.override("en"):
        client.cookies["django_language"] = "en"
        _response, job = upload(client, filled(commune_reporter, rows), django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.language == "en"
    messages = {e["column"]: e for e in job.errors}
    assert messages["G"]["message"] == "The registration year must be between 1990 and 2100."
    assert messages["B"]["header"] == "Field"
    assert messages["B"]["message"] == "“sport” is not in the list."

    _response, job_vi = upload(
        login(commune_reporter), filled(commune_reporter, rows), django_capture_on_commit_callbacks
    )
    job_vi.refresh_from_db()
    assert job_vi.language == "vi"
    assert {e["column"]: e["message"] for e in job_vi.errors}["B"] == "“sport” không có trong danh sách."


def test_a_file_full_of_problems_counts_them_all_and_keeps_the_first(
    commune_reporter, login, django_capture_on_commit_callbacks, monkeypatch
):
    from danvan.documents.services import imports as services

    monkeypatch.setattr(services, "MAX_ERRORS_KEPT", 5)
    rows = [nam_khe_row(name=f"Mô hình {i}", field="thể thao", year=1980) for i in range(10)]
    client = login(commune_reporter)
    _response, job = upload(client, filled(commune_reporter, rows), django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.error_count == 20
    assert [e["row"] for e in job.errors] == [3, 3, 4, 4, 5]  # the first ones, in order
    html = client.get(reverse("documents:import", args=[job.pk])).content.decode()
    assert "Phát hiện 20 lỗi." in html and "Chỉ liệt kê 5 lỗi đầu tiên." in html
