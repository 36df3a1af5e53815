"""No export carries a live formula: user text that a spreadsheet would evaluate stays text, in every export.

Each export is downloaded as the staff would, with a petition subject, a model's, a person's, an
organisation's or a village's name set to what an attacker would type, then read back with
openpyxl (no cell is a formula, the text is shown as typed) or the csv module (the text is there,
behind the apostrophe that keeps a spreadsheet from evaluating it).
"""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from danvan.conftest import unit
from danvan.core.cells import is_formula_like, safe_cell, xlsx_cell
from danvan.engagement.services.petitions import SenderData
from danvan.engagement.tests.activity_helpers import (
    BINH_LIEU,
    NAM_KHE_MTTQ,
    TQ_YOUTH,
    binh_lieu_person,
    nam_khe_dialogue,
    tq_activity,
)
from danvan.engagement.tests.petition_factories import submit
from danvan.geo.models import AdminUnit
from danvan.initiatives.tests.factories import NAM_KHE_FRONT, nam_khe_model
from danvan.org.models import Organization
from danvan.reporting.tests import test_dashboards

figures = test_dashboards.figures  # the reporting tests' reports of Nam Khê and Bắc Sơn

HYPERLINK = '=HYPERLINK("http://x.example","x")'
PAYLOADS = [HYPERLINK, "+1+1", "-2+3", "@SUM(1)"]


# --- the shared function ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "csv_cell"),
    [
        ("=1+1", "'=1+1"),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("  =1+1", "'  =1+1"),  # LibreOffice trims leading spaces on import
        ("Bãi rác = ô nhiễm", "Bãi rác = ô nhiễm"),
        ("-12.5", "-12.5"),  # a plain number is data
        ("+84912345678", "+84912345678"),
        ("", ""),
        (-2, -2),
        (12.5, 12.5),
        (None, None),
        (date(2025, 1, 15), date(2025, 1, 15)),
    ],
)
def test_safe_cell_neutralises_only_what_a_spreadsheet_would_evaluate(value, csv_cell):
    assert safe_cell(value) == csv_cell
    assert is_formula_like(value) == (csv_cell != value)


def test_an_xlsx_cell_keeps_the_text_and_numbers_stay_numbers():
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("t")
    ws.append([xlsx_cell(ws, v) for v in [HYPERLINK, "+1+1", -2, 12.5, "Nam Khê"]])
    buf = io.BytesIO()
    wb.save(buf)
    row = next(load_workbook(io.BytesIO(buf.getvalue()))["t"].iter_rows())
    assert [c.value for c in row] == [HYPERLINK, "+1+1", -2, 12.5, "Nam Khê"]
    assert [c.data_type for c in row] == ["s", "s", "n", "n", "s"]
    assert row[0].quotePrefix and row[1].quotePrefix and not row[4].quotePrefix


# --- reading an export back -------------------------------------------------------------------


def _content(response) -> bytes:
    assert response.status_code == 200, response.content[:500]
    return b"".join(response.streaming_content) if response.streaming else response.content


def xlsx_text(response) -> list[str]:
    """Every cell of every sheet as text, after checking that none of them is a formula."""
    wb = load_workbook(io.BytesIO(_content(response)))
    seen = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula: {cell.value!r}"
                if is_formula_like(cell.value):
                    assert cell.quotePrefix, f"{ws.title}!{cell.coordinate} {cell.value!r} lacks the quote prefix"
                if cell.value is not None:
                    seen.append(str(cell.value))
    return seen


def assert_in_xlsx(response, payloads: list[str]) -> None:
    text = xlsx_text(response)
    for payload in payloads:
        assert any(payload in cell for cell in text), f"{payload!r} is not shown in the workbook"


