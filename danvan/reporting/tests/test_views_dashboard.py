"""The dashboard at /reports/dashboard/ and its export: figures in the HTML, access, bad parameters, queries."""

from __future__ import annotations

import csv
import io
import re

import pytest
from openpyxl import load_workbook

from danvan.conftest import unit
from danvan.reporting.tests import test_dashboards

figures = test_dashboards.figures  # the shared fixture
URL = "/reports/dashboard/"
QUERIES = 14  # a province's dashboard with the indicators of `figures` (and its period's map), see the last tests


def tile_value(content: str, code: str) -> str:
    section = content[content.index(f'id="tile-{code}"') :]
    return re.search(r'<strong class="tile__value[^"]*">([^<]*)</strong>', section).group(1)


def drill_cell(content: str, code: str) -> str:
    section = content[content.index('id="drilldown"') :]
    row = re.search(rf'<tr data-key="{code}">(.*?)</tr>', section, re.S).group(1)
    return re.findall(r'<td class="number">(.*?)</td>', row, re.S)[0].strip()


def errors(content: str) -> str:
    return re.search(r'id="dashboard-errors">(.*?)</div>', content, re.S).group(1)


def test_it_sends_anonymous_visitors_to_sign_in(client, db):
    assert client.get(URL).status_code == 302


def test_the_province_manager_sees_the_figures_on_todays_map(login, province_manager, figures):
    response = login(province_manager).get(URL, {"era": "2025", "unit": "22", "period": "2024"})
    assert response.status_code == 200
    content = response.content.decode()
    assert tile_value(content, "d_people") == "150.000"  # Nam Khê's 140,300 and Bắc Sơn's 9,700, old map
    assert "+50%" in content[content.index('id="tile-d_people"') :][:1500]
    assert tile_value(content, "d_houses") == "0"  # a reported zero
    assert 'id="tile-d_awards" data-indicator="d_awards" data-reported="false"' in content
    assert tile_value(content, "d_awards") == "—"
    assert drill_cell(content, "06820") == "150.000"  # Nam Khê and Bắc Sơn merged into today's Vàng Danh ward
    assert 'href="?era=2025&amp;period=2024&amp;indicator=d_people&amp;unit=06820"' in content
    for chart in ("chart-trend-data", "chart-yoy-data", "chart-breakdown-data"):
        assert f'<script id="{chart}" type="application/json">' in content


def test_numbers_follow_the_language(login, province_manager, figures):
    client = login(province_manager)
    client.cookies["django_language"] = "en"
    content = client.get(URL, {"era": "2024", "unit": "22", "period": "2024"}).content.decode()
    assert tile_value(content, "d_people") == "150,000"


def test_the_drilldown_goes_down_to_the_commune(login, province_manager, figures):
    client = login(province_manager)
    content = client.get(URL, {"era": "2024", "unit": "196", "period": "2024", "indicator": "d_people"}).content
    content = content.decode()
    assert drill_cell(content, "06823") == "140.300"
    assert drill_cell(content, "06814") == "9.700"
    assert "Nothing reported" in drill_cell(content, "06808") or "—" in drill_cell(content, "06808")
    # the link of a child opens that child's dashboard
    href = re.search(r'<tr data-key="06823">.*?href="([^"]+)"', content, re.S).group(1).replace("&amp;", "&")
    child = client.get(URL + href)
    assert child.status_code == 200
    assert child.context["sel"].unit == unit("2024", "06823")
    assert tile_value(child.content.decode(), "d_people") == "140.300"


def test_a_reporter_lands_on_their_own_ward(login, commune_reporter, figures):
    response = login(commune_reporter).get(URL)
    assert response.status_code == 200
    assert response.context["sel"].unit == figures.nam_khe
    assert tile_value(response.content.decode(), "d_people") == "140.300"


def test_it_hides_another_province(login, other_manager, figures):
    client = login(other_manager)
    for params in ({"era": "2025", "unit": "22"}, {"era": "2024", "unit": "196"}, {"unit": "2024/06823"}):
        response = client.get(URL, params)
        assert response.status_code == 404, params
        assert "150.000" not in response.content.decode()
        assert client.get(URL + "export.csv", params).status_code == 404


def test_the_nation_is_for_national_users(login, commune_reporter, admin_user, figures):
    assert login(commune_reporter).get(URL, {"era": "2024", "unit": ""}).status_code == 404
    assert login(commune_reporter).get(URL + "export.xlsx", {"era": "2024", "unit": ""}).status_code == 404
    response = login(admin_user).get(URL, {"era": "2025", "unit": "", "period": "2024"})
    assert response.status_code == 200
    assert tile_value(response.content.decode(), "d_people") == "150.000"


@pytest.mark.parametrize(
    ("params", "status", "shown"),
    [
        ({"era": "1999"}, 400, "1999"),
        ({"era": "2025", "unit": "nonsense"}, 404, None),
        ({"period": "abc"}, 400, "abc"),
        ({"period": "2024-13"}, 400, "2024-13"),
        ({"indicator": "nope"}, 400, "nope"),
        ({"era": "2025", "unit": "22\x00"}, 404, None),
        ({"indicator": "d_people\x00"}, 400, "d_people?"),
        ({"period": "2024\x00"}, 400, "2024?"),
    ],
)
def test_bad_parameters_get_a_clear_message(login, province_manager, figures, params, status, shown):
    response = login(province_manager).get(URL, params)
    assert response.status_code == status
    content = response.content.decode()
    assert 'id="dashboard-form"' in content  # the form is there to put it right
    if shown:
        assert shown in errors(content)
    else:
        assert errors(content).strip()


