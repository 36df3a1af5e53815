"""Routing rules: the most specific match on place (either map), topic and kind; the commune fallback."""

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from danvan.conftest import unit
from danvan.core.errors import DomainError
from danvan.engagement.models.petitions import RoutingRule
from danvan.engagement.petition_rules.routing import route
from danvan.engagement.services import petitions as svc
from danvan.engagement.tests.petition_factories import submit
from danvan.org.models import Organization

pytestmark = pytest.mark.django_db


def org(name):
    return Organization.objects.get(name=name)


@pytest.fixture
def rules():
    province = org("Ban Dân vận Tỉnh ủy Quảng Ninh")
    city = org("Ban Dân vận Thành ủy Uông Bí")
    front = org("Ủy ban MTTQ Việt Nam tỉnh Quảng Ninh")
    RoutingRule.objects.create(unit=unit("2024", "22"), organization=province)
    RoutingRule.objects.create(unit=unit("2024", "196"), organization=city)
    RoutingRule.objects.create(unit=unit("2024", "22"), topic_id="land", kind="complaint", organization=front)
    return province, city, front


def test_the_deepest_unit_wins(rules):
    province, city, _front = rules
    assert route(place=unit("2024", "06823"), topic_id="environment", kind="feedback")[0] == city
    assert route(place=unit("2024", "205"), topic_id="environment", kind="feedback")[0] == province


def test_a_topic_and_kind_rule_wins_at_the_same_depth(rules):
    _province, city, front = rules
    assert route(place=unit("2024", "205"), topic_id="land", kind="complaint")[0] == front
    assert route(place=unit("2024", "06823"), topic_id="land", kind="complaint")[0] == city  # deeper still


def test_a_rule_on_the_old_map_never_sends_a_new_place_to_a_dissolved_organisation(rules):
    _province, city, _front = rules
    # today's Vàng Danh ward was made of four old wards, all of them in the old Uông Bí city, but the
    # city's committee ceased with the city on 1 July 2025: the rule's area holds, its organisation cannot
    organization, rule = route(place=unit("2025", "06820"), topic_id="environment", kind="feedback")
    assert organization != city and rule is None
    new = org("Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ninh")
    RoutingRule.objects.create(unit=unit("2025", "22"), organization=new)
    organization, rule = route(place=unit("2025", "06820"), topic_id="environment", kind="feedback")
    assert organization == new and organization.unit.era_id == "2025"


def test_an_old_map_rule_with_a_new_organisation_holds_a_new_place():
    new = org("Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ninh")
    RoutingRule.objects.create(unit=unit("2024", "196"), organization=new)
    assert route(place=unit("2025", "06820"), topic_id="other", kind="feedback")[0] == new


def test_an_old_place_prefers_an_organisation_of_its_own_map(rules):
    _province, city, _front = rules
    RoutingRule.objects.create(
        unit=unit("2025", "22"), organization=org("Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ninh")
    )
    assert route(place=unit("2024", "06823"), topic_id="other", kind="feedback")[0] == city


def test_the_timeline_names_the_rule_not_its_number(login, province_manager, rules):
    _province, city, _front = rules
    p = submit()  # Nam Khê, environment: the city's rule (the deepest)
    assert p.organization == city
    rule = RoutingRule.objects.get(unit=unit("2024", "196"))
    html = login(province_manager).get(f"/engagement/petitions/{p.pk}/").content.decode()
    timeline = html[html.index('id="timeline"') :]
    assert f"rule {rule.pk}" not in timeline
    assert "quy tắc phân công: Thành phố Uông Bí (bản đồ 2024) · mọi lĩnh vực · mọi loại" in timeline


def _api_events(user, petition, language: str = "vi") -> list[dict]:
    token, _created = Token.objects.get_or_create(user=user)
    client = Client(HTTP_AUTHORIZATION=f"Token {token.key}", HTTP_ACCEPT_LANGUAGE=language)
    response = client.get(f"/api/v1/petitions/{petition.pk}/")
    assert response.status_code == 200, response.content
    return response.json()["events"]


