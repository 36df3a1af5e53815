"""The programme and target pages: who sees and changes what, the figures shown, and bad input answered, never a 500."""

from datetime import date

import pytest
from django.urls import reverse

from danvan.conftest import unit
from danvan.org.models import AuditEvent
from danvan.reporting.models import Programme, Target
from danvan.reporting.services import programme_create, target_set
from danvan.reporting.tests.factories import commune_form, indicator, report

QUANG_NINH_2025, UONG_BI_2024 = ("2025", "22"), ("2024", "196")
NAM_KHE_2024, VANG_DANH_2025, CAI_CHIEN_2025 = ("2024", "06823"), ("2025", "06820"), ("2025", "06967")
AS_OF = "2025-06-30"


@pytest.fixture
def inds(db):
    out = {"houses": indicator("p_houses"), "models": indicator("p_models"), "received": indicator("p_received")}
    out["resolved"] = indicator("p_resolved")
    out["form"] = commune_form(*out.values(), code="programme-form")
    return out


@pytest.fixture
def programme(province_manager, commune_reporter, admin_user, inds):
    """Project 02 over today's Quảng Ninh with one target of each kind and figures on both maps."""
    report(commune_reporter, inds["form"], unit(*NAM_KHE_2024), "2024", {"p_houses": 6, "p_models": 1})
    report(admin_user, inds["form"], unit(*CAI_CHIEN_2025), "2025", {"p_houses": 4, "p_models": 2})
    report(admin_user, inds["form"], unit(*VANG_DANH_2025), "2025", {"p_received": 10, "p_resolved": 9})
    p = programme_create(
        actor=province_manager,
        name="Đề án 02: Dân vận khéo",
        document_number="02-ĐA/TU",
        unit=unit(*QUANG_NINH_2025),
        start=date(2021, 1, 1),
        end=date(2025, 12, 31),
    )
    target_set(actor=province_manager, programme=p, indicator=inds["houses"], value=306)
    target_set(
        actor=province_manager, programme=p, kind="per_unit_below", level="commune", indicator=inds["models"], value=1
    )
    target_set(
        actor=province_manager,
        programme=p,
        kind="share",
        indicator=inds["resolved"],
        denominator=inds["received"],
        value=80,
    )
    return p


def _url(name, *args):
    return reverse(f"reporting:{name}", args=args)


# --- seeing -----------------------------------------------------------------------------------------