def test_export_csv_has_a_bom_every_indicator_and_the_total(login, province_manager, figures):
    response = login(province_manager).get(URL + "export.csv", {"era": "2024", "unit": "196", "period": "2024"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="danvan-figures-2024-196-2024.csv"' in response["Content-Disposition"]
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows[0]) == 2 + 4  # code, name and the four active indicators
    assert "d people" in rows[0][2]
    by_code = {r[0]: r for r in rows[1:]}
    assert by_code["06823"][1:4] == ["Phường Nam Khê", "140300", "0"]
    assert by_code["06808"][2] == ""  # nothing reported: empty, not 0
    assert rows[-1][0] == "" and rows[-1][2] == "150000"
    assert len(rows) == 1 + 10 + 1


def test_export_xlsx_opens_with_numbers(login, province_manager, figures):
    response = login(province_manager).get(URL + "export.xlsx", {"era": "2025", "unit": "22", "period": "2024"})
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in ws[1]]
    assert header[:2] == ["Mã", "Đơn vị hành chính"] or header[:2] == ["Code", "Đơn vị hành chính"]
    assert ws["C1"].font.bold
    rows = {r[0].value: r for r in ws.iter_rows(min_row=2)}
    assert rows["06820"][2].value == 150000 and rows["06820"][2].number_format == "#,##0"
    last = next(ws.iter_rows(min_row=ws.max_row))
    assert last[2].value == 150000 and last[2].font.bold


def test_export_refuses_other_formats(login, province_manager, figures):
    assert login(province_manager).get(URL + "export.pdf", {"era": "2024", "unit": "196"}).status_code == 404


def test_bad_parameters_on_export_say_so(login, province_manager, figures):
    response = login(province_manager).get(URL + "export.csv", {"era": "2024", "unit": "196", "period": "abc"})
    assert response.status_code == 400
    assert "abc" in errors(response.content.decode())


@pytest.mark.parametrize(("place", "queries"), [("196", QUERIES + 1), ("22", QUERIES)])  # + Uông Bí's province
def test_query_count_does_not_grow_with_the_units_below(
    login,
    province_manager,
    figures,
    django_assert_num_queries,
    place,
    queries,
):
    """Uông Bí (10 communes) and old Quảng Ninh (13 districts) cost the same: one bulk read, not a roll-up per figure.

    Per request: session, user, indicators, eras, the unit, scope (3), every period of the page at
    once (the period, last year's, the trend's phase and its years), the unit picker; then the
    page's roll-ups: the children, every cell at once; then the way around (ancestors, the other
    map's counterparts).
    """
    client = login(province_manager)
    params = {"era": "2024", "unit": place, "period": "2024", "indicator": "d_people"}
    client.get(URL, params)  # periods are stored on first use
    with django_assert_num_queries(queries):
        assert client.get(URL, params).status_code == 200


def test_the_nations_dashboard_pins_its_query_count(login, admin_user, figures, django_assert_num_queries):
    """A national user's whole country: the same bulk read, the 34 provinces as children."""
    client = login(admin_user)
    params = {"era": "2025", "unit": "", "period": "2024", "indicator": "d_people"}
    client.get(URL, params)
    with django_assert_num_queries(NATION_QUERIES):
        response = client.get(URL, params)
    assert response.status_code == 200
    assert tile_value(response.content.decode(), "d_people") == "150.000"
    assert len(response.context["comparison"].rows) == 34


NATION_QUERIES = 8  # no scope, no ancestors, no counterparts to look up; the eras read once


def test_query_count_does_not_grow_with_the_indicators(login, province_manager, figures, django_assert_num_queries):
    """Twelve more indicators (typed, a breakdown, and computed from records) cost nothing more."""
    from danvan.reporting.tests.factories import indicator

    client = login(province_manager)
    params = {"era": "2024", "unit": "22", "period": "2024", "indicator": "d_people"}
    client.get(URL, params)
    for n in range(8):
        indicator(f"d_more_{n}", position=10 + n)
    indicator("d_more_fields", breakdown="field", position=30)
    for n, key in enumerate(["initiatives.registered", "engagement.tt_people", "recognition.awards_collective"]):
        indicator(f"d_records_{n}", source="both", record_key=key, position=40 + n)
    with django_assert_num_queries(QUERIES + RECORD_READS):
        response = client.get(URL, params)
    assert response.status_code == 200
    assert len(response.context["tiles"]) == 4 + 12
    assert tile_value(response.content.decode(), "d_people") == "150.000"


RECORD_READS = 3  # one UNION ALL of every source (all periods), and the old province's counterparts on today's map (2)


@pytest.mark.parametrize("place", ["196", "22"])
def test_the_export_pins_its_query_count(login, province_manager, figures, django_assert_num_queries, place):
    """Every indicator by child in one bulk read: Uông Bí's 10 communes and old Quảng Ninh's 13 districts alike."""
    client = login(province_manager)
    params = {"era": "2024", "unit": place, "period": "2024"}
    client.get(URL + "export.csv", params)
    with django_assert_num_queries(EXPORT_QUERIES):
        assert client.get(URL + "export.csv", params).status_code == 200


EXPORT_QUERIES = 12  # session, user, eras, the unit, scope (3), the period, indicators (2), children, cells