def assert_in_csv(response, payloads: list[str]) -> None:
    rows = list(csv.reader(io.StringIO(_content(response).decode("utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    assert not [c for c in cells if is_formula_like(c)], "a CSV cell would run as a formula"
    for payload in payloads:
        assert any(c.startswith("'") and payload in c for c in cells), f"{payload!r} is not in the CSV as text"


# --- every export -----------------------------------------------------------------------------


def test_the_petitions_export(login, province_manager):
    for subject in PAYLOADS:
        submit(kind="feedback", subject=subject, sender=SenderData())  # anonymous, from the public form
    client = login(province_manager)
    assert_in_xlsx(client.get(reverse("engagement:petition_export_xlsx")), PAYLOADS)
    assert_in_csv(client.get(reverse("engagement:petition_export_csv")), PAYLOADS)


def test_the_dialogues_export(login, province_manager):
    for title in (HYPERLINK, "-2+3"):
        nam_khe_dialogue(province_manager, title=title)
    Organization.objects.filter(name=NAM_KHE_MTTQ).update(name="@SUM(1)")
    client = login(province_manager)
    url = reverse("engagement:dialogue_list")
    assert_in_xlsx(client.get(url, {"export": "xlsx"}), [HYPERLINK, "-2+3", "@SUM(1)"])
    assert_in_csv(client.get(url, {"export": "csv"}), [HYPERLINK, "-2+3", "@SUM(1)"])


def test_the_three_together_export(login, admin_user, other_manager):
    tq_activity(admin_user, description=HYPERLINK)
    Organization.objects.filter(name=TQ_YOUTH).update(name="+1+1")
    client = login(other_manager)
    url = reverse("engagement:activity_list")
    assert_in_xlsx(client.get(url, {"export": "xlsx"}), [HYPERLINK, "+1+1"])
    assert_in_csv(client.get(url, {"export": "csv"}), [HYPERLINK, "+1+1"])


def test_the_prestigious_persons_export(login, province_manager):
    assert Organization.objects.filter(name=BINH_LIEU).exists()
    binh_lieu_person(province_manager, full_name=HYPERLINK, address="@SUM(1)")
    client = login(province_manager)
    url = reverse("engagement:person_list")
    assert_in_xlsx(client.get(url, {"export": "xlsx"}), [HYPERLINK, "@SUM(1)"])
    assert_in_csv(client.get(url, {"export": "csv"}), [HYPERLINK, "@SUM(1)"])


def test_the_models_export_and_template(login, commune_reporter):
    for name in (HYPERLINK, "-2+3"):
        nam_khe_model(commune_reporter, name=name, details={"content": "+1+1"})
    Organization.objects.filter(name=NAM_KHE_FRONT).update(name="@SUM(1)")
    client = login(commune_reporter)
    assert_in_xlsx(client.get(reverse("initiatives:sheet_export")), [HYPERLINK, "-2+3", "+1+1", "@SUM(1)"])
    assert_in_xlsx(client.get(reverse("initiatives:sheet_template")), ["@SUM(1)"])  # the organisations list


@pytest.fixture
def village_names(figures):
    """Uông Bí's communes named like an attacker would, Nam Khê (which reported) among them."""
    AdminUnit.objects.filter(pk=figures.nam_khe.pk).update(name=HYPERLINK)
    AdminUnit.objects.filter(pk=figures.bac_son.pk).update(name="-2+3")
    return figures


PARAMS = {"era": "2024", "unit": "196", "period": "2024"}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_dashboard_and_completeness_exports(login, province_manager, village_names, fmt):
    client = login(province_manager)
    check = assert_in_csv if fmt == "csv" else assert_in_xlsx
    check(client.get(reverse("reporting:dashboard-export", args=[fmt]), PARAMS), [HYPERLINK, "-2+3"])
    completeness = reverse("reporting:completeness-export", args=[fmt])
    check(client.get(completeness, {**PARAMS, "form": "d-commune"}), [HYPERLINK, "-2+3"])


def test_the_report_sheet_template(login, admin_user, village_names):
    query = {**PARAMS, "form": "d-commune"}
    response = login(admin_user).get(reverse("reporting:sheet-template"), query)
    assert_in_xlsx(response, [HYPERLINK, "-2+3"])
    assert unit("2024", "06823").name == HYPERLINK


def test_every_module_that_writes_a_spreadsheet_goes_through_core_cells():
    """A new export cannot forget: a module that writes CSV or builds a workbook uses `danvan.core.cells`."""
    from pathlib import Path

    import danvan

    root = Path(danvan.__file__).parent
    writers = ("csv.writer(", "csv.DictWriter(", "Workbook(")
    forgetful = []
    for path in root.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts or path.name == "cells.py":
            continue
        source = path.read_text(encoding="utf-8")
        if any(w in source for w in writers) and "danvan.core.cells" not in source:
            forgetful.append(str(path.relative_to(root)))
    assert forgetful == []
