"""Dates in every XLSX export read day/month/year, as the pages show them (core.dates through core.cells)."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from danvan.core.cells import xlsx_row
from danvan.engagement.services.petitions import SenderData
from danvan.engagement.tests.petition_factories import submit


def test_a_date_cell_is_shown_day_month_year_and_stays_a_date():
    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(xlsx_row(ws, [date(2025, 1, 15), datetime(2025, 1, 15, 14, 5), "15-01-2025", 7604]))  # noqa: DTZ001 - Excel keeps wall time
    buf = io.BytesIO()
    wb.save(buf)
    day, moment, text, number = next(load_workbook(io.BytesIO(buf.getvalue())).active.iter_rows())
    assert (day.is_date, day.number_format) == (True, "dd/mm/yyyy")
    assert (moment.is_date, moment.number_format) == (True, "dd/mm/yyyy hh:mm")
    assert (text.value, text.number_format) == ("15-01-2025", "General")  # text stays text
    assert number.value == 7604


@pytest.mark.django_db
def test_the_petitions_export_shows_its_dates_day_month_year(login, province_manager):
    submit(kind="feedback", subject="Đường làng ngập nước", sender=SenderData())
    response = login(province_manager).get(reverse("engagement:petition_export_xlsx"))
    ws = load_workbook(io.BytesIO(response.content)).active
    dates = [c for row in ws.iter_rows(min_row=2) for c in row if c.is_date]
    assert dates, "the export has a received date"
    assert {c.number_format for c in dates} == {"dd/mm/yyyy"}
