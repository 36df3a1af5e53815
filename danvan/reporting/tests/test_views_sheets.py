"""The Excel report pages: who may download which template, what a wrong parameter says, the upload and its page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.conftest import unit
from danvan.documents.models import ImportJob
from danvan.org.models import Membership, OrganizationKind, Role, User
from danvan.reporting.models import DataValue
from danvan.reporting.tests.test_sheets import (
    FORM,
    XLSX,
    fill,
    make_form,
    rows,
    template,
    uong_bi_reporter,
    upload,
    workbook,
)


@pytest.fixture(autouse=True)
def _tasks_run_immediately(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def form(db):
    return make_form()


@pytest.fixture
def reporter(db):
    return uong_bi_reporter()


def test_anonymous_visitors_are_sent_to_sign_in(client, form):
    for name in ("reporting:sheet-template", "reporting:sheet-import"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "login" in response["Location"]


def test_without_parameters_the_template_page_offers_the_choices(reporter, form, login):
    response = login(reporter).get(reverse("reporting:sheet-template"))
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<option value="{FORM}"' in html
    assert 'name="unit" id="sheet-unit" value="196"' in html  # the user's own unit to start with
    assert 'name="submit"' in html and 'type="file"' in html


def test_a_user_of_another_province_gets_404(other_manager, form, login):
    response = template(login(other_manager))
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_a_viewer_who_may_not_report_gets_404(form, login):
    viewer = User.objects.create_user("sheet-viewer", password="x")
    Membership.objects.create(user=viewer, role=Role.VIEWER, unit=unit("2024", "196"))
    response = template(login(viewer))
    assert response.status_code == 404
    assert 'id="template-error"' in response.content.decode()


def test_a_reporter_of_one_commune_gets_only_that_row(commune_reporter, form, login):
    response = template(login(commune_reporter))
    assert response.status_code == 200
    assert list(rows(workbook(response)["Báo cáo"])) == ["06823"]


@pytest.mark.parametrize(
    "params",
    [
        {"period": "2024-13"},  # no such month
        {"period": "2024-Q1"},  # the form is yearly
        {"period": ""},
        {"form": "no-such-form"},
        {"form": "bad\x00code"},
        {"unit": ""},
        {"era": "1999"},
        {"unit": "06823", "form": "dvk-upper-year"},  # a commune reports on no upper form
    ],
)
def test_a_wrong_parameter_gets_a_clear_message(reporter, form, login, params):
    response = template(login(reporter), **params)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="template-error"' in html
    assert 'role="alert"' in html


def test_a_form_reported_per_organisation_is_refused(reporter, form, login):
    form.organization_kinds.add(OrganizationKind.objects.first())
    response = template(login(reporter))
    assert response.status_code == 400
    assert "spreadsheet" not in response["Content-Type"]  # a page with the reason, not a file
    assert "do từng tổ chức báo cáo riêng; hãy nhập trên các trang báo cáo" in response.content.decode()


def test_the_template_costs_the_same_queries_for_ten_or_a_hundred_units(province_manager, commune_reporter, login):
    from danvan.reporting.selectors import form_get
    from danvan.reporting.tests.factories import report

    report(
        commune_reporter,
        form_get(user=commune_reporter, code="dvk-commune-year"),
        unit("2024", "06823"),
        "2024",
        {"tt_people": 5},
    )
    client = login(province_manager)

    def count(**params):
        with CaptureQueriesContext(connection) as ctx:
            response = template(client, form="dvk-commune-year", era="2024", period="2024", **params)
            assert response.status_code == 200
            assert response["Content-Type"] == XLSX
        return len(ctx.captured_queries)

    small = count(unit="196")
    large = count(unit="22")
    assert small == large <= 20  # with the period's map and its levels (forms follow the period's map)


def test_the_upload_page_shows_the_form(reporter, login):
    response = login(reporter).get(reverse("reporting:sheet-import"))
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in response.content.decode()


def test_a_file_that_is_not_xlsx_is_refused_at_once(reporter, login, django_capture_on_commit_callbacks):
    before = ImportJob.objects.count()
    response, job = upload(login(reporter), b"ma,so\n06823,1\n", django_capture_on_commit_callbacks, name="x.csv")
    assert response.status_code == 400
    assert job is None and ImportJob.objects.count() == before
    assert "not an Excel workbook" in response.content.decode()


def test_an_upload_without_a_file_is_refused(reporter, login):
    response = login(reporter).post(reverse("reporting:sheet-import"), {"submit": "on"})
    assert response.status_code == 400
    assert 'id="id_file_error"><li>Trường này là bắt buộc.</li>' in response.content.decode()
    assert not ImportJob.objects.exists()


def test_the_job_page_lists_what_was_saved_to_its_owner_only(
    reporter, form, other_manager, login, django_capture_on_commit_callbacks
):
    client = login(reporter)
    data = fill(workbook(template(client)), {"06823": {"sh_people": 106}})
    _response, job = upload(client, data, django_capture_on_commit_callbacks, submit=True)
    assert job.status == ImportJob.Status.SUCCEEDED, job.errors
    assert DataValue.objects.filter(unit=unit("2024", "06823")).count() == 1
    html = client.get(reverse("documents:import", args=[job.pk])).content.decode()
    assert "06823 – Phường Nam Khê" in html
    assert reverse("reporting:sheet-import") in html  # "import another file" comes back here
    assert 'hx-trigger="every' not in html  # no polling (the menu badge loads once, on its own)
    assert login(other_manager).get(reverse("documents:import", args=[job.pk])).status_code == 404
    # and it is in the uploader's recent imports
    assert job.original_name in client.get(reverse("reporting:sheet-import")).content.decode()


def test_a_rejected_job_page_lists_the_cells(reporter, form, login, django_capture_on_commit_callbacks):
    client = login(reporter)
    data = fill(workbook(template(client)), {"06823": {"sh_people": "abc"}})
    _response, job = upload(client, data, django_capture_on_commit_callbacks)
    html = client.get(reverse("documents:import", args=[job.pk])).content.decode()
    assert job.status == ImportJob.Status.FAILED
    assert f"<strong>{job.errors[0]['column']}</strong>" in html
    assert "“abc” is not a number: write it like 1,234.5." in html
