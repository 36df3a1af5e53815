"""My reports, opening a report and the entry grid: who sees what, how cells are saved or refused."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from danvan.conftest import unit
from danvan.org.models import Membership, Role, User
from danvan.reporting.models import DataValue, Submission
from danvan.reporting.periods import period_get
from danvan.reporting.selectors import form_get
from danvan.reporting.services import submission_open
from danvan.reporting.tests.factories import commune_form, indicator, report

NAM_KHE = ("2024", "06823")
HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def dvk(commune_reporter):
    return form_get(user=commune_reporter, code="dvk-commune-year")


@pytest.fixture
def draft(commune_reporter, dvk):
    """Nam Khê's 2024 report of the default commune form, still a draft."""
    return submission_open(actor=commune_reporter, form=dvk, unit=unit(*NAM_KHE), period=period_get("2024"))


@pytest.fixture
def province_viewer(db):
    """Sees all of old Quảng Ninh, reports nowhere: reviewing is not the same as typing."""
    return member("qn_viewer", Role.VIEWER, ("2024", "22"))


@pytest.fixture
def ha_long_reviewer(db):
    """Reviewer (and so reporter) of Hạ Long, the district beside Uông Bí: Nam Khê is not theirs."""
    return member("halong", Role.REVIEWER, ("2024", "193"))


def member(username, role, place):
    user = User.objects.create_user(username=username, password="x", full_name=username)
    Membership.objects.create(user=user, role=role, unit=unit(*place))
    return user


def grid_url(s):
    return reverse("reporting:grid", args=[s.pk])


# --- my reports ---------------------------------------------------------------------------------