def test_the_list_shows_the_managers_programmes(login, province_manager, programme, django_assert_num_queries):
    client = login(province_manager)
    with django_assert_num_queries(7):
        response = client.get(_url("programme-list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Đề án 02: Dân vận khéo" in body and "02-ĐA/TU" in body and 'id="programme-create-link"' in body


def test_the_list_of_another_province_shows_none(login, other_manager, programme):
    response = login(other_manager).get(_url("programme-list"))
    assert response.status_code == 200 and "Đề án 02: Dân vận khéo" not in response.content.decode()


def test_the_detail_shows_each_targets_progress_with_labelled_status(
    login, province_manager, programme, django_assert_num_queries
):
    client = login(province_manager)
    with django_assert_num_queries(24):  # 3 targets: each its roll-ups
        response = client.get(_url("programme-detail", programme.pk), {"as_of": AS_OF})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Chỉ tiêu và tiến độ ngày 30/06/2025" in body
    # 10 of 306 houses by mid-2025: behind
    houses = body.split(f'id="target-{programme.targets.get(kind="absolute").pk}"')[1].split("</tr>")[0]
    assert ">10<" in houses and "chậm tiến độ" in houses and 'data-status="behind"' in houses
    share = programme.targets.get(kind="share")
    row = body.split(f'id="target-{share.pk}"')[1].split("</tr>")[0]
    assert "90%" in row and "9 / 10" in row and "đúng tiến độ" in row  # 9 of 10 resolved: 90% ≥ 80%
    per_unit = programme.targets.get(kind="per_unit_below")
    units = body.split(f'id="units-{per_unit.pk}"')[1].split("</details>")[0]
    assert 'data-unit="06820"' in units and 'data-unit="06967"' in units  # Vàng Danh (Nam Khê's 2024 model), Cái Chiên
    assert "đã đạt" in units.split('data-unit="06967"')[1].split("</tr>")[0]
    assert 'id="programme-edit-link"' in body and 'id="target-create-link"' in body


def test_a_bad_as_of_date_is_said_not_a_500(login, province_manager, programme):
    response = login(province_manager).get(_url("programme-detail", programme.pk), {"as_of": "31/02/2025"})
    assert response.status_code == 400 and 'id="as-of-error"' in response.content.decode()


@pytest.mark.parametrize(
    ("name", "target"),
    [
        ("programme-detail", False),
        ("programme-edit", False),
        ("programme-delete", False),
        ("programme-target-create", False),
        ("programme-template", False),
        ("programme-import", False),
        ("programme-target-edit", True),
        ("programme-target-delete", True),
    ],
)
def test_it_rejects_other_province(login, other_manager, programme, name, target):
    args = [programme.pk, programme.targets.first().pk] if target else [programme.pk]
    client = login(other_manager)
    assert client.get(_url(name, *args)).status_code == 404
    if name not in ("programme-detail", "programme-template"):
        assert client.post(_url(name, *args), {"value": "5"}).status_code == 404
    assert Programme.objects.filter(pk=programme.pk).exists() and programme.targets.count() == 3


def test_a_commune_reporter_does_not_see_a_province_programme(login, commune_reporter, programme):
    assert login(commune_reporter).get(_url("programme-detail", programme.pk)).status_code == 404


def test_a_reviewer_sees_his_citys_programme_but_cannot_change_it(login, province_manager, district_reviewer, inds):
    p = programme_create(
        actor=province_manager,
        name="Chương trình Uông Bí",
        unit=unit(*UONG_BI_2024),
        start=date(2021, 1, 1),
        end=date(2025, 12, 31),
    )
    client = login(district_reviewer)
    response = client.get(_url("programme-detail", p.pk))
    assert response.status_code == 200
    body = response.content.decode()
    assert (
        "Chương trình Uông Bí" in body and 'id="programme-edit-link"' not in body and "target-create-link" not in body
    )
    refused = client.post(
        _url("programme-target-create", p.pk),
        {"kind": "absolute", "indicator": "p_houses", "unit": "2024/196", "value": "5"},
    )
    assert refused.status_code == 403 and "Chỉ người quản lý" in refused.content.decode()
    assert client.post(_url("programme-delete", p.pk)).status_code == 403
    assert not p.targets.exists() and Programme.objects.filter(pk=p.pk).exists()


# --- changing -----------------------------------------------------------------------------------------


def _programme_post(**change):
    data = {
        "name": "Đề án 03",
        "document_number": "03-ĐA/TU",
        "document_title": "",
        "issuer": "",
        "unit": "2025/22",
        "start": "01/01/2026",
        "end": "31/12/2030",
        "rule": "linear",
        "on_track_percent": "100",
        "at_risk_percent": "80",
    }
    data.update(change)
    return data


def test_a_manager_creates_edits_and_deletes_a_programme(login, province_manager, django_assert_num_queries):
    client = login(province_manager)
    with django_assert_num_queries(7):
        assert client.get(_url("programme-create")).status_code == 200
    response = client.post(_url("programme-create"), _programme_post())
    p = Programme.objects.get(name="Đề án 03")
    assert response.status_code == 302 and response["Location"] == _url("programme-detail", p.pk)
    assert (p.start, p.end, p.unit.code) == (date(2026, 1, 1), date(2030, 12, 31), "22")
    response = client.post(_url("programme-edit", p.pk), _programme_post(name="Đề án 03 (sửa)", at_risk_percent="70"))
    p.refresh_from_db()
    assert response.status_code == 302 and (p.name, p.at_risk_percent) == ("Đề án 03 (sửa)", 70)
    assert client.get(_url("programme-delete", p.pk)).status_code == 200
    assert client.post(_url("programme-delete", p.pk)).status_code == 302
    assert not Programme.objects.filter(pk=p.pk).exists()
    assert AuditEvent.objects.filter(verb="programme.delete", target_id=str(p.pk)).exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"end": "31/12/2020"}, "không thể kết thúc trước khi bắt đầu"),
        ({"name": ""}, "bắt buộc"),
        ({"start": "31/02/2026"}, ""),
        ({"at_risk_percent": "1.2.3"}, "1.234,5"),
        ({"at_risk_percent": "90", "on_track_percent": "80"}, "ngưỡng"),
        ({"unit": "2025/08"}, ""),  # Tuyên Quang: not his
    ],
)
def test_bad_programmes_answer_with_form_errors(login, province_manager, change, message):
    response = login(province_manager).post(_url("programme-create"), _programme_post(**change))
    assert response.status_code in (400, 404) and response.status_code != 500
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Programme.objects.filter(name="Đề án 03").exists()


