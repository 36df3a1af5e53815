"""Registering and editing a model through the web form: shape checks in the form, rules in the services."""

from __future__ import annotations

from decimal import Decimal

import pytest

from danvan.conftest import unit
from danvan.initiatives.models import Initiative, InitiativeEvent, Kind, Status
from danvan.initiatives.services import initiative_transition
from danvan.initiatives.tests.factories import NAM_KHE_FRONT, nam_khe_model
from danvan.org.models import Membership, Organization, Person, Role, User


def nam_khe_front():
    return Organization.objects.get(name=NAM_KHE_FRONT)


def good_post(**overrides):
    data = {
        "name": "Đèn sáng ngõ xóm",
        "field": "cultural_social",
        "unit": "2024/06823",
        "organization": str(nam_khe_front().pk),
        "year": "2024",
        "kind": "collective",
        "situation": "Ngõ xóm tối.\r\nNhiều hộ lo ngại.",
        "content": "Vận động lắp đèn.",
        "money_vnd": "185.000.000",
        "social_contributions_vnd": "12.500.000",  # Vietnamese grouping: "12,500,000" is refused
        "workdays": "1 200",
        "start_date": "2024-03-01",
        "evaluation_date": "2024-11-30",
        "target_groups": ["khu-dan-cu", "nguoi-cao-tuoi"],
        "result_ho-gia-dinh": "106",
        "result_km-duong": "1,5",
        "action": "register",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


# --- numbers as officials type them: the shared table (danvan/core/tests/formats_table.py) ----------


def test_the_form_shows_saved_figures_grouped_in_the_users_language(commune_reporter):
    from django.utils.translation import override

    from danvan.initiatives.forms_entry import NumberField

    field = NumberField(label="x", whole=True)
    with override("vi"):
        assert field.prepare_value(185_000_000) == "185.000.000"
        assert field.clean("185.000.000 đ") == 185_000_000
    with override("en"):
        assert field.prepare_value(Decimal("1.50")) == "1.5"


# --- registering --------------------------------------------------------------------------------


def test_the_form_starts_in_the_users_own_unit_and_organisation(login, commune_reporter):
    response = login(commune_reporter).get("/models/new/")
    assert response.status_code == 200
    form = response.context["form"]
    assert form["unit"].value() == "2024/06823"
    assert form["organization"].value() == nam_khe_front().pk
    content = response.content.decode()
    assert '<option value="2024/06823" selected>Phường Nam Khê, Thành phố Uông Bí · bản đồ 2024</option>' in content
    assert 'name="year" value="20' in content
    assert 'value="2024/196"' not in content  # Uông Bí is above: namkhe sees it but does not register there
    for legend in ("1. Thực trạng và lý do xây dựng mô hình", "6. Nguồn lực", "7. Tiến độ thực hiện"):
        assert legend in content
    assert 'name="result_ho-gia-dinh"' in content
    assert '<button type="submit" class="button" name="action" value="register">Đăng ký</button>' in content


def test_a_reporter_registers_a_model(login, commune_reporter):
    client = login(commune_reporter)
    response = client.post("/models/new/", good_post())
    model = Initiative.objects.get(name="Đèn sáng ngõ xóm")
    assert response.status_code == 302
    assert response["Location"] == f"/models/{model.pk}/"
    assert model.status == Status.REGISTERED
    assert model.unit == unit("2024", "06823")
    assert model.created_by == commune_reporter
    assert model.money_vnd == 185_000_000
    assert model.social_contributions_vnd == 12_500_000
    assert model.workdays == 1200
    assert model.situation == "Ngõ xóm tối.\nNhiều hộ lo ngại."
    assert sorted(model.target_groups.values_list("code", flat=True)) == ["khu-dan-cu", "nguoi-cao-tuoi"]
    assert {r.metric_id: r.value for r in model.results.all()} == {"ho-gia-dinh": 106, "km-duong": Decimal("1.5")}
    page = client.get(response["Location"]).content.decode()
    assert "“Đèn sáng ngõ xóm” đã được đăng ký." in page


def test_save_as_draft_keeps_a_draft(login, commune_reporter):
    response = login(commune_reporter).post("/models/new/", good_post(action="draft"))
    assert response.status_code == 302
    assert Initiative.objects.get(name="Đèn sáng ngõ xóm").status == Status.DRAFT


def test_an_individual_model_names_one_of_the_organisations_people(login, commune_reporter):
    person = Person.objects.create(full_name="Nguyễn Thị Lan", organization=nam_khe_front())
    response = login(commune_reporter).post("/models/new/", good_post(kind="individual", person=str(person.pk)))
    assert response.status_code == 302
    model = Initiative.objects.get(name="Đèn sáng ngõ xóm")
    assert (model.kind, model.person) == (Kind.INDIVIDUAL, person)


def test_a_collective_model_drops_the_hidden_person(login, commune_reporter):
    person = Person.objects.create(full_name="Nguyễn Thị Lan", organization=nam_khe_front())
    login(commune_reporter).post("/models/new/", good_post(person=str(person.pk)))
    assert Initiative.objects.get(name="Đèn sáng ngõ xóm").person is None


@pytest.mark.parametrize(
    ("overrides", "status", "message"),
    [
        ({"money_vnd": "-185.000.000"}, 400, "Tiền (đồng) không được là số âm."),  # the service's rule
        ({"workdays": "-3"}, 400, "Ngày công không được là số âm."),
        ({"kind": "individual"}, 400, "Mô hình cá nhân phải ghi rõ cá nhân thực hiện."),
        ({"unit": "2024/196"}, 403, "Bạn không được đăng ký mô hình tại Thành phố Uông Bí"),  # the level above
        ({"unit": "2025/08"}, 400, "Hãy chọn một đơn vị hành chính trong phạm vi của bạn."),  # Tuyên Quang
        ({"unit": "06823"}, 400, "2025/22"),
        ({"unit": "2024/06823\x00"}, 400, "Hãy chọn một đơn vị hành chính trong phạm vi của bạn."),
        ({"money_vnd": "nhiều lắm"}, 400, "“nhiều lắm” không phải là một số: hãy viết như 1.234,5."),
        ({"money_vnd": "1,5"}, 400, "Hãy ghi một số nguyên."),
        ({"money_vnd": "9" * 20}, 400, "Số này quá lớn."),
        ({"result_km-duong": "1,5555"}, 400, "Chỉ ghi tối đa 2 chữ số sau dấu thập phân."),
        ({"result_ho-gia-dinh": "10,5"}, 400, "Hãy ghi một số nguyên."),
        ({"evaluation_date": "2024-01-01"}, 400, "Ngày đánh giá không được trước ngày bắt đầu."),
        ({"name": ""}, 400, "Trường này là bắt buộc."),
        ({"year": "1900"}, 400, "1990"),
        ({"organization": "99999999999999999999999"}, 400, "Hãy chọn một cơ quan, tổ chức trong phạm vi của bạn."),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_saved(login, commune_reporter, overrides, status, message):
    response = login(commune_reporter).post("/models/new/", good_post(**overrides))
    assert response.status_code == status
    content = response.content.decode()
    assert 'role="alert"' in content
    assert message in content
    assert not Initiative.objects.exists()
    assert 'value="Đèn sáng ngõ xóm"' in content or overrides.get("name") == ""  # what was typed is kept


def test_a_person_of_another_organisation_is_refused(login, commune_reporter):
    other = Person.objects.create(
        full_name="Lê Văn Nam", organization=Organization.objects.get(name="Ban Dân vận Thành ủy Uông Bí")
    )
    response = login(commune_reporter).post("/models/new/", good_post(kind="individual", person=str(other.pk)))
    assert response.status_code == 400
    assert "Hãy chọn một người của cơ quan, tổ chức chủ trì." in response.content.decode()
    assert not Initiative.objects.exists()


def test_it_rejects_other_province(login, other_manager):
    """Tuyên Quang's manager cannot pick Nam Khê's organisation or unit: neither is offered nor accepted."""
    response = login(other_manager).post("/models/new/", good_post())
    assert response.status_code == 400
    content = response.content.decode()
    assert "Hãy chọn một cơ quan, tổ chức trong phạm vi của bạn." in content
    assert "Hãy chọn một đơn vị hành chính trong phạm vi của bạn." in content
    assert not Initiative.objects.exists()


def viewer_of_quang_ninh():
    user = User.objects.create_user(username="xem", password="x")
    Membership.objects.create(user=user, role=Role.VIEWER, unit=unit("2024", "22"))
    return user


def test_a_viewer_may_not_register(login, db):
    client = login(viewer_of_quang_ninh())
    for response in (client.get("/models/new/"), client.post("/models/new/", good_post())):
        assert response.status_code == 403
        assert "Bạn không được đăng ký mô hình" in response.content.decode()
    assert not Initiative.objects.exists()


# --- editing ------------------------------------------------------------------------------------


def test_the_edit_form_shows_the_model_with_grouped_numbers(login, commune_reporter):
    model = nam_khe_model(commune_reporter, details={"money_vnd": 185_000_000}, results={"km-duong": "1.5"})
    response = login(commune_reporter).get(f"/models/{model.pk}/edit/")
    assert response.status_code == 200
    content = response.content.decode()
    assert 'value="185.000.000"' in content
    assert 'name="result_km-duong" value="1,5"' in content
    assert 'name="reason"' not in content  # a draft changes freely


def test_an_edit_is_saved_and_recorded(login, commune_reporter):
    model = nam_khe_model(commune_reporter, results={"ho-gia-dinh": 100})
    data = good_post(name="Tuyến phố văn minh Nam Sơn", **{"result_ho-gia-dinh": "106", "action": "save"})
    response = login(commune_reporter).post(f"/models/{model.pk}/edit/", data)
    assert response.status_code == 302
    model.refresh_from_db()
    assert model.name == "Tuyến phố văn minh Nam Sơn"
    assert model.status == Status.DRAFT  # editing does not register
    assert model.results.get(metric="ho-gia-dinh").value == 106
    edit = model.events.get(kind=InitiativeEvent.Kind.EDIT)
    assert "name" in edit.changes and edit.actor == commune_reporter


def test_saving_an_unchanged_form_records_nothing(login, commune_reporter):
    model = nam_khe_model(commune_reporter)
    same = {
        "name": model.name,
        "field": model.field,
        "unit": "2024/06823",
        "organization": str(model.organization_id),
        "year": "2024",
        "kind": "collective",
        "content": model.content,
        "action": "save",
    }
    response = login(commune_reporter).post(f"/models/{model.pk}/edit/", same)
    assert response.status_code == 302
    assert not model.events.filter(kind=InitiativeEvent.Kind.EDIT).exists()


def test_a_recognised_model_changes_only_with_a_reason(login, commune_reporter, district_reviewer):
    model = nam_khe_model(commune_reporter, register=True)
    initiative_transition(actor=district_reviewer, initiative=model, to=Status.RECOGNISED)
    client = login(commune_reporter)
    assert 'name="reason"' in client.get(f"/models/{model.pk}/edit/").content.decode()
    data = good_post(name="Tên mới", unit="2024/06823", action="save")
    refused = client.post(f"/models/{model.pk}/edit/", data)
    assert refused.status_code == 400
    assert "Mô hình này đã ở trạng thái được công nhận: hãy nêu lý do thay đổi." in refused.content.decode()
    model.refresh_from_db()
    assert model.name == "Tuyến phố tự quản Nam Sơn"
    saved = client.post(f"/models/{model.pk}/edit/", {**data, "reason": "Sửa theo biên bản họp khu phố."})
    assert saved.status_code == 302
    model.refresh_from_db()
    assert model.name == "Tên mới"
    assert model.events.get(kind=InitiativeEvent.Kind.EDIT).comment == "Sửa theo biên bản họp khu phố."


def test_it_refuses_the_edit_to_a_viewer(login, commune_reporter):
    model = nam_khe_model(commune_reporter)
    client = login(viewer_of_quang_ninh())
    assert client.get(model.get_absolute_url()).status_code == 200
    for response in (client.get(f"/models/{model.pk}/edit/"), client.post(f"/models/{model.pk}/edit/", good_post())):
        assert response.status_code == 403
        assert "Bạn không được thực hiện thao tác này với mô hình này." in response.content.decode()
    model.refresh_from_db()
    assert model.name == "Tuyến phố tự quản Nam Sơn"


def test_it_rejects_other_province_on_edit(login, commune_reporter, other_manager):
    model = nam_khe_model(commune_reporter)
    assert login(other_manager).post(f"/models/{model.pk}/edit/", good_post()).status_code == 404
    model.refresh_from_db()
    assert model.name == "Tuyến phố tự quản Nam Sơn"


# --- the pickers --------------------------------------------------------------------------------


def test_the_unit_search_offers_where_the_user_may_register(login, commune_reporter, province_manager, other_manager):
    url = "/models/units/?for=report&q=nam+khe"
    assert 'value="2024/06823"' in login(commune_reporter).get(url).content.decode()
    assert 'value="2024/06823"' in login(province_manager).get(url).content.decode()
    content = login(other_manager).get(url).content.decode()
    assert 'value="2024/06823"' not in content
    assert "Không có đơn vị nào trong phạm vi của bạn khớp với “nam khe”." in content
    above = login(commune_reporter).get("/models/units/?for=report&q=uong+bi").content.decode()
    assert 'value="2024/196"' not in above  # visible to namkhe, but not a place it registers in
    assert 'value="2024/196"' in login(commune_reporter).get("/models/units/?for=view&q=uong+bi").content.decode()


def test_the_unit_search_keeps_the_current_choice(login, province_manager, commune_reporter):
    content = login(province_manager).get("/models/units/?for=report&q=dong+trieu&unit=2024/06823").content.decode()
    assert '<option value="2024/06823" selected>' in content
    assert 'value="2024/205"' in content
    assert "disabled" not in content
    found = login(commune_reporter).get("/models/units/?for=report&q=nam+khe&unit=2024/06823").content.decode()
    assert found.count("<option") == 2 and "disabled" not in found  # "—" and Nam Khê, chosen and found
    none = login(commune_reporter).get("/models/units/?for=report&q=dong+trieu&unit=2024/06823").content.decode()
    assert "Không có đơn vị nào trong phạm vi của bạn khớp với “dong trieu”." in none
    assert '<option value="2024/06823" selected>' in none


def test_the_person_list_follows_the_organisation(login, commune_reporter, other_manager):
    Person.objects.create(full_name="Nguyễn Thị Lan", position="Tổ trưởng", organization=nam_khe_front())
    url = f"/models/people/?organization={nam_khe_front().pk}"
    assert "Nguyễn Thị Lan · Tổ trưởng" in login(commune_reporter).get(url).content.decode()
    assert "Nguyễn Thị Lan" not in login(other_manager).get(url).content.decode()
    assert login(commune_reporter).get("/models/people/?organization=abc").status_code == 200
