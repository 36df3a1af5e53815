"""Excel reports: the template's rows, keys, prefilled values and validation; the import, all or nothing."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from danvan.conftest import unit
from danvan.documents.models import ImportJob
from danvan.geo.models import AdminUnit
from danvan.org.models import Membership, Role, User
from danvan.reporting.models import DataValue, Submission, ValidationRule
from danvan.reporting.periods import period_get
from danvan.reporting.selectors import rollup
from danvan.reporting.services import submission_approve
from danvan.reporting.sheets import layout as sheets
from danvan.reporting.sheets import runner
from danvan.reporting.tests.factories import commune_form, indicator, report

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORM = "sheet-commune"


def make_form():
    """Two plain figures (whole, decimal), one with a breakdown by field, and one computed (not in the sheet)."""
    people = indicator(
        "sh_people", name="Số người tham gia", name_en="People", unit_of_measure="người", value_type="integer"
    )
    money = indicator(
        "sh_money", name="Số tiền vận động", name_en="Money", unit_of_measure="đồng", value_type="decimal"
    )
    models = indicator("sh_models", name="Số mô hình", name_en="Models", value_type="integer", breakdown="field")
    computed = indicator("sh_computed", source="records", record_key="initiatives.registered")
    return commune_form(people, money, models, computed, code=FORM)


def uong_bi_reporter() -> User:
    """A reporter of every commune of Uông Bí city (2024 map)."""
    user = User.objects.create_user("sheet-uongbi", password="x")
    Membership.objects.create(user=user, role=Role.REPORTER, unit=unit("2024", "196"))
    return user


def template(client: Client, **params: str) -> Any:
    query = {"form": FORM, "era": "2024", "unit": "196", "period": "2024", **params}
    return client.get(reverse("reporting:sheet-template"), query)


def workbook(response: Any) -> Any:
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def columns(ws: Any) -> dict[str, int]:
    """{key: column index} from the hidden key row."""
    return {c.value: c.column for c in ws[sheets.KEY_ROW] if c.value is not None}


def rows(ws: Any) -> dict[str, int]:
    """{unit code: row number}."""
    return {
        ws.cell(row=r, column=1).value: r
        for r in range(sheets.FIRST_DATA_ROW, ws.max_row + 1)
        if ws.cell(row=r, column=1).value
    }


def fill(wb: Any, values: dict[str, dict[str, Any]], *, extra: list[dict[str, Any]] | None = None) -> bytes:
    """Type `values` {unit code: {key: value}} into the template; `extra` rows are added below it."""
    ws = wb[sheets.REPORT_SHEET]
    cols, at = columns(ws), rows(ws)
    for code, cells in values.items():
        for key, value in cells.items():
            ws.cell(row=at[code], column=cols[key]).value = value  # None clears the cell
    next_row = ws.max_row + 1
    for i, cells in enumerate(extra or []):
        for key, value in cells.items():
            ws.cell(row=next_row + i, column=cols[key], value=value)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def upload(
    client: Client, data: bytes, capture: Any, *, submit: bool = False, name: str = "bao-cao.xlsx", language="en"
) -> tuple[Any, ImportJob | None]:
    """POST the file; the import runs when the upload's transaction commits (immediately, in tests).

    English by default: the messages asserted are then the source strings, whatever the catalogue holds.
    """
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    payload: dict[str, Any] = {"file": SimpleUploadedFile(name, data, content_type="application/octet-stream")}
    if submit:
        payload["submit"] = "on"
    with capture(execute=True):
        response = client.post(reverse("reporting:sheet-import"), payload)
    job = ImportJob.objects.filter(original_name=name).order_by("-pk").first() if response.status_code == 302 else None
    if job is not None:
        job.refresh_from_db()
    return response, job


@pytest.fixture(autouse=True)
def _tasks_run_immediately(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def form(db):
    return make_form()


@pytest.fixture
def reporter(db):
    return uong_bi_reporter()


def uong_bi_communes() -> list[AdminUnit]:
    return list(
        AdminUnit.objects.filter(era_id="2024", level="commune", path__startswith=unit("2024", "196").path).order_by(
            "path"
        )
    )


def other_commune() -> AdminUnit:
    """A commune of Quảng Ninh outside Uông Bí."""
    return (
        AdminUnit.objects.filter(era_id="2024", level="commune", path__startswith=unit("2024", "22").path)
        .exclude(path__startswith=unit("2024", "196").path)
        .order_by("path")
        .first()
    )


def nam_khe_values(form, period="2024"):
    return {
        (v.indicator.code, v.category): v.value
        for v in DataValue.objects.filter(unit=unit("2024", "06823"), period__code=period).select_related("indicator")
    }


# --- the template -------------------------------------------------------------------------------


def test_it_has_one_row_per_commune_the_user_may_report_for(form, reporter, login):
    response = template(login(reporter))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    ws = workbook(response)[sheets.REPORT_SHEET]
    communes = uong_bi_communes()
    assert len(communes) > 5
    assert list(rows(ws)) == [c.code for c in communes]
    assert [ws.cell(row=r, column=2).value for r in rows(ws).values()] == [c.name for c in communes]
    assert "06823" in rows(ws)  # a code with its leading zero, kept as text
    assert ws.cell(row=rows(ws)["06823"], column=1).number_format == "@"


def test_the_hidden_key_row_names_every_entered_indicator_and_category(form, reporter, login):
    wb = workbook(template(login(reporter)))
    ws = wb[sheets.REPORT_SHEET]
    field_codes = [c for c, _label in form.rows.get(indicator__code="sh_models").indicator.categories]
    assert list(columns(ws)) == [
        "unit",
        "name",
        "status",
        "sh_people",
        "sh_money",
        *[f"sh_models.{c}" for c in field_codes],
    ]  # the computed indicator has no column
    assert ws.row_dimensions[sheets.KEY_ROW].hidden
    headers = [c.value for c in ws[sheets.HEADER_ROW]]
    assert "Số người tham gia (người)" in headers and "Số tiền vận động (đồng)" in headers
    assert any(h and h.startswith("Số mô hình — ") for h in headers)
    assert "2024" in ws["A2"].value and "Uông Bí" in ws["A2"].value
    meta = wb[sheets.META_SHEET]
    assert meta.sheet_state == "hidden"
    assert [(r[0].value, r[1].value) for r in meta.iter_rows(max_row=5)] == [
        ("format", sheets.META_MARK),
        ("form", FORM),
        ("era", "2024"),
        ("period", "2024"),
        ("unit", "196"),
    ]


def test_it_prefills_existing_values_and_greys_locked_reports(
    form, reporter, commune_reporter, district_reviewer, login
):
    report(
        commune_reporter, form, unit("2024", "06823"), "2024", {"sh_people": 106, "sh_money": Decimal("185000000.5")}
    )
    second = uong_bi_communes()[0]
    s = report(reporter, form, second, "2024", {"sh_people": 7, ("sh_models", "economic"): 2})
    submission_approve(actor=district_reviewer, submission=s)

    ws = workbook(template(login(reporter)))[sheets.REPORT_SHEET]
    cols, at = columns(ws), rows(ws)
    nam_khe = at["06823"]
    assert ws.cell(row=nam_khe, column=cols["sh_people"]).value == 106
    assert Decimal(str(ws.cell(row=nam_khe, column=cols["sh_money"]).value)) == Decimal("185000000.5")
    locked = at[second.code]
    assert ws.cell(row=locked, column=cols["sh_models.economic"]).value == 2
    assert ws.cell(row=locked, column=1).fill.start_color.rgb.endswith("D9D9D9")
    assert ws.cell(row=nam_khe, column=1).fill.fill_type == "solid"  # submitted: locked as well
    untouched = at[uong_bi_communes()[-1].code]
    assert ws.cell(row=untouched, column=1).fill.fill_type is None
    assert "—" in ws.cell(row=locked, column=cols["status"]).value  # "… — locked"
    assert "—" not in ws.cell(row=untouched, column=cols["status"]).value


def test_submitted_and_approved_rows_are_marked_locked_and_drafts_are_not(
    form, reporter, commune_reporter, district_reviewer, login
):
    report(commune_reporter, form, unit("2024", "06823"), "2024", {"sh_people": 1}, submit=False)
    first = uong_bi_communes()[0]
    report(reporter, form, first, "2024", {"sh_people": 2})
    ws = workbook(template(login(reporter)))[sheets.REPORT_SHEET]
    at = rows(ws)
    assert ws.cell(row=at["06823"], column=1).fill.fill_type is None
    assert ws.cell(row=at[first.code], column=1).fill.fill_type == "solid"


def test_cells_are_validated_as_numbers_not_negative(form, reporter, login):
    ws = workbook(template(login(reporter)))[sheets.REPORT_SHEET]
    cols = columns(ws)
    validations = {dv.type: dv for dv in ws.data_validations.dataValidation}
    assert set(validations) == {"whole", "decimal"}
    for dv in validations.values():
        assert (dv.operator, dv.formula1) == ("greaterThanOrEqual", "0")
    from openpyxl.utils import get_column_letter

    people = get_column_letter(cols["sh_people"])
    money = get_column_letter(cols["sh_money"])
    whole = str(validations["whole"].sqref)
    decimal = str(validations["decimal"].sqref)
    assert f"{people}{sheets.FIRST_DATA_ROW}:" in whole and people + str(sheets.FIRST_DATA_ROW) not in decimal
    assert f"{money}{sheets.FIRST_DATA_ROW}:" in decimal


def test_a_province_manager_gets_the_communes_of_todays_province(province_manager, login):
    response = template(login(province_manager), form="dvk-commune-year", era="2025", unit="22", period="2024")
    assert response.status_code == 200
    ws = workbook(response)[sheets.REPORT_SHEET]
    expected = AdminUnit.objects.filter(era_id="2025", level="commune", path__startswith=unit("2025", "22").path)
    assert len(rows(ws)) == expected.count() > 10
    keys = list(columns(ws))
    assert "tt_people" in keys and "models_registered" not in keys  # computed from the records only


# --- the import ---------------------------------------------------------------------------------


def test_a_good_file_saves_every_value(form, reporter, login, django_capture_on_commit_callbacks):
    client = login(reporter)
    communes = uong_bi_communes()
    data = fill(
        workbook(template(client)),
        {
            "06823": {"sh_people": 106, "sh_money": "185.000.000", "sh_models.economic": 3},
            communes[0].code: {"sh_people": 40, "sh_money": 12.5},
        },
    )
    response, job = upload(client, data, django_capture_on_commit_callbacks, language="vi")  # 185.000.000
    assert response.status_code == 302 and response["Location"] == reverse("documents:import", args=[job.pk])
    assert job.kind == "reports"
    assert job.status == ImportJob.Status.SUCCEEDED, job.errors
    assert (job.saved, job.total, job.done) == (2, len(communes), len(communes))
    assert nam_khe_values(form) == {
        ("sh_people", ""): 106,
        ("sh_money", ""): 185_000_000,
        ("sh_models", "economic"): 3,
    }
    assert Submission.objects.get(form=form, unit=communes[0]).status == Submission.Status.DRAFT
    assert {row["unit"].split(" ")[0] for row in job.options["result"]["saved"]} == {"06823", communes[0].code}
    assert len(job.options["result"]["unchanged"]) == len(communes) - 2  # blank rows open no report


def test_with_submit_the_figures_reach_the_district(
    form, reporter, admin_user, login, django_capture_on_commit_callbacks
):
    client = login(reporter)
    communes = uong_bi_communes()
    data = fill(workbook(template(client)), {c.code: {"sh_people": 10 + i} for i, c in enumerate(communes)})
    _response, job = upload(client, data, django_capture_on_commit_callbacks, submit=True)
    assert job.status == ImportJob.Status.SUCCEEDED, job.errors
    assert job.saved == len(communes)
    assert set(Submission.objects.filter(form=form).values_list("status", flat=True)) == {"submitted"}
    people = form.rows.get(indicator__code="sh_people").indicator
    total = rollup(user=admin_user, unit=unit("2024", "196"), indicator=people, period=period_get("2024"))
    assert total.value == sum(10 + i for i in range(len(communes)))
    assert total.count == len(communes)


def test_three_bad_cells_save_nothing_and_are_each_reported(form, reporter, login, django_capture_on_commit_callbacks):
    client = login(reporter)
    communes = uong_bi_communes()
    wb = workbook(template(client))
    ws = wb[sheets.REPORT_SHEET]
    cols, at = columns(ws), rows(ws)
    data = fill(
        wb,
        {
            "06823": {"sh_people": "abc", "sh_money": 5},
            communes[0].code: {"sh_people": 3, "sh_money": -5},
            communes[1].code: {"sh_people": 2.5},
            communes[2].code: {"sh_people": 9},  # a good row: not saved either
        },
    )
    before = (DataValue.objects.count(), Submission.objects.count())
    _response, job = upload(client, data, django_capture_on_commit_callbacks)
    assert job.status == ImportJob.Status.FAILED
    assert (DataValue.objects.count(), Submission.objects.count()) == before
    from openpyxl.utils import get_column_letter

    people, money = get_column_letter(cols["sh_people"]), get_column_letter(cols["sh_money"])
    found = sorted((e["row"], e["column"]) for e in job.errors)
    assert found == sorted([(at["06823"], people), (at[communes[0].code], money), (at[communes[1].code], people)])
    assert job.error_count == 3
    messages = {(e["row"], e["column"]): e["message"] for e in job.errors}
    assert messages[(at["06823"], people)] == "“abc” is not a number: write it like 1,234.5."
    assert messages[(at[communes[0].code], money)] == "A figure cannot be negative."
    assert "whole numbers" in messages[(at[communes[1].code], people)]
    assert all(e["header"] for e in job.errors)


def test_a_unit_outside_the_users_scope_is_refused(form, reporter, login, django_capture_on_commit_callbacks):
    client = login(reporter)
    outside = other_commune()
    data = fill(
        workbook(template(client)),
        {"06823": {"sh_people": 1}},
        extra=[{"unit": outside.code, "sh_people": 5}, {"unit": "99999", "sh_people": 5}],
    )
    _response, job = upload(client, data, django_capture_on_commit_callbacks)
    assert job.status == ImportJob.Status.FAILED
    assert [(e["column"], e["message"]) for e in job.errors] == [
        ("A", f"You cannot report for {outside.name}."),
        ("A", "There is no unit with code 99999 on the map of 2024."),
    ]
    assert not nam_khe_values(form)


def test_a_unit_of_another_level_and_a_repeated_unit_are_refused(
    form, reporter, login, django_capture_on_commit_callbacks
):
    client = login(reporter)
    data = fill(
        workbook(template(client)),
        {"06823": {"sh_people": 1}},
        extra=[{"unit": "196", "sh_people": 5}, {"unit": 6823, "sh_people": 2}],  # 6823: Excel dropped the zero
    )
    _response, job = upload(client, data, django_capture_on_commit_callbacks)
    messages = [e["message"] for e in job.errors]
    assert len(messages) == 2
    assert "is a district" in messages[0]
    assert messages[1].startswith("This unit is already on row")


def test_a_changed_figure_of_an_approved_report_is_refused(
    form, reporter, district_reviewer, login, django_capture_on_commit_callbacks
):
    first = uong_bi_communes()[0]
    s = report(reporter, form, first, "2024", {"sh_people": 7})
    submission_approve(actor=district_reviewer, submission=s)
    client = login(reporter)
    data = fill(workbook(template(client)), {first.code: {"sh_people": 8}, "06823": {"sh_people": 1}})
    _response, job = upload(client, data, django_capture_on_commit_callbacks)
    assert job.status == ImportJob.Status.FAILED
    assert len(job.errors) == 1
    assert "approved and is locked" in job.errors[0]["message"]
    assert not nam_khe_values(form)
    assert DataValue.objects.get(unit=first).value == 7


def test_an_unchanged_approved_report_is_skipped(
    form, reporter, district_reviewer, login, django_capture_on_commit_callbacks
):
    first = uong_bi_communes()[0]
    s = report(reporter, form, first, "2024", {"sh_people": 7})
    submission_approve(actor=district_reviewer, submission=s)
    client = login(reporter)
    data = fill(workbook(template(client)), {"06823": {"sh_people": 1}})
    _response, job = upload(client, data, django_capture_on_commit_callbacks, submit=True)
    assert job.status == ImportJob.Status.SUCCEEDED, job.errors
    assert [r["unit"].split(" ")[0] for r in job.options["result"]["locked"]] == [first.code]
    assert Submission.objects.get(pk=s.pk).status == Submission.Status.APPROVED
    assert nam_khe_values(form) == {("sh_people", ""): 1}


def test_a_cross_field_rule_is_reported_at_its_indicators_column(
    form, reporter, login, django_capture_on_commit_callbacks
):
    people = form.rows.get(indicator__code="sh_people").indicator
    money = form.rows.get(indicator__code="sh_money").indicator
    ValidationRule.objects.create(left=people, operator="le", right=money)
    client = login(reporter)
    wb = workbook(template(client))
    ws = wb[sheets.REPORT_SHEET]
    cols, at = columns(ws), rows(ws)
    data = fill(wb, {"06823": {"sh_people": 10, "sh_money": 2}})
    _response, job = upload(client, data, django_capture_on_commit_callbacks)
    assert job.status == ImportJob.Status.FAILED
    from openpyxl.utils import get_column_letter

    assert [(e["row"], e["column"]) for e in job.errors] == [(at["06823"], get_column_letter(cols["sh_people"]))]
    assert "must be" in job.errors[0]["message"]


def test_a_blank_cell_deletes_a_draft_value(
    form, reporter, commune_reporter, login, django_capture_on_commit_callbacks
):
    report(commune_reporter, form, unit("2024", "06823"), "2024", {"sh_people": 5, "sh_money": 6}, submit=False)
    client = login(reporter)
    data = fill(workbook(template(client)), {"06823": {"sh_money": None}})
    _response, job = upload(client, data, django_capture_on_commit_callbacks)
    assert job.status == ImportJob.Status.SUCCEEDED, job.errors
    assert nam_khe_values(form) == {("sh_people", ""): 5}


def test_a_failure_while_saving_rolls_back_every_row(
    form, reporter, login, django_capture_on_commit_callbacks, monkeypatch
):
    from danvan.core.errors import DomainError

    client = login(reporter)
    communes = uong_bi_communes()
    data = fill(workbook(template(client)), {communes[0].code: {"sh_people": 1}, communes[1].code: {"sh_people": 2}})
    calls = []
    real = runner.values_upsert

    def flaky(**kwargs):
        calls.append(kwargs["unit"])
        if len(calls) == 4:  # two rehearsals, then the real save of the first row, then the second fails
            raise DomainError("The report changed meanwhile.")
        return real(**kwargs)

    monkeypatch.setattr(runner, "values_upsert", flaky)
    before = DataValue.objects.count()
    _response, job = upload(client, data, django_capture_on_commit_callbacks)
    assert job.status == ImportJob.Status.FAILED
    assert [(e["column"], e["message"]) for e in job.errors] == [("A", "The report changed meanwhile.")]
    assert DataValue.objects.count() == before
    assert not Submission.objects.filter(form=form).exists()


def test_a_file_that_is_not_the_template_gets_one_message(form, reporter, login, django_capture_on_commit_callbacks):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "Sheet1"
    wb.active["A1"] = "Mã đơn vị"
    out = io.BytesIO()
    wb.save(out)
    _response, job = upload(login(reporter), out.getvalue(), django_capture_on_commit_callbacks)
    assert job.status == ImportJob.Status.FAILED
    assert len(job.errors) == 1 and job.errors[0]["row"] == 0
    assert "no sheet “Báo cáo”" in job.errors[0]["message"]


def test_a_changed_header_row_gets_one_message(form, reporter, login, django_capture_on_commit_callbacks):
    client = login(reporter)
    wb = workbook(template(client))
    ws = wb[sheets.REPORT_SHEET]
    ws.cell(row=sheets.KEY_ROW, column=columns(ws)["sh_money"], value="tiền")
    data = fill(wb, {"06823": {"sh_people": 1}})
    _response, job = upload(client, data, django_capture_on_commit_callbacks)
    assert job.status == ImportJob.Status.FAILED
    assert len(job.errors) == 1 and job.errors[0]["row"] == 0
    assert "header rows were changed" in job.errors[0]["message"]
    assert not nam_khe_values(form)


def test_a_template_of_another_users_area_imports_nothing(
    form, other_manager, reporter, login, django_capture_on_commit_callbacks
):
    data = fill(workbook(template(login(reporter))), {"06823": {"sh_people": 1}})
    _response, job = upload(login(other_manager), data, django_capture_on_commit_callbacks)
    assert job.status == ImportJob.Status.FAILED
    assert len(job.errors) == len(uong_bi_communes())  # every row names a unit that is not theirs
    assert {e["column"] for e in job.errors} == {"A"}
    assert all(e["message"].startswith("You cannot report for") for e in job.errors)
    assert not nam_khe_values(form)