def _target_post(**change):
    data = {
        "kind": "absolute",
        "indicator": "p_houses",
        "unit": "2025/22",
        "value": "1.234,5",
        "level": "",
        "denominator": "",
        "due_period": "",
    }
    data.update(change)
    return data


def test_a_manager_adds_edits_and_deletes_a_target(login, province_manager, programme, inds, django_assert_num_queries):
    client = login(province_manager)
    with django_assert_num_queries(9):
        assert client.get(_url("programme-target-create", programme.pk)).status_code == 200
    response = client.post(_url("programme-target-create", programme.pk), _target_post(due_period="2024"))
    assert response.status_code == 302
    t = programme.targets.get(due_period__code="2024")
    assert str(t.value.normalize()) == "1234.5" and t.unit.code == "22"
    assert client.get(_url("programme-target-edit", programme.pk, t.pk)).status_code == 200
    response = client.post(
        _url("programme-target-edit", programme.pk, t.pk), _target_post(value="200", due_period="2024")
    )
    t.refresh_from_db()
    assert response.status_code == 302 and t.value == 200
    # changing what the target is about replaces it: no second target left behind
    response = client.post(
        _url("programme-target-edit", programme.pk, t.pk),
        _target_post(value="50", unit="2025/06820", due_period="2024"),
    )
    assert response.status_code == 302 and not Target.objects.filter(pk=t.pk).exists()
    moved = programme.targets.get(due_period__code="2024")
    assert moved.unit.code == "06820" and moved.value == 50
    assert client.post(_url("programme-target-delete", programme.pk, moved.pk)).status_code == 302
    assert programme.targets.count() == 3


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"value": "-5"}, "không được âm"),
        ({"value": "mười"}, "1.234,5"),
        ({"value": ""}, "bắt buộc"),
        ({"kind": "share", "denominator": "p_received", "value": "120"}, "100%"),
        ({"kind": "share"}, "chỉ tiêu mẫu số"),
        ({"kind": "per_unit_below"}, "cấp"),
        ({"unit": "2025/08"}, ""),  # Tuyên Quang
        ({"unit": "2024/196"}, ""),  # old Uông Bí: another map, not offered
        ({"due_period": "2027"}, "2027"),
        ({"due_period": "năm ngoái"}, ""),
        ({"indicator": "nope"}, ""),
    ],
)
def test_bad_targets_answer_with_form_errors_and_save_nothing(login, province_manager, programme, change, message):
    before = AuditEvent.objects.count()
    response = login(province_manager).post(_url("programme-target-create", programme.pk), _target_post(**change))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert programme.targets.count() == 3 and AuditEvent.objects.count() == before


# --- the dashboard's panel ----------------------------------------------------------------------------


def test_the_dashboard_loads_the_panel_as_its_own_request(login, province_manager, programme):
    response = login(province_manager).get(_url("dashboard"), {"era": "2025", "unit": "22", "period": "2024"})
    body = response.content.decode()
    panel = _url("programme-panel") + "?era=2025&amp;unit=22"
    assert f'hx-get="{panel}"' in body and 'hx-trigger="load"' in body and 'id="programmes-panel-link"' in body


def test_the_panel_lists_the_programmes_covering_a_commune(
    login, province_manager, programme, django_assert_num_queries
):
    client = login(province_manager)
    with django_assert_num_queries(25):
        response = client.get(_url("programme-panel"), {"era": "2025", "unit": "06967"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body and "Đề án 02: Dân vận khéo" in body
    assert "progress-status--" in body and "Cái Chiên" in body  # the commune reaches its per-unit target
    page = client.get(_url("programme-panel"), {"era": "2025", "unit": "06967"})
    assert page.status_code == 200 and "<html" in page.content.decode()


def test_the_panel_rejects_other_province(login, other_manager, programme):
    response = login(other_manager).get(
        _url("programme-panel"), {"era": "2025", "unit": "22"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 404
    assert "Đề án 02: Dân vận khéo" not in response.content.decode()