def test_the_api_timeline_names_the_rule_as_the_page_does(login, province_manager, rules):
    p = submit()  # Nam Khê: the city's rule
    rule = RoutingRule.objects.get(unit=unit("2024", "196"))
    [routed] = [e for e in _api_events(province_manager, p) if e["verb"] == "routed"]
    assert routed["note"] == "quy tắc phân công: Thành phố Uông Bí (bản đồ 2024) · mọi lĩnh vực · mọi loại"
    assert routed["note"] != f"rule {rule.pk}"
    html = login(province_manager).get(f"/engagement/petitions/{p.pk}/").content.decode()
    assert routed["note"] in html[html.index('id="timeline"') :]  # the very words of the page
    [english] = [e for e in _api_events(province_manager, p, "en") if e["verb"] == "routed"]
    assert english["note"] == "routing rule: Thành phố Uông Bí (map 2024) · any topic · any kind"


def test_the_api_timeline_says_when_no_rule_matched_or_the_rule_is_gone(province_manager, rules):
    p = submit()
    RoutingRule.objects.all().delete()
    [routed] = [e for e in _api_events(province_manager, p) if e["verb"] == "routed"]
    assert routed["note"] == "một quy tắc phân công đã bị xóa"
    fallback = submit()  # no rule left: the commune's organisation
    [routed] = [e for e in _api_events(province_manager, fallback) if e["verb"] == "routed"]
    assert "fallback: commune" not in routed["note"]
    assert "không có quy tắc phân công phù hợp" in routed["note"]


def test_the_api_timeline_is_not_shown_to_another_province(other_manager, rules):
    p = submit()
    token, _created = Token.objects.get_or_create(user=other_manager)
    assert Client(HTTP_AUTHORIZATION=f"Token {token.key}").get(f"/api/v1/petitions/{p.pk}/").status_code == 404


def test_the_timeline_says_when_no_rule_matched(login, province_manager):
    p = submit()  # no rule: the commune's organisation
    html = login(province_manager).get(f"/engagement/petitions/{p.pk}/").content.decode()
    timeline = html[html.index('id="timeline"') :]
    assert "fallback: commune" not in timeline
    assert "không có quy tắc phân công phù hợp" in timeline


def test_a_rule_on_the_new_map_holds_an_old_place():
    new = org("Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ninh")
    RoutingRule.objects.create(unit=unit("2025", "22"), organization=new)
    assert route(place=unit("2024", "06823"), topic_id="other", kind="feedback")[0] == new


def test_rules_of_another_province_do_not_match():
    RoutingRule.objects.create(unit=unit("2024", "08"), organization=org("Công an tỉnh Tuyên Quang"))
    assert route(place=unit("2024", "06823"), topic_id="security", kind="feedback")[0] == org(
        "Ủy ban MTTQ Việt Nam phường Nam Khê"
    )


def test_without_rule_or_commune_organisation_it_stays_unrouted(province_manager):
    p = submit(place=("2024", "06811"), text="Đề nghị sửa cống thoát nước tổ 3.")
    assert p.organization is None
    assert not p.events.filter(verb="routed").exists()


def test_transfer_needs_a_reason_and_clears_the_handler(province_manager, commune_reporter, other_manager):
    p = submit()
    svc.petition_assign(actor=province_manager, petition=p, handler=commune_reporter)
    target = org("Ban Dân vận Thành ủy Uông Bí")
    with pytest.raises(DomainError):
        svc.petition_transfer(actor=province_manager, petition=p, organization=target, reason="")
    with pytest.raises(DomainError) as exc:
        svc.petition_transfer(actor=other_manager, petition=p, organization=target, reason="x")
    assert exc.value.status == 403
    p = svc.petition_transfer(actor=province_manager, petition=p, organization=target, reason="Vượt thẩm quyền phường")
    assert (p.organization, p.handler) == (target, None)
    event = p.events.get(verb="transferred")
    assert (event.from_organization.name, event.note, event.public) == (
        "Ủy ban MTTQ Việt Nam phường Nam Khê",
        "Vượt thẩm quyền phường",
        False,
    )