def test_the_list_shows_my_reports_and_links_to_their_grid(login, commune_reporter, draft):
    response = login(commune_reporter).get(reverse("reporting:list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert grid_url(draft) in html
    assert "Phường Nam Khê" in html
    assert reverse("reporting:open") in html
    assert reverse("reporting:review") not in html  # a reporter reviews nobody


def test_the_list_offers_the_review_queue_to_a_reviewer(login, district_reviewer, draft):
    html = login(district_reviewer).get(reverse("reporting:list")).content.decode()
    assert reverse("reporting:review") in html
    assert grid_url(draft) in html  # the level above sees the ward's draft


def test_the_list_rejects_other_province(login, other_manager, draft):
    response = login(other_manager).get(reverse("reporting:list"))
    assert response.status_code == 200
    assert grid_url(draft) not in response.content.decode()


def test_the_list_filters_by_period_and_status(login, commune_reporter, dvk, draft):
    client = login(commune_reporter)
    older = report(commune_reporter, dvk, unit(*NAM_KHE), "2023", {"workdays": 5})
    html = client.get(reverse("reporting:list"), {"period": "2023"}).content.decode()
    assert grid_url(older) in html and grid_url(draft) not in html
    html = client.get(reverse("reporting:list"), {"status": "draft"}).content.decode()
    assert grid_url(draft) in html and grid_url(older) not in html
    html = client.get(reverse("reporting:list"), {"period": "1999"}).content.decode()  # nobody reported: none
    assert grid_url(draft) not in html and grid_url(older) not in html


def test_the_list_explains_a_bad_period(login, commune_reporter, draft):
    response = login(commune_reporter).get(reverse("reporting:list"), {"period": "last year"})
    assert response.status_code == 400
    assert "không phải là kỳ báo cáo" in response.content.decode() or "last year" in response.content.decode()


def test_the_list_pins_its_query_count(login, commune_reporter, dvk, django_assert_max_num_queries):
    for year in ("2021", "2022", "2023"):
        report(commune_reporter, dvk, unit(*NAM_KHE), year, {"workdays": 5})
    client = login(commune_reporter)
    client.get(reverse("reporting:list"))  # warm the session
    with django_assert_max_num_queries(11):  # session, user, scope (5), count, forms (2), rows
        response = client.get(reverse("reporting:list"))
    assert response.content.decode().count('class="badge report-status') == 3


def test_the_list_needs_a_login(client):
    response = client.get(reverse("reporting:list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- opening a report ---------------------------------------------------------------------------


def test_open_offers_the_reporters_only_unit(login, commune_reporter):
    response = login(commune_reporter).get(reverse("reporting:open"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="2024/06823" selected' in html
    assert "Báo cáo kết quả “Dân vận khéo” năm — cấp xã" in html


def test_open_creates_a_draft_and_goes_to_its_grid(login, commune_reporter):
    data = {"form": "dvk-commune-year", "unit": "2024/06823", "period": "2024"}
    response = login(commune_reporter).post(reverse("reporting:open"), data)
    s = Submission.objects.get(form__code="dvk-commune-year", unit=unit(*NAM_KHE), period__code="2024")
    assert response.status_code == 302 and response["Location"] == grid_url(s)
    assert s.status == Submission.Status.DRAFT
    again = login(commune_reporter).post(reverse("reporting:open"), data)  # opens the same report
    assert again["Location"] == grid_url(s)


def test_open_shows_the_period_error_on_its_field(login, commune_reporter):
    data = {"form": "dvk-commune-year", "unit": "2024/06823", "period": "năm ngoái"}
    response = login(commune_reporter).post(reverse("reporting:open"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_period_error"' in html and "năm ngoái" in html
    assert not Submission.objects.filter(unit=unit(*NAM_KHE)).exists()


def test_open_refuses_a_period_of_the_wrong_type(login, commune_reporter):
    data = {"form": "dvk-commune-year", "unit": "2024/06823", "period": "2024-Q1"}
    response = login(commune_reporter).post(reverse("reporting:open"), data)
    assert response.status_code == 400
    assert 'id="id_period_error"' in response.content.decode()
    assert not Submission.objects.filter(unit=unit(*NAM_KHE)).exists()


def test_open_refuses_a_unit_of_another_level(login, admin_user):
    """Without JavaScript nothing hides the commune form from a district: the form says so on its
    field, keeps the unit and period, and now offers only the district's forms."""
    data = {"form": "dvk-commune-year", "unit": "2024/196", "period": "2024"}  # Uông Bí is a district
    response = login(admin_user).post(reverse("reporting:open"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_form_error"' in html
    assert (
        "Thành phố Uông Bí (cấp huyện) không báo cáo theo “Báo cáo kết quả “Dân vận khéo” năm — cấp xã”: "
        "hãy chọn một trong các mẫu báo cáo của đơn vị này ở dưới."
    ) in html.replace("&quot;", '"')
    assert 'value="2024/196" selected' in html
    assert re.findall(r'<option value="(dvk-[a-z-]+)"', html) == ["dvk-upper-year"]
    assert '<option value="2024" selected data-type="year" data-era="2024">' in html
    assert not Submission.objects.filter(unit=unit("2024", "196")).exists()


def test_without_javascript_choosing_the_unit_first_offers_only_its_forms(login, admin_user):
    client = login(admin_user)
    page = client.get(reverse("reporting:open"), {"q": "uong bi"}).content.decode()
    assert 'name="show" value="unit"' in page[page.index("<noscript>") :]  # for browsers without JavaScript
    assert len(re.findall(r'<option value="(dvk-[a-z-]+)"', page)) > 1  # the unit not known yet: every form
    response = client.post(reverse("reporting:open"), {"show": "unit", "unit": "2024/196", "period": "2024"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="2024/196" selected' in html
    assert re.findall(r'<option value="(dvk-[a-z-]+)"', html) == ["dvk-upper-year"]
    assert 'value="dvk-upper-year" selected' in html  # the only one: chosen already
    assert not re.search(r'data-era="2025"', html[html.index('<select name="period"') :])  # its map's periods
    assert 'id="id_form_error"' not in html and not Submission.objects.exists()
    opened = client.post(reverse("reporting:open"), {"unit": "2024/196", "form": "dvk-upper-year", "period": "2024"})
    assert opened.status_code == 302


def test_a_unit_found_by_another_search_stays_chosen(login, admin_user):
    """The list shows at most 200 units: one chosen from a search is still there when the page comes back."""
    client = login(admin_user)
    html = client.post(reverse("reporting:open"), {"show": "unit", "unit": "2024/06823"}).content.decode()
    assert 'value="2024/06823" selected' in html
    assert re.findall(r'<option value="(dvk-[a-z-]+)"', html) == ["dvk-commune-year"]


def test_the_offered_forms_are_those_the_service_accepts(admin_user):
    """For units of every level, the forms offered once the unit is known ⇔ the service opens them."""
    from django.db import transaction

    from danvan.core.errors import DomainError
    from danvan.reporting.forms import OpenForm

    every = OpenForm(user=admin_user).report_forms
    for place in (("2024", "22"), ("2024", "196"), ("2024", "06823")):
        key = "/".join(place)
        offered = {
            code for code, _label in OpenForm(user=admin_user, initial={"unit": key}).fields["form"].widget.choices
        }
        for report_form in every:
            period = period_get("2024" if report_form.period_type == "year" else "2021-2025")
            try:
                with transaction.atomic():
                    submission_open(actor=admin_user, form=report_form, unit=unit(*place), period=period)
                    transaction.set_rollback(True)
                accepted = True
            except DomainError as exc:
                assert exc.code == "bad_level", exc.message
                accepted = False
            assert (report_form.code in offered) == accepted, (key, report_form.code)


def test_open_rejects_other_province(login, other_manager):
    data = {"form": "dvk-commune-year", "unit": "2024/06823", "period": "2024"}
    response = login(other_manager).post(reverse("reporting:open"), data)
    assert response.status_code == 400
    assert 'id="id_unit_error"' in response.content.decode()
    assert not Submission.objects.filter(unit=unit(*NAM_KHE)).exists()


def test_open_refuses_a_viewer_who_does_not_report_there(login, province_viewer):
    data = {"form": "dvk-commune-year", "unit": "2024/06823", "period": "2024"}
    response = login(province_viewer).post(reverse("reporting:open"), data)
    assert response.status_code == 403  # the service's refusal, shown on the unit
    assert 'id="id_unit_error"' in response.content.decode()
    assert not Submission.objects.filter(unit=unit(*NAM_KHE)).exists()


# --- the grid -----------------------------------------------------------------------------------


def test_the_grid_shows_one_row_per_indicator(login, commune_reporter, draft):
    response = login(commune_reporter).get(grid_url(draft))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('data-indicator="') == 14
    assert 'name="v:workdays:"' in html and 'inputmode="decimal"' in html
    assert '<label for="cell-workdays">' in html
    assert 'name="v:models_registered:' not in html  # computed from the records: read-only
    assert "ngày công" in html  # the unit of measure
    assert 'id="grid-save"' in html and 'id="grid-submit"' in html
    assert 'id="approve-button"' not in html


def test_the_grid_gives_a_breakdown_one_input_per_category_and_a_total(login, commune_reporter):
    split = indicator("split_models", breakdown="field", source="entered")
    form = commune_form(split, code="test-split")
    s = report(commune_reporter, form, unit(*NAM_KHE), "2024", {("split_models", "economic"): "3"}, submit=False)
    html = login(commune_reporter).get(grid_url(s)).content.decode()
    for category in ("economic", "cultural_social", "defence_security"):
        assert f'name="v:split_models:{category}"' in html
    assert 'data-total-for="split_models"' in html
    assert '<label for="cell-split_models-economic">' in html


def test_the_grid_shows_the_previous_periods_figure(login, commune_reporter, dvk, draft):
    report(commune_reporter, dvk, unit(*NAM_KHE), "2023", {"money_mobilised": "185.000.000"})
    html = login(commune_reporter).get(grid_url(draft)).content.decode()
    assert "185.000.000" in html
    assert "Năm 2023" in html or "In 2023" in html


def test_the_grid_rejects_other_province(login, other_manager, draft):
    assert login(other_manager).get(grid_url(draft)).status_code == 404
    response = login(other_manager).post(grid_url(draft), {"v:workdays:": "5"})
    assert response.status_code == 404
    assert not DataValue.objects.filter(submission=draft).exists()


def test_the_grid_answers_404_for_a_missing_report(login, commune_reporter):
    assert login(commune_reporter).get(reverse("reporting:grid", args=[10**6])).status_code == 404
    assert login(commune_reporter).get(reverse("reporting:grid", args=[2**70])).status_code == 404


def test_saving_reads_vietnamese_numbers_and_redirects(login, commune_reporter, draft):
    client = login(commune_reporter)
    response = client.post(
        grid_url(draft), {"v:money_mobilised:": "1.234.000", "v:workdays:": "420", "v:tt_people:": ""}
    )
    assert response.status_code == 302 and response["Location"] == grid_url(draft)
    values = dict(DataValue.objects.filter(submission=draft).values_list("indicator__code", "value"))
    assert values == {"money_mobilised": Decimal(1234000), "workdays": Decimal(420)}
    html = client.get(grid_url(draft)).content.decode()
    assert "Đã lưu." in html or "Saved." in html
    assert 'value="1.234.000"' in html  # shown back the way it is typed


@pytest.mark.parametrize(
    ("cell", "raw"),
    [("v:workdays:", "abc"), ("v:workdays:", "-5"), ("v:workdays:", "2,5")],
    ids=["text", "negative", "not-whole"],
)
def test_a_bad_cell_is_refused_beside_it_and_nothing_is_saved(login, commune_reporter, draft, cell, raw):
    before = DataValue.objects.count()
    data = {cell: raw, "v:money_mobilised:": "500"}
    response = login(commune_reporter).post(grid_url(draft), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="cell-workdays-msg"' in html
    assert f'value="{raw}"' in html and 'value="500"' in html  # what was typed stays in the inputs
    assert 'aria-invalid="true"' in html
    assert DataValue.objects.count() == before


def test_a_broken_rule_is_shown_on_its_cell_and_nothing_is_saved(login, commune_reporter, draft):
    before = DataValue.objects.count()
    data = {"v:petitions_received:": "5", "v:petitions_resolved:": "9"}
    response = login(commune_reporter).post(grid_url(draft), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="cell-petitions_resolved-msg"' in html
    assert "(9)" in html and "(5)" in html
    assert DataValue.objects.count() == before


def test_htmx_gets_the_grid_fragment_with_saved(login, commune_reporter, draft):
    response = login(commune_reporter).post(grid_url(draft), {"v:workdays:": "12"}, **HX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html and html.lstrip().startswith('<form id="grid"')
    assert 'id="grid-saved"' in html
    assert "HX-Request" in response["Vary"]
    assert DataValue.objects.get(submission=draft).value == 12


def test_htmx_gets_the_fragment_with_errors(login, commune_reporter, draft):
    response = login(commune_reporter).post(grid_url(draft), {"v:workdays:": "abc"}, **HX)
    assert response.status_code == 400
    html = response.content.decode()
    assert "<html" not in html and 'id="cell-workdays-msg"' in html and "abc" in html
    assert not DataValue.objects.filter(submission=draft).exists()


def test_htmx_get_gets_the_fragment_and_a_plain_get_the_page(login, commune_reporter, draft):
    client = login(commune_reporter)
    assert "<html" not in client.get(grid_url(draft), **HX).content.decode()
    assert "<html" in client.get(grid_url(draft)).content.decode()


def test_a_jump_is_saved_with_a_warning_beside_its_cell(login, commune_reporter, dvk, draft):
    report(commune_reporter, dvk, unit(*NAM_KHE), "2023", {"workdays": 100})
    response = login(commune_reporter).post(grid_url(draft), {"v:workdays:": "1000"}, **HX)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="cell-workdays-msg"' in html and 'class="cell-warning"' in html and "2023" in html
    assert DataValue.objects.get(submission=draft).value == 1000


def test_a_jump_warning_survives_the_redirect_without_js(login, commune_reporter, dvk, draft):
    report(commune_reporter, dvk, unit(*NAM_KHE), "2023", {"workdays": 100})
    client = login(commune_reporter)
    client.post(grid_url(draft), {"v:workdays:": "1000"})
    html = client.get(grid_url(draft)).content.decode()
    assert "message--warning" in html and "2023" in html


def test_a_viewer_above_cannot_type_into_the_draft(login, province_viewer, draft):
    client = login(province_viewer)
    html = client.get(grid_url(draft)).content.decode()
    assert 'name="v:workdays:"' not in html  # read-only for them
    response = client.post(grid_url(draft), {"v:workdays:": "5"})
    assert response.status_code == 403
    assert 'id="grid-problem"' in response.content.decode()
    assert not DataValue.objects.filter(submission=draft).exists()


def test_a_reviewer_of_another_district_cannot_type_into_the_draft(login, ha_long_reviewer, draft):
    assert login(ha_long_reviewer).post(grid_url(draft), {"v:workdays:": "5"}).status_code == 404
    assert not DataValue.objects.filter(submission=draft).exists()


def test_the_grid_shows_the_records_part_read_only(login, commune_reporter, draft):
    from danvan.initiatives.tests.factories import nam_khe_model

    nam_khe_model(commune_reporter, field="economic", register=True)
    html = login(commune_reporter).get(grid_url(draft)).content.decode()
    head = html.split('data-indicator="models_registered"')[1].split("</tbody>")[0]
    assert '<output class="computed">1</output>' in head


def test_the_grid_pins_its_query_count(login, commune_reporter, dvk, draft):
    """Constant in the data: more values, models, previous figures and history cost no query more.

    (The records' part reads the targets of the records' units once when there are records at all:
    the baseline has a model already.)

    The records of every computed indicator of the form are read at once (`selectors.rollups_bulk`:
    one UNION ALL of the record sources), so the count does not grow with the computed indicators either.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from danvan.initiatives.tests.factories import nam_khe_model
    from danvan.reporting.computed import source_keys
    from danvan.reporting.periods import period_get
    from danvan.reporting.services import period_ensure

    client = login(commune_reporter)
    nam_khe_model(commune_reporter, register=True)
    client.post(grid_url(draft), {"v:workdays:": "120"})
    client.get(grid_url(draft))  # warm: roll-up targets are stored on first use
    period_ensure(period=period_get("2023"))  # the previous period exists: its (absent) figures are read

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(grid_url(draft)).status_code == 200
        return len(queries)

    few = count()
    nam_khe_model(commune_reporter, name="Đèn sáng ngõ xóm", register=True)
    nam_khe_model(commune_reporter, name="Camera an ninh", field="defence_security", register=True)
    report(commune_reporter, dvk, unit(*NAM_KHE), "2023", {"workdays": 100, "money_mobilised": 5, "tt_people": 9})
    client.post(grid_url(draft), {"v:money_mobilised:": "5", "v:tt_people:": "12", "v:dialogues_held:": "3"})
    client.get(grid_url(draft))
    many = count()
    assert many == few
    computed = [i for i in dvk.indicators.all() if not i.entered or i.source == "both"]
    assert len([i for i in computed if i.record_key in source_keys()]) >= 10
    assert many == GRID_QUERIES
    from danvan.reporting.models import FormIndicator
    from danvan.reporting.tests.factories import indicator

    for n, key in enumerate(["engagement.houses", "recognition.awards_individual", "initiatives.typical"]):
        extra = indicator(f"e_records_{n}", source="both", record_key=key, position=90 + n)
        FormIndicator.objects.create(form=dvk, indicator=extra, position=90 + n)
    assert count() == GRID_QUERIES  # three more computed indicators: no query more


GRID_QUERIES = 17  # session, user, scope, the report, its form and rows, values, history, the records (one read)


def test_an_organisation_opens_its_own_report_and_sees_its_grid(login, commune_reporter):
    """A grant narrowed to one organisation: its report opens, the area's roll-ups stay out of its sight."""
    from danvan.org.models import Organization, OrganizationKind
    from danvan.reporting.selectors import indicator_get

    front = Organization.objects.get(name="Ủy ban MTTQ Việt Nam phường Nam Khê")
    form = commune_form(indicator("org_meetings"), indicator_get(user=commune_reporter, code="dialogues_held"))
    form.organization_kinds.set([OrganizationKind.objects.get(pk=front.kind_id)])
    user = User.objects.create_user(username="mttq_namkhe", password="x")
    Membership.objects.create(user=user, role=Role.REPORTER, unit=unit(*NAM_KHE), organization=front)
    client = login(user)
    assert 'name="organization"' in client.get(reverse("reporting:open")).content.decode()
    data = {"form": form.code, "unit": "2024/06823", "period": "2024"}
    response = client.post(reverse("reporting:open"), data)  # the organisation is required
    assert response.status_code == 400 and 'id="id_organization_error"' in response.content.decode()
    response = client.post(reverse("reporting:open"), {**data, "organization": front.pk})
    s = Submission.objects.get(form=form, organization=front)
    assert response["Location"] == grid_url(s)
    response = client.get(grid_url(s))
    assert response.status_code == 200 and 'name="v:dialogues_held:"' in response.content.decode()
    assert client.post(grid_url(s), {"v:org_meetings:": "4"}).status_code == 302
    assert DataValue.objects.get(submission=s).organization == front


def test_open_offers_a_ward_only_the_forms_of_its_level(login, commune_reporter):
    html = login(commune_reporter).get(reverse("reporting:open")).content.decode()
    offered = re.findall(r'<option value="(dvk-[a-z-]+)"', html)
    assert offered == ["dvk-commune-year"]  # not the province and district form
    assert 'value="dvk-commune-year" selected data-levels="commune" data-period-type="year"' in html


def test_open_offers_periods_to_choose_on_the_units_map(login, commune_reporter):
    """Nam Khê is on the 2024 map: it reports for periods that end before 1 July 2025, and picks them from a list."""
    html = login(commune_reporter).get(reverse("reporting:open")).content.decode()
    assert '<select name="period"' in html and '<input type="text" name="period"' not in html
    periods = re.findall(r'<option value="(\d{4}[^"]*)"(?: selected)? data-type="year" data-era="2024"', html)
    assert periods and all(int(p) <= 2024 for p in periods)
    assert periods == sorted(periods, reverse=True)
    assert '<option value="2024" selected data-type="year" data-era="2024">' in html
    assert "maxlength" not in html[html.index('<select name="period"') :][:60]


def test_open_with_a_chosen_district_offers_the_upper_form(login, admin_user):
    """A unit chosen in the address (or by the script as it is picked): the forms of its level only."""
    html = login(admin_user).get(reverse("reporting:open"), {"q": "uong bi", "unit": "2024/196"}).content.decode()
    assert re.findall(r'<option value="(dvk-[a-z-]+)"', html) == ["dvk-upper-year"]
    assert 'src="/static/reporting/open.js"' in html


def test_open_periods_are_the_current_one_and_those_before(db):
    from datetime import date

    from danvan.reporting.periods import periods_open

    assert [p.code for p in periods_open("year", today=date(2025, 3, 1))] == ["2025", "2024", "2023", "2022"]
    assert [p.code for p in periods_open("quarter", today=date(2025, 2, 1))][:3] == ["2025-Q1", "2024-Q4", "2024-Q3"]
    assert [p.code for p in periods_open("phase", today=date(2027, 1, 1))] == ["2026-2030", "2021-2025"]
    assert all(p.pk is None for p in periods_open("month", today=date(2090, 1, 1)))  # a read stores nothing


def test_the_list_pages_keep_the_filters(login, commune_reporter, dvk, draft, monkeypatch):
    """The site's one pager: labelled pages, and the filters kept on the next page's link."""
    from danvan.reporting.views import entry

    monkeypatch.setattr(entry, "PER_PAGE", 1)
    draft_2023 = submission_open(actor=commune_reporter, form=dvk, unit=unit(*NAM_KHE), period=period_get("2023"))
    client = login(commune_reporter)
    html = client.get(reverse("reporting:list"), {"status": "draft"}).content.decode()
    assert 'aria-label="Các trang"' in html and "Trang 1 / 2" in html
    assert 'href="?status=draft&amp;page=2"' in html
    second = client.get(reverse("reporting:list"), {"status": "draft", "page": "2"}).content.decode()
    assert (grid_url(draft) in html) != (grid_url(draft) in second)
    assert (grid_url(draft_2023) in html) != (grid_url(draft_2023) in second)
