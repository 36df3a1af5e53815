"""A model's page at /models/<pk>/: the ten fields, place, results, timeline, copies, buttons; scope."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from danvan.conftest import unit
from danvan.documents.models import PolicyDocument
from danvan.initiatives.models import Initiative, TargetGroup
from danvan.initiatives.services import initiative_replicate, initiative_transition, initiative_update
from danvan.initiatives.tests.factories import nam_khe_model
from danvan.org.models import Organization

QN_2025_COMMISSION = "Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ninh"


def full_model(actor, **kwargs):
    details = {
        "situation": "Tuyến phố xuống cấp, thiếu chiếu sáng.",
        "objectives": "Tuyến phố sáng – xanh – sạch – đẹp.",
        "content": "Nhân dân đóng góp 185 triệu đồng chỉnh trang tuyến phố dài 1 km, 106 hộ.",
        "area_and_targets": "Tuyến phố Nam Sơn; 106 hộ gia đình.",
        "forces": "Ủy ban MTTQ phường chủ trì; chi bộ khu phố phối hợp.",
        "money_vnd": 20_000_000,
        "in_kind": "Cây xanh, đèn chiếu sáng.",
        "workdays": 1_250,
        "social_contributions_vnd": 185_000_000,
        "start_date": date(2024, 3, 1),
        "milestones": "Quý II: lắp đèn; quý III: trồng cây.",
        "evaluation_date": date(2024, 11, 30),
        "outputs": "Khoảng 1 km tuyến phố được chỉnh trang.",
        "sustainability": "Các hộ tự quản; dễ nhân rộng.",
    }
    return nam_khe_model(
        actor,
        details=details,
        target_groups=[TargetGroup.objects.get(code="khu-dan-cu")],
        policy_documents=[
            PolicyDocument.objects.create(number="25-NQ/TW", title="Về công tác dân vận", issuer="BCH TW")
        ],
        results={"ho-gia-dinh": 106, "tien-huy-dong": 185_000_000, "km-duong": "1.5"},
        **kwargs,
    )


def test_it_sends_anonymous_visitors_to_sign_in(client, commune_reporter):
    model = nam_khe_model(commune_reporter)
    response = client.get(f"/models/{model.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_shows_the_ten_registration_fields(login, commune_reporter):
    model = full_model(commune_reporter)
    response = login(commune_reporter).get(model.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert "<h1>Tuyến phố tự quản Nam Sơn</h1>" in content
    for text in (
        "1. Thực trạng và lý do xây dựng mô hình",
        "Tuyến phố xuống cấp, thiếu chiếu sáng.",
        "Tuyến phố sáng – xanh – sạch – đẹp.",
        "Nhân dân đóng góp 185 triệu đồng",
        "Tuyến phố Nam Sơn; 106 hộ gia đình.",
        "Ủy ban MTTQ phường chủ trì",
        "20.000.000",
        "Cây xanh, đèn chiếu sáng.",
        "1.250",
        "185.000.000",
        "01/03/2024",
        "Quý II: lắp đèn",
        "30/11/2024",
        "Khoảng 1 km tuyến phố",
        "Các hộ tự quản; dễ nhân rộng.",
        "9. Tính bền vững và khả năng nhân rộng",
    ):
        assert text in content, text


def test_it_shows_badges_place_organisation_groups_documents_and_results(login, commune_reporter):
    model = full_model(commune_reporter, register=True)
    content = login(commune_reporter).get(model.get_absolute_url()).content.decode()
    assert 'class="badge badge--field badge--cultural_social">Văn hóa - xã hội<' in content
    assert 'class="badge badge--kind">Tập thể<' in content
    assert 'data-status="registered">Đã đăng ký<' in content
    # the unit with its ancestors, each a link to the map
    for link in ('href="/map/2024/22/">Tỉnh Quảng Ninh', 'href="/map/2024/196/">Thành phố Uông Bí'):
        assert link in content
    assert 'href="/map/2024/06823/" id="unit-link">Phường Nam Khê' in content
    assert "Ủy ban MTTQ Việt Nam phường Nam Khê" in content
    assert "Cộng đồng dân cư" in content
    assert "25-NQ/TW" in content and "Về công tác dân vận" in content
    # results: metric, value, unit of measure
    assert '<td>Hộ gia đình tham gia</td><td class="number">106</td><td>hộ</td>' in content
    assert '<td>Tiền huy động</td><td class="number">185.000.000</td><td>VND</td>' in content
    assert '<td>Đường giao thông</td><td class="number">1,5</td><td>km</td>' in content


def test_it_answers_404_outside_the_scope(login, commune_reporter, other_manager):
    model = nam_khe_model(commune_reporter)
    for url in (model.get_absolute_url(), f"/models/{model.pk}/edit/", f"/models/{model.pk}/replicate/"):
        assert login(other_manager).get(url).status_code == 404, url


@pytest.mark.parametrize("pk", ["999999", str(2**63), str(2**70)])
def test_it_answers_404_for_missing_models(login, admin_user, pk):
    assert login(admin_user).get(f"/models/{pk}/").status_code == 404


def test_a_reporter_gets_the_register_button_and_no_review_buttons(login, commune_reporter):
    model = nam_khe_model(commune_reporter)
    content = login(commune_reporter).get(model.get_absolute_url()).content.decode()
    assert 'data-to="registered">Đăng ký<' in content
    assert 'data-to="discontinued"' in content
    assert 'data-to="recognised"' not in content
    assert f'href="/models/{model.pk}/edit/"' in content


def test_the_level_above_gets_exactly_its_buttons(login, commune_reporter, district_reviewer):
    model = nam_khe_model(commune_reporter, register=True)
    content = login(district_reviewer).get(model.get_absolute_url()).content.decode()
    assert 'data-to="recognised">Công nhận<' in content
    assert 'data-to="returned">Trả lại để bổ sung<' in content
    assert '<textarea id="comment-returned" name="comment" rows="2" maxlength="2000" required>' in content
    assert '<textarea id="comment-recognised" name="comment" rows="2" maxlength="2000">' in content
    assert 'data-to="discontinued"' not in content  # a reviewer does not discontinue: a manager does
    reporter_view = login(commune_reporter).get(model.get_absolute_url()).content.decode()
    assert "data-to=" not in reporter_view


def test_the_timeline_shows_transitions_edits_and_reasons(login, commune_reporter, district_reviewer):
    model = nam_khe_model(commune_reporter, register=True)
    initiative_transition(actor=district_reviewer, initiative=model, to="recognised", comment="Đạt các tiêu chí.")
    initiative_update(
        actor=district_reviewer,
        initiative=model,
        values={"name": "Tuyến phố văn minh Nam Sơn", "workdays": 300},
        reason="Đổi tên theo nghị quyết của khu phố.",
    )
    content = login(commune_reporter).get(model.get_absolute_url()).content.decode()
    assert "Tạo ở trạng thái bản nháp" in content
    assert "Trạng thái: bản nháp → đã đăng ký" in content
    assert "Trạng thái: đã đăng ký → được công nhận" in content
    assert "Đạt các tiêu chí." in content
    assert "Đã sửa: <span" in content and "tên mô hình, ngày công" in content
    assert "Đổi tên theo nghị quyết của khu phố." in content
    assert "Phạm Thu Hà" in content and "Trần Minh Đức" in content


def test_it_links_the_original_and_lists_the_copies(login, commune_reporter, province_manager):
    original = nam_khe_model(commune_reporter, register=True)
    copy = initiative_replicate(
        actor=province_manager,
        original=original,
        unit=unit("2025", "22"),
        organization=Organization.objects.get(name=QN_2025_COMMISSION),
        year=2025,
    )
    client = login(province_manager)
    content = client.get(original.get_absolute_url()).content.decode()
    assert f'href="/models/{copy.pk}/">Tuyến phố tự quản Nam Sơn</a> · Tỉnh Quảng Ninh' in content
    content = client.get(copy.get_absolute_url()).content.decode()
    assert f'<dd id="copied-from"><a href="/models/{original.pk}/">Tuyến phố tự quản Nam Sơn</a>' in content


def test_an_original_outside_the_scope_is_not_named(login, admin_user, commune_reporter):
    original = nam_khe_model(
        admin_user,
        name="Cà phê sáng – trao đổi cùng Nhân dân",
        unit=unit("2024", "718"),
        organization=Organization.objects.get(name="Ban Dân vận Thành ủy Thủ Dầu Một"),
    )
    copy = nam_khe_model(commune_reporter, name="Cà phê sáng ở Nam Khê", replicated_from=original)
    content = login(commune_reporter).get(copy.get_absolute_url()).content.decode()
    assert "một mô hình ngoài phạm vi của bạn" in content
    assert f"/models/{original.pk}/" not in content


def test_the_detail_page_makes_a_fixed_number_of_queries(login, commune_reporter, django_assert_num_queries):
    model = full_model(commune_reporter, register=True)
    client = login(commune_reporter)
    client.get(model.get_absolute_url())
    # session, user, memberships and their equivalents on the other map (4), the model and its
    # 6 prefetches (target groups, documents, results and metrics, evidence, events), copies, ancestors
    with django_assert_num_queries(14):
        response = client.get(model.get_absolute_url())
    assert response.status_code == 200
    assert Initiative.objects.count() == 1
