"""Assigning and transferring a petition: the choices come from `petition_rules.routing`, the
services accept nothing else, and a refusal never names a person or organisation of another province.
"""

import pytest

from danvan.core.errors import DomainError
from danvan.engagement.petition_rules import routing
from danvan.engagement.services import petitions as svc
from danvan.engagement.tests.petition_factories import submit
from danvan.org.models import Organization

TUYEN_QUANG_MANAGER = "Hoàng Thị Thu"  # `other_manager`'s full name
TUYEN_QUANG_POLICE = "Công an tỉnh Tuyên Quang"


def test_the_assign_form_never_names_another_provinces_manager(login, province_manager, other_manager):
    p = submit()
    client = login(province_manager)
    detail = client.get(f"/engagement/petitions/{p.pk}/").content.decode()
    assert TUYEN_QUANG_MANAGER not in detail
    refused = client.post(f"/engagement/petitions/{p.pk}/assign/", {"handler": other_manager.pk})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert TUYEN_QUANG_MANAGER not in page and other_manager.username not in page
    assert "Hãy chọn người xử lý trong danh sách." in page
    p.refresh_from_db()
    assert p.handler is None


def test_the_assign_service_refuses_without_naming(province_manager, other_manager):
    with pytest.raises(DomainError) as refused:
        svc.petition_assign(actor=province_manager, petition=submit(), handler=other_manager)
    assert refused.value.code == "invalid_handler"
    assert refused.value.message.startswith("Hãy chọn người xử lý trong danh sách: chỉ người làm việc tại địa bàn")
    assert TUYEN_QUANG_MANAGER not in refused.value.message and "tuyenquang" not in refused.value.message


def test_the_transfer_service_refuses_another_provinces_organisation_without_naming(province_manager):
    police = Organization.objects.get(name=TUYEN_QUANG_POLICE)
    p = submit()
    with pytest.raises(DomainError) as refused:
        svc.petition_transfer(actor=province_manager, petition=p, organization=police, reason="Thẩm quyền")
    assert refused.value.code == "invalid_target"
    assert "Tuyên Quang" not in refused.value.message
    p.refresh_from_db()
    assert p.organization != police


def test_the_transfer_form_does_not_offer_or_name_it(login, province_manager):
    police = Organization.objects.get(name=TUYEN_QUANG_POLICE)
    p = submit()
    client = login(province_manager)
    assert TUYEN_QUANG_POLICE not in client.get(f"/engagement/petitions/{p.pk}/").content.decode()
    refused = client.post(f"/engagement/petitions/{p.pk}/transfer/", {"organization": police.pk, "reason": "x"})
    assert refused.status_code == 400
    assert TUYEN_QUANG_POLICE not in refused.content.decode()


def test_the_choices_are_the_rules(province_manager, commune_reporter, district_reviewer, other_manager):
    p = submit()
    handlers = {u.username for u in routing.handler_choices(actor=province_manager, petition=p)}
    assert {"quangninh", "namkhe", "uongbi", "admin"} <= handlers
    assert "tuyenquang" not in handlers
    # nobody may be chosen by someone who may not dispatch the petition
    assert routing.handler_choices(actor=commune_reporter, petition=p) == []
    assert not routing.transfer_targets(actor=other_manager, petition=p).exists()
    targets = set(routing.transfer_targets(actor=district_reviewer, petition=p).values_list("name", flat=True))
    assert "Ban Dân vận Thành ủy Uông Bí" in targets  # his own area
    assert "Ban Dân vận Tỉnh ủy Quảng Ninh" in targets  # above the petition's place
    assert "Ban Dân vận Huyện ủy Bình Liêu" not in targets  # neither
    assert p.organization.name not in targets  # it is there already
